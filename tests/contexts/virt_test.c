// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - a guest's own uptime and load
 *
 * With VXF_VIRT_UPTIME a guest's /proc/uptime and sysinfo() count from the
 * creation of its context; with VXF_VIRT_LOAD its /proc/loadavg and
 * sysinfo() show its own load average and tasks.  Each is checked next to
 * the host and to a guest without the flag, in the same run.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/signal_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

/* What a task inside a context saw. */
struct virt_view {
	double uptime;
	long si_uptime;
	double load1;
	int running;
	int threads;
	unsigned long si_load1;
	int si_procs;
};

static int set_flags(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_flags_v0 vc = { .flagword = flags, .mask = flags };

	return vs_call(VCMD_set_cflags, xid, &vc) ? -1 : 0;
}

static void kill_ctx(uint32_t xid)
{
	struct vcmd_ctx_kill_v0 vc = { .pid = 0, .sig = SIGKILL };

	vs_call(VCMD_ctx_kill, xid, &vc);
}

static double host_uptime(void)
{
	double up = -1;
	FILE *f = fopen("/proc/uptime", "r");

	if (f) {
		if (fscanf(f, "%lf", &up) != 1)
			up = -1;
		fclose(f);
	}
	return up;
}

static int read_view(struct virt_view *v)
{
	struct sysinfo si;
	FILE *f;
	int ok;

	memset(v, 0, sizeof(*v));
	v->uptime = host_uptime();
	f = fopen("/proc/loadavg", "r");
	if (!f)
		return -1;
	ok = fscanf(f, "%lf %*f %*f %d/%d", &v->load1, &v->running,
		    &v->threads) == 3;
	fclose(f);
	if (!ok || sysinfo(&si))
		return -1;
	v->si_uptime = si.uptime;
	v->si_load1 = si.loads[0];
	v->si_procs = si.procs;
	return 0;
}

/* A child enters @xid, reads what it sees and sends it back. */
static int view_from(uint32_t xid, struct virt_view *v)
{
	struct vcmd_ctx_migrate vc = { 0 };
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct virt_view mine;

		close(fds[0]);
		if (vs_call(VCMD_ctx_migrate, xid, &vc) || read_view(&mine))
			_exit(1);
		_exit(write(fds[1], &mine, sizeof(mine)) == sizeof(mine) ? 0 :
									   2);
	}
	close(fds[1]);
	n = read(fds[0], v, sizeof(*v));
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return n == sizeof(*v) && WIFEXITED(status) && !WEXITSTATUS(status) ?
		       0 :
		       -1;
}

/* Busy loops inside @xid; they run until the context is killed. */
static int spin_in(uint32_t xid, int n)
{
	struct vcmd_ctx_migrate vc = { 0 };
	int i;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (pid == 0) {
			if (vs_call(VCMD_ctx_migrate, xid, &vc))
				_exit(1);
			for (;;)
				;
		}
	}
	return 0;
}

static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

TEST(a_guest_s_uptime_counts_from_its_context)
{
	const uint32_t virt = 590, plain = 591;
	struct virt_view v, p;
	double born, host;

	born = host_uptime();
	ASSERT_LT(0, born);
	ASSERT_EQ(0, vs_create_persistent_ctx(virt));
	ASSERT_EQ(0, vs_create_persistent_ctx(plain));
	ASSERT_EQ(0, set_flags(virt, VXF_VIRT_UPTIME));
	sleep(2);
	ASSERT_EQ(0, view_from(virt, &v));
	ASSERT_EQ(0, view_from(plain, &p));
	host = host_uptime();
	TH_LOG("host %.2f s, born at %.2f s; guest %.2f s (sysinfo %ld), plain guest %.2f s",
	       host, born, v.uptime, v.si_uptime, p.uptime);
	/* The guest has lived about 2 s; the machine longer. */
	EXPECT_LE(1.9, v.uptime);
	EXPECT_GE(host - born + 0.5, v.uptime);
	EXPECT_LE(2, v.si_uptime);
	EXPECT_GE((long)(host - born) + 2, v.si_uptime);
	/* Without the flag, and on the host: the machine's uptime. */
	EXPECT_LE(born + 1.9, p.uptime);
	EXPECT_GE(host + 0.5, p.uptime);
	EXPECT_EQ(0, vs_end_persistent_ctx(virt));
	EXPECT_EQ(0, vs_end_persistent_ctx(plain));
}

TEST(a_guest_s_load_is_its_own)
{
	const uint32_t busy = 592, idle = 593, plain = 594;
	struct virt_view b, i, p, h;

	ASSERT_EQ(0, vs_create_persistent_ctx(busy));
	ASSERT_EQ(0, vs_create_persistent_ctx(idle));
	ASSERT_EQ(0, vs_create_persistent_ctx(plain));
	ASSERT_EQ(0, set_flags(busy, VXF_VIRT_LOAD));
	ASSERT_EQ(0, set_flags(idle, VXF_VIRT_LOAD));
	ASSERT_EQ(0, spin_in(busy, 2));
	/* More than one LOAD_FREQ period (5 s) of two busy tasks. */
	sleep(6);
	ASSERT_EQ(0, view_from(busy, &b));
	ASSERT_EQ(0, view_from(idle, &i));
	ASSERT_EQ(0, view_from(plain, &p));
	ASSERT_EQ(0, read_view(&h));
	kill_ctx(busy);
	TH_LOG("busy %.2f %d/%d (sysinfo %lu, %d procs), idle %.2f %d/%d, plain %.2f %d/%d, host %.2f %d/%d",
	       b.load1, b.running, b.threads, b.si_load1, b.si_procs, i.load1,
	       i.running, i.threads, p.load1, p.running, p.threads, h.load1,
	       h.running, h.threads);
	/* Two runnable tasks over one period: 2 * (1 - e^(-5/60)) = 0.16. */
	EXPECT_LE(0.10, b.load1);
	EXPECT_GE(0.30, b.load1);
	EXPECT_EQ(2, b.running);
	EXPECT_EQ(3, b.threads);
	EXPECT_LT(0UL, b.si_load1);
	EXPECT_EQ(3, b.si_procs);
	/* The idle guest: no load, only the reader itself. */
	EXPECT_EQ(0.0, i.load1);
	EXPECT_EQ(0, i.running);
	EXPECT_EQ(1, i.threads);
	/* Without the flag, and on the host: the machine's tasks. */
	EXPECT_LT(10, p.threads);
	EXPECT_LT(10, h.threads);
	EXPECT_EQ(0, vs_end_persistent_ctx(busy));
	EXPECT_EQ(0, vs_end_persistent_ctx(idle));
	EXPECT_EQ(0, vs_end_persistent_ctx(plain));
	reap();
}

TEST_HARNESS_MAIN
