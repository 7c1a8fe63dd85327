// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - process isolation between contexts
 *
 *   guest A (xid 500): a sleeper          host: a sleeper, the test itself
 *   guest B (xid 501): the probes, which must find neither sleeper
 *
 * A probe is a child that enters a context, runs its checks and exits 0,
 * or reports the first check that failed on stderr and exits 1.  Foreign
 * tasks must look absent: ESRCH/ENOENT, never EPERM.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/signal_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

#define XID_A 500
#define XID_B 501

/* In a probe: report the first failed check and exit 1. */
#define PROBE(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "probe %s:%d: %s failed (errno %d)\n", \
				__func__, __LINE__, #cond, errno);             \
			_exit(1);                                              \
		}                                                              \
	} while (0)

/* In a probe: the call fails with exactly this errno. */
#define PROBE_ERRNO(call, err)                         \
	do {                                           \
		errno = 0;                             \
		PROBE((call) == -1 && errno == (err)); \
	} while (0)

static int enter(uint32_t xid)
{
	struct vcmd_ctx_migrate vc = { 0 };
	long ret = vs_call(VCMD_ctx_migrate, xid, &vc);

	return xid == VX_ID_SPECTATOR ? (ret == 1 ? 0 : -1) : (int)ret;
}

/* Runs probe(arg) in a child inside xid; 0 when every check held. */
static int run_probe(uint32_t xid, void (*probe)(pid_t, pid_t), pid_t a,
		     pid_t h)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (xid != VX_ID_HOST && enter(xid))
			_exit(2);
		probe(a, h);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void end_context(uint32_t xid)
{
	struct vcmd_ctx_flags_v0 fl = { .flagword = 0, .mask = VXF_PERSISTENT };
	struct vcmd_ctx_kill_v0 kill_all = { .pid = 0, .sig = SIGKILL };

	vs_call(VCMD_ctx_kill, xid, &kill_all);
	vs_call(VCMD_set_cflags, xid, &fl);
}

/* A child in its own process group that enters xid (unless 0) and sleeps. */
static pid_t sleeper(uint32_t xid)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		setpgid(0, 0);
		if (xid != VX_ID_HOST && enter(xid))
			_exit(1);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

static bool alive(pid_t pid)
{
	return waitpid(pid, NULL, WNOHANG) == 0;
}

/* Whether a listing of /proc has a directory named pid. */
static bool proc_lists(pid_t pid)
{
	char name[16];
	struct dirent *d;
	bool found = false;
	DIR *dir = opendir("/proc");

	if (!dir)
		return false;
	snprintf(name, sizeof(name), "%d", pid);
	while ((d = readdir(dir)))
		found |= !strcmp(d->d_name, name);
	closedir(dir);
	return found;
}

static int proc_stat(pid_t pid)
{
	char path[32];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return stat(path, &st);
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

FIXTURE(two_guests)
{
	pid_t a; /* sleeps in guest A */
	pid_t h; /* sleeps on the host */
};

FIXTURE_SETUP(two_guests)
{
	ASSERT_EQ(0, vs_create_persistent_ctx(XID_A));
	ASSERT_EQ(0, vs_create_persistent_ctx(XID_B));
	self->a = sleeper(XID_A);
	self->h = sleeper(VX_ID_HOST);
	ASSERT_LT(0, self->a);
	ASSERT_LT(0, self->h);
}

FIXTURE_TEARDOWN(two_guests)
{
	end_context(XID_A);
	end_context(XID_B);
	kill(self->h, SIGKILL);
	if (self->a > 0)
		waitpid(self->a, NULL, 0);
	waitpid(self->h, NULL, 0);
}

/* Everything a guest could do to a foreign process fails with ESRCH. */
static void cannot_reach(pid_t pid)
{
	cpu_set_t cpus;
	struct rlimit rl;

	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	PROBE(!proc_lists(pid));
	PROBE_ERRNO(proc_stat(pid), ENOENT);
	PROBE_ERRNO(kill(pid, 0), ESRCH);
	PROBE_ERRNO(kill(pid, SIGKILL), ESRCH);
	PROBE_ERRNO(kill(-pid, SIGKILL), ESRCH);
	PROBE_ERRNO(syscall(SYS_tkill, pid, SIGKILL), ESRCH);
	PROBE_ERRNO(syscall(SYS_tgkill, pid, pid, SIGKILL), ESRCH);
	PROBE_ERRNO(syscall(SYS_pidfd_open, pid, 0), ESRCH);
	PROBE_ERRNO(ptrace(PTRACE_ATTACH, pid, 0, 0), ESRCH);
	PROBE_ERRNO(ptrace(PTRACE_SEIZE, pid, 0, 0), ESRCH);
	PROBE_ERRNO(setpriority(PRIO_PROCESS, pid, 10), ESRCH);
	PROBE_ERRNO(setpriority(PRIO_PGRP, pid, 10), ESRCH);
	PROBE_ERRNO(getpriority(PRIO_PROCESS, pid), ESRCH);
	PROBE_ERRNO(sched_setaffinity(pid, sizeof(cpus), &cpus), ESRCH);
	PROBE_ERRNO(sched_getscheduler(pid), ESRCH);
	PROBE_ERRNO(getpgid(pid), ESRCH);
	PROBE_ERRNO(getsid(pid), ESRCH);
	PROBE_ERRNO(prlimit(pid, RLIMIT_NOFILE, NULL, &rl), ESRCH);
}

static void probe_other_guest_is_absent(pid_t a, pid_t h)
{
	cannot_reach(a);
}

static void probe_host_is_absent(pid_t a, pid_t h)
{
	cannot_reach(h);
	cannot_reach(getppid());
}

static void probe_real_init_is_absent(pid_t a, pid_t h)
{
	PROBE(!proc_lists(1));
	PROBE_ERRNO(kill(1, SIGTERM), ESRCH);
	PROBE_ERRNO(kill(1, 0), ESRCH);
	PROBE_ERRNO(ptrace(PTRACE_ATTACH, 1, 0, 0), ESRCH);
}

TEST_F(two_guests, guest_cannot_reach_another_guest)
{
	EXPECT_EQ(0, run_probe(XID_B, probe_other_guest_is_absent, self->a,
			       self->h));
	EXPECT_TRUE(alive(self->a));
}

TEST_F(two_guests, guest_cannot_reach_the_host)
{
	EXPECT_EQ(0, run_probe(XID_B, probe_host_is_absent, self->a, self->h));
	EXPECT_EQ(0, run_probe(XID_B, probe_real_init_is_absent, 0, 0));
	EXPECT_TRUE(alive(self->h));
}

/* Inside its own context a process sees and signals as usual. */
static void probe_own_context(pid_t a, pid_t h)
{
	pid_t child = sleeper(VX_ID_HOST); /* stays in the probe's context */
	int status;

	PROBE(proc_lists(getpid()));
	PROBE(proc_lists(a));
	PROBE(proc_stat(a) == 0);
	PROBE(kill(a, 0) == 0);
	PROBE(getpgid(a) == a);
	PROBE(proc_lists(child));
	PROBE(kill(child, SIGTERM) == 0);
	PROBE(waitpid(child, &status, 0) == child);
	PROBE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

TEST_F(two_guests, guest_sees_and_signals_its_own)
{
	EXPECT_EQ(0, run_probe(XID_A, probe_own_context, self->a, self->h));
	EXPECT_TRUE(alive(self->a));
}

/* kill(-1) and a process-group kill from a guest stay inside it. */
static void probe_kill_everything(pid_t a, pid_t h)
{
	pid_t child = sleeper(VX_ID_HOST);
	int status;

	PROBE(child > 0);
	/* The probe shares the host test's process group. */
	signal(SIGUSR1, SIG_IGN);
	PROBE(kill(0, SIGUSR1) == 0);
	PROBE(kill(-1, SIGKILL) == 0);
	PROBE(waitpid(child, &status, 0) == child);
	PROBE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static volatile sig_atomic_t host_got_usr1;

static void count_usr1(int sig)
{
	host_got_usr1 = 1;
}

TEST_F(two_guests, guest_kill_all_stays_inside)
{
	signal(SIGUSR1, count_usr1);
	EXPECT_EQ(0, run_probe(XID_B, probe_kill_everything, self->a, self->h));
	EXPECT_EQ(0, host_got_usr1);
	EXPECT_TRUE(alive(self->a));
	EXPECT_TRUE(alive(self->h));
}

/* setpriority(PRIO_USER) loops over every task of the uid. */
static void probe_renice_user(pid_t a, pid_t h)
{
	setpriority(PRIO_USER, 0, 7);
	PROBE(getpriority(PRIO_PROCESS, 0) == 7);
}

TEST_F(two_guests, guest_renice_user_stays_inside)
{
	EXPECT_EQ(0, run_probe(XID_B, probe_renice_user, self->a, self->h));
	errno = 0;
	EXPECT_EQ(0, getpriority(PRIO_PROCESS, self->h));
	EXPECT_EQ(0, getpriority(PRIO_PROCESS, self->a));
	EXPECT_EQ(0, errno);
}

/*
 * A pidfd opened on the host before entering a guest still names the
 * host task, but neither signals nor ptrace-style access get through.
 */
TEST_F(two_guests, pidfd_from_before_the_migration)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		int pidfd = syscall(SYS_pidfd_open, self->h, 0);

		PROBE(pidfd >= 0);
		PROBE(enter(XID_B) == 0);
		PROBE_ERRNO(syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL,
				    0),
			    ESRCH);
		PROBE_ERRNO(syscall(SYS_pidfd_getfd, pidfd, 0, 0), EPERM);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_TRUE(alive(self->h));
}

/*
 * ioprio_set(IOPRIO_WHO_USER) loops over every task of the uid (and stops
 * at the first refusal, so the guest's own tasks may stay as they were).
 */
#define IOPRIO_PRIO_VALUE_BE(level) ((2 << 13) | (level))
static void probe_ioprio_user(pid_t a, pid_t h)
{
	syscall(SYS_ioprio_set, 3 /* IOPRIO_WHO_USER */, 0,
		IOPRIO_PRIO_VALUE_BE(7));
}

TEST_F(two_guests, guest_ioprio_user_stays_inside)
{
	long before = syscall(SYS_ioprio_get, 1, self->h);

	EXPECT_EQ(0, run_probe(XID_B, probe_ioprio_user, self->a, self->h));
	EXPECT_EQ(before, syscall(SYS_ioprio_get, 1, self->h));
	EXPECT_NE(IOPRIO_PRIO_VALUE_BE(7), syscall(SYS_ioprio_get, 1, self->h));
}

static void probe_spectator_sees_all(pid_t a, pid_t h)
{
	char buf[256];
	char path[32];

	PROBE(proc_lists(a));
	PROBE(proc_lists(h));
	PROBE(proc_lists(1));
	PROBE(proc_lists(getpid()));
	snprintf(path, sizeof(path), "/proc/%d/vinfo", a);
	read_file(path, buf, sizeof(buf));
	PROBE(!strncmp(buf, "XID:\t500\n", 9));
	read_file("/proc/self/vinfo", buf, sizeof(buf));
	PROBE(!strcmp(buf, "XID:\t1\n"));
}

TEST_F(two_guests, spectator_sees_every_context)
{
	EXPECT_EQ(0, run_probe(VX_ID_SPECTATOR, probe_spectator_sees_all,
			       self->a, self->h));
}

/*
 * The host lists only host tasks in /proc and cannot signal a guest task
 * by pid (Linux-VServer 2.3), but still waits for its children there;
 * kill(-pgrp) from the host reaches guests.
 */
TEST_F(two_guests, host_view_of_guests)
{
	int status;

	EXPECT_FALSE(proc_lists(self->a));
	EXPECT_TRUE(proc_lists(self->h));
	EXPECT_EQ(-1, proc_stat(self->a));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, kill(self->a, SIGKILL));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, syscall(SYS_tgkill, self->a, self->a, SIGKILL));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_TRUE(alive(self->a));
	EXPECT_EQ(self->a, getpgid(self->a));
	EXPECT_EQ(0, kill(-self->a, SIGKILL));
	EXPECT_EQ(self->a, waitpid(self->a, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	self->a = -1;
}

static void probe_vinfo(pid_t a, pid_t h)
{
	char buf[256];
	char want[256];

	read_file("/proc/self/vinfo", buf, sizeof(buf));
	snprintf(
		want, sizeof(want),
		"XID:\t%d\nBCaps:\tffffffffffffffff\nCCaps:\t0000000000000000\n"
		"CFlags:\t%016llx\nCIPid:\t0\n",
		XID_A, (unsigned long long)(VXF_INIT_SET | VXF_PERSISTENT));
	PROBE(!strcmp(buf, want));
}

TEST_F(two_guests, proc_pid_vinfo)
{
	char buf[64] = "";
	int fd = open("/proc/self/vinfo", O_RDONLY);

	ASSERT_LE(0, fd);
	EXPECT_LT(0, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	EXPECT_STREQ("XID:\t0\n", buf);
	EXPECT_EQ(0, run_probe(XID_A, probe_vinfo, self->a, self->h));
}

TEST_HARNESS_MAIN
