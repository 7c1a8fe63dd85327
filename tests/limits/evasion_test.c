// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - limits that must not be evaded
 *
 *   Giving back: munmap, a shrinking mremap and a shrinking brk return
 *   their VM charge, so a guest that maps and unmaps in a loop keeps
 *   working under its VM limit while one mapping above it is refused.
 *
 *   Racing: parties that start together behind a barrier (threads, or
 *   processes with their own address spaces or IPC namespaces) never
 *   take more together than the limit allows: VM, LOCKS, SOCK (socket
 *   and accept), SHM and SEMS.
 *
 *   Splitting: unlocking the middle of a POSIX lock makes two lock
 *   records of one; the split is a new lock and the LOCKS limit holds.
 *
 * Each test has its own context (xids 540-546) and checks that the
 * limit's value settles back to 0 once the context's tasks are gone.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
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

#define MIB (1L << 20)

/* The child's end of the host's "go on" pipe (see wait_for_host()). */
static int go_fd = -1;

/*
 * Runs fn in a child inside xid; fn sends back a result of @size bytes
 * with report().  If host_step is given, fn first calls wait_for_host()
 * and the host runs host_step meanwhile.  The pipes are made on the host,
 * so they are not charged to xid.  Returns -1 if no whole result came.
 */
static int run_in_ctx(uint32_t xid, void (*fn)(int fd), void (*host_step)(void),
		      void *res, size_t size)
{
	int fds[2], go[2], status;
	ssize_t got;
	char c = 0;
	pid_t pid;

	if (pipe(fds))
		return -1;
	if (pipe(go)) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		close(go[1]);
		go_fd = go[0];
		if (enter_ctx(xid))
			_exit(2);
		fn(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	close(go[0]);
	/* A child that died before its wait gets no go (no SIGPIPE here). */
	if (host_step && read(fds[0], &c, 1) == 1) {
		host_step();
		if (write(go[1], &c, 1) != 1)
			c = -1;
	}
	memset(res, 0, size);
	got = read(fds[0], res, size);
	close(fds[0]);
	close(go[1]);
	kill_ctx(xid);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return got == (ssize_t)size ? 0 : -1;
}

static void report(int fd, const void *res, size_t size)
{
	if (write(fd, res, size) != (ssize_t)size)
		_exit(3);
}

/* Lets the host run its step of run_in_ctx(), and waits for it. */
static void wait_for_host(int fd)
{
	char c = 0;

	if (write(fd, &c, 1) != 1 || read(go_fd, &c, 1) != 1)
		_exit(3);
}

/*
 * Runs mem_work in a grandchild: fork() inside the context gives it an
 * address space charged to the context (the child's own came from the
 * host).  Only the worker reports: if it dies first, the host reads EOF.
 */
static void (*mem_work)(int fd);

static void fork_mem_worker(int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		mem_work(fd);
		_exit(0);
	}
	close(fd);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/*
 * Races.  The parties (threads of the child in the context, or processes
 * it forks there, each with one or more threads) and the child, which
 * coordinates, pass a process-shared barrier together four times:
 *
 *   ready - each party has set up; the coordinator reads the value
 *   go    - the parties race, each until its first refusal
 *   done  - the coordinator reads the value and tallies the slots
 *   clean - the parties clean up what must not outlive them
 */
#define RACE_MAX 16
#define PARTY_STACK (64 << 10)

struct race {
	pthread_barrier_t bar;
	struct race_slot {
		long count; /* what this party got */
		int err; /* the errno that stopped it, 0 if none */
		int note; /* a fact of its setup (own IPC namespace) */
	} slot[RACE_MAX];
};

/* What the test sets before run_in_ctx(); the children inherit it. */
static struct race_plan {
	void (*party)(struct race *r, int i);
	int (*setup)(int fd); /* in the context, before the parties */
	int procs; /* processes, or 0: threads of the child */
	int threads; /* threads per process */
	uint32_t id; /* the limit the race is about */
	int err; /* the errno parties should stop with */
} plan;

static struct race *the_race;

struct race_result {
	int setup; /* errno of a failed setup, 0 if the race ran */
	int stopped; /* parties stopped by plan.err */
	int wrong; /* another errno a party stopped with, 0 if none */
	int notes; /* parties that set their note */
	long count; /* what all parties got together */
	long base; /* the limit's value before the race */
	long value; /* and right after it */
};

static struct race *race_new(int parties)
{
	pthread_barrierattr_t attr;
	struct race *r;

	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED)
		return NULL;
	pthread_barrierattr_init(&attr);
	pthread_barrierattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	/* The coordinator is one more. */
	errno = pthread_barrier_init(&r->bar, &attr, parties + 1);
	pthread_barrierattr_destroy(&attr);
	return errno ? NULL : r;
}

static void race_step(struct race *r)
{
	pthread_barrier_wait(&r->bar);
}

/* ready, go */
static void party_start(struct race *r)
{
	race_step(r);
	race_step(r);
}

/* done, clean */
static void party_end(struct race *r)
{
	race_step(r);
	race_step(r);
}

static void *party_thread(void *arg)
{
	plan.party(the_race, (int)(long)arg);
	return NULL;
}

/* Small stacks: the AS race must not spend its limit on them. */
static int spawn_threads(pthread_t *tid, int first, int n)
{
	pthread_attr_t attr;
	int i, err;

	err = pthread_attr_init(&attr);
	if (err)
		return err;
	err = pthread_attr_setstacksize(&attr, PARTY_STACK);
	for (i = 0; !err && i < n; i++)
		err = pthread_create(&tid[i], &attr, party_thread,
				     (void *)(long)(first + i));
	pthread_attr_destroy(&attr);
	return err;
}

static void join_threads(pthread_t *tid, int n)
{
	int i;

	for (i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
}

/* Each process is its own address space, charged to the context. */
static int spawn_procs(pid_t *pid, int fd)
{
	pthread_t tid[RACE_MAX];
	int p;

	for (p = 0; p < plan.procs; p++) {
		pid[p] = fork();
		if (pid[p] < 0)
			return errno;
		if (pid[p])
			continue;
		close(fd);
		if (plan.threads == 1) {
			plan.party(the_race, p);
			_exit(0);
		}
		if (spawn_threads(tid, p * plan.threads, plan.threads))
			_exit(1);
		join_threads(tid, plan.threads);
		_exit(0);
	}
	return 0;
}

static void race_coordinate(struct race_result *res, int n)
{
	int i;

	race_step(the_race);
	res->base = own_value(plan.id);
	race_step(the_race);
	race_step(the_race);
	res->value = own_value(plan.id);
	for (i = 0; i < n; i++) {
		struct race_slot *s = &the_race->slot[i];

		res->count += s->count;
		res->notes += s->note;
		if (s->err == plan.err)
			res->stopped++;
		else if (s->err && !res->wrong)
			res->wrong = s->err;
	}
	race_step(the_race);
}

/* The child in the context: runs plan's race and reports its tally. */
static void race_in_ctx(int fd)
{
	int n = plan.threads * (plan.procs ? plan.procs : 1);
	struct race_result res = { 0 };
	pthread_t tid[RACE_MAX];
	pid_t pid[RACE_MAX];
	int i;

	the_race = n <= RACE_MAX ? race_new(n) : NULL;
	if (!the_race)
		res.setup = errno ? errno : EINVAL;
	else if (plan.setup)
		res.setup = plan.setup(fd);
	if (!res.setup)
		res.setup = plan.procs ? spawn_procs(pid, fd) :
					 spawn_threads(tid, 0, n);
	if (res.setup) {
		/* Parties already waiting die with the context. */
		report(fd, &res, sizeof(res));
		for (;;)
			pause();
	}
	race_coordinate(&res, n);
	if (plan.procs) {
		for (i = 0; i < plan.procs; i++)
			waitpid(pid[i], NULL, 0);
	} else {
		join_threads(tid, n);
	}
	report(fd, &res, sizeof(res));
	for (;;)
		pause();
}

/* VM: 64 rounds of 16 MiB under 256 MiB, and one 512 MiB mapping. */
#define AS_ROUNDS 64
#define AS_ROUND (16 * MIB)
#define AS_ROUNDS_LIMIT 65536
#define AS_BIG (512 * MIB)

enum as_path { AS_MUNMAP, AS_MREMAP, AS_BRK, AS_PATHS };

static const char *const as_path_name[AS_PATHS] = { "munmap", "mremap", "brk" };

static enum as_path as_path;

struct as_rounds {
	int rounds; /* rounds that completed */
	int err; /* errno of the round that failed */
	long base; /* VM before the first round */
	long grown; /* VM added by the first round's growth */
	long after; /* VM after the last round */
	int big_err; /* errno of the 512 MiB mmap, 0 if it worked */
};

/*
 * Grows the address space by 16 MiB and shrinks it back the way
 * as_path says; on round 0, notes what the growth charged.
 */
static int as_round(int round, struct as_rounds *r)
{
	char *p, *q;
	int err;

	if (as_path == AS_BRK) {
		p = sbrk(AS_ROUND);
		if (p == (void *)-1)
			return -1;
	} else {
		p = mmap(NULL, AS_ROUND, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -1;
	}
	p[0] = 1;
	if (round == 0)
		r->grown = own_value(RLIMIT_AS) - r->base;
	switch (as_path) {
	case AS_BRK:
		return sbrk(-AS_ROUND) == (void *)-1 ? -1 : 0;
	case AS_MREMAP:
		q = mremap(p, AS_ROUND, AS_ROUND / 4, 0);
		if (q == MAP_FAILED) {
			err = errno;
			munmap(p, AS_ROUND);
			errno = err;
			return -1;
		}
		return munmap(q, AS_ROUND / 4);
	default:
		return munmap(p, AS_ROUND);
	}
}

static void as_shrink_rounds(int fd)
{
	struct as_rounds r = { .base = own_value(RLIMIT_AS) };
	void *big;

	for (r.rounds = 0; r.rounds < AS_ROUNDS; r.rounds++) {
		if (as_round(r.rounds, &r)) {
			r.err = errno;
			break;
		}
	}
	r.after = own_value(RLIMIT_AS);
	/* The limit is still there: above it, a mapping is refused. */
	big = mmap(NULL, AS_BIG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r.big_err = big == MAP_FAILED ? errno : 0;
	report(fd, &r, sizeof(r));
	_exit(0);
}

TEST(as_charge_is_given_back_by_munmap)
{
	const uint32_t xid = 540;
	long round_pages = AS_ROUND / sysconf(_SC_PAGESIZE);
	struct as_rounds r;
	int path;
	void *big;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_AS, CRLIM_KEEP, AS_ROUNDS_LIMIT));
	mem_work = as_shrink_rounds;
	/* A fresh address space for each path: each fails on its own. */
	for (path = 0; path < AS_PATHS; path++) {
		as_path = path;
		ASSERT_EQ(0, run_in_ctx(xid, fork_mem_worker, NULL, &r,
					sizeof(r)));
		EXPECT_EQ(AS_ROUNDS, r.rounds)
		{
			TH_LOG("%s: round %d of %d refused (%s), VM %ld pages",
			       as_path_name[path], r.rounds, AS_ROUNDS,
			       strerror(r.err), r.after);
		}
		EXPECT_LT(0, r.base);
		/* The growth was charged; the shrink gave it back. */
		EXPECT_EQ(round_pages, r.grown)
		{
			TH_LOG("%s: growth charged %ld pages",
			       as_path_name[path], r.grown);
		}
		EXPECT_GE(64, labs(r.after - r.base))
		{
			TH_LOG("%s: VM %ld pages before, %ld after",
			       as_path_name[path], r.base, r.after);
		}
		EXPECT_EQ(ENOMEM, r.big_err);
		EXPECT_EQ(0, limit_settles(xid, RLIMIT_AS));
	}

	/* The host has no such limit. */
	big = mmap(NULL, AS_BIG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_NE(MAP_FAILED, big);
	if (big != MAP_FAILED)
		munmap(big, AS_BIG);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* VM: 16 threads in 8 address spaces map 8 MiB chunks under 64 MiB. */
#define AS_RACE_LIMIT 16384
#define AS_CHUNK (8 * MIB)
#define AS_CHUNKS_MAX 64

/* Keeps every chunk mapped (untouched) until the context dies. */
static void map_chunks(struct race *r, int i)
{
	struct race_slot *s = &r->slot[i];

	party_start(r);
	while (s->count < AS_CHUNKS_MAX) {
		if (mmap(NULL, AS_CHUNK, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
			s->err = errno;
			break;
		}
		s->count++;
	}
	party_end(r);
}

TEST(as_limit_holds_under_racing_threads)
{
	const uint32_t xid = 541;
	long chunk_pages = AS_CHUNK / sysconf(_SC_PAGESIZE), pages;
	struct vcmd_rlimit_stat_v0 st;
	struct race_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_AS, CRLIM_KEEP, AS_RACE_LIMIT));
	/*
	 * Threads of one process serialize on its mmap lock: the race that
	 * matters is between address spaces, so 8 processes of 2 threads.
	 */
	plan = (struct race_plan){
		.party = map_chunks,
		.procs = 8,
		.threads = 2,
		.id = RLIMIT_AS,
		.err = ENOMEM,
	};
	ASSERT_EQ(0, run_in_ctx(xid, race_in_ctx, NULL, &res, sizeof(res)));
	ASSERT_EQ(0, res.setup)
	{
		TH_LOG("setup: %s", strerror(res.setup));
	}
	pages = res.count * chunk_pages;
	TH_LOG("VM %ld pages before the race, %ld chunks (%ld pages) mapped, %ld after",
	       res.base, res.count, pages, res.value);
	EXPECT_LT(0, res.base);
	/* Not vacuous: there was room, and it was used. */
	EXPECT_LT(0, res.count);
	EXPECT_GE(AS_RACE_LIMIT, res.base + pages);
	EXPECT_GE(AS_RACE_LIMIT, res.value);
	/* The value is what is mapped: no charge lost or left over. */
	EXPECT_EQ(res.base + pages, res.value);
	EXPECT_EQ(16, res.stopped);
	EXPECT_EQ(0, res.wrong);
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_AS, &st));
	EXPECT_GE(AS_RACE_LIMIT, st.maximum);
	EXPECT_LE(1, st.hits);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_AS));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* LOCKS: unlocking the middle of a lock makes two records of one. */
#define LOCKS_LIMIT 8
#define SPLITS 64
#define SPLIT_PATH "/tmp/vs-split-542"
#define SPLIT_HOST_PATH "/tmp/vs-split-542-host"

struct split_result {
	int count; /* unlocks that split the lock */
	int err; /* errno of the first that failed */
	long value; /* LOCKS at the end */
	long peak; /* the highest LOCKS seen after an unlock */
};

/*
 * Write-locks [0, 1 TiB) of fd, then unlocks bytes 1, 3, 5, ...: each
 * unlock leaves one more lock record.  With a peak, reads the context's
 * LOCKS after each unlock.  Returns how many unlocks succeeded, or -1 if
 * the first lock failed.
 */
static int split_lock(int fd, int *err, long *peak)
{
	struct flock fl = {
		.l_type = F_WRLCK,
		.l_whence = SEEK_SET,
		.l_start = 0,
		.l_len = 1LL << 40,
	};
	long v;
	int i;

	*err = 0;
	if (fcntl(fd, F_SETLK, &fl)) {
		*err = errno;
		return -1;
	}
	for (i = 0; i < SPLITS; i++) {
		fl.l_type = F_UNLCK;
		fl.l_start = 2 * i + 1;
		fl.l_len = 1;
		if (fcntl(fd, F_SETLK, &fl)) {
			*err = errno;
			break;
		}
		if (peak) {
			v = own_value(RLIMIT_LOCKS);
			if (v > *peak)
				*peak = v;
		}
	}
	return i;
}

/* The file is opened in the context: its locks count there. */
static void split_in_ctx(int fd)
{
	struct split_result res = { 0 };
	int lfd;

	lfd = open(SPLIT_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (lfd < 0) {
		res.count = -2;
		res.err = errno;
	} else {
		res.count = split_lock(lfd, &res.err, &res.peak);
	}
	res.value = own_value(RLIMIT_LOCKS);
	report(fd, &res, sizeof(res));
	for (;;)
		pause();
}

TEST(locks_split_by_unlocking_stops_at_the_limit)
{
	const uint32_t xid = 542;
	struct vcmd_rlimit_stat_v0 st;
	struct split_result res;
	int fd, n, err;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_LOCKS, CRLIM_KEEP, LOCKS_LIMIT));
	ASSERT_EQ(0, run_in_ctx(xid, split_in_ctx, NULL, &res, sizeof(res)));
	TH_LOG("%d unlocks split the lock, then %s; LOCKS %ld, peak %ld",
	       res.count, res.err ? strerror(res.err) : "no refusal", res.value,
	       res.peak);
	/* 1 record + 7 splits = 8; the 8th split is refused. */
	EXPECT_EQ(LOCKS_LIMIT - 1, res.count);
	EXPECT_EQ(ENOLCK, res.err);
	EXPECT_EQ(LOCKS_LIMIT, res.value);
	EXPECT_GE(LOCKS_LIMIT, res.peak);
	/*
	 * Not st.maximum: a lock's room is reserved and its record then
	 * counted before the reservation goes, so the watermark may show
	 * one more than the records ever were.
	 */
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_LOCKS, &st));
	EXPECT_LE(1, st.hits);

	/* The host splits the same way, all 64 times. */
	fd = open(SPLIT_HOST_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_LE(0, fd);
	n = split_lock(fd, &err, NULL);
	EXPECT_EQ(SPLITS, n)
	{
		TH_LOG("host: split %d failed: %s", n, strerror(err));
	}
	close(fd);
	unlink(SPLIT_HOST_PATH);

	EXPECT_EQ(0, limit_settles(xid, RLIMIT_LOCKS));
	unlink(SPLIT_PATH);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* LOCKS: 16 threads flock 16 files at once under a limit of 8. */
#define FLOCK_PATH "/tmp/vs-flock-543-%d"
#define RACE_THREADS 16

/* Each opens its own file first; the lock stays until the context dies. */
static void flock_party(struct race *r, int i)
{
	struct race_slot *s = &r->slot[i];
	char path[40];
	int fd;

	snprintf(path, sizeof(path), FLOCK_PATH, i);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	if (fd < 0)
		s->err = errno;
	party_start(r);
	/* LOCK_NB: the files are distinct, nothing should ever wait. */
	if (fd >= 0) {
		if (flock(fd, LOCK_EX | LOCK_NB))
			s->err = errno;
		else
			s->count = 1;
	}
	party_end(r);
}

TEST(locks_hold_under_racing_threads)
{
	const uint32_t xid = 543;
	struct vcmd_rlimit_stat_v0 st;
	struct race_result res;
	char path[40];
	int i;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, RLIMIT_LOCKS, CRLIM_KEEP, LOCKS_LIMIT));
	plan = (struct race_plan){
		.party = flock_party,
		.threads = RACE_THREADS,
		.id = RLIMIT_LOCKS,
		.err = ENOLCK,
	};
	ASSERT_EQ(0, run_in_ctx(xid, race_in_ctx, NULL, &res, sizeof(res)));
	ASSERT_EQ(0, res.setup)
	{
		TH_LOG("setup: %s", strerror(res.setup));
	}
	TH_LOG("%ld of %d flocks succeeded, %d refused; LOCKS %ld", res.count,
	       RACE_THREADS, res.stopped, res.value);
	EXPECT_EQ(0, res.base);
	EXPECT_EQ(LOCKS_LIMIT, res.count);
	EXPECT_EQ(RACE_THREADS - LOCKS_LIMIT, res.stopped);
	EXPECT_EQ(0, res.wrong);
	EXPECT_EQ(LOCKS_LIMIT, res.value);
	ASSERT_EQ(0, limit_stat(xid, RLIMIT_LOCKS, &st));
	EXPECT_LE(1, st.hits);
	EXPECT_EQ(0, limit_settles(xid, RLIMIT_LOCKS));
	for (i = 0; i < RACE_THREADS; i++) {
		snprintf(path, sizeof(path), FLOCK_PATH, i);
		unlink(path);
	}
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* SOCK: 16 threads make sockets at once under a limit of 32. */
#define NSOCK_LIMIT 32
#define SOCKETS_MAX 256

/* Keeps its sockets open until the context dies. */
static void socket_party(struct race *r, int i)
{
	struct race_slot *s = &r->slot[i];

	party_start(r);
	while (s->count < SOCKETS_MAX) {
		if (socket(AF_UNIX, SOCK_DGRAM, 0) < 0) {
			s->err = errno;
			break;
		}
		s->count++;
	}
	party_end(r);
}

TEST(sockets_hold_under_racing_threads)
{
	const uint32_t xid = 544;
	struct vcmd_rlimit_stat_v0 st;
	struct race_result res;
	int fds[2 * NSOCK_LIMIT], n;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_NSOCK, CRLIM_KEEP, NSOCK_LIMIT));
	plan = (struct race_plan){
		.party = socket_party,
		.threads = RACE_THREADS,
		.id = VLIMIT_NSOCK,
		.err = ENOBUFS,
	};
	ASSERT_EQ(0, run_in_ctx(xid, race_in_ctx, NULL, &res, sizeof(res)));
	ASSERT_EQ(0, res.setup)
	{
		TH_LOG("setup: %s", strerror(res.setup));
	}
	TH_LOG("%ld sockets made by %d threads; SOCK %ld", res.count,
	       RACE_THREADS, res.value);
	EXPECT_EQ(0, res.base);
	/* No more, and no fewer: a refusal comes only at the limit. */
	EXPECT_EQ(NSOCK_LIMIT, res.count);
	EXPECT_EQ(RACE_THREADS, res.stopped);
	EXPECT_EQ(0, res.wrong);
	EXPECT_EQ(NSOCK_LIMIT, res.value);
	ASSERT_EQ(0, limit_stat(xid, VLIMIT_NSOCK, &st));
	EXPECT_GE(NSOCK_LIMIT, st.maximum);

	/* The host makes twice as many. */
	for (n = 0; n < 2 * NSOCK_LIMIT; n++) {
		fds[n] = socket(AF_UNIX, SOCK_DGRAM, 0);
		if (fds[n] < 0)
			break;
	}
	EXPECT_EQ(2 * NSOCK_LIMIT, n);
	while (n--)
		close(fds[n]);

	EXPECT_EQ(0, limit_settles(xid, VLIMIT_NSOCK));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/*
 * SOCK: a listener in the context, 32 connections from the host, and 16
 * threads accepting at once under a limit of 8.  A path, not an abstract
 * name: abstract names are per context, the host would not find it.
 */
#define ACCEPT_LIMIT 8
#define ACCEPT_CLIENTS 32
#define ACCEPT_PATH "/tmp/vs-accept-545"

static int listen_fd = -1;
static int clients[ACCEPT_CLIENTS];
static int nclients;

/* The race's setup, in the context: the listener is its first socket. */
static int listen_for_host(int fd)
{
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
		.sun_path = ACCEPT_PATH,
	};
	int err = 0;

	unlink(ACCEPT_PATH);
	listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (listen_fd < 0 ||
	    bind(listen_fd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(listen_fd, 2 * ACCEPT_CLIENTS) ||
	    fcntl(listen_fd, F_SETFL, O_NONBLOCK))
		err = errno;
	/* The host connects now, whether or not this worked. */
	wait_for_host(fd);
	return err;
}

/* The host's step: its sockets are not charged to the context. */
static void connect_clients(void)
{
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
		.sun_path = ACCEPT_PATH,
	};
	int c;

	for (nclients = 0; nclients < ACCEPT_CLIENTS; nclients++) {
		c = socket(AF_UNIX, SOCK_STREAM, 0);
		if (c < 0)
			break;
		if (connect(c, (struct sockaddr *)&addr, sizeof(addr))) {
			close(c);
			break;
		}
		clients[nclients] = c;
	}
}

/*
 * Accepts until refused; keeps what it accepted.  EAGAIN ends it too:
 * all 32 connections taken means the limit did not hold.
 */
static void accept_party(struct race *r, int i)
{
	struct race_slot *s = &r->slot[i];

	party_start(r);
	for (;;) {
		if (accept(listen_fd, NULL, NULL) >= 0) {
			s->count++;
			continue;
		}
		if (errno != EINTR)
			break;
	}
	s->err = errno;
	party_end(r);
}

TEST(accepts_hold_under_racing_threads)
{
	const uint32_t xid = 545;
	struct vcmd_rlimit_stat_v0 st;
	struct race_result res;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_NSOCK, CRLIM_KEEP, ACCEPT_LIMIT));
	plan = (struct race_plan){
		.party = accept_party,
		.setup = listen_for_host,
		.threads = RACE_THREADS,
		.id = VLIMIT_NSOCK,
		.err = ENOBUFS,
	};
	ASSERT_EQ(0, run_in_ctx(xid, race_in_ctx, connect_clients, &res,
				sizeof(res)));
	ASSERT_EQ(0, res.setup)
	{
		TH_LOG("listener: %s", strerror(res.setup));
	}
	EXPECT_EQ(ACCEPT_CLIENTS, nclients);
	TH_LOG("%ld of %d connections accepted by %d threads; SOCK %ld",
	       res.count, nclients, RACE_THREADS, res.value);
	/* The listener, and nothing of the host's. */
	EXPECT_EQ(1, res.base);
	EXPECT_EQ(ACCEPT_LIMIT - 1, res.count);
	EXPECT_EQ(RACE_THREADS, res.stopped);
	EXPECT_EQ(0, res.wrong);
	EXPECT_EQ(ACCEPT_LIMIT, res.value);
	ASSERT_EQ(0, limit_stat(xid, VLIMIT_NSOCK, &st));
	EXPECT_GE(ACCEPT_LIMIT, st.maximum);
	while (nclients--)
		close(clients[nclients]);
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_NSOCK));
	unlink(ACCEPT_PATH);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/*
 * SHM and SEMS: 8 processes, each in its own IPC namespace where it can
 * have one (the namespace's lock would serialize them), create objects
 * of 16 pages or semaphores at once under a limit of 64.
 */
#define IPC_PROCS 8
#define IPC_LIMIT 64
#define IPC_UNIT 16
#define IPC_MAX 64

static void ipc_party(struct race *r, int i)
{
	struct race_slot *s = &r->slot[i];
	long page = sysconf(_SC_PAGESIZE);
	int ids[IPC_MAX], id, k;

	s->note = unshare(CLONE_NEWIPC) == 0;
	party_start(r);
	while (s->count < IPC_MAX) {
		if (plan.id == VLIMIT_SHMEM)
			id = shmget(IPC_PRIVATE, IPC_UNIT * page,
				    IPC_CREAT | 0600);
		else
			id = semget(IPC_PRIVATE, IPC_UNIT, IPC_CREAT | 0600);
		if (id < 0) {
			s->err = errno;
			break;
		}
		ids[s->count++] = id;
	}
	party_end(r);
	/* Objects outlive their creator: remove them. */
	for (k = 0; k < s->count; k++) {
		if (plan.id == VLIMIT_SHMEM)
			shmctl(ids[k], IPC_RMID, NULL);
		else
			semctl(ids[k], 0, IPC_RMID);
	}
}

static void ipc_race(struct __test_metadata *_metadata, uint32_t xid,
		     uint32_t id, const char *what)
{
	struct vcmd_rlimit_stat_v0 st;
	struct race_result res;
	long units;

	plan = (struct race_plan){
		.party = ipc_party,
		.procs = IPC_PROCS,
		.threads = 1,
		.id = id,
		.err = ENOSPC,
	};
	ASSERT_EQ(0, run_in_ctx(xid, race_in_ctx, NULL, &res, sizeof(res)));
	ASSERT_EQ(0, res.setup)
	{
		TH_LOG("%s setup: %s", what, strerror(res.setup));
	}
	units = res.count * IPC_UNIT;
	TH_LOG("%s: %d of %d processes in their own IPC namespace, %ld created, value %ld",
	       what, res.notes, IPC_PROCS, units, res.value);
	EXPECT_EQ(0, res.base);
	EXPECT_LT(0, units);
	EXPECT_GE(IPC_LIMIT, units);
	EXPECT_GE(IPC_LIMIT, res.value);
	EXPECT_EQ(units, res.value);
	EXPECT_EQ(IPC_PROCS, res.stopped);
	EXPECT_EQ(0, res.wrong);
	ASSERT_EQ(0, limit_stat(xid, id, &st));
	EXPECT_GE(IPC_LIMIT, st.maximum);
	EXPECT_EQ(0, limit_settles(xid, id));
}

TEST(shm_and_sem_hold_under_racing_namespaces)
{
	const uint32_t xid = 546;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_SHMEM, CRLIM_KEEP, IPC_LIMIT));
	ASSERT_EQ(0, set_limit(xid, VLIMIT_NSEMS, CRLIM_KEEP, IPC_LIMIT));
	ipc_race(_metadata, xid, VLIMIT_SHMEM, "shm pages");
	ipc_race(_metadata, xid, VLIMIT_NSEMS, "semaphores");
	EXPECT_EQ(0, limit_settles(xid, VLIMIT_SEMARY));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST_HARNESS_MAIN
