// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - disk limits
 *
 * /dev/vda (ext4, quota and project features) mounted with "tag": a
 * guest's files count against the limit of its tag, writes past it fail
 * with EDQUOT for the guest's root too while the host keeps writing, df
 * in the guest shows the limit, and limit and usage survive a remount.
 * Each test uses tags of its own, so that usage left by one does not
 * disturb another.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/dlimit_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

#define TAGGED_DEV "/dev/vda"
#define PLAIN_DEV "/dev/vdb"
#define MNT "/mnt/dlimit"
#define DIR MNT "/guests"
#define CHUNK (64 * 1024)

static long dlimit_base(uint32_t cmd, uint32_t tag, const char *path)
{
	struct vcmd_ctx_dlimit_base_v0 vc = { .name = path };

	return vs_call(cmd, tag, &vc);
}

static long get_dlimit(uint32_t tag, const char *path,
		       struct vcmd_ctx_dlimit_v0 *vc)
{
	memset(vc, 0, sizeof(*vc));
	vc->name = path;
	return vs_call(VCMD_get_dlimit, tag, vc);
}

/* Sets the totals and the reserve; the used values are kept. */
static long set_dlimit(uint32_t tag, uint32_t space_kib, uint32_t inodes,
		       uint32_t reserved)
{
	struct vcmd_ctx_dlimit_v0 vc = {
		.name = MNT,
		.space_used = CDLIM_KEEP,
		.space_total = space_kib,
		.inodes_used = CDLIM_KEEP,
		.inodes_total = inodes,
		.reserved = reserved,
	};

	return vs_call(VCMD_set_dlimit, tag, &vc);
}

static long add_and_set(uint32_t tag, uint32_t space_kib, uint32_t inodes,
			uint32_t reserved)
{
	long err = dlimit_base(VCMD_add_dlimit, tag, MNT);

	return err ? err : set_dlimit(tag, space_kib, inodes, reserved);
}

static int has_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return 0;
	return !!(data[cap / 32].effective & (1U << (cap % 32)));
}

/* Appends to @path until a write fails; returns its errno. */
static int fill(const char *path)
{
	static char buf[CHUNK];
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
	int err = 0;

	if (fd < 0)
		return errno;
	memset(buf, 'v', sizeof(buf));
	while (!err) {
		ssize_t n = write(fd, buf, sizeof(buf));

		if (n < 0)
			err = errno;
		else if (n < (ssize_t)sizeof(buf))
			err = ENOSPC; /* a short write: the next one fails */
	}
	if (fsync(fd) && !err)
		err = errno;
	close(fd);
	return err;
}

/* The guest's root, with CAP_SYS_RESOURCE, fills the file. */
static int fill_as_capable_root(const char *path)
{
	if (!has_cap(CAP_SYS_RESOURCE))
		return 100;
	return fill(path);
}

static int fill_as_user(const char *path)
{
	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 101;
	return fill(path);
}

/* Writes 1 MiB to @path. */
static int write_mib(const char *path)
{
	static char buf[CHUNK];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	int i, err = 0;

	if (fd < 0)
		return errno;
	for (i = 0; i < 16 && !err; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			err = errno ? errno : ENOSPC;
	if (!err && fsync(fd))
		err = errno;
	close(fd);
	return err;
}

/* Creates empty files @path.0, .1, ... until one fails; its errno. */
static int create_many(const char *path)
{
	char name[256];
	int i, fd;

	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "%s.%d", path, i);
		fd = open(name, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			return errno;
		close(fd);
	}
	return 0;
}

static int do_unlink(const char *path)
{
	return unlink(path) ? errno : 0;
}

static struct statfs *shared_statfs;

static int guest_statfs(const char *path)
{
	return statfs(path, shared_statfs) ? errno : 0;
}

static int guest_add(const char *path)
{
	return (int)-dlimit_base(VCMD_add_dlimit, 733, path);
}

static off_t size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

FIXTURE(dl)
{
	int unused;
};

FIXTURE_SETUP(dl)
{
	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	/* A failed assertion skips the teardown. */
	umount(MNT);
	ASSERT_EQ(0, mount(TAGGED_DEV, MNT, "ext4", 0, "tag"))
	TH_LOG("mount %s: %s", TAGGED_DEV, strerror(errno));
	mkdir(DIR, 0777);
	chmod(DIR, 0777);
}

FIXTURE_TEARDOWN(dl)
{
	EXPECT_EQ(0, umount(MNT))
	TH_LOG("umount %s: %s", MNT, strerror(errno));
}

TEST_F(dl, add_get_set_remove)
{
	struct vcmd_ctx_dlimit_v0 vc;

	EXPECT_EQ(-ESRCH, get_dlimit(720, MNT, &vc));
	EXPECT_EQ(-ESRCH, dlimit_base(VCMD_rem_dlimit, 720, MNT));
	EXPECT_EQ(-ESRCH, set_dlimit(720, 1024, 10, 0));
	ASSERT_EQ(0, dlimit_base(VCMD_add_dlimit, 720, MNT));
	EXPECT_EQ(-EEXIST, dlimit_base(VCMD_add_dlimit, 720, MNT));
	/* A fresh record is unlimited (vs2.3's zeros would stop the guest). */
	ASSERT_EQ(0, get_dlimit(720, MNT, &vc));
	EXPECT_EQ(CDLIM_INFINITY, vc.space_total);
	EXPECT_EQ(CDLIM_INFINITY, vc.inodes_total);
	EXPECT_EQ(0, vc.space_used);
	EXPECT_EQ(0, vc.inodes_used);
	EXPECT_EQ(0, vc.reserved);

	ASSERT_EQ(0, set_dlimit(720, 10240, 100, 5));
	ASSERT_EQ(0, get_dlimit(720, DIR, &vc));
	EXPECT_EQ(10240, vc.space_total);
	EXPECT_EQ(100, vc.inodes_total);
	EXPECT_EQ(5, vc.reserved);
	/* CDLIM_KEEP leaves a field alone. */
	ASSERT_EQ(0, set_dlimit(720, CDLIM_KEEP, 200, CDLIM_KEEP));
	ASSERT_EQ(0, get_dlimit(720, MNT, &vc));
	EXPECT_EQ(10240, vc.space_total);
	EXPECT_EQ(200, vc.inodes_total);
	EXPECT_EQ(5, vc.reserved);
	/* A total of 0 allows nothing, and reads back as 0. */
	ASSERT_EQ(0, set_dlimit(720, 0, CDLIM_INFINITY, 0));
	ASSERT_EQ(0, get_dlimit(720, MNT, &vc));
	EXPECT_EQ(0, vc.space_total);
	EXPECT_EQ(CDLIM_INFINITY, vc.inodes_total);
	/* Units: DLIMF_SHIFT with MiB for the total. */
	vc = (struct vcmd_ctx_dlimit_v0){
		.name = MNT,
		.space_used = CDLIM_KEEP,
		.space_total = 3,
		.inodes_used = CDLIM_KEEP,
		.inodes_total = CDLIM_KEEP,
		.reserved = CDLIM_KEEP,
		.flags = DLIMF_SHIFT | (DLIME_MEGA << DLIMS_TOTAL),
	};
	ASSERT_EQ(0, vs_call(VCMD_set_dlimit, 720, &vc));
	ASSERT_EQ(0, get_dlimit(720, MNT, &vc));
	EXPECT_EQ(3072, vc.space_total);

	ASSERT_EQ(0, dlimit_base(VCMD_rem_dlimit, 720, MNT));
	EXPECT_EQ(-ESRCH, get_dlimit(720, MNT, &vc));
}

TEST_F(dl, bad_values)
{
	struct vcmd_ctx_dlimit_v0 vc = {
		.name = MNT,
		.space_used = CDLIM_KEEP,
		.space_total = CDLIM_KEEP,
		.inodes_used = CDLIM_KEEP,
		.inodes_total = CDLIM_KEEP,
		.reserved = 101,
	};

	ASSERT_EQ(0, add_and_set(721, 1024, 10, 0));
	EXPECT_EQ(-EINVAL, vs_call(VCMD_set_dlimit, 721, &vc));
	vc.reserved = CDLIM_KEEP;
	vc.space_used = 2048;
	vc.space_total = 1024;
	EXPECT_EQ(-EINVAL, vs_call(VCMD_set_dlimit, 721, &vc));
	vc.space_used = CDLIM_KEEP;
	vc.space_total = CDLIM_KEEP;
	vc.inodes_used = 11;
	vc.inodes_total = 10;
	EXPECT_EQ(-EINVAL, vs_call(VCMD_set_dlimit, 721, &vc));
	/* The used values are checked, not stored: quota counts exactly. */
	vc.inodes_used = 5;
	EXPECT_EQ(0, vs_call(VCMD_set_dlimit, 721, &vc));
	ASSERT_EQ(0, get_dlimit(721, MNT, &vc));
	EXPECT_EQ(0, vc.inodes_used);
	EXPECT_EQ(1024, vc.space_total);
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 721, MNT));
}

TEST_F(dl, bad_paths_pointers_and_callers)
{
	struct vcmd_ctx_dlimit_v0 vc;

	EXPECT_EQ(-ENOENT, dlimit_base(VCMD_add_dlimit, 732, MNT "/nope"));
	EXPECT_EQ(-ENOENT, get_dlimit(732, "/nope/nope", &vc));
	EXPECT_EQ(-EFAULT, dlimit_base(VCMD_add_dlimit, 732, NULL));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_add_dlimit, 732, (void *)8));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_get_dlimit, 732, (void *)8));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_set_dlimit, 732, (void *)8));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_rem_dlimit, 732, NULL));
	/* Not a tagged filesystem: the initramfs, plain ext4. */
	EXPECT_EQ(-EINVAL, dlimit_base(VCMD_add_dlimit, 732, "/"));
	mkdir("/mnt/plain", 0755);
	ASSERT_EQ(0, mount(PLAIN_DEV, "/mnt/plain", "ext4", 0, NULL));
	EXPECT_EQ(-EINVAL, dlimit_base(VCMD_add_dlimit, 732, "/mnt/plain"));
	EXPECT_EQ(-EINVAL, get_dlimit(732, "/mnt/plain", &vc));
	EXPECT_EQ(0, umount("/mnt/plain"));
	/* Read-only: nothing can be changed. */
	ASSERT_EQ(0, mount(NULL, MNT, NULL, MS_REMOUNT | MS_RDONLY, "tag"));
	EXPECT_EQ(-EROFS, dlimit_base(VCMD_add_dlimit, 732, MNT));
	ASSERT_EQ(0, mount(NULL, MNT, NULL, MS_REMOUNT, "tag"));
	/* A guest changes no limit, not even with all capabilities. */
	ASSERT_EQ(0, vs_create_persistent_ctx(733));
	EXPECT_EQ(EPERM, vs_in_ctx(733, guest_add, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(733));
	EXPECT_EQ(-ESRCH, get_dlimit(733, MNT, &vc));
}

TEST_F(dl, the_guests_root_stops_at_the_space_limit)
{
	struct vcmd_ctx_dlimit_v0 vc;
	off_t size;

	ASSERT_EQ(0, vs_create_persistent_ctx(722));
	ASSERT_EQ(0, add_and_set(722, 2048, CDLIM_INFINITY, 0));
	/* With CAP_SYS_RESOURCE, which lifts a plain quota limit. */
	EXPECT_EQ(EDQUOT, vs_in_ctx(722, fill_as_capable_root, DIR "/g722"));
	size = size_of(DIR "/g722");
	EXPECT_LE(size, 2048 * 1024);
	EXPECT_GE(size, 2048 * 1024 - 4 * CHUNK);
	ASSERT_EQ(0, get_dlimit(722, MNT, &vc));
	EXPECT_LE(vc.space_used, 2048);
	EXPECT_GE(vc.space_used, 2048 - 4 * CHUNK / 1024);
	/* The host keeps writing, even into the guest's directory. */
	EXPECT_EQ(0, write_mib(DIR "/host722"));
	/* Freeing space gives it back. */
	EXPECT_EQ(0, vs_in_ctx(722, do_unlink, DIR "/g722"));
	EXPECT_EQ(0, vs_in_ctx(722, write_mib, DIR "/g722"));
	ASSERT_EQ(0, get_dlimit(722, MNT, &vc));
	EXPECT_GE(vc.space_used, 1024);
	EXPECT_LE(vc.space_used, 1024 + 8);
	unlink(DIR "/g722");
	unlink(DIR "/host722");
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 722, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(722));
}

TEST_F(dl, the_guest_stops_at_the_inode_limit)
{
	struct vcmd_ctx_dlimit_v0 vc;

	ASSERT_EQ(0, vs_create_persistent_ctx(723));
	ASSERT_EQ(0, add_and_set(723, CDLIM_INFINITY, 10, 0));
	EXPECT_EQ(EDQUOT, vs_in_ctx(723, create_many, DIR "/g723"));
	ASSERT_EQ(0, get_dlimit(723, MNT, &vc));
	EXPECT_EQ(10, vc.inodes_used);
	EXPECT_EQ(0, access(DIR "/g723.9", F_OK));
	EXPECT_EQ(-1, access(DIR "/g723.10", F_OK));
	/* The host is not limited by the guest's record. */
	EXPECT_EQ(0, create_many(DIR "/h723"));
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 723, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(723));
}

TEST_F(dl, reserved_space_is_for_the_guests_root)
{
	off_t user, root;

	ASSERT_EQ(0, vs_create_persistent_ctx(724));
	ASSERT_EQ(0, add_and_set(724, 4096, CDLIM_INFINITY, 50));
	EXPECT_EQ(EDQUOT, vs_in_ctx(724, fill_as_user, DIR "/user724"));
	user = size_of(DIR "/user724");
	EXPECT_LE(user, 2048 * 1024);
	EXPECT_GE(user, 2048 * 1024 - 4 * CHUNK);
	EXPECT_EQ(EDQUOT, vs_in_ctx(724, fill_as_capable_root, DIR "/root724"));
	root = size_of(DIR "/root724");
	EXPECT_GE(user + root, 4096 * 1024 - 4 * CHUNK);
	EXPECT_LE(user + root, 4096 * 1024);
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 724, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(724));
}

TEST_F(dl, df_in_the_guest_shows_its_limit)
{
	struct statfs host;
	struct statfs *g;

	shared_statfs = mmap(NULL, sizeof(*shared_statfs),
			     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			     -1, 0);
	ASSERT_NE(MAP_FAILED, shared_statfs);
	g = shared_statfs;
	ASSERT_EQ(0, vs_create_persistent_ctx(725));
	ASSERT_EQ(0, add_and_set(725, 8192, 50, 0));
	ASSERT_EQ(0, vs_in_ctx(725, write_mib, DIR "/g725"));

	ASSERT_EQ(0, vs_in_ctx(725, guest_statfs, DIR));
	EXPECT_EQ(8192 * 1024, g->f_blocks * g->f_bsize);
	EXPECT_EQ(7168 * 1024, g->f_bfree * g->f_bsize);
	EXPECT_EQ(7168 * 1024, g->f_bavail * g->f_bsize);
	EXPECT_EQ(50, g->f_files);
	EXPECT_EQ(49, g->f_ffree);
	/* The host sees the whole 128 MiB filesystem. */
	ASSERT_EQ(0, statfs(DIR, &host));
	EXPECT_GT(host.f_blocks * host.f_bsize, 100 * 1024 * 1024);
	EXPECT_GT(host.f_files, 1000);
	/* Unlimited: the guest sees the filesystem too. */
	ASSERT_EQ(0, set_dlimit(725, CDLIM_INFINITY, CDLIM_INFINITY, 0));
	ASSERT_EQ(0, vs_in_ctx(725, guest_statfs, DIR));
	EXPECT_EQ(host.f_blocks, g->f_blocks);
	EXPECT_EQ(host.f_files, g->f_files);
	unlink(DIR "/g725");
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 725, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(725));
	munmap(shared_statfs, sizeof(*shared_statfs));
}

TEST_F(dl, limit_and_usage_survive_a_remount)
{
	struct vcmd_ctx_dlimit_v0 before, after;

	ASSERT_EQ(0, vs_create_persistent_ctx(726));
	ASSERT_EQ(0, add_and_set(726, 3072, 20, 10));
	ASSERT_EQ(0, vs_in_ctx(726, write_mib, DIR "/g726"));
	ASSERT_EQ(0, get_dlimit(726, MNT, &before));
	ASSERT_EQ(0, umount(MNT));
	ASSERT_EQ(0, mount(TAGGED_DEV, MNT, "ext4", 0, "tag"));
	ASSERT_EQ(0, get_dlimit(726, MNT, &after));
	EXPECT_EQ(3072, after.space_total);
	EXPECT_EQ(20, after.inodes_total);
	EXPECT_EQ(10, after.reserved);
	EXPECT_EQ(before.space_used, after.space_used);
	EXPECT_EQ(before.inodes_used, after.inodes_used);
	EXPECT_GE(after.space_used, 1024);
	/* And it still binds. */
	EXPECT_EQ(EDQUOT, vs_in_ctx(726, fill_as_capable_root, DIR "/g726"));
	EXPECT_LE(size_of(DIR "/g726"), 3072 * 1024);
	unlink(DIR "/g726");
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 726, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(726));
}

/* Mounted without tag, limits are not enforced; the first set turns them on. */
TEST_F(dl, a_remount_to_tag_enforces_limits)
{
	ASSERT_EQ(0, umount(MNT));
	ASSERT_EQ(0, mount(TAGGED_DEV, MNT, "ext4", 0, "notag"));
	ASSERT_EQ(0, mount(NULL, MNT, NULL, MS_REMOUNT, "tag"));
	ASSERT_EQ(0, vs_create_persistent_ctx(727));
	ASSERT_EQ(0, add_and_set(727, 1024, CDLIM_INFINITY, 0));
	EXPECT_EQ(EDQUOT, vs_in_ctx(727, fill_as_capable_root, DIR "/g727"));
	EXPECT_LE(size_of(DIR "/g727"), 1024 * 1024);
	unlink(DIR "/g727");
	EXPECT_EQ(0, dlimit_base(VCMD_rem_dlimit, 727, MNT));
	EXPECT_EQ(0, vs_end_persistent_ctx(727));
}

TEST_HARNESS_MAIN
