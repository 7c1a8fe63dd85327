// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - security context lifecycle and flags
 *
 *   host (xid 0) --ctx_create(X)--> child in X --exit--> X vanishes
 *                                   unless X is PERSISTENT
 *   host --ctx_migrate(X)--> child in X (needs STATE_ADMIN, not PRIVATE)
 *
 * Each test uses its own xid, so a failure does not spill into the next.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>

#include "../lib/vs_common.h"
#include "kselftest_harness.h"

static long create(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_create vc = { .flagword = flags };

	return vs_call(VCMD_ctx_create, xid, &vc);
}

static long migrate(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_migrate vc = { .flagword = flags };

	return vs_call(VCMD_ctx_migrate, xid, &vc);
}

static long set_cflags(uint32_t xid, uint64_t flags, uint64_t mask)
{
	struct vcmd_ctx_flags_v0 vc = { .flagword = flags, .mask = mask };

	return vs_call(VCMD_set_cflags, xid, &vc);
}

static long get_cflags(uint32_t xid, struct vcmd_ctx_flags_v0 *vc)
{
	return vs_call(VCMD_get_cflags, xid, vc);
}

static long exists(uint32_t xid)
{
	struct vcmd_vx_info_v0 vc;

	return vs_call(VCMD_vx_info, xid, &vc);
}

/* The unhashing runs from a workqueue: give it a moment. */
/*
 * Waits until xid is unknown to the syscall and its /proc directory is
 * gone: the directory goes a moment later, from the unhashing work.
 */
static int wait_gone(uint32_t xid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/virtual/%u", xid);
	for (int i = 0; i < 200; i++) {
		if (exists(xid) == -ESRCH && stat(path, &st))
			return 0;
		usleep(10000);
	}
	return -1;
}

/* Runs fn in a forked child; returns its exit status (or 255 on a crash). */
static int in_child(int (*fn)(uint32_t), uint32_t xid)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(fn(xid));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 255;
	return WEXITSTATUS(status);
}

static int child_create_and_check(uint32_t xid)
{
	char path[64], buf[256];
	struct vcmd_vx_info_v0 info;
	struct vcmd_ctx_stat_v0 stat;
	int fd;
	ssize_t len;

	if (create(xid, VXF_INIT_SET) != xid)
		return 1;
	if (vs_call(VCMD_task_xid, 0, NULL) != xid)
		return 2;
	if (vs_call(VCMD_vx_info, xid, &info) || info.xid != xid)
		return 3;
	if (vs_call(VCMD_ctx_stat, xid, &stat) || stat.tasks != 1)
		return 4;
	snprintf(path, sizeof(path), "/proc/virtual/%u/info", xid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 5;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 6;
	buf[len] = '\0';
	snprintf(path, sizeof(path), "ID:\t%u\nInfo:\t", xid);
	if (strncmp(buf, path, strlen(path)))
		return 7;
	return 0;
}

TEST(create_run_and_vanish)
{
	const uint32_t xid = 100;
	char path[64];
	struct stat st;

	ASSERT_EQ(0, in_child(child_create_and_check, xid));
	/* Its last task is gone: the context and its /proc entry go. */
	EXPECT_EQ(0, wait_gone(xid));
	snprintf(path, sizeof(path), "/proc/virtual/%u", xid);
	EXPECT_EQ(-1, stat(path, &st));
	/* The id is free again. */
	ASSERT_EQ(0, in_child(child_create_and_check, xid));
}

TEST(invalid_ids)
{
	static const uint32_t bad[] = { 0, 1, 65536, 0x7fffffff, 0xffffffff };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("xid %u", bad[i]);
		EXPECT_EQ(-EINVAL, create(bad[i], VXF_INIT_SET));
	}
	/* Still on the host. */
	EXPECT_EQ(0, vs_call(VCMD_task_xid, 0, NULL));
}

static int child_create_persistent(uint32_t xid)
{
	return create(xid, VXF_INIT_SET | VXF_PERSISTENT) == xid ? 0 : 1;
}

TEST(persistent_outlives_its_tasks)
{
	const uint32_t xid = 101;
	struct vcmd_ctx_stat_v0 stat;

	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	usleep(50000);
	ASSERT_EQ(0, vs_call(VCMD_ctx_stat, xid, &stat));
	EXPECT_EQ(1, stat.tasks);
	/* Clearing PERSISTENT ends a context without tasks. */
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_PERSISTENT));
	EXPECT_EQ(0, wait_gone(xid));
}

TEST(create_existing)
{
	const uint32_t xid = 102;

	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	/* In its setup phase an existing context is busy... */
	EXPECT_EQ(-EBUSY, create(xid, VXF_INIT_SET));
	/* ...afterwards it simply exists. */
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_STATE_SETUP));
	EXPECT_EQ(-EEXIST, create(xid, VXF_INIT_SET));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_PERSISTENT));
	EXPECT_EQ(0, wait_gone(xid));
}

static int child_migrate(uint32_t xid)
{
	if (migrate(xid, 0))
		return 1;
	return vs_call(VCMD_task_xid, 0, NULL) == xid ? 0 : 2;
}

/* A task that stays in the context until the returned pipe is closed. */
static int park_in(uint32_t xid, pid_t *pid)
{
	int fds[2];
	char c;

	if (pipe(fds))
		return -1;
	*pid = fork();
	if (*pid == 0) {
		close(fds[1]);
		if (migrate(xid, 0))
			_exit(1);
		read(fds[0], &c, 1);
		_exit(0);
	}
	close(fds[0]);
	return fds[1];
}

static void unpark(int fd, pid_t pid)
{
	close(fd);
	waitpid(pid, NULL, 0);
}

TEST(migrate_rules)
{
	const uint32_t xid = 103;
	struct vcmd_ctx_stat_v0 stat;
	pid_t parked;
	int fd;

	EXPECT_EQ(-ESRCH, migrate(104, 0));
	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	EXPECT_EQ(0, in_child(child_migrate, xid));

	/* A private context cannot be entered once its setup is over. */
	EXPECT_EQ(0, set_cflags(xid, VXF_INFO_PRIVATE, VXF_INFO_PRIVATE));
	EXPECT_EQ(0, in_child(child_migrate, xid));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_STATE_SETUP));
	EXPECT_EQ(1, in_child(child_migrate, xid));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_INFO_PRIVATE));

	/* Without STATE_ADMIN the host may not administrate it. */
	fd = park_in(xid, &parked);
	ASSERT_LE(0, fd);
	usleep(100000);
	ASSERT_EQ(0, vs_call(VCMD_ctx_stat, xid, &stat));
	EXPECT_EQ(2, stat.tasks);
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_STATE_ADMIN | VXF_PERSISTENT));
	EXPECT_EQ(1, in_child(child_migrate, xid));
	EXPECT_EQ(-EACCES, set_cflags(xid, 0, VXF_INFO_PRIVATE));
	/* Its last task leaves: it ends. */
	unpark(fd, parked);
	EXPECT_EQ(0, wait_gone(xid));
}

TEST(one_time_flags)
{
	const uint32_t xid = 105;
	struct vcmd_ctx_flags_v0 vc;

	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	ASSERT_EQ(0, get_cflags(xid, &vc));
	EXPECT_EQ(VXF_INIT_SET | VXF_PERSISTENT, vc.flagword);
	EXPECT_EQ(~0ULL, vc.mask);

	EXPECT_EQ(0, set_cflags(xid, 0, VXF_STATE_SETUP));
	EXPECT_EQ(0, set_cflags(xid, VXF_STATE_SETUP | VXF_VIRT_UPTIME,
				VXF_STATE_SETUP | VXF_VIRT_UPTIME));
	ASSERT_EQ(0, get_cflags(xid, &vc));
	/* The cleared one-time bit stays cleared; ordinary bits follow. */
	EXPECT_EQ(0, vc.flagword & VXF_STATE_SETUP);
	EXPECT_EQ(VXF_VIRT_UPTIME, vc.flagword & VXF_VIRT_UPTIME);
	EXPECT_EQ(~VXF_STATE_SETUP, vc.mask);

	EXPECT_EQ(0, set_cflags(xid, 0, VXF_PERSISTENT));
	EXPECT_EQ(0, wait_gone(xid));
}

/* Bit `cap` of the effective set, from capget. */
static int has_effective(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	return !!(data[cap / 32].effective & (1U << (cap % 32)));
}

/* What a task bounded without SYS_TIME, NET_RAW and CONTEXT can't do. */
static int check_denied(void)
{
	struct timeval tv;

	if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) >= 0 || errno != EPERM)
		return 10;
	gettimeofday(&tv, NULL);
	if (settimeofday(&tv, NULL) == 0 || errno != EPERM)
		return 11;
	/* Without CAP_CONTEXT in the bounding set the syscall hides. */
	if (vs_call(VCMD_get_version, 0, NULL) != -ENOSYS)
		return 12;
	return 0;
}

static int child_bounded_in_setup(uint32_t xid)
{
	struct timeval tv;

	if (migrate(xid, 0))
		return 1;
	/* Entering narrows the creds, in the setup phase too... */
	if (has_effective(CAP_SYS_TIME) != 0 || has_effective(CAP_NET_RAW) != 0)
		return 2;
	if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) >= 0 || errno != EPERM)
		return 3;
	gettimeofday(&tv, NULL);
	if (settimeofday(&tv, NULL) == 0 || errno != EPERM)
		return 4;
	/* ...and the setup tools still reach the switch with their creds. */
	return vs_call(VCMD_get_version, 0, NULL) == 0x00020308 ? 0 : 5;
}

static int child_endsetup_bounds(uint32_t xid)
{
	if (migrate(xid, 0))
		return 1;
	/* vcontext --endsetup from inside: the caller is bounded at once. */
	if (set_cflags(VX_ID_SELF, 0, VXF_STATE_SETUP))
		return 2;
	if (has_effective(CAP_SYS_TIME) != 0 || has_effective(CAP_NET_RAW) != 0)
		return 3;
	if (has_effective(CAP_SYS_ADMIN) != 1)
		return 4;
	return check_denied();
}

static int child_bounded(uint32_t xid)
{
	if (migrate(xid, 0))
		return 1;
	if (has_effective(CAP_SYS_TIME) != 0)
		return 2;
	return check_denied();
}

static const struct vcmd_bcaps no_time_raw_context = {
	.bcaps = 0,
	.bmask = (1ULL << CAP_SYS_TIME) | (1ULL << CAP_NET_RAW) |
		 (1ULL << VXC_BCAP_CONTEXT),
};

TEST(bcaps_bound_the_guest)
{
	const uint32_t xid = 106;
	struct vcmd_bcaps vc = no_time_raw_context;

	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	ASSERT_EQ(0, vs_call(VCMD_set_bcaps, xid, &vc));
	ASSERT_EQ(0, vs_call(VCMD_get_bcaps, xid, &vc));
	EXPECT_EQ(~no_time_raw_context.bmask, vc.bcaps);

	EXPECT_EQ(0, in_child(child_bounded_in_setup, xid));
	EXPECT_EQ(0, in_child(child_endsetup_bounds, xid));
	EXPECT_EQ(0, in_child(child_bounded, xid));
	/* The host keeps its capabilities. */
	EXPECT_EQ(1, has_effective(CAP_SYS_TIME));
	EXPECT_EQ(0x00020308, vs_call(VCMD_get_version, 0, NULL));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_PERSISTENT));
	EXPECT_EQ(0, wait_gone(xid));
}

/*
 * Entered with a full set, still running when the host narrows the set and
 * ends the setup phase: held all the same, though its creds were not
 * narrowed.
 */
TEST(bcaps_bind_running_tasks)
{
	const uint32_t xid = 110;
	struct vcmd_bcaps vc = no_time_raw_context;
	int to_child[2], from_child[2], status;
	pid_t pid;
	char c;

	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	ASSERT_EQ(0, pipe(to_child));
	ASSERT_EQ(0, pipe(from_child));
	pid = fork();
	if (pid == 0) {
		close(to_child[1]);
		close(from_child[0]);
		if (migrate(xid, 0))
			_exit(1);
		if (write(from_child[1], "m", 1) != 1 ||
		    read(to_child[0], &c, 1) != 1)
			_exit(2);
		/* Its creds still carry CAP_SYS_TIME... */
		if (has_effective(CAP_SYS_TIME) != 1)
			_exit(3);
		/* ...but the context's bounding set denies it. */
		_exit(check_denied());
	}
	close(to_child[0]);
	close(from_child[1]);
	ASSERT_EQ(1, read(from_child[0], &c, 1));
	close(from_child[0]);
	ASSERT_EQ(0, vs_call(VCMD_set_bcaps, xid, &vc));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_STATE_SETUP));
	ASSERT_EQ(1, write(to_child[1], "x", 1));
	close(to_child[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_PERSISTENT));
	EXPECT_EQ(0, wait_gone(xid));
}

static int child_guest_cannot_escape(uint32_t xid)
{
	if (create(xid, VXF_INIT_SET) != xid)
		return 1;
	/* End the setup phase: now a plain guest, with all capabilities. */
	if (set_cflags(xid, 0, VXF_STATE_SETUP))
		return 2;
	if (create(xid + 1, VXF_INIT_SET) != -EPERM)
		return 3;
	if (migrate(1, 0) != -EPERM)
		return 4;
	if (set_cflags(xid, VXF_PERSISTENT, VXF_PERSISTENT) != -EPERM)
		return 5;
	return vs_call(VCMD_task_xid, 0, NULL) == xid ? 0 : 6;
}

TEST(guest_cannot_escape)
{
	EXPECT_EQ(0, in_child(child_guest_cannot_escape, 107));
	EXPECT_EQ(0, wait_gone(107));
	EXPECT_EQ(-ESRCH, exists(108));
}

static int child_spectator(uint32_t xid)
{
	if (migrate(1, 0) != 1)
		return 1;
	return vs_call(VCMD_task_xid, 0, NULL) == 1 ? 0 : 2;
}

TEST(spectator)
{
	EXPECT_EQ(0, in_child(child_spectator, 1));
}

static int child_migrate_fault(uint32_t xid)
{
	if (vs_call(VCMD_ctx_migrate, xid, (void *)1) != -EFAULT)
		return 1;
	/* Nothing happened: still on the host. */
	return vs_call(VCMD_task_xid, 0, NULL) == 0 ? 0 : 2;
}

TEST(bad_pointers)
{
	const uint32_t xid = 109;
	void *bad[] = { NULL, (void *)1, (void *)0xffffffff81000000UL };

	ASSERT_EQ(0, in_child(child_create_persistent, xid));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EFAULT, vs_call(VCMD_vx_info, xid, bad[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_ctx_stat, xid, bad[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_get_cflags, xid, bad[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_set_cflags, xid, bad[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_set_bcaps, xid, bad[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_get_ccaps, xid, bad[i]));
		if (bad[i])
			EXPECT_EQ(0, in_child(child_migrate_fault, xid));
	}
	EXPECT_EQ(-ESRCH, vs_call(VCMD_vx_info, 65535, NULL));
	EXPECT_EQ(-ESRCH, vs_call(VCMD_task_xid, 0x7ffffff0, NULL));
	EXPECT_EQ(0, set_cflags(xid, 0, VXF_PERSISTENT));
	EXPECT_EQ(0, wait_gone(xid));
}

static int read_counter(const char *name)
{
	char buf[512], *p;
	int fd = open("/proc/virtual/status", O_RDONLY);
	ssize_t len;

	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	p = strstr(buf, name);
	return p ? atoi(p + strlen(name)) : -1;
}

static int child_create_only(uint32_t xid)
{
	return create(xid, VXF_INIT_SET) == xid ? 0 : 1;
}

#ifndef VS_CYCLES
#define VS_CYCLES 10000
#endif

FIXTURE(cycles){};
FIXTURE_SETUP(cycles)
{
}
FIXTURE_TEARDOWN(cycles)
{
}

/* Create/exit cycles (10,000 by default) leave no context behind. */
TEST_F_TIMEOUT(cycles, no_leak, 600)
{
	int total = read_counter("#CTotal:\t");
	int failed = 0;
	time_t start = time(NULL);

	ASSERT_LE(0, total);
	for (int i = 0; i < VS_CYCLES; i++) {
		/* vfork: the cycle's cost is the context's, not the mm copy's. */
		pid_t pid = vfork();
		int status;

		if (pid == 0)
			_exit(child_create_only(200 + i % 100));
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	TH_LOG("%d cycles in %lds", VS_CYCLES, (long)(time(NULL) - start));
	EXPECT_EQ(0, failed);
	/* Unhashing and freeing are deferred (workqueue, RCU): settle. */
	for (int i = 0; i < 300 && read_counter("#CTotal:\t") != total; i++)
		usleep(10000);
	EXPECT_EQ(total, read_counter("#CTotal:\t"));
	EXPECT_EQ(0, read_counter("#CActive:\t"));
}

TEST_HARNESS_MAIN
