// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - tagged filesystems and inode attributes
 *
 * /dev/vda is ext4 with the quota and project features, /dev/vdb plain
 * ext4 (scripts/run-qemu.sh makes both).  Mounted with "tag", files a
 * guest creates carry its tag; a guest opens only its own and tag-0
 * files; a barrier directory stops the chroot escape; an immutable file
 * marked iunlink can be unlinked but not written.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/fs.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/inode_cmd.h>
#include <vserver/tag_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

#define TAGGED_DEV "/dev/vda"
#define PLAIN_DEV "/dev/vdb"
#define MNT "/mnt/tagged"

static long get_iattr(const char *path, struct vcmd_ctx_iattr_v1 *vc)
{
	memset(vc, 0, sizeof(*vc));
	vc->name = path;
	return vs_call(VCMD_get_iattr, 0, vc);
}

static long set_iattr(const char *path, uint32_t tag, uint32_t flags,
		      uint32_t mask)
{
	struct vcmd_ctx_iattr_v1 vc = {
		.name = path,
		.tag = tag,
		.flags = flags,
		.mask = mask,
	};

	return vs_call(VCMD_set_iattr, 0, &vc);
}

/* The tag of a file, or -1. */
static long tag_of(const char *path)
{
	struct vcmd_ctx_iattr_v1 vc;

	if (get_iattr(path, &vc) || !(vc.mask & IATTR_TAG))
		return -1;
	return vc.tag;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int create(const char *path)
{
	return write_file(path, "guest\n") ? errno : 0;
}

static int open_read(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int open_write(const char *path)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int do_unlink(const char *path)
{
	return unlink(path) ? errno : 0;
}

static int do_truncate(const char *path)
{
	return truncate(path, 0) ? errno : 0;
}

static int do_chmod(const char *path)
{
	return chmod(path, 0600) ? errno : 0;
}

static int retag_to_701(const char *path)
{
	return (int)-set_iattr(path, 701, 0, IATTR_TAG);
}

static int set_our_xattr(const char *path)
{
	uint32_t v = IATTR_BARRIER;

	return setxattr(path, "security.vserver", &v, sizeof(v), 0) ? errno : 0;
}

/*
 * The classic chroot escape from a guest rooted at @root: chroot into a
 * subdirectory, so that the working directory lies outside the root, then
 * climb.  Returns 0 if it reached the real root (the marker is visible),
 * else the errno that stopped it.
 */
static int chroot_escape(const char *root)
{
	int i;

	if (chroot(root) || chdir("/"))
		return errno;
	mkdir("/jail", 0755);
	if (chroot("/jail"))
		return errno;
	for (i = 0; i < 16; i++)
		if (chdir(".."))
			return errno;
	if (chroot("."))
		return errno;
	return access("/escape-marker", F_OK) ? ENOENT : 0;
}

FIXTURE(tagged)
{
	char path[256];
};

FIXTURE_SETUP(tagged)
{
	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	/* A failed assertion skips the teardown. */
	umount(MNT);
	ASSERT_EQ(0, mount(TAGGED_DEV, MNT, "ext4", 0, "tag"))
	TH_LOG("mount %s: %s", TAGGED_DEV, strerror(errno));
	ASSERT_EQ(0, vs_create_persistent_ctx(700));
	ASSERT_EQ(0, vs_create_persistent_ctx(701));
	mkdir(MNT "/shared", 0777);
	chmod(MNT "/shared", 0777);
}

FIXTURE_TEARDOWN(tagged)
{
	vs_end_persistent_ctx(700);
	vs_end_persistent_ctx(701);
	EXPECT_EQ(0, umount(MNT))
	TH_LOG("umount %s: %s", MNT, strerror(errno));
}

TEST_F(tagged, files_carry_their_creators_tag)
{
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/g700"));
	EXPECT_EQ(700, tag_of(MNT "/shared/g700"));
	ASSERT_EQ(0, write_file(MNT "/shared/host", "host\n"));
	EXPECT_EQ(0, tag_of(MNT "/shared/host"));
	/* The project id is the tag: what lsattr -p and repquota -P see. */
	ASSERT_EQ(0, vs_in_ctx(701, create, MNT "/shared/g701"));
	EXPECT_EQ(701, tag_of(MNT "/shared/g701"));
}

TEST_F(tagged, a_guest_opens_its_own_and_the_hosts_files_only)
{
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/mine"));
	ASSERT_EQ(0, write_file(MNT "/shared/common", "host\n"));
	EXPECT_EQ(0, vs_in_ctx(700, open_read, MNT "/shared/mine"));
	EXPECT_EQ(0, vs_in_ctx(700, open_read, MNT "/shared/common"));
	EXPECT_EQ(EACCES, vs_in_ctx(701, open_read, MNT "/shared/mine"));
	EXPECT_EQ(EACCES, vs_in_ctx(701, do_unlink, MNT "/shared/mine"));
	EXPECT_EQ(0, vs_in_ctx(701, open_read, MNT "/shared/common"));
	/* The host reads everything. */
	EXPECT_EQ(0, open_read(MNT "/shared/mine"));
}

TEST_F(tagged, set_iattr_changes_the_tag)
{
	ASSERT_EQ(0, write_file(MNT "/shared/retag", "x\n"));
	ASSERT_EQ(0, write_file(MNT "/shared/host-only", "x\n"));
	ASSERT_EQ(0, set_iattr(MNT "/shared/retag", 701, 0, IATTR_TAG));
	EXPECT_EQ(701, tag_of(MNT "/shared/retag"));
	EXPECT_EQ(EACCES, vs_in_ctx(700, open_read, MNT "/shared/retag"));
	EXPECT_EQ(0, vs_in_ctx(701, open_read, MNT "/shared/retag"));
	/* Only the host moves files between tags. */
	EXPECT_EQ(EPERM, vs_in_ctx(701, retag_to_701, MNT "/shared/host-only"));
}

TEST_F(tagged, the_tag_survives_a_remount)
{
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/kept"));
	ASSERT_EQ(0, umount(MNT));
	ASSERT_EQ(0, mount(TAGGED_DEV, MNT, "ext4", 0, "tagxid"));
	EXPECT_EQ(700, tag_of(MNT "/shared/kept"));
}

TEST_F(tagged, notag_stops_tagging_and_checking)
{
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/before"));
	ASSERT_EQ(0, mount(NULL, MNT, NULL, MS_REMOUNT, "notag"));
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/after"));
	/* Untagged: no tag to read, none given, none checked. */
	EXPECT_EQ(-1, tag_of(MNT "/shared/after"));
	EXPECT_EQ(0, vs_in_ctx(701, open_read, MNT "/shared/before"));
	EXPECT_EQ(-EINVAL, set_iattr(MNT "/shared/after", 700, 0, IATTR_TAG));
	ASSERT_EQ(0, mount(NULL, MNT, NULL, MS_REMOUNT, "tag"));
	EXPECT_EQ(0, tag_of(MNT "/shared/after"));
}

TEST_F(tagged, iunlink_files_are_unlinked_not_written)
{
	const uint32_t both = IATTR_IMMUTABLE | IATTR_IXUNLINK;
	struct vcmd_ctx_iattr_v1 vc;

	ASSERT_EQ(0, write_file(MNT "/shared/unified", "same\n"));
	ASSERT_EQ(0, write_file(MNT "/shared/frozen", "same\n"));
	ASSERT_EQ(0, set_iattr(MNT "/shared/unified", 0, both, both));
	ASSERT_EQ(0, set_iattr(MNT "/shared/frozen", 0, IATTR_IMMUTABLE,
			       IATTR_IMMUTABLE));
	ASSERT_EQ(0, get_iattr(MNT "/shared/unified", &vc));
	EXPECT_EQ(both, vc.flags & both);
	EXPECT_EQ(EPERM, vs_in_ctx(700, open_write, MNT "/shared/unified"));
	EXPECT_EQ(EPERM, vs_in_ctx(700, do_truncate, MNT "/shared/unified"));
	EXPECT_EQ(EPERM, vs_in_ctx(700, do_chmod, MNT "/shared/unified"));
	EXPECT_EQ(EPERM, vs_in_ctx(700, do_unlink, MNT "/shared/frozen"));
	EXPECT_EQ(0, vs_in_ctx(700, do_unlink, MNT "/shared/unified"));
	ASSERT_EQ(0, set_iattr(MNT "/shared/frozen", 0, 0, IATTR_IMMUTABLE));
	EXPECT_EQ(0, unlink(MNT "/shared/frozen"));
}

TEST_F(tagged, attributes_live_in_an_xattr_only_the_host_writes)
{
	uint32_t v = 0;

	ASSERT_EQ(0, mkdir(MNT "/shared/fence", 0755));
	ASSERT_EQ(0, set_iattr(MNT "/shared/fence", 0, IATTR_BARRIER,
			       IATTR_BARRIER));
	ASSERT_EQ(sizeof(v), getxattr(MNT "/shared/fence", "security.vserver",
				      &v, sizeof(v)));
	EXPECT_EQ(IATTR_BARRIER, v);
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/mine2"));
	EXPECT_EQ(EPERM, vs_in_ctx(700, set_our_xattr, MNT "/shared/mine2"));
	/* Cleared: the xattr goes. */
	ASSERT_EQ(0, set_iattr(MNT "/shared/fence", 0, 0, IATTR_BARRIER));
	EXPECT_EQ(-1, getxattr(MNT "/shared/fence", "security.vserver", &v,
			       sizeof(v)));
	EXPECT_EQ(ENODATA, errno);
	/* Written by the host (cp -a, tar --xattrs), it takes effect. */
	v = IATTR_BARRIER;
	ASSERT_EQ(0, setxattr(MNT "/shared/fence", "security.vserver", &v,
			      sizeof(v), 0));
	EXPECT_EQ(EACCES, vs_in_ctx(700, open_read, MNT "/shared/fence"));
}

TEST_F(tagged, a_barrier_stops_the_chroot_escape)
{
	ASSERT_EQ(0, write_file("/escape-marker", "host root\n"));
	ASSERT_EQ(0, mkdir(MNT "/vservers", 0755));
	ASSERT_EQ(0, mkdir(MNT "/vservers/g700", 0755));
	/* Without a barrier the escape works: that is what it is for. */
	EXPECT_EQ(0, vs_in_ctx(700, chroot_escape, MNT "/vservers/g700"));
	ASSERT_EQ(0,
		  set_iattr(MNT "/vservers", 0, IATTR_BARRIER, IATTR_BARRIER));
	EXPECT_EQ(EACCES, vs_in_ctx(700, chroot_escape, MNT "/vservers/g700"));
	/* The host and the guest's own tree are unaffected. */
	EXPECT_EQ(0, access(MNT "/vservers/g700", F_OK));
	unlink("/escape-marker");
}

static int set_projid_zero(const char *path)
{
	struct fsxattr fsx;
	int fd = open(path, O_RDONLY);
	int err = 0;

	if (fd < 0)
		return errno;
	if (ioctl(fd, FS_IOC_FSGETXATTR, &fsx))
		err = errno;
	fsx.fsx_projid = 0;
	if (!err && ioctl(fd, FS_IOC_FSSETXATTR, &fsx))
		err = errno;
	close(fd);
	return err;
}

static int migrate_tag_to_zero(const char *unused)
{
	return (int)-vs_call(VCMD_tag_migrate, 0, NULL);
}

/* A guest cannot move its files, or itself, out of its tag. */
TEST_F(tagged, a_guest_keeps_its_tag)
{
	ASSERT_EQ(0, vs_in_ctx(700, create, MNT "/shared/mine"));
	EXPECT_EQ(EPERM, vs_in_ctx(700, set_projid_zero, MNT "/shared/mine"));
	EXPECT_EQ(700, tag_of(MNT "/shared/mine"));
	EXPECT_EQ(EPERM, vs_in_ctx(700, migrate_tag_to_zero, NULL));
	/* The host may (chattr -p, as repquota's admin would). */
	EXPECT_EQ(0, set_projid_zero(MNT "/shared/mine"));
	EXPECT_EQ(0, tag_of(MNT "/shared/mine"));
}

TEST(tag_needs_the_project_feature)
{
	mkdir("/mnt", 0755);
	mkdir("/mnt/plain", 0755);
	EXPECT_EQ(-1, mount(PLAIN_DEV, "/mnt/plain", "ext4", 0, "tag"));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, mount(PLAIN_DEV, "/mnt/plain", "ext4", 0, NULL));
	EXPECT_EQ(-EINVAL, set_iattr("/mnt/plain", 700, 0, IATTR_TAG));
	umount("/mnt/plain");
}

TEST(iattr_bad_input)
{
	struct vcmd_ctx_iattr_v1 vc = { .name = "/no/such/path" };

	EXPECT_EQ(-ENOENT, vs_call(VCMD_get_iattr, 0, &vc));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_get_iattr, 0, NULL));
	vc.name = (const char *)8;
	EXPECT_EQ(-EFAULT, vs_call(VCMD_get_iattr, 0, &vc));
	EXPECT_EQ(-EBADF, vs_call(VCMD_fget_iattr, 9999, &vc));
	EXPECT_EQ(-EINVAL, set_iattr("/tmp", 0, IATTR_HIDE, IATTR_HIDE));
	/* Without CAP_LINUX_IMMUTABLE. */
	ASSERT_EQ(0, vs_drop_effective_cap(CAP_LINUX_IMMUTABLE));
	EXPECT_EQ(-EPERM, set_iattr("/tmp", 0, 0, IATTR_BARRIER));
}

TEST_HARNESS_MAIN
