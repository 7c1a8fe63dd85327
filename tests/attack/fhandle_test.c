// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - file handles and filesystem-wide
 * notification marks
 *
 *   host: name_to_handle_at(/tmp/vs-attack-fh/outside)
 *   a chroot into /tmp/vs-attack-fh/jail --open_by_handle_at--> outside
 *       on the host: it opens (the classic escape, what the call allows)
 *       in a guest:  EPERM, whatever its capabilities
 *   guest --name_to_handle_at--> works (it only names a file)
 *   guest --fanotify_mark(FILESYSTEM or MOUNT)--> EPERM; inode marks work
 *
 * All on /tmp (tmpfs, which encodes and decodes file handles) and on the
 * root (the initramfs tmpfs) for the marks.
 */

#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/fanotify.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_FH 2020
#define XID_FAN 2021

#define TOP "/tmp/vs-attack-fh"
#define OUTSIDE TOP "/outside"
#define JAIL TOP "/jail"
#define MARKER "marker"
#define FAN_DIR "/tmp/vs-attack-fan"

union handle {
	struct file_handle fh;
	char raw[sizeof(struct file_handle) + MAX_HANDLE_SZ];
};

static int name_handle(const char *path, union handle *h)
{
	int mount_id;

	h->fh.handle_bytes = MAX_HANDLE_SZ;
	return name_to_handle_at(AT_FDCWD, path, &h->fh, &mount_id, 0);
}

/* Chroots into the jail and opens its root, on the same filesystem. */
static int jail_mount_fd(void)
{
	union handle own;

	CHECK(chroot(JAIL) == 0);
	CHECK(chdir("/") == 0);
	/* Naming works inside the chroot. */
	CHECK(name_handle("/", &own) == 0);
	return open("/", O_RDONLY | O_DIRECTORY);
}

static void probe_escape_works(const void *outside)
{
	int mount_fd = jail_mount_fd();
	int fd;

	CHECK(mount_fd >= 0);
	fd = open_by_handle_at(mount_fd, (struct file_handle *)outside,
			       O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	/* Out of the chroot. */
	CHECK(faccessat(fd, MARKER, F_OK, 0) == 0);
}

static void probe_escape_refused(const void *outside)
{
	int mount_fd = jail_mount_fd();

	CHECK(has_cap(CAP_DAC_READ_SEARCH));
	CHECK(mount_fd >= 0);
	CHECK_ERRNO(open_by_handle_at(mount_fd, (struct file_handle *)outside,
				      O_RDONLY | O_DIRECTORY),
		    EPERM);
}

/* A handle the caller makes itself opens on the host only. */
static void probe_own_handle(const void *expect_errno)
{
	int err = *(const int *)expect_errno;
	int mount_fd = open(TOP, O_RDONLY | O_DIRECTORY);
	union handle h;
	int fd;

	CHECK(has_cap(CAP_DAC_READ_SEARCH));
	CHECK(mount_fd >= 0);
	CHECK(name_handle(OUTSIDE "/" MARKER, &h) == 0);
	errno = 0;
	fd = open_by_handle_at(mount_fd, &h.fh, O_RDONLY);
	CHECK(err ? fd == -1 && errno == err : fd >= 0);
}

FIXTURE(tree)
{
	union handle outside;
};

FIXTURE_SETUP(tree)
{
	mkdir(TOP, 0755);
	mkdir(OUTSIDE, 0755);
	mkdir(JAIL, 0755);
	ASSERT_EQ(0, close(open(OUTSIDE "/" MARKER, O_WRONLY | O_CREAT, 0644)));
	ASSERT_EQ(0, name_handle(OUTSIDE, &self->outside));
	ASSERT_EQ(0, create_ctx(XID_FH, 0));
}

FIXTURE_TEARDOWN(tree)
{
	end_ctx(XID_FH);
	unlink(OUTSIDE "/" MARKER);
	rmdir(OUTSIDE);
	rmdir(JAIL);
	rmdir(TOP);
}

TEST_F(tree, a_guest_does_not_open_by_handle_out_of_its_chroot)
{
	EXPECT_EQ(0, on_host(probe_escape_works, &self->outside));
	EXPECT_EQ(0, run_in(XID_FH, 0, probe_escape_refused, &self->outside));
}

TEST_F(tree, a_guest_names_files_but_does_not_open_handles)
{
	static const int works = 0, refused = EPERM;

	EXPECT_EQ(0, on_host(probe_own_handle, &works));
	EXPECT_EQ(0, run_in(XID_FH, 0, probe_own_handle, &refused));
}

/* Groups with and without file ids, and an event each kind accepts. */
static const struct {
	unsigned int init_flags;
	uint64_t inode_mask;
} groups[] = {
	{ FAN_CLASS_NOTIF | FAN_REPORT_FID, FAN_OPEN | FAN_CREATE },
	{ FAN_CLASS_NOTIF, FAN_OPEN },
};

/* Marks on the root's mount and filesystem: 0 or the errno expected. */
static void probe_marks(const void *expect_errno)
{
	int err = *(const int *)expect_errno;

	CHECK(has_cap(CAP_SYS_ADMIN));
	for (unsigned int i = 0; i < ARRAY_SIZE(groups); i++) {
		int fd = fanotify_init(groups[i].init_flags, O_RDONLY);
		unsigned int wide[] = { FAN_MARK_FILESYSTEM, FAN_MARK_MOUNT };

		CHECK(fd >= 0);
		for (unsigned int j = 0; j < ARRAY_SIZE(wide); j++) {
			int ret;

			errno = 0;
			ret = fanotify_mark(fd, FAN_MARK_ADD | wide[j],
					    FAN_OPEN, AT_FDCWD, "/");
			CHECK(err ? ret == -1 && errno == err : ret == 0);
		}
		/* A mark on one directory is anyone's. */
		CHECK(fanotify_mark(fd, FAN_MARK_ADD, groups[i].inode_mask,
				    AT_FDCWD, FAN_DIR) == 0);
		close(fd);
	}
}

TEST(a_guest_marks_inodes_not_filesystems)
{
	static const int works = 0, refused = EPERM;

	mkdir(FAN_DIR, 0755);
	ASSERT_EQ(0, create_ctx(XID_FAN, 0));
	EXPECT_EQ(0, on_host(probe_marks, &works));
	EXPECT_EQ(0, run_in(XID_FAN, 0, probe_marks, &refused));
	end_ctx(XID_FAN);
	rmdir(FAN_DIR);
}

TEST_HARNESS_MAIN
