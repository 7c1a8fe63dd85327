// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer attack suite - a guest does not load kernel modules
 *
 * init_module(2) and finit_module(2) from a guest's root, even with
 * CAP_SYS_MODULE, are refused (EPERM) before the kernel looks at the
 * image; the host gets as far as parsing it (ENOEXEC for garbage).
 */

#include <linux/capability.h>

#include "kselftest_harness.h"
#include "attack.h"

#define XID 2060
#define JUNK "/tmp/vs-attack-module.ko"

/* Longer than an ELF header, so the loader gets as far as the hooks. */
static const char junk[512] = "not an ELF module, just bytes";

static void init_module_refused(const void *arg)
{
	int expect = *(const int *)arg;

	CHECK(has_cap(CAP_SYS_MODULE));
	CHECK_ERRNO(syscall(SYS_init_module, junk, sizeof(junk), ""), expect);
}

static void finit_module_refused(const void *arg)
{
	int expect = *(const int *)arg;
	int fd = open(JUNK, O_RDONLY);

	CHECK(fd >= 0);
	CHECK(has_cap(CAP_SYS_MODULE));
	CHECK_ERRNO(syscall(SYS_finit_module, fd, "", 0), expect);
	close(fd);
}

TEST(a_guest_does_not_load_modules)
{
	int host = ENOEXEC, guest = EPERM;
	int fd = open(JUNK, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(junk), write(fd, junk, sizeof(junk)));
	close(fd);
	ASSERT_EQ(0, create_ctx(XID, 0));

	/* The host's root reaches the module loader, which rejects junk. */
	EXPECT_EQ(0, on_host(init_module_refused, &host));
	EXPECT_EQ(0, on_host(finit_module_refused, &host));
	/* The guest's root is stopped before it. */
	EXPECT_EQ(0, run_in(XID, 0, init_module_refused, &guest));
	EXPECT_EQ(0, run_in(XID, 0, finit_module_refused, &guest));

	end_ctx(XID);
	unlink(JUNK);
}

TEST_HARNESS_MAIN
