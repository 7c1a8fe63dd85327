// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - a memory cgroup per context
 *
 *   Every context X has the cgroup2 directory vserver/X: a task that
 *   enters X (ctx_migrate, ctx_create) lives there, its children too, and
 *   the directory goes once X is gone.  X's RSS limit is that cgroup's
 *   memory.max (soft: memory.high), and rlimit_stat's RSS value is its
 *   memory.current.  So memory that no address space holds - a memfd, a
 *   tmpfs file, pages written into a sibling with process_vm_writev - is
 *   bounded too: the guest meets the memory controller's OOM killer (or
 *   ENOMEM) inside its own cgroup, while the host goes on.  With
 *   VXF_VIRT_MEM a guest's /proc/meminfo and sysinfo() show its limit.
 *
 * cgroup2 need not be mounted in the test VM: the tests mount their own
 * view of the hierarchy if /sys/fs/cgroup is not one.  Each test has its
 * own contexts (xids 560-569); memory values are 4 KiB pages.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/limit_cmd.h>
#include <vserver/signal_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "../lib/vs_limits.h"
#include "kselftest_harness.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

#define MIB (1L << 20)
/* What the fillers try to put in a 16 MiB (4096 pages) guest. */
#define FILL_MIB 64

/* How a memory worker ended (its exit code; a signal is 1000 + signo). */
enum {
	W_SETUP = 10, /* could not even start (mmap, memfd_create, open) */
	W_ALL = 11, /* everything fitted */
	W_STOPPED = 12, /* a later chunk failed or was short */
	W_FIRST = 13, /* the very first chunk failed: broken, not limited */
	W_OOMADJ = 14, /* could not make itself the OOM victim */
};

#define KILLED (1000 + SIGKILL)

/* The end of a test's context: its tasks die, it is no longer persistent. */
static long end_ctx(uint32_t xid)
{
	kill_ctx(xid);
	return vs_end_persistent_ctx(xid);
}

static size_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	return got;
}

/* Kills the context's tasks and reaps the child that entered it. */
static void stop_ctx(uint32_t xid, pid_t pid)
{
	kill_ctx(xid);
	waitpid(pid, NULL, 0);
}

/*
 * Runs fn(fd) in a child inside xid and reads the @len bytes fn writes to
 * fd; the child lives on (stop it with stop_ctx()).  The pipe is made on
 * the host, so it is not charged to xid.  Returns the child, or -1.
 */
static pid_t start_in_ctx(uint32_t xid, void (*fn)(int fd), void *buf,
			  size_t len)
{
	int fds[2];
	size_t got;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (enter_ctx(xid))
			_exit(2);
		fn(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	got = pid > 0 ? read_full(fds[0], buf, len) : 0;
	close(fds[0]);
	if (pid > 0 && got != len) {
		stop_ctx(xid, pid);
		return -1;
	}
	return pid;
}

/* fn's result and errno, as report() sends them. */
struct ctx_result {
	long count;
	int err;
};

/* Runs fn inside xid until it reports; count is -1 if it never did. */
static int run_in_ctx(uint32_t xid, void (*fn)(int fd), struct ctx_result *res)
{
	pid_t pid;

	memset(res, 0, sizeof(*res));
	pid = start_in_ctx(xid, fn, res, sizeof(*res));
	if (pid < 0) {
		res->count = -1;
		return 0;
	}
	stop_ctx(xid, pid);
	return 0;
}

static void report(int fd, long count, int err)
{
	struct ctx_result res = { .count = count, .err = err };

	if (write(fd, &res, sizeof(res)) != sizeof(res))
		_exit(3);
}

/* Reports, then stays: the host kills the context once it has read. */
static void __attribute__((noreturn))
report_and_wait(int fd, long count, int err)
{
	report(fd, count, err);
	for (;;)
		pause();
}

static long how_ended(int status)
{
	return WIFSIGNALED(status) ? 1000 + WTERMSIG(status) :
				     WEXITSTATUS(status);
}

static int oom_adj(int adj)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	char val[16];
	int n, ok;

	if (fd < 0)
		return -1;
	n = snprintf(val, sizeof(val), "%d", adj);
	ok = write(fd, val, n) == n;
	close(fd);
	return ok ? 0 : -1;
}

/*
 * Runs mem_work in a grandchild and reports how it ended, so that a task
 * of the context outlives it.  Memfd and tmpfs pages are in no process's
 * RSS: the worker makes itself the OOM killer's first choice, or the
 * reporter, as big as it, could be the victim.  mem_cleanup, if set, runs
 * in the reporter before it reports: pages still charged to the guest
 * would make the pipe write, charged to it too, fail.
 */
static void (*mem_work)(int fd);
static void (*mem_cleanup)(void);

static void fork_mem_worker(int fd)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (oom_adj(1000))
			_exit(W_OOMADJ);
		mem_work(fd);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		report_and_wait(fd, -1, errno);
	if (mem_cleanup)
		mem_cleanup();
	report_and_wait(fd, how_ended(status), 0);
}

/*
 * The cgroup2 hierarchy: /sys/fs/cgroup if that is one, else a mount of
 * our own (the same hierarchy: cgroup2 has only one).
 */
#define CG_PRIVATE "/tmp/vs-cgroup2"

static const char *cg_root;

static int is_cgroup2(const char *path)
{
	struct statfs sf;

	return !statfs(path, &sf) && sf.f_type == CGROUP2_SUPER_MAGIC;
}

static const char *cgroot(void)
{
	if (cg_root)
		return cg_root;
	if (is_cgroup2("/sys/fs/cgroup"))
		return cg_root = "/sys/fs/cgroup";
	if (mkdir(CG_PRIVATE, 0755) && errno != EEXIST)
		return NULL;
	/* A test that failed early may have left it mounted. */
	if (!is_cgroup2(CG_PRIVATE) &&
	    mount("none", CG_PRIVATE, "cgroup2", 0, NULL))
		return NULL;
	return cg_root = CG_PRIVATE;
}

/* Our own mount goes at the end of a test; the system's stays. */
static void cgroot_release(void)
{
	if (cg_root && !strcmp(cg_root, CG_PRIVATE)) {
		umount2(CG_PRIVATE, MNT_DETACH);
		rmdir(CG_PRIVATE);
	}
	cg_root = NULL;
}

/* <root>/vserver/<xid>[/<file>] */
static int cg_path(uint32_t xid, const char *file, char *buf, size_t len)
{
	const char *root = cgroot();
	int n;

	if (!root)
		return -1;
	n = snprintf(buf, len, "%s/vserver/%u%s%s", root, xid, file ? "/" : "",
		     file ? file : "");
	return n > 0 && (size_t)n < len ? 0 : -1;
}

/* A cgroup file's content without its newline; -errno if unreadable. */
static int cg_read(uint32_t xid, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	buf[0] = 0;
	if (cg_path(xid, file, path, sizeof(path)))
		return -ENOENT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

/* For EXPECT_STREQ: the content, or "(error N)". */
static const char *cg_value(uint32_t xid, const char *file)
{
	static char buf[64];
	int err = cg_read(xid, file, buf, sizeof(buf));

	if (err)
		snprintf(buf, sizeof(buf), "(error %d)", -err);
	return buf;
}

static int cg_exists(uint32_t xid, const char *file)
{
	char path[PATH_MAX];

	return !cg_path(xid, file, path, sizeof(path)) && !access(path, F_OK);
}

/* A single-number cgroup file (memory.current, memory.peak), or -1. */
static long long cg_number(uint32_t xid, const char *file)
{
	char buf[64];

	return cg_read(xid, file, buf, sizeof(buf)) ? -1 : atoll(buf);
}

/* One counter of memory.events ("max", "oom_kill"), or -1. */
static long long cg_event(uint32_t xid, const char *key)
{
	char path[PATH_MAX], name[32];
	long long val, found = -1;
	FILE *f;

	if (cg_path(xid, "memory.events", path, sizeof(path)))
		return -1;
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fscanf(f, "%31s %lld", name, &val) == 2)
		if (!strcmp(name, key))
			found = val;
	fclose(f);
	return found;
}

/* Whether the cgroup's cgroup.procs lists @pid. */
static int cg_has_pid(uint32_t xid, pid_t pid)
{
	char path[PATH_MAX];
	int found = 0;
	long p;
	FILE *f;

	if (cg_path(xid, "cgroup.procs", path, sizeof(path)))
		return 0;
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fscanf(f, "%ld", &p) == 1)
		if (p == pid)
			found = 1;
	fclose(f);
	return found;
}

/* The cgroup2 path of a process ("self" or a pid), from its "0::" line. */
static int cgroup_of(const char *pid, char *buf, size_t len)
{
	char path[64], line[256];
	int ret = -1;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/cgroup", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3))
			continue;
		n = strcspn(line + 3, "\n");
		if (n >= len)
			break;
		memcpy(buf, line + 3, n);
		buf[n] = 0;
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}

/* Removal is asynchronous: waits until @path is gone or @deadline passes. */
static int gone_before(const char *path, time_t deadline)
{
	for (;;) {
		if (access(path, F_OK) && errno == ENOENT)
			return 0;
		if (time(NULL) >= deadline)
			return -1;
		usleep(50000);
	}
}

/* Reaps every child, orphans of a subreaper included; 0 once none is left. */
static int reap_all(void)
{
	int i;

	for (i = 0; i < 500; i++) {
		pid_t pid = waitpid(-1, NULL, WNOHANG);

		if (pid < 0 && errno == ECHILD)
			return 0;
		if (pid <= 0)
			usleep(10000);
	}
	return -1;
}

/* A task's view of its own cgroup, sent through a pipe. */
struct cg_rec {
	pid_t pid;
	char path[124];
};

static void send_own_cgroup(int fd)
{
	struct cg_rec rec = { .pid = getpid() };

	if (cgroup_of("self", rec.path, sizeof(rec.path)))
		strcpy(rec.path, "(unreadable)");
	if (write(fd, &rec, sizeof(rec)) != sizeof(rec))
		_exit(3);
}

/* The migrated task's record, then its child's; both stay alive. */
static void report_cgroups(int fd)
{
	send_own_cgroup(fd);
	if (fork() == 0)
		send_own_cgroup(fd);
	for (;;)
		pause();
}

/* The read end of a pipe a waiting task gets its go from. */
static int go_fd = -1;

/* Waits for the go, then reports like report_cgroups(). */
static void report_cgroups_on_go(int fd)
{
	char c;

	if (read(go_fd, &c, 1) != 1)
		_exit(4);
	report_cgroups(fd);
}

/*
 * A child makes the context with ctx_create, as "vcontext --create" does,
 * waits for the go, then reports the cgroup it lives in; it stays alive.
 */
static pid_t create_and_report_on_go(uint32_t xid, struct cg_rec *rec,
				     int go_write)
{
	struct vcmd_ctx_create vc = { .flagword = VXF_INIT_SET };
	int fds[2];
	size_t got;
	pid_t pid;
	char c = 1;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char go;

		close(fds[0]);
		if (vs_call(VCMD_ctx_create, xid, &vc) != xid)
			_exit(1);
		if (read(go_fd, &go, 1) != 1)
			_exit(4);
		send_own_cgroup(fds[1]);
		for (;;)
			pause();
	}
	close(fds[1]);
	/* The context exists once the limit can be set on it. */
	for (int i = 0; i < 500 && pid > 0 &&
			vs_call(VCMD_set_rlimit, xid, NULL) == -ESRCH;
	     i++)
		usleep(10000);
	if (pid > 0 && set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 65536) == 0 &&
	    write(go_write, &c, 1) == 1)
		got = read_full(fds[0], rec, sizeof(*rec));
	else
		got = 0;
	close(fds[0]);
	if (pid > 0 && got != sizeof(*rec)) {
		stop_ctx(xid, pid);
		return -1;
	}
	return pid;
}

/*
 * A context gets its memory cgroup with its first memory limit: the
 * tasks it has then move there, tasks that enter later land there, and
 * children follow their parents.
 */
TEST(tasks_of_a_context_live_in_its_memory_cgroup)
{
	const uint32_t xid = 560, created = 561;
	char want[32], want2[32], seen[128];
	char dir[PATH_MAX], dir2[PATH_MAX];
	struct cg_rec early[2], late[2], made;
	int go[2], go2[2];
	time_t deadline;
	pid_t pid, pid2, pid3;
	char c = 1;

	ASSERT_NE(NULL, cgroot());
	/* The context's orphans come back here, to be reaped before the end. */
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	snprintf(want, sizeof(want), "/vserver/%u", xid);
	snprintf(want2, sizeof(want2), "/vserver/%u", created);
	ASSERT_EQ(0, cg_path(xid, NULL, dir, sizeof(dir)));
	ASSERT_EQ(0, cg_path(created, NULL, dir2, sizeof(dir2)));

	/* No memory limit yet: no cgroup, the task stays where it was. */
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	EXPECT_FALSE(cg_exists(xid, NULL));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(go2));
	go_fd = go[0];
	pid = fork();
	if (pid == 0) {
		/* Reports on the go, after the limit is set. */
		close(go[1]);
		close(go2[0]);
		if (enter_ctx(xid))
			_exit(2);
		report_cgroups_on_go(go2[1]);
	}
	ASSERT_LT(0, pid);
	close(go[0]);
	close(go2[1]);

	/* The first limit: the running task moves, its later child follows. */
	usleep(200000);
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 65536));
	EXPECT_TRUE(cg_exists(xid, NULL))
	{
		TH_LOG("no %s", dir);
	}
	ASSERT_EQ(1, write(go[1], &c, 1));
	close(go[1]);
	ASSERT_EQ(sizeof(early), read_full(go2[0], early, sizeof(early)));
	close(go2[0]);
	EXPECT_STREQ(want, early[0].path);
	EXPECT_STREQ(want, early[1].path);
	EXPECT_TRUE(cg_has_pid(xid, pid));

	/* A task entering now lands there, and so does its child. */
	pid2 = start_in_ctx(xid, report_cgroups, late, sizeof(late));
	ASSERT_LT(0, pid2);
	EXPECT_STREQ(want, late[0].path);
	EXPECT_STREQ(want, late[1].path);
	/* The host cannot read a guest's /proc/<pid>; the cgroup lists both. */
	EXPECT_TRUE(cg_has_pid(xid, late[0].pid));
	EXPECT_TRUE(cg_has_pid(xid, late[1].pid));

	/* The host test process stays where it was. */
	ASSERT_EQ(0, cgroup_of("self", seen, sizeof(seen)));
	EXPECT_NE(0, strncmp(seen, "/vserver/", 9))
	{
		TH_LOG("the host test process is in %s", seen);
	}
	EXPECT_FALSE(cg_has_pid(xid, getpid()));

	/* The task that made a context with ctx_create moves in too. */
	ASSERT_EQ(0, pipe(go));
	go_fd = go[0];
	pid3 = create_and_report_on_go(created, &made, go[1]);
	ASSERT_LT(0, pid3);
	close(go[0]);
	close(go[1]);
	EXPECT_STREQ(want2, made.path);
	EXPECT_TRUE(cg_exists(created, NULL))
	{
		TH_LOG("no %s", dir2);
	}

	/* Both contexts end: no task, no persistence; the cgroups follow. */
	kill_ctx(xid);
	kill_ctx(created);
	EXPECT_EQ(0, reap_all());
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
	deadline = time(NULL) + 15;
	EXPECT_EQ(0, gone_before(dir, deadline))
	{
		TH_LOG("%s stays", dir);
	}
	EXPECT_EQ(0, gone_before(dir2, deadline))
	{
		TH_LOG("%s stays", dir2);
	}
	cgroot_release();
}

/* Paths a guest tries to write to leave its cgroup or lift its limit. */
static char cg_max_path[PATH_MAX], cg_root_procs[PATH_MAX];

/* Opens @path for writing; the errno, 0 if it opened. */
static int open_for_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void guest_writes_cgroupfs(int fd)
{
	int errs[2] = { open_for_write(cg_max_path),
			open_for_write(cg_root_procs) };

	if (write(fd, errs, sizeof(errs)) != sizeof(errs))
		_exit(3);
	for (;;)
		pause();
}

/* A guest that sees cgroupfs neither lifts its limit nor moves out. */
TEST(a_guest_cannot_write_its_cgroup)
{
	const uint32_t xid = 570;
	int errs[2] = { -1, -1 };
	pid_t pid;

	ASSERT_NE(NULL, cgroot());
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 16384));
	ASSERT_EQ(0,
		  cg_path(xid, "memory.max", cg_max_path, sizeof(cg_max_path)));
	snprintf(cg_root_procs, sizeof(cg_root_procs), "%s/cgroup.procs",
		 cgroot());
	/* Positive control: the host opens both. */
	EXPECT_EQ(0, open_for_write(cg_max_path));
	EXPECT_EQ(0, open_for_write(cg_root_procs));
	pid = start_in_ctx(xid, guest_writes_cgroupfs, errs, sizeof(errs));
	ASSERT_LT(0, pid);
	EXPECT_EQ(EACCES, errs[0]);
	EXPECT_EQ(EACCES, errs[1]);
	EXPECT_STREQ("67108864", cg_value(xid, "memory.max"));
	stop_ctx(xid, pid);
	EXPECT_EQ(0, end_ctx(xid));
	cgroot_release();
}

TEST(rss_limit_is_the_cgroup_limit)
{
	const uint32_t xid = 562;
	int swap;

	ASSERT_NE(NULL, cgroot());
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	/* A new context has no memory limit, and so no cgroup. */
	EXPECT_FALSE(cg_exists(xid, NULL));
	/* An ANON limit gives it one, with no limit of its own. */
	ASSERT_EQ(0, set_limit(xid, VLIMIT_ANON, CRLIM_KEEP, 1 << 20));
	EXPECT_STREQ("max", cg_value(xid, "memory.max"));
	EXPECT_STREQ("max", cg_value(xid, "memory.high"));
	/* Without swap support in the kernel there is no swap file. */
	swap = cg_exists(xid, "memory.swap.max");
	if (swap) {
		EXPECT_STREQ("max", cg_value(xid, "memory.swap.max"));
	}

	/* Pages become bytes: hard is memory.max, soft memory.high. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, 2048, 4096));
	EXPECT_STREQ("16777216", cg_value(xid, "memory.max"));
	EXPECT_STREQ("8388608", cg_value(xid, "memory.high"));
	if (swap) {
		EXPECT_STREQ("16777216", cg_value(xid, "memory.swap.max"));
	}

	/* A hard limit below the soft one pulls it down, in the cgroup too. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 1024));
	EXPECT_STREQ("4194304", cg_value(xid, "memory.max"));
	EXPECT_STREQ("4194304", cg_value(xid, "memory.high"));
	if (swap) {
		EXPECT_STREQ("4194304", cg_value(xid, "memory.swap.max"));
	}

	ASSERT_EQ(0,
		  set_limit(xid, RLIMIT_RSS, CRLIM_INFINITY, CRLIM_INFINITY));
	EXPECT_STREQ("max", cg_value(xid, "memory.max"));
	EXPECT_STREQ("max", cg_value(xid, "memory.high"));
	if (swap) {
		EXPECT_STREQ("max", cg_value(xid, "memory.swap.max"));
	}
	EXPECT_EQ(0, end_ctx(xid));
	cgroot_release();
}

/* Writes FILL_MIB MiB to @fd, 1 MiB a write: a W_* code. */
static int fill_fd(int fd)
{
	char *buf = mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i, ret = W_ALL;

	if (buf == MAP_FAILED)
		return W_SETUP;
	memset(buf, 0x5a, MIB);
	for (i = 0; i < FILL_MIB; i++) {
		if (write(fd, buf, MIB) != MIB) {
			ret = i ? W_STOPPED : W_FIRST;
			break;
		}
	}
	munmap(buf, MIB);
	return ret;
}

static int memfd_fill(void)
{
	int fd = memfd_create("vs-memcg-fill", MFD_CLOEXEC), ret;

	if (fd < 0)
		return W_SETUP;
	ret = fill_fd(fd);
	close(fd);
	return ret;
}

static void memfd_writer(int fd)
{
	_exit(memfd_fill());
}

TEST(memfd_writer_is_stopped_by_the_rss_limit)
{
	const uint32_t xid = 563, unlimited = 564;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, vs_create_persistent_ctx(unlimited));
	/* 16 MiB. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 4096));
	mem_work = memfd_writer;
	mem_cleanup = NULL;
	ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, &res));
	/*
	 * A memfd is shmem, in no address space: only the cgroup sees it,
	 * and with no swap its OOM killer or ENOMEM stops the writer.
	 */
	EXPECT_TRUE(res.count == KILLED || res.count == W_STOPPED)
	{
		TH_LOG("the memfd writer ended with %ld", res.count);
	}
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_RSS, &st));
	EXPECT_LE(1, st.hits);
	/* The memfd died with its writer. */
	EXPECT_GT(512, limit_settles_below(xid, RLIMIT_RSS, 512));

	/* The same writer in a context without a limit, and on the host. */
	ASSERT_EQ(0, run_in_ctx(unlimited, fork_mem_worker, &res));
	EXPECT_EQ(W_ALL, res.count);
	EXPECT_EQ(W_ALL, memfd_fill());
	EXPECT_EQ(0, end_ctx(xid));
	EXPECT_EQ(0, end_ctx(unlimited));
}

#define TMPFS_DIR "/tmp/vs-memcg-tmpfs"
#define GUEST_FILE TMPFS_DIR "/guest-fill"
#define HOST_FILE TMPFS_DIR "/host-fill"

static int file_fill(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int ret;

	if (fd < 0)
		return W_SETUP;
	ret = fill_fd(fd);
	close(fd);
	return ret;
}

static void tmpfs_writer(int fd)
{
	_exit(file_fill(GUEST_FILE));
}

/* The file outlives its writer and keeps its pages charged: free them. */
static void unlink_guest_file(void)
{
	unlink(GUEST_FILE);
}

TEST(tmpfs_filler_is_stopped_by_the_rss_limit)
{
	const uint32_t xid = 565;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_TRUE(!mkdir(TMPFS_DIR, 0755) || errno == EEXIST);
	/* A tmpfs the host owns, far larger than the guest's limit. */
	ASSERT_EQ(0, mount("tmpfs", TMPFS_DIR, "tmpfs", 0, "size=512m"));
	EXPECT_EQ(W_ALL, file_fill(HOST_FILE));
	EXPECT_EQ(0, unlink(HOST_FILE));

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 4096));
	mem_work = tmpfs_writer;
	mem_cleanup = unlink_guest_file;
	ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, &res));
	/* Its page cache is charged to the guest that writes it. */
	EXPECT_TRUE(res.count == KILLED || res.count == W_STOPPED)
	{
		TH_LOG("the tmpfs writer ended with %ld", res.count);
	}
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_RSS, &st));
	EXPECT_LE(1, st.hits);
	EXPECT_GT(512, limit_settles_below(xid, RLIMIT_RSS, 512));

	unlink(GUEST_FILE);
	EXPECT_EQ(0, umount(TMPFS_DIR));
	rmdir(TMPFS_DIR);
	EXPECT_EQ(0, end_ctx(xid));
}

/* Where A's untouched mapping is. */
struct vm_target {
	pid_t pid;
	unsigned long addr;
};

/* B: writes FILL_MIB MiB into A's mapping, 1 MiB a call: a W_* code. */
static int vm_writev_into(const struct vm_target *t)
{
	char *buf = mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i;

	if (buf == MAP_FAILED)
		return W_SETUP;
	memset(buf, 0x5a, MIB);
	for (i = 0; i < FILL_MIB; i++) {
		struct iovec local = { .iov_base = buf, .iov_len = MIB };
		struct iovec remote = {
			.iov_base = (void *)(t->addr + i * MIB),
			.iov_len = MIB,
		};

		if (process_vm_writev(t->pid, &local, 1, &remote, 1, 0) != MIB)
			return i ? W_STOPPED : W_FIRST;
	}
	return W_ALL;
}

/*
 * A maps 64 MiB and waits; its sibling B fills the mapping from outside.
 * The faults are B's, the pages A's: charged to A's cgroup all the same.
 * Reports how B ended as the count, how A ended as the err (SIGTERM: A
 * survived until told to go).
 */
static void vm_writev_fill(int fd)
{
	int fds[2], sa = 0, sb = 0;
	struct vm_target t;
	pid_t a, b;

	if (pipe(fds))
		report_and_wait(fd, -1, errno);
	a = fork();
	if (a == 0) {
		char *map;

		close(fds[0]);
		if (oom_adj(1000))
			_exit(W_OOMADJ);
		/* Yama, if on, would let only an ancestor write into A. */
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		map = mmap(NULL, FILL_MIB * MIB, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map == MAP_FAILED)
			_exit(W_SETUP);
		t.pid = getpid();
		t.addr = (unsigned long)map;
		if (write(fds[1], &t, sizeof(t)) != sizeof(t))
			_exit(W_SETUP);
		for (;;)
			pause();
	}
	if (a < 0)
		report_and_wait(fd, -1, errno);
	b = fork();
	if (b == 0) {
		close(fds[1]);
		/* Either of the two may be the victim, never the reporter. */
		if (oom_adj(1000))
			_exit(W_OOMADJ);
		if (read_full(fds[0], &t, sizeof(t)) != sizeof(t))
			_exit(W_SETUP);
		_exit(vm_writev_into(&t));
	}
	close(fds[0]);
	close(fds[1]);
	if (b < 0 || waitpid(b, &sb, 0) != b)
		report_and_wait(fd, -1, errno);
	kill(a, SIGTERM);
	if (waitpid(a, &sa, 0) != a)
		report_and_wait(fd, -1, errno);
	report_and_wait(fd, how_ended(sb), how_ended(sa));
}

/* The host gets and touches FILL_MIB MiB of anonymous memory. */
static int host_touches(void)
{
	char *p = mmap(NULL, FILL_MIB * MIB, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	memset(p, 1, FILL_MIB * MIB);
	return munmap(p, FILL_MIB * MIB);
}

TEST(process_vm_writev_filler_is_stopped)
{
	const uint32_t xid = 566;
	struct ctx_result res;
	long long peak;

	ASSERT_NE(NULL, cgroot());
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 4096));
	ASSERT_EQ(0, run_in_ctx(xid, vm_writev_fill, &res));
	/* Not all 64 MiB became resident in A. */
	EXPECT_TRUE(res.err == KILLED || res.count == KILLED ||
		    res.count == W_STOPPED)
	{
		TH_LOG("B ended with %ld, A with %d", res.count, res.err);
	}
	EXPECT_FALSE(res.count == W_ALL && res.err == 1000 + SIGTERM);

	/* The cgroup met its limit, and never held much more. */
	EXPECT_LE(1, cg_event(xid, "max"));
	if (res.count == KILLED || res.err == KILLED) {
		EXPECT_LE(1, cg_event(xid, "oom_kill"));
	}
	if (cg_exists(xid, "memory.peak")) {
		peak = cg_number(xid, "memory.peak");
		EXPECT_GE(17 * MIB, peak);
		/* It was B's writes that filled it. */
		EXPECT_LE(8 * MIB, peak);
	}
	EXPECT_GT(512, limit_settles_below(xid, RLIMIT_RSS, 512));

	/* The host still gets and touches as much. */
	EXPECT_EQ(0, host_touches());
	EXPECT_EQ(0, end_ctx(xid));
	cgroot_release();
}

/* /proc/meminfo in kB (-1 if missing) and sysinfo()'s total in bytes. */
struct mem_view {
	long long total, free, avail, swap;
	unsigned long long si_total;
};

static void read_mem_view(struct mem_view *v)
{
	char line[128], key[64];
	struct sysinfo si;
	long long kb;
	FILE *f;

	v->total = v->free = v->avail = v->swap = -1;
	f = fopen("/proc/meminfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "%63[^:]: %lld", key, &kb) != 2)
				continue;
			if (!strcmp(key, "MemTotal"))
				v->total = kb;
			else if (!strcmp(key, "MemFree"))
				v->free = kb;
			else if (!strcmp(key, "MemAvailable"))
				v->avail = kb;
			else if (!strcmp(key, "SwapTotal"))
				v->swap = kb;
		}
		fclose(f);
	}
	v->si_total = sysinfo(&si) ?
			      0 :
			      (unsigned long long)si.totalram * si.mem_unit;
}

static void look_at_memory(int fd)
{
	struct mem_view v;

	read_mem_view(&v);
	if (write(fd, &v, sizeof(v)) != sizeof(v))
		_exit(3);
	for (;;)
		pause();
}

TEST(a_guest_sees_its_memory_limit_in_meminfo)
{
	const uint32_t xid = 567, plain = 568;
	struct vcmd_ctx_flags_v0 virt = {
		.flagword = VXF_VIRT_MEM,
		.mask = VXF_VIRT_MEM,
	};
	struct mem_view host, guest, other;
	pid_t pid;

	/* The VM has 1536 MiB. */
	read_mem_view(&host);
	EXPECT_LT(1LL << 20, host.total);
	EXPECT_LT(1ULL << 30, host.si_total);

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, vs_call(VCMD_set_cflags, xid, &virt));
	/* 64 MiB. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 16384));
	pid = start_in_ctx(xid, look_at_memory, &guest, sizeof(guest));
	ASSERT_LT(0, pid);
	stop_ctx(xid, pid);
	EXPECT_EQ(65536, guest.total);
	EXPECT_LE(0, guest.free);
	EXPECT_GE(65536, guest.free);
	EXPECT_LE(0, guest.avail);
	EXPECT_GE(65536, guest.avail);
	/* No swap in the VM, and the limit adds none. */
	EXPECT_EQ(0, guest.swap);
	EXPECT_EQ(64ULL << 20, guest.si_total);

	/* The same limit without the flag: the guest sees the machine. */
	ASSERT_EQ(0, vs_create_persistent_ctx(plain));
	ASSERT_EQ(0, set_limit(plain, RLIMIT_RSS, CRLIM_KEEP, 16384));
	pid = start_in_ctx(plain, look_at_memory, &other, sizeof(other));
	ASSERT_LT(0, pid);
	stop_ctx(plain, pid);
	EXPECT_LT(1LL << 20, other.total);
	EXPECT_LT(1ULL << 30, other.si_total);

	/* And so does the host, while a context has the flag. */
	read_mem_view(&host);
	EXPECT_LT(1LL << 20, host.total);
	EXPECT_LT(1ULL << 30, host.si_total);
	EXPECT_EQ(0, end_ctx(xid));
	EXPECT_EQ(0, end_ctx(plain));
}

/* One row of /proc/virtual/<xid>/limit, parsed. */
struct limit_row {
	long cur, min, max;
	long long soft, hard;
	int hits;
};

static int read_row(uint32_t xid, const char *name, struct limit_row *row)
{
	char path[64], line[256], fmt[64];
	int found = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/virtual/%u/limit", xid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	snprintf(fmt, sizeof(fmt), "%s:\t%%ld\t%%ld/%%ld\t%%lld/%%lld\t%%d",
		 name);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, fmt, &row->cur, &row->min, &row->max,
			   &row->soft, &row->hard, &row->hits) == 6)
			found = 0;
	fclose(f);
	return found;
}

/*
 * 40 MiB touched, 32 MiB (8192 pages) expected: the cgroup's statistics,
 * which ANON comes from, may lag behind by a few hundred pages.
 */
#define TOUCH_BYTES (40L << 20)
#define TOUCH_EXPECT 8192

static uint32_t seen_xid;

struct rss_seen {
	long rss, anon;
	int row_err;
	struct limit_row row;
};

/* A worker of its own (a fork inside) touches, looks and stays. */
static void touch_and_look(int fd)
{
	struct rss_seen s = { 0 };
	pid_t pid = fork();
	char *p;

	if (pid == 0) {
		p = mmap(NULL, TOUCH_BYTES, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(W_SETUP);
		memset(p, 1, TOUCH_BYTES);
		s.rss = own_value(RLIMIT_RSS);
		s.anon = own_value(VLIMIT_ANON);
		s.row_err = read_row(seen_xid, "RSS", &s.row);
		if (write(fd, &s, sizeof(s)) != sizeof(s))
			_exit(3);
	}
	for (;;)
		pause();
}

TEST(rss_row_follows_the_cgroup)
{
	const uint32_t xid = 569;
	struct limit_row row;
	struct rss_seen s;
	long long rss, cur;
	pid_t pid;

	ASSERT_NE(NULL, cgroot());
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	/* 256 MiB: room enough. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 65536));
	seen_xid = xid;
	pid = start_in_ctx(xid, touch_and_look, &s, sizeof(s));
	ASSERT_LT(0, pid);

	/* What the guest saw of itself. */
	EXPECT_LE(TOUCH_EXPECT, s.rss);
	EXPECT_LE(TOUCH_EXPECT, s.anon);
	EXPECT_EQ(0, s.row_err);
	EXPECT_LE(TOUCH_EXPECT, s.row.cur);
	EXPECT_EQ(65536, s.row.hard);

	/* What the host sees while the worker holds its memory. */
	rss = limit_value(xid, RLIMIT_RSS);
	cur = cg_number(xid, "memory.current");
	EXPECT_LE(TOUCH_EXPECT, rss);
	/* Nothing in the context runs: both are the same counter. */
	EXPECT_GE(64, llabs(cur / 4096 - rss))
	{
		TH_LOG("memory.current %lld bytes, RSS %lld pages", cur, rss);
	}
	ASSERT_EQ(0, read_row(xid, "RSS", &row));
	EXPECT_LE(TOUCH_EXPECT, row.cur);
	ASSERT_EQ(0, read_row(xid, "ANON", &row));
	EXPECT_LE(TOUCH_EXPECT, row.cur);

	stop_ctx(xid, pid);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_ANON));
	EXPECT_GT(512, limit_settles_below(xid, RLIMIT_RSS, 512));
	ASSERT_EQ(0, read_row(xid, "RSS", &row));
	EXPECT_GT(512, row.cur);
	EXPECT_EQ(0, end_ctx(xid));
	cgroot_release();
}

TEST_HARNESS_MAIN
