// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - per-context limits
 *
 *   host --set_rlimit(X, NPROC, 50)--> a fork bomb in X stops at 50 tasks
 *   (EAGAIN) while the host still forks; likewise FILES (ENFILE) and
 *   NSOCK (ENOBUFS).  rlimit_stat and /proc/virtual/X/limit show the live
 *   values, and both return to 0 once X's tasks are gone.
 *
 *   Memory is charged per address space, to the context that created it:
 *   the memory tests fork once more inside X so that the worker's mm is
 *   X's.  Memory values are pages.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <mqueue.h>
#include <sys/syscall.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/limit_cmd.h>
#include <vserver/signal_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "../lib/vs_limits.h"
#include "kselftest_harness.h"

/*
 * Runs fn in a child inside xid; fn's result and errno come back through
 * a pipe.  The pipe is made on the host, so it is not charged to xid.
 */
struct ctx_result {
	long count;
	int err;
};

static int run_in_ctx(uint32_t xid, void (*fn)(int fd), struct ctx_result *res)
{
	int fds[2], status;
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
	memset(res, 0, sizeof(*res));
	if (read(fds[0], res, sizeof(*res)) != sizeof(*res))
		res->count = -1;
	close(fds[0]);
	kill_ctx(xid);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return 0;
}

static void report(int fd, long count, int err)
{
	struct ctx_result res = { .count = count, .err = err };

	if (write(fd, &res, sizeof(res)) != sizeof(res))
		_exit(3);
}

/* Forks sleepers until fork fails; reports how many it made. */
static void fork_bomb(int fd)
{
	long n = 0;

	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			close(fd);
			for (;;)
				pause();
		}
		if (pid < 0)
			break;
		n++;
	}
	report(fd, n, errno);
	for (;;)
		pause();
}

TEST(fork_bomb_stops_at_nproc)
{
	const uint32_t xid = 500;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;
	int status;
	pid_t pid;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, CRLIM_KEEP, 50));
	ASSERT_EQ(0, run_in_ctx(xid, fork_bomb, &res));
	/* The bomb itself is the 50th task. */
	EXPECT_EQ(49, res.count);
	EXPECT_EQ(EAGAIN, res.err);

	/* The host still forks and runs. */
	pid = fork();
	if (pid == 0)
		_exit(7);
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(7, WEXITSTATUS(status));

	EXPECT_EQ(0, limit_settles(xid, RLIMIT_NPROC));
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_NPROC, &st));
	EXPECT_EQ(50, st.maximum);
	EXPECT_EQ(1, st.hits);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Opens /dev/null until open fails. */
static void open_many(int fd)
{
	long n = 0;

	while (open("/dev/null", O_RDONLY) >= 0)
		n++;
	report(fd, n, errno);
	for (;;)
		pause();
}

TEST(nofile_stops_with_enfile)
{
	const uint32_t xid = 501;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NOFILE, CRLIM_KEEP, 20));
	ASSERT_EQ(0, run_in_ctx(xid, open_many, &res));
	/* Descriptors inherited from the host were not charged. */
	EXPECT_EQ(20, res.count);
	EXPECT_EQ(ENFILE, res.err);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_NOFILE));
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_NOFILE, &st));
	EXPECT_EQ(20, st.maximum);
	EXPECT_LE(1, st.hits);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Creates sockets until socket() fails. */
static void socket_many(int fd)
{
	long n = 0;

	while (socket(AF_INET, SOCK_DGRAM, 0) >= 0)
		n++;
	report(fd, n, errno);
	for (;;)
		pause();
}

TEST(nsock_stops_with_enobufs)
{
	const uint32_t xid = 502;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_NSOCK, CRLIM_KEEP, 5));
	ASSERT_EQ(0, run_in_ctx(xid, socket_many, &res));
	EXPECT_EQ(5, res.count);
	EXPECT_EQ(ENOBUFS, res.err);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_NSOCK));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* A socketpair is two sockets; accept() makes one more. */
static void socket_kinds(int fd)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 13;
	int pair[2], lfd, cfd;

	/* An abstract name: nothing on disk. */
	memcpy(addr.sun_path, "\0vs-nsock-503", 13);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair))
		report(fd, -1, errno);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, len) ||
	    listen(lfd, 1))
		report(fd, -2, errno);
	cfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (cfd < 0 || connect(cfd, (struct sockaddr *)&addr, len) ||
	    accept(lfd, NULL, NULL) < 0)
		report(fd, -3, errno);
	report(fd, 4, 0);
	for (;;)
		pause();
}

/* accept() at the limit fails; the connection stays queued. */
static void accept_at_limit(int fd)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 13;
	int lfd, cfd, afd;

	memcpy(addr.sun_path, "\0vs-nsock-508", 13);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, len) ||
	    listen(lfd, 1))
		report(fd, -2, errno);
	cfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (cfd < 0 || connect(cfd, (struct sockaddr *)&addr, len))
		report(fd, -3, errno);
	afd = accept(lfd, NULL, NULL);
	report(fd, afd, errno);
	for (;;)
		pause();
}

TEST(nsock_accept_at_the_limit)
{
	const uint32_t xid = 508;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_NSOCK, CRLIM_KEEP, 2));
	ASSERT_EQ(0, run_in_ctx(xid, accept_at_limit, &res));
	EXPECT_EQ(-1, res.count);
	EXPECT_EQ(ENOBUFS, res.err);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_NSOCK));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST(nsock_counts_socketpair_and_accept)
{
	const uint32_t xid = 503;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, run_in_ctx(xid, socket_kinds, &res));
	ASSERT_EQ(4, res.count);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_NSOCK));
	ASSERT_EQ(0, limit_stat(xid, VLIMIT_NSOCK, &st));
	/* pair (2) + listener + client socket + accepted = 5. */
	EXPECT_EQ(5, st.maximum);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST(rlimit_commands)
{
	const uint32_t xid = 504;
	struct vcmd_ctx_rlimit_mask_v0 mask;
	struct vcmd_ctx_rlimit_v0 vc = { .id = RLIMIT_NPROC };
	struct vcmd_rlimit_stat_v0 st;

	ASSERT_EQ(0, vs_call(VCMD_get_rlimit_mask, 0, &mask));
	EXPECT_EQ(0, mask.minimum);
	EXPECT_TRUE(mask.maximum & (1U << RLIMIT_NPROC));
	EXPECT_TRUE(mask.maximum & (1U << RLIMIT_NOFILE));
	EXPECT_TRUE(mask.maximum & (1U << VLIMIT_NSOCK));
	EXPECT_FALSE(mask.maximum & (1U << RLIMIT_CPU));

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, vs_call(VCMD_get_rlimit, xid, &vc));
	EXPECT_EQ(CRLIM_UNSET, vc.minimum);
	EXPECT_EQ(CRLIM_INFINITY, vc.softlimit);
	EXPECT_EQ(CRLIM_INFINITY, vc.maximum);

	/* The soft limit follows the hard one down, and KEEP keeps. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, CRLIM_KEEP, 100));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, 80, CRLIM_KEEP));
	ASSERT_EQ(0, vs_call(VCMD_get_rlimit, xid, &vc));
	EXPECT_EQ(80, vc.softlimit);
	EXPECT_EQ(100, vc.maximum);
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, CRLIM_KEEP, 60));
	ASSERT_EQ(0, vs_call(VCMD_get_rlimit, xid, &vc));
	EXPECT_EQ(60, vc.softlimit);
	ASSERT_EQ(0,
		  set_limit(xid, RLIMIT_NPROC, CRLIM_INFINITY, CRLIM_INFINITY));
	ASSERT_EQ(0, vs_call(VCMD_get_rlimit, xid, &vc));
	EXPECT_EQ(CRLIM_INFINITY, vc.maximum);

	/* Plain per-process rlimits and unknown ids are no context limits. */
	EXPECT_EQ(-EINVAL, set_limit(xid, RLIMIT_CPU, CRLIM_KEEP, 10));
	EXPECT_EQ(-EINVAL, set_limit(xid, 99, CRLIM_KEEP, 10));
	vc.id = RLIMIT_STACK;
	EXPECT_EQ(-EINVAL, vs_call(VCMD_get_rlimit, xid, &vc));
	EXPECT_EQ(-EINVAL, limit_stat(xid, RLIMIT_NICE, &st));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_get_rlimit, xid, NULL));
	EXPECT_EQ(-ESRCH, set_limit(4999, RLIMIT_NPROC, CRLIM_KEEP, 10));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* The whole PROC row of /proc/virtual/<xid>/limit, parsed. */
struct limit_row {
	long cur, min, max;
	long long soft, hard;
	int hits;
};

static int read_row(uint32_t xid, const char *name, struct limit_row *row,
		    char *header, size_t hlen, int *rows)
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
	if (!fgets(header, hlen, f))
		header[0] = 0;
	*rows = 0;
	while (fgets(line, sizeof(line), f)) {
		(*rows)++;
		if (sscanf(line, fmt, &row->cur, &row->min, &row->max,
			   &row->soft, &row->hard, &row->hits) == 6)
			found = 0;
	}
	fclose(f);
	return found;
}

/* Reads the limit file from inside xid while three tasks live there. */
static uint32_t row_xid;
static struct limit_row live_row;

static void three_and_read(int fd)
{
	char header[128];
	int rows, i;

	for (i = 0; i < 2; i++)
		if (fork() == 0) {
			close(fd);
			for (;;)
				pause();
		}
	if (read_row(row_xid, "PROC", &live_row, header, sizeof(header), &rows))
		report(fd, -1, errno);
	report(fd, live_row.cur, 0);
	for (;;)
		pause();
}

TEST(limit_file_shows_live_values)
{
	const uint32_t xid = 505;
	struct ctx_result res;
	struct limit_row row;
	char header[128];
	int rows;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, 40, 50));
	ASSERT_EQ(0,
		  read_row(xid, "PROC", &row, header, sizeof(header), &rows));
	EXPECT_STREQ("Limit\t current\t     min/max\t\t    soft/hard\t\thits\n",
		     header);
	EXPECT_EQ(15, rows);
	EXPECT_EQ(0, row.cur);
	EXPECT_EQ(40, row.soft);
	EXPECT_EQ(50, row.hard);
	ASSERT_EQ(0, read_row(xid, "VM", &row, header, sizeof(header), &rows));
	EXPECT_EQ(-1, row.hard);
	ASSERT_EQ(0,
		  read_row(xid, "DENT", &row, header, sizeof(header), &rows));

	/* Read from inside, with three tasks alive. */
	row_xid = xid;
	ASSERT_EQ(0, run_in_ctx(xid, three_and_read, &res));
	EXPECT_EQ(3, res.count);

	EXPECT_EQ(0, limit_settles(xid, RLIMIT_NPROC));
	ASSERT_EQ(0,
		  read_row(xid, "PROC", &row, header, sizeof(header), &rows));
	EXPECT_EQ(0, row.cur);
	EXPECT_EQ(0, row.min);
	EXPECT_EQ(3, row.max);
	EXPECT_EQ(0, row.hits);

	/* reset_minmax: both watermarks become the current value. */
	ASSERT_EQ(0, vs_call(VCMD_reset_minmax, xid, NULL));
	ASSERT_EQ(0,
		  read_row(xid, "PROC", &row, header, sizeof(header), &rows));
	EXPECT_EQ(0, row.max);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST(hits_count_and_reset)
{
	const uint32_t xid = 506;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, CRLIM_KEEP, 1));
	/* The migrated task is the only one allowed: each fork is a hit. */
	ASSERT_EQ(0, run_in_ctx(xid, fork_bomb, &res));
	EXPECT_EQ(0, res.count);
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_NPROC, &st));
	EXPECT_EQ(1, st.hits);
	ASSERT_EQ(0, vs_call(VCMD_reset_hits, xid, NULL));
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_NPROC, &st));
	EXPECT_EQ(0, st.hits);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST(migration_is_charged_but_not_refused)
{
	const uint32_t xid = 507;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	/* An administrator's migration passes a full limit; forks do not. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_NPROC, CRLIM_KEEP, 0));
	ASSERT_EQ(0, run_in_ctx(xid, fork_bomb, &res));
	EXPECT_EQ(0, res.count);
	EXPECT_EQ(EAGAIN, res.err);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_NPROC));
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_NPROC, &st));
	EXPECT_EQ(1, st.maximum);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Opens until EMFILE; then dup2 to a free number fails alike. */
static void open_until_emfile(int fd)
{
	int err;

	while (open("/dev/null", O_RDONLY) >= 0)
		;
	err = errno;
	if (dup2(0, 900) >= 0 || errno != EMFILE)
		report(fd, -1, errno);
	report(fd, own_value(VLIMIT_OPENFD), err);
	for (;;)
		pause();
}

TEST(openfd_stops_with_emfile)
{
	const uint32_t xid = 510;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_OPENFD, CRLIM_KEEP, 10));
	ASSERT_EQ(0, run_in_ctx(xid, open_until_emfile, &res));
	/* The inherited descriptors moved in with the task and count. */
	EXPECT_EQ(10, res.count);
	EXPECT_EQ(EMFILE, res.err);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_OPENFD));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* fork() copies the table: the child's descriptors count too. */
static void fork_doubles_ofd(int fd)
{
	long before = own_value(VLIMIT_OPENFD), after;

	if (fork() == 0) {
		for (;;)
			pause();
	}
	after = own_value(VLIMIT_OPENFD);
	report(fd, after - 2 * before, before > 0 ? 0 : EINVAL);
	for (;;)
		pause();
}

TEST(openfd_follows_fork)
{
	const uint32_t xid = 511;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, run_in_ctx(xid, fork_doubles_ofd, &res));
	EXPECT_EQ(0, res.count);
	EXPECT_EQ(0, res.err);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_OPENFD));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Three flock()s fit, the fourth (an fcntl lock) does not. */
static void lock_many(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char path[32];
	int fds[4], i;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "/tmp/vs-lock-%d", i);
		fds[i] = open(path, O_RDWR | O_CREAT, 0600);
		if (fds[i] < 0)
			report(fd, -1, errno);
	}
	for (i = 0; i < 3; i++)
		if (flock(fds[i], LOCK_EX))
			report(fd, -2, errno);
	if (fcntl(fds[3], F_SETLK, &fl) == 0)
		report(fd, -3, 0);
	/* Unlocking is never refused, and frees a slot. */
	if (flock(fds[0], LOCK_UN) || fcntl(fds[3], F_SETLK, &fl))
		report(fd, -4, errno);
	fl.l_type = F_UNLCK;
	fcntl(fds[3], F_SETLK, &fl);
	report(fd, own_value(RLIMIT_LOCKS), ENOLCK);
	for (;;)
		pause();
}

TEST(locks_stop_with_enolck)
{
	const uint32_t xid = 512;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_LOCKS, CRLIM_KEEP, 3));
	ASSERT_EQ(0, run_in_ctx(xid, lock_many, &res));
	/* Two flocks remain after the unlocks. */
	EXPECT_EQ(2, res.count);
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_LOCKS, &st));
	EXPECT_EQ(1, st.hits);
	EXPECT_EQ(3, st.maximum);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_LOCKS));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* 8 + 4 pages do not fit in 10; 8 + 2 do. */
static void shm_many(int fd)
{
	long page = sysconf(_SC_PAGESIZE), value;
	int a, b, c, err;

	a = shmget(IPC_PRIVATE, 8 * page, IPC_CREAT | 0600);
	b = shmget(IPC_PRIVATE, 4 * page, IPC_CREAT | 0600);
	err = errno;
	c = shmget(IPC_PRIVATE, 2 * page, IPC_CREAT | 0600);
	if (a < 0 || b >= 0 || c < 0)
		report(fd, -1, err);
	value = own_value(VLIMIT_SHMEM);
	/* Segments outlive their creator: remove them before reporting. */
	shmctl(a, IPC_RMID, NULL);
	shmctl(c, IPC_RMID, NULL);
	report(fd, value, err);
	for (;;)
		pause();
}

TEST(shm_stops_with_enospc)
{
	const uint32_t xid = 513;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_SHMEM, CRLIM_KEEP, 10));
	ASSERT_EQ(0, run_in_ctx(xid, shm_many, &res));
	EXPECT_EQ(10, res.count);
	EXPECT_EQ(ENOSPC, res.err);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_SHMEM));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* SEMS 10 and SEMA 2: 8 fit, 4 more do not, 2 do, a third array not. */
static void sem_many(int fd)
{
	int a, b, c, d, err_sems, err_sema;
	long value;

	a = semget(IPC_PRIVATE, 8, IPC_CREAT | 0600);
	b = semget(IPC_PRIVATE, 4, IPC_CREAT | 0600);
	err_sems = errno;
	c = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	d = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	err_sema = errno;
	if (a < 0 || b >= 0 || c < 0 || d >= 0 || err_sema != ENOSPC)
		report(fd, -1, err_sems);
	value = own_value(VLIMIT_NSEMS) * 100 + own_value(VLIMIT_SEMARY);
	semctl(a, 0, IPC_RMID);
	semctl(c, 0, IPC_RMID);
	report(fd, value, err_sems);
	for (;;)
		pause();
}

TEST(semaphores_stop_with_enospc)
{
	const uint32_t xid = 514;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_NSEMS, CRLIM_KEEP, 10));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_SEMARY, CRLIM_KEEP, 2));
	ASSERT_EQ(0, run_in_ctx(xid, sem_many, &res));
	/* 10 semaphores in 2 arrays. */
	EXPECT_EQ(1002, res.count);
	EXPECT_EQ(ENOSPC, res.err);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_NSEMS));
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_SEMARY));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* A queue of 10 x 1 KiB fits in 16 KiB; a second one does not. */
static void mq_many(int fd)
{
	struct mq_attr attr = { .mq_maxmsg = 10, .mq_msgsize = 1024 };
	long a, b, value;
	int err;

	a = syscall(SYS_mq_open, "vs-mq-a", O_CREAT | O_RDWR, 0600, &attr);
	b = syscall(SYS_mq_open, "vs-mq-b", O_CREAT | O_RDWR, 0600, &attr);
	err = errno;
	if (a < 0 || b >= 0)
		report(fd, -1, err);
	value = own_value(RLIMIT_MSGQUEUE);
	close(a);
	syscall(SYS_mq_unlink, "vs-mq-a");
	report(fd, value >= 10240 && value < 16384, err);
	for (;;)
		pause();
}

TEST(msgqueue_stops_with_emfile)
{
	const uint32_t xid = 515;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_MSGQUEUE, CRLIM_KEEP, 16384));
	ASSERT_EQ(0, run_in_ctx(xid, mq_many, &res));
	EXPECT_EQ(1, res.count);
	EXPECT_EQ(EMFILE, res.err);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_MSGQUEUE));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/*
 * Runs mem_work in a grandchild: fork() inside the context gives it an
 * address space charged to the context.  Reports how it ended: its exit
 * code, or the signal that killed it as 1000 + signo.
 */
static void (*mem_work)(int fd);

static void fork_mem_worker(int fd)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		mem_work(fd);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		report(fd, -1, errno);
	/* This task of the context outlived the worker. */
	report(fd,
	       WIFSIGNALED(status) ? 1000 + WTERMSIG(status) :
				     WEXITSTATUS(status),
	       0);
	for (;;)
		pause();
}

#define HOG_BYTES (64L << 20)

/* Touches 64 MiB of anonymous memory, a page at a time. */
static void hog(int fd)
{
	long page = sysconf(_SC_PAGESIZE), off;
	char *p = mmap(NULL, HOG_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(10);
	for (off = 0; off < HOG_BYTES; off += page)
		p[off] = 1;
	_exit(11);
}

/* The host still gets and touches the same amount. */
static int host_touches(void)
{
	char *p = mmap(NULL, HOG_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	memset(p, 1, HOG_BYTES);
	return munmap(p, HOG_BYTES);
}

static void memory_hog_dies_alone(struct __test_metadata *_metadata,
				  uint32_t xid, uint32_t id)
{
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	/* 16 MiB. */
	ASSERT_EQ(0, set_limit(xid, id, CRLIM_KEEP, 4096));
	mem_work = hog;
	ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, &res));
	EXPECT_EQ(1000 + SIGKILL, res.count);
	EXPECT_EQ(0, host_touches());
	ASSERT_EQ(0, limit_stat(xid, id, &st));
	EXPECT_LE(1, st.hits);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_ANON));
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_MAPPED));
	EXPECT_GT(512, limit_settles_below(xid, RLIMIT_RSS, 512));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST(rss_hog_is_killed_alone)
{
	memory_hog_dies_alone(_metadata, 516, RLIMIT_RSS);
}

TEST(anon_hog_is_killed_alone)
{
	memory_hog_dies_alone(_metadata, 517, VLIMIT_ANON);
}

TEST(rss_limit_above_the_hog_lets_it_live)
{
	const uint32_t xid = 518;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	/* 128 MiB: the 64 MiB hog fits; it counts while it lives. */
	ASSERT_EQ(0, set_limit(xid, RLIMIT_RSS, CRLIM_KEEP, 32768));
	mem_work = hog;
	ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, &res));
	EXPECT_EQ(11, res.count);
	EXPECT_GT(512, limit_settles_below(xid, RLIMIT_RSS, 512));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Under a 64 MiB VM limit: 128 MiB by mmap or brk is refused, 1 MiB not. */
static void grow_address_space(int fd)
{
	long vm = own_value(RLIMIT_AS);
	void *big, *small;
	int err_mmap, err_brk;

	big = mmap(NULL, 128L << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		   0);
	err_mmap = errno;
	small = mmap(NULL, 1L << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		     0);
	errno = 0;
	if (sbrk(128L << 20) != (void *)-1)
		_exit(20);
	err_brk = errno;
	if (big != MAP_FAILED || small == MAP_FAILED || err_brk != ENOMEM)
		_exit(21);
	/* The mapping that succeeded counts: 256 pages more than before. */
	if (vm <= 0 || own_value(RLIMIT_AS) != vm + 256)
		_exit(22);
	_exit(err_mmap == ENOMEM ? 23 : 24);
}

TEST(as_limit_refuses_mmap_and_brk)
{
	const uint32_t xid = 519;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_AS, CRLIM_KEEP, 16384));
	mem_work = grow_address_space;
	ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, &res));
	EXPECT_EQ(23, res.count);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_AS));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/*
 * Under a 16-page VML limit, with the per-process rlimit lifted: 8 pages
 * lock, 16 more do not (mlock: ENOMEM, MAP_LOCKED: EAGAIN).
 */
static void lock_memory(int fd)
{
	long page = sysconf(_SC_PAGESIZE);
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	char *p = mmap(NULL, 64 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *locked;
	int err;

	setrlimit(RLIMIT_MEMLOCK, &unlimited);
	if (p == MAP_FAILED || mlock(p, 8 * page))
		_exit(30);
	if (mlock(p + 8 * page, 16 * page) == 0 || errno != ENOMEM)
		_exit(31);
	locked = mmap(NULL, 16 * page, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	err = errno;
	if (locked != MAP_FAILED || err != EAGAIN)
		_exit(32);
	if (mlock(p + 8 * page, 8 * page))
		_exit(33);
	/* At the limit, locking what is already locked is no more. */
	if (mlock(p, 16 * page))
		_exit(36);
	_exit(own_value(RLIMIT_MEMLOCK) == 16 ? 34 : 35);
}

TEST(memlock_limit_refuses_mlock_and_locked_mmap)
{
	const uint32_t xid = 520;
	struct vcmd_rlimit_stat_v0 st;
	struct ctx_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_MEMLOCK, CRLIM_KEEP, 16));
	mem_work = lock_memory;
	ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, &res));
	EXPECT_EQ(34, res.count);
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_MEMLOCK, &st));
	EXPECT_EQ(2, st.hits);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_MEMLOCK));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST_HARNESS_MAIN
