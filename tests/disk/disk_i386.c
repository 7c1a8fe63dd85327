// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - disk limit and inode attribute
 * commands from 32-bit code
 *
 * Built with -m32: the name pointer is 4 bytes, so vcmd_ctx_dlimit_v0 is
 * 28 bytes and vcmd_ctx_iattr_v1 16, and the kernel must read and write
 * those layouts through the i386 slot 273.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vserver/dlimit_cmd.h>
#include <vserver/inode_cmd.h>

#include "../lib/vs_common.h"
#include "kselftest_harness.h"

_Static_assert(sizeof(void *) == 4, "build this test with -m32");
_Static_assert(sizeof(struct vcmd_ctx_dlimit_v0) == 28, "the i386 layout");
_Static_assert(sizeof(struct vcmd_ctx_iattr_v1) == 16, "the i386 layout");

#define MNT "/mnt/disk32"
#define TAG 740

/* A guard word after each struct: the kernel must not write past it. */
struct dlimit_guarded {
	struct vcmd_ctx_dlimit_v0 vc;
	uint32_t guard;
};

TEST(dlimit_and_iattr_use_the_i386_layouts)
{
	struct vcmd_ctx_dlimit_base_v0 base = { .name = MNT };
	struct dlimit_guarded set = {
		{ MNT, CDLIM_KEEP, 2048, CDLIM_KEEP, 30, 5, 0 }, 0xdeadbeef
	};
	struct dlimit_guarded get = { { MNT }, 0xdeadbeef };
	struct {
		struct vcmd_ctx_iattr_v1 vc;
		uint32_t guard;
	} ia = { { MNT "/file" }, 0xdeadbeef };
	int fd;

	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	ASSERT_EQ(0, mount("/dev/vda", MNT, "ext4", 0, "tag"));
	fd = open(MNT "/file", O_WRONLY | O_CREAT, 0644);
	ASSERT_LE(0, fd);
	close(fd);

	vs_call(VCMD_rem_dlimit, TAG, &base);
	ASSERT_EQ(0, vs_call(VCMD_add_dlimit, TAG, &base));
	ASSERT_EQ(0, vs_call(VCMD_set_dlimit, TAG, &set));
	ASSERT_EQ(0, vs_call(VCMD_get_dlimit, TAG, &get));
	EXPECT_EQ(2048, get.vc.space_total);
	EXPECT_EQ(30, get.vc.inodes_total);
	EXPECT_EQ(5, get.vc.reserved);
	EXPECT_EQ(0, get.vc.flags);
	EXPECT_EQ((uintptr_t)MNT, (uintptr_t)get.vc.name);
	EXPECT_EQ(0xdeadbeef, get.guard);
	EXPECT_EQ(-EINVAL, vs_call(VCMD_set_dlimit, TAG,
				   &(struct vcmd_ctx_dlimit_v0){
					   MNT, CDLIM_KEEP, CDLIM_KEEP,
					   CDLIM_KEEP, CDLIM_KEEP, 101, 0 }));
	EXPECT_EQ(0, vs_call(VCMD_rem_dlimit, TAG, &base));

	ia.vc.tag = TAG;
	ia.vc.mask = IATTR_TAG;
	ASSERT_EQ(0, vs_call(VCMD_set_iattr, 0, &ia.vc));
	memset(&ia.vc.tag, 0, 12);
	ASSERT_EQ(0, vs_call(VCMD_get_iattr, 0, &ia.vc));
	EXPECT_EQ(TAG, ia.vc.tag);
	EXPECT_TRUE(ia.vc.mask & IATTR_TAG);
	EXPECT_EQ(0xdeadbeef, ia.guard);
	unlink(MNT "/file");
	EXPECT_EQ(0, umount(MNT));
}

TEST_HARNESS_MAIN
