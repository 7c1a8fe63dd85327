// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - saved namespaces ("spaces"), what a
 * context uses (virt_stat, /proc/virtual/<xid>/cvirt) and the helper's
 * startup and shutdown calls
 *
 * A guest's start saves its mount namespace, root and working directory;
 * the host enters them later and sees the guest's files, which it cannot
 * see from where it is.  Every error of the four space commands is
 * checked next to a call that succeeds on the same context.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/cvirt_cmd.h>
#include <vserver/signal_cmd.h>
#include <vserver/space_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

#define XID_SAVED 4301
#define XID_FRESH 4302
#define XID_OTHER 4303
#define XID_USAGE 4304
#define XID_HELPER 4305
#define XID_NOHELPER 4306
#define XID_HELPER_FAILS 4307

#define SPACE_DIR "/tmp/space-test"
#define DEFAULT_SPACES (CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC)

static long set_space(uint32_t xid, uint64_t mask, uint32_t index)
{
	struct vcmd_space_mask_v2 vc = { .mask = mask, .index = index };

	return vs_call(VCMD_set_space, xid, &vc);
}

static long enter_space(uint32_t xid, uint64_t mask, uint32_t index)
{
	struct vcmd_space_mask_v2 vc = { .mask = mask, .index = index };

	return vs_call(VCMD_enter_space, xid, &vc);
}

static void kill_ctx(uint32_t xid)
{
	struct vcmd_ctx_kill_v0 vc = { .pid = 0, .sig = SIGKILL };

	vs_call(VCMD_ctx_kill, xid, &vc);
}

/* Waits (up to 3 s) until context @xid is gone. */
static int wait_gone(uint32_t xid)
{
	struct vcmd_vx_info_v0 vc;
	int i;

	for (i = 0; i < 300; i++) {
		if (vs_call(VCMD_vx_info, xid, &vc) == -ESRCH)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* Runs fn(xid) in a child; its exit status, or -1. */
static int in_child(int (*fn)(uint32_t), uint32_t xid)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(xid));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * The guest's start, as "vserver NAME start" does it: its own mount
 * namespace with a tmpfs only it sees, a working directory there, a
 * context, and the spaces saved.  Then it waits to be killed.
 */
static pid_t start_guest(uint32_t xid)
{
	int fds[2];
	char ok = 0;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct vcmd_ctx_create vc = { .flagword = VXF_INIT_SET };
		int fd;

		close(fds[0]);
		if (unshare(CLONE_NEWNS) ||
		    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("tmpfs", SPACE_DIR, "tmpfs", 0, NULL) ||
		    mkdir(SPACE_DIR "/cwd", 0755) || chdir(SPACE_DIR "/cwd"))
			_exit(1);
		fd = open(SPACE_DIR "/marker", O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			_exit(2);
		close(fd);
		if (vs_call(VCMD_ctx_create, xid, &vc) != xid)
			_exit(3);
		if (set_space(-1, DEFAULT_SPACES, 0))
			_exit(4);
		ok = 1;
		if (write(fds[1], &ok, 1) != 1)
			_exit(5);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &ok, 1) != 1 || !ok) {
		close(fds[0]);
		return -1;
	}
	close(fds[0]);
	return pid;
}

static int sees_marker_after_enter(uint32_t xid)
{
	char cwd[256];
	struct stat st;

	if (enter_space(xid, 0, 0))
		return 10;
	if (stat("../marker", &st) || !getcwd(cwd, sizeof(cwd)))
		return 11;
	return strcmp(cwd, SPACE_DIR "/cwd") ? 12 : 0;
}

static int nodename_after_uts_enter(uint32_t xid)
{
	struct utsname u;

	if (enter_space(xid, CLONE_NEWUTS, 0) || uname(&u))
		return 10;
	return strcmp(u.nodename, "space-guest") ? 11 : 0;
}

static int enter_other_from_guest(uint32_t xid)
{
	struct vcmd_ctx_migrate vc = { 0 };

	if (vs_call(VCMD_ctx_migrate, XID_FRESH, &vc))
		return 10;
	return enter_space(xid, 0, 0) == -EPERM ? 0 : 11;
}

static int enter_fresh(uint32_t xid)
{
	return enter_space(xid, 0, 0) ? 10 : 0;
}

FIXTURE(saved)
{
	pid_t guest;
};

FIXTURE_SETUP(saved)
{
	mkdir(SPACE_DIR, 0755);
	self->guest = start_guest(XID_SAVED);
	ASSERT_LT(0, self->guest);
	ASSERT_EQ(0, vs_create_persistent_ctx(XID_FRESH));
}

FIXTURE_TEARDOWN(saved)
{
	kill_ctx(XID_SAVED);
	waitpid(self->guest, NULL, 0);
	vs_end_persistent_ctx(XID_FRESH);
	wait_gone(XID_SAVED);
	wait_gone(XID_FRESH);
}

TEST_F(saved, the_host_enters_a_guest_s_mounts_and_directory)
{
	struct stat st;

	/* Positive control: the guest's tmpfs is not the host's. */
	ASSERT_EQ(-1, stat(SPACE_DIR "/marker", &st));
	ASSERT_EQ(0, in_child(sees_marker_after_enter, XID_SAVED));
}

TEST_F(saved, the_saved_uts_is_the_one_vuname_writes)
{
	struct vcmd_vhi_name_v0 vc = { .field = VHIN_NODENAME };
	struct utsname host;

	strcpy(vc.name, "space-guest");
	ASSERT_EQ(0, vs_call(VCMD_set_vhi_name, XID_SAVED, &vc));
	ASSERT_EQ(0, in_child(nodename_after_uts_enter, XID_SAVED));
	ASSERT_EQ(0, uname(&host));
	ASSERT_STRNE("space-guest", host.nodename);
}

TEST_F(saved, status_shows_the_saved_masks)
{
	char path[64], line[128];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/virtual/%d/status", XID_SAVED);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		found |= !strcmp(line, "Spaces:\t0c020200 00000000\n");
	fclose(f);
	ASSERT_EQ(1, found);
}

TEST_F(saved, a_new_context_holds_its_uts_and_ipc)
{
	struct vcmd_space_mask_v1 mask = { 0 };

	ASSERT_EQ(0, in_child(enter_fresh, XID_FRESH));
	ASSERT_EQ(-EINVAL, enter_space(XID_FRESH, CLONE_NEWNS, 0));
	ASSERT_EQ(0, vs_call(VCMD_get_space_default, 0, &mask));
	ASSERT_EQ(DEFAULT_SPACES, mask.mask);
}

TEST_F(saved, errors_of_enter_space)
{
	struct vcmd_ctx_flags_v0 private = { .flagword = VXF_INFO_PRIVATE,
					     .mask = VXF_INFO_PRIVATE };

	/* Set 1 was never saved, set 2 does not exist. */
	EXPECT_EQ(-EINVAL, enter_space(XID_SAVED, 0, 1));
	EXPECT_EQ(-EINVAL, enter_space(XID_SAVED, 0, 2));
	/* A space set 0 lacks, next to ones it holds. */
	EXPECT_EQ(-EINVAL,
		  enter_space(XID_SAVED, CLONE_NEWNET | CLONE_NEWNS, 0));
	EXPECT_EQ(-ESRCH, enter_space(XID_OTHER, 0, 0));
	/* A guest enters nothing; the host enters the same context. */
	EXPECT_EQ(0, in_child(enter_other_from_guest, XID_SAVED));
	EXPECT_EQ(0, in_child(enter_fresh, XID_SAVED));
	/* A private context refuses. */
	ASSERT_EQ(0, vs_call(VCMD_set_cflags, XID_FRESH, &private));
	EXPECT_EQ(-EACCES, enter_space(XID_FRESH, 0, 0));
}

TEST_F(saved, errors_of_set_space)
{
	struct vcmd_space_mask_v1 v1 = { .mask = CLONE_NEWIPC };

	EXPECT_EQ(-EINVAL, set_space(XID_FRESH, CLONE_NEWUTS, 2));
	EXPECT_EQ(-EINVAL, set_space(XID_FRESH, CLONE_VM, 0));
	EXPECT_EQ(-EINVAL, set_space(XID_FRESH, 1ULL << 40, 1));
	EXPECT_EQ(-ESRCH, set_space(XID_OTHER, CLONE_NEWUTS, 0));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_set_space, XID_FRESH, (void *)8));
	/*
	 * The host's UTS namespace never becomes a context's (set 0): vuname
	 * would rename the host.  In set 1 it is only saved.
	 */
	EXPECT_EQ(-EINVAL, set_space(XID_FRESH, CLONE_NEWUTS, 0));
	EXPECT_EQ(-EINVAL, set_space(XID_FRESH, 0, 0));
	EXPECT_EQ(0, set_space(XID_FRESH, CLONE_NEWUTS, 1));
	/* The host saves its own net namespace in set 1, then enters it. */
	EXPECT_EQ(0, set_space(XID_FRESH, CLONE_NEWNET, 1));
	EXPECT_EQ(0, in_child(enter_fresh, XID_FRESH));
	EXPECT_EQ(0, vs_call(VCMD_set_space_v1, XID_FRESH, &v1));
	EXPECT_EQ(-EINVAL, enter_space(XID_FRESH, CLONE_NEWIPC, 1));
	EXPECT_EQ(0, enter_space(XID_FRESH, CLONE_NEWNET, 1));
}

/* Busy processes in @xid until it is killed. */
static void spin_in(uint32_t xid, int n)
{
	struct vcmd_ctx_migrate vc = { 0 };

	while (n--) {
		if (fork() == 0) {
			if (vs_call(VCMD_ctx_migrate, xid, &vc))
				_exit(1);
			for (;;)
				;
		}
	}
}

static unsigned long long cvirt_field(uint32_t xid, const char *name)
{
	char path[64], line[128];
	unsigned long long v = ~0ULL;
	size_t len = strlen(name);
	FILE *f;

	snprintf(path, sizeof(path), "/proc/virtual/%d/cvirt", xid);
	f = fopen(path, "r");
	if (!f)
		return v;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, len) && line[len] == ':')
			v = strtoull(line + len + 1, NULL, 10);
	fclose(f);
	return v;
}

TEST(virt_stat_and_cvirt_count_a_context_s_processes)
{
	struct vcmd_virt_stat_v0 vs;
	unsigned long long utime;
	struct timespec ts;

	ASSERT_EQ(0, vs_create_persistent_ctx(XID_USAGE));
	spin_in(XID_USAGE, 2);
	usleep(300000);
	ASSERT_EQ(0, vs_call(VCMD_virt_stat, XID_USAGE, &vs));
	EXPECT_EQ(2, vs.nr_threads);
	EXPECT_LT(0, vs.uptime);
	clock_gettime(CLOCK_BOOTTIME, &ts);
	EXPECT_GE((unsigned long long)ts.tv_sec * 1000000000ULL + ts.tv_nsec,
		  vs.offset + vs.uptime);
	EXPECT_EQ(2, cvirt_field(XID_USAGE, "nr_processes"));
	EXPECT_LT(0, cvirt_field(XID_USAGE, "vm_kb"));
	EXPECT_LT(0, cvirt_field(XID_USAGE, "rss_kb"));
	utime = cvirt_field(XID_USAGE, "utime_ns") +
		cvirt_field(XID_USAGE, "stime_ns");
	EXPECT_LT(200000000ULL, utime);
	EXPECT_EQ(-ESRCH, vs_call(VCMD_virt_stat, XID_OTHER, &vs));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_virt_stat, XID_USAGE, NULL));
	/* The time of exited processes stays with the context. */
	kill_ctx(XID_USAGE);
	while (waitpid(-1, NULL, 0) > 0)
		;
	EXPECT_EQ(0, cvirt_field(XID_USAGE, "nr_processes"));
	EXPECT_LE(utime, cvirt_field(XID_USAGE, "utime_ns") +
				 cvirt_field(XID_USAGE, "stime_ns"));
	vs_end_persistent_ctx(XID_USAGE);
}

#define HELPER_LOG "/tmp/vshelper-test.log"

static int write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, mode);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int log_has(const char *line)
{
	char buf[4096] = "";
	int fd = open(HELPER_LOG, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0)
		buf[n] = 0;
	return strstr(buf, line) != NULL;
}

/*
 * A context that lives as long as the child that created it; returns
 * what ctx_create returned in that child (the xid or -errno), or -1000.
 */
static long create_and_leave(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_create vc = { .flagword = VXF_INIT_SET | flags };
	long ret = -1000;
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		return ret;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		ret = vs_call(VCMD_ctx_create, xid, &vc);
		_exit(write(fds[1], &ret, sizeof(ret)) == sizeof(ret) ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &ret, sizeof(ret)) != sizeof(ret))
		ret = -1000;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return ret;
}

TEST(the_helper_hears_startup_and_shutdown)
{
	char old[256] = "", line[64];
	int fd = open("/proc/sys/kernel/vshelper", O_RDWR), i;
	ssize_t n;

	ASSERT_LE(0, fd);
	n = read(fd, old, sizeof(old) - 1);
	ASSERT_LT(0, n);
	old[n] = 0;
	close(fd);
	unlink(HELPER_LOG);
	ASSERT_EQ(0,
		  write_file("/tmp/vshelper-ok",
			     "#!/bin/sh\necho \"$1 $2 $VS_CMD\" >>" HELPER_LOG
			     "\n",
			     0755));
	ASSERT_EQ(0,
		  write_file("/tmp/vshelper-fails",
			     "#!/bin/sh\necho \"$1 $2 failing\" >>" HELPER_LOG
			     "\nexit 3\n",
			     0755));

	ASSERT_EQ(0, write_file("/proc/sys/kernel/vshelper", "/tmp/vshelper-ok",
				0));
	EXPECT_EQ(XID_HELPER, create_and_leave(XID_HELPER, VXF_SC_HELPER));
	snprintf(line, sizeof(line), "startup %d 00000001", XID_HELPER);
	EXPECT_TRUE(log_has(line));
	snprintf(line, sizeof(line), "shutdown %d 00000002", XID_HELPER);
	for (i = 0; i < 300 && !log_has(line); i++)
		usleep(10000);
	EXPECT_TRUE(log_has(line));
	/* Without VXF_SC_HELPER the helper hears nothing. */
	EXPECT_EQ(XID_NOHELPER, create_and_leave(XID_NOHELPER, 0));
	EXPECT_EQ(0, wait_gone(XID_NOHELPER));
	usleep(200000);
	snprintf(line, sizeof(line), " %d ", XID_NOHELPER);
	EXPECT_FALSE(log_has(line));

	/* A failing startup fails the creation and leaves no context. */
	ASSERT_EQ(0, write_file("/proc/sys/kernel/vshelper",
				"/tmp/vshelper-fails", 0));
	EXPECT_EQ(-ENOEXEC, create_and_leave(XID_HELPER_FAILS, VXF_SC_HELPER));
	snprintf(line, sizeof(line), "startup %d failing", XID_HELPER_FAILS);
	EXPECT_TRUE(log_has(line));
	EXPECT_EQ(0, wait_gone(XID_HELPER_FAILS));

	ASSERT_EQ(0, write_file("/proc/sys/kernel/vshelper", old, 0));
}

TEST_HARNESS_MAIN
