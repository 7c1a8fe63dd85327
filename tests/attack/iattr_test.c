// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - inode attributes are the host's
 *
 *   host  --set_iattr(fence, BARRIER)--> a directory guests cannot pass
 *   guest --set_iattr / fset_iattr(fence, ~BARRIER)--> EPERM, still set
 *   guest --set_iattr(its dir or file, BARRIER, IMMUTABLE...)--> EPERM
 *
 * The guest is root in a context in its setup phase, with every
 * capability (CAP_LINUX_IMMUTABLE too), so the vserver syscall is open to
 * it; only the host changes attributes.  The barrier lives in a security
 * xattr: /dev/vdb, the plain ext4 disk of scripts/run-qemu.sh, has them.
 */

#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mount.h>
#include <vserver/inode_cmd.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_GUEST 2040

#define DEV "/dev/vdb"
#define MNT "/mnt/vs-attack"
#define FENCE MNT "/fence"
#define PLAIN_DIR MNT "/dir"
#define PLAIN_FILE MNT "/file"

#define KEPT (IATTR_BARRIER | IATTR_IXUNLINK | IATTR_IMMUTABLE)

static long set_iattr(const char *path, uint32_t flags, uint32_t mask)
{
	struct vcmd_ctx_iattr_v1 vc = {
		.name = path,
		.flags = flags,
		.mask = mask,
	};

	return vs_call(VCMD_set_iattr, 0, &vc);
}

static long fset_iattr(int fd, uint32_t flags, uint32_t mask)
{
	struct vcmd_ctx_fiattr_v0 vc = { .flags = flags, .mask = mask };

	return vs_call(VCMD_fset_iattr, fd, &vc);
}

/* The attribute bits of @path among KEPT, or -1. */
static long iattr_of(const char *path)
{
	struct vcmd_ctx_iattr_v1 vc = { .name = path };

	if (vs_call(VCMD_get_iattr, 0, &vc))
		return -1;
	return vc.flags & KEPT;
}

/* Descriptors the guest brings along, opened on the host. */
struct fds {
	int fence;
	int dir;
	int file;
};

static void probe_clear_barrier(const void *arg)
{
	const struct fds *fds = arg;

	CHECK(has_cap(CAP_LINUX_IMMUTABLE));
	CHECK(set_iattr(FENCE, 0, IATTR_BARRIER) == -EPERM);
	CHECK(fset_iattr(fds->fence, 0, IATTR_BARRIER) == -EPERM);
}

static void probe_set_attributes(const void *arg)
{
	const struct fds *fds = arg;
	const uint32_t frozen = IATTR_IMMUTABLE | IATTR_IXUNLINK;

	CHECK(has_cap(CAP_LINUX_IMMUTABLE));
	CHECK(set_iattr(PLAIN_DIR, IATTR_BARRIER, IATTR_BARRIER) == -EPERM);
	CHECK(fset_iattr(fds->dir, IATTR_BARRIER, IATTR_BARRIER) == -EPERM);
	CHECK(set_iattr(PLAIN_FILE, frozen, frozen) == -EPERM);
	CHECK(fset_iattr(fds->file, frozen, frozen) == -EPERM);
}

FIXTURE(disk)
{
	struct fds fds;
};

FIXTURE_SETUP(disk)
{
	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	umount(MNT);
	ASSERT_EQ(0, mount(DEV, MNT, "ext4", 0, NULL))
	TH_LOG("mount %s: %s", DEV, strerror(errno));
	mkdir(FENCE, 0755);
	mkdir(PLAIN_DIR, 0755);
	ASSERT_EQ(0, close(open(PLAIN_FILE, O_WRONLY | O_CREAT, 0644)));
	self->fds.fence = open(FENCE, O_RDONLY | O_DIRECTORY);
	self->fds.dir = open(PLAIN_DIR, O_RDONLY | O_DIRECTORY);
	self->fds.file = open(PLAIN_FILE, O_RDONLY);
	ASSERT_LE(0, self->fds.fence);
	ASSERT_LE(0, self->fds.dir);
	ASSERT_LE(0, self->fds.file);
	ASSERT_EQ(0, create_ctx(XID_GUEST, 0));
}

FIXTURE_TEARDOWN(disk)
{
	end_ctx(XID_GUEST);
	close(self->fds.fence);
	close(self->fds.dir);
	close(self->fds.file);
	set_iattr(FENCE, 0, IATTR_BARRIER);
	set_iattr(PLAIN_DIR, 0, IATTR_BARRIER);
	set_iattr(PLAIN_FILE, 0, IATTR_IMMUTABLE | IATTR_IXUNLINK);
	rmdir(FENCE);
	rmdir(PLAIN_DIR);
	unlink(PLAIN_FILE);
	EXPECT_EQ(0, umount(MNT))
	TH_LOG("umount %s: %s", MNT, strerror(errno));
}

TEST_F(disk, a_guest_cannot_clear_the_hosts_barrier)
{
	EXPECT_EQ(0, set_iattr(FENCE, IATTR_BARRIER, IATTR_BARRIER));
	EXPECT_EQ(IATTR_BARRIER, iattr_of(FENCE));
	EXPECT_EQ(0, run_in(XID_GUEST, 0, probe_clear_barrier, &self->fds));
	EXPECT_EQ(IATTR_BARRIER, iattr_of(FENCE));
	/* The host clears it, by descriptor and by name. */
	EXPECT_EQ(0, fset_iattr(self->fds.fence, 0, IATTR_BARRIER));
	EXPECT_EQ(0, iattr_of(FENCE));
	EXPECT_EQ(0, set_iattr(FENCE, IATTR_BARRIER, IATTR_BARRIER));
	EXPECT_EQ(0, set_iattr(FENCE, 0, IATTR_BARRIER));
	EXPECT_EQ(0, iattr_of(FENCE));
}

TEST_F(disk, a_guest_cannot_set_attributes)
{
	const uint32_t frozen = IATTR_IMMUTABLE | IATTR_IXUNLINK;

	EXPECT_EQ(0, run_in(XID_GUEST, 0, probe_set_attributes, &self->fds));
	EXPECT_EQ(0, iattr_of(PLAIN_DIR));
	EXPECT_EQ(0, iattr_of(PLAIN_FILE));
	/* The host sets and clears the same, by name and by descriptor. */
	EXPECT_EQ(0, set_iattr(PLAIN_DIR, IATTR_BARRIER, IATTR_BARRIER));
	EXPECT_EQ(IATTR_BARRIER, iattr_of(PLAIN_DIR));
	EXPECT_EQ(0, fset_iattr(self->fds.dir, 0, IATTR_BARRIER));
	EXPECT_EQ(0, fset_iattr(self->fds.file, frozen, frozen));
	EXPECT_EQ(frozen, iattr_of(PLAIN_FILE));
	EXPECT_EQ(0, set_iattr(PLAIN_FILE, 0, frozen));
	EXPECT_EQ(0, iattr_of(PLAIN_FILE));
}

TEST_HARNESS_MAIN
