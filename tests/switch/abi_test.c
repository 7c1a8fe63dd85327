// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - the syscall switch ABI
 *
 * Exact answers of sys_vserver() and /proc/virtual on a booted kernel:
 * version, VCI, unknown commands, privilege errors and the proc formats.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../lib/vs_common.h"
#include "kselftest_harness.h"

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t len;

	if (fd < 0)
		return -errno;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len < 0)
		return -errno;
	buf[len] = '\0';
	return len;
}

TEST(get_version_ignores_id)
{
	/* util-vserver probes with id 63; the id must not matter. */
	EXPECT_EQ(0x00020308, vs_call(VCMD_get_version, 0, NULL));
	EXPECT_EQ(0x00020308, vs_call(VCMD_get_version, 63, NULL));
	EXPECT_EQ(0x00020308, vs_call(VCMD_get_version, 0xffffffff, NULL));
}

TEST(get_vci_reports_real_config)
{
	long vci = vs_call(VCMD_get_vci, 0, NULL);

	ASSERT_LE(0, vci);
	/* Ids are static: no dynamic context ids. */
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_NO_DYNAMIC));
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_NETV2));
	/* Tags in a field of their own (the project id), apart from xids. */
	EXPECT_EQ(VCI_TAGGED_INTERN << VCI_KCBIT_TAGGED, vci & VCI_TAGGED_MASK);
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_PPTAG));
	/* Saved namespace sets: util-vserver's vspace needs them. */
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_SPACES));
	/* Features that do not exist yet must not be claimed. */
	EXPECT_EQ(0, vci & (1L << VCI_KCBIT_MORE));
}

TEST(unknown_commands_enosys)
{
	static const uint32_t unknown[] = {
		VC_CMD(VC_CAT_VERSION, 2, 0),
		VC_CMD(VC_CAT_VERSION, 0, 1),
		VC_CMD(VC_CAT_COMPAT, 1, 1), /* legacy new_s_context */
		VC_CMD(VC_CAT_SCHED, 3,
		       0), /* sched_info: vserver-stat loops on it */
		0xdeadbeef,
		0xffffffff,
	};
	size_t i;

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		TH_LOG("cmd %#x", unknown[i]);
		EXPECT_EQ(-ENOSYS, vs_call(unknown[i], 0, NULL));
	}
}

TEST(bad_pointers_are_harmless_for_dataless_commands)
{
	EXPECT_EQ(0x00020308, vs_call(VCMD_get_version, 0, (void *)1));
	EXPECT_EQ(0x00020308,
		  vs_call(VCMD_get_version, 0, (void *)0xffffffff81000000UL));
}

/* The syscall pretends not to exist without CAP_SYS_ADMIN (CAP_CONTEXT). */
TEST(unprivileged_uid_gets_enosys)
{
	pid_t child = fork();
	int status;

	ASSERT_LE(0, child);
	if (child == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		if (vs_call(VCMD_get_version, 0, NULL) != -ENOSYS)
			_exit(3);
		if (vs_call(VCMD_get_vci, 0, NULL) != -ENOSYS)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST(root_without_cap_sys_admin_gets_enosys)
{
	pid_t child = fork();
	int status;

	ASSERT_LE(0, child);
	if (child == 0) {
		if (vs_drop_effective_cap(CAP_SYS_ADMIN))
			_exit(2);
		_exit(vs_call(VCMD_get_version, 0, NULL) == -ENOSYS ? 0 : 3);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST(proc_virtual_info_exact)
{
	char got[256], want[256];
	long vci = vs_call(VCMD_get_vci, 0, NULL);

	ASSERT_LE(0, vci);
	snprintf(
		want, sizeof(want),
		"VCIVersion:\t0002:0308\nVCISyscall:\t236\nVCIKernel:\t%08lx\n",
		vci);
	ASSERT_LT(0, read_file("/proc/virtual/info", got, sizeof(got)));
	EXPECT_STREQ(want, got);
}

TEST(proc_virtual_status_format)
{
	char got[512];
	int ctotal, cactive, ns[7], init_usage, init_ns, init_fs;
	int n;

	ASSERT_LT(0, read_file("/proc/virtual/status", got, sizeof(got)));
	n = sscanf(got,
		   "#CTotal:\t%d\n#CActive:\t%d\n"
		   "#NSProxy:\t%d\t%d %d %d %d %d %d\n"
		   "#InitTask:\t%d\t%d %d\n",
		   &ctotal, &cactive, &ns[0], &ns[1], &ns[2], &ns[3], &ns[4],
		   &ns[5], &ns[6], &init_usage, &init_ns, &init_fs);
	EXPECT_EQ(12, n);
	/* Every active context is also counted in the total. */
	EXPECT_LE(0, cactive);
	EXPECT_LE(cactive, ctotal);
	EXPECT_LT(0, init_usage);
	EXPECT_LT(0, init_ns);
	/* Exactly four lines, each ending in a newline. */
	n = 0;
	for (char *p = got; *p; p++)
		n += *p == '\n';
	EXPECT_EQ(4, n);
	EXPECT_EQ('\n', got[strlen(got) - 1]);
}

TEST(proc_virtual_modes)
{
	struct stat st;

	ASSERT_EQ(0, stat("/proc/virtual", &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(0555, st.st_mode & 07777);
	ASSERT_EQ(0, stat("/proc/virtual/info", &st));
	EXPECT_EQ(0444, st.st_mode & 07777);
	ASSERT_EQ(0, stat("/proc/virtual/status", &st));
	EXPECT_EQ(0444, st.st_mode & 07777);
	/* Read-only for root too: root may open, but nothing is written. */
	for (int i = 0; i < 2; i++) {
		int fd = open(i ? "/proc/virtual/status" : "/proc/virtual/info",
			      O_WRONLY);

		if (fd < 0)
			continue;
		EXPECT_EQ(-1, write(fd, "x\n", 2));
		close(fd);
	}
}

TEST_HARNESS_MAIN
