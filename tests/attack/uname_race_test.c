// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - system name calls racing a context's end
 *
 *   creator: ctx_create(X), set_vhi_name(X, nodename), then X ends
 *            (its last task exits, or the host clears VXF_PERSISTENT)
 *   hammer (host): get_vhi_name / set_vhi_name on X, nodename and context
 *            name, until X is gone
 *
 * Every call answers 0 or -ESRCH; a use after free or a leak of the
 * context's UTS namespace shows as a KASAN, refcount or kmemleak report,
 * which the QEMU runner turns into a failure.  100 rounds of each kind
 * keep the test within seconds under TCG.
 */

#define _GNU_SOURCE
#include <stdlib.h>
#include <time.h>
#include <vserver/cvirt_cmd.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_EXIT 2098
#define XID_PERSISTENT 2099
#define ROUNDS 100
/* Calls after the first -ESRCH: the context stays gone. */
#define CALLS_AFTER 20

static long name_call(uint32_t xid, unsigned long i)
{
	struct vcmd_vhi_name_v0 vc = {
		.field = (i & 2) ? VHIN_CONTEXT : VHIN_NODENAME,
	};

	if (!(i & 1))
		return vs_call(VCMD_get_vhi_name, xid, &vc);
	strcpy(vc.name, "hammered");
	return vs_call(VCMD_set_vhi_name, xid, &vc);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Calls until the context is gone; writes to @started after its first
 * call.  Exits 0, or 1 on an answer other than 0 and -ESRCH, 2 if the
 * context was gone before the first call, 3 if it never went (10 s).
 */
static void hammer(uint32_t xid, int started)
{
	double deadline = now() + 10;
	unsigned long i, after = 0;

	for (i = 0; after < CALLS_AFTER; i++) {
		long ret = name_call(xid, i);

		if (ret != 0 && ret != -ESRCH) {
			fprintf(stderr, "call %lu on %u answered %ld\n", i, xid,
				ret);
			_exit(1);
		}
		if (i == 0) {
			if (ret)
				_exit(2);
			if (write(started, "s", 1) != 1)
				_exit(1);
		}
		if (ret == -ESRCH || after)
			after++;
		if (!(i & 255) && now() > deadline)
			_exit(3);
	}
	_exit(0);
}

static pid_t start_hammer(uint32_t xid)
{
	int started[2];
	pid_t pid;
	char c;

	if (pipe(started))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(started[0]);
		hammer(xid, started[1]);
	}
	close(started[1]);
	if (pid > 0 && read(started[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(started[0]);
	return pid;
}

static int exit_status(pid_t pid)
{
	int status;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* In a child: create xid with @flags and name it. */
static void create_and_name(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_create vc = { .flagword = flags };
	struct vcmd_vhi_name_v0 name = { .field = VHIN_NODENAME };

	strcpy(name.name, "racer");
	if (vs_call(VCMD_ctx_create, xid, &vc) != xid)
		_exit(10);
	if (vs_call(VCMD_set_vhi_name, xid, &name))
		_exit(11);
}

FIXTURE(race)
{
	int unused;
};

FIXTURE_SETUP(race)
{
}

FIXTURE_TEARDOWN(race)
{
	end_ctx(XID_EXIT);
	end_ctx(XID_PERSISTENT);
}

/* One round: the creator is the context's last task; it exits. */
static int last_task_round(void)
{
	int ready[2], go[2], creator_status, hammer_status;
	pid_t creator, hammerer;
	char c;

	if (pipe(ready) || pipe(go))
		return -1;
	creator = fork();
	if (creator == 0) {
		close(ready[0]);
		close(go[1]);
		create_and_name(XID_EXIT, VXF_INIT_SET);
		if (write(ready[1], "r", 1) != 1)
			_exit(12);
		/* Until the hammer runs. */
		_exit(read(go[0], &c, 1) == 1 ? 0 : 13);
	}
	close(ready[1]);
	close(go[0]);
	hammerer = -1;
	if (read(ready[0], &c, 1) == 1)
		hammerer = start_hammer(XID_EXIT);
	if (write(go[1], "g", 1) != 1)
		hammerer = -1;
	close(ready[0]);
	close(go[1]);
	creator_status = exit_status(creator);
	hammer_status = exit_status(hammerer);
	if (creator_status || hammer_status)
		fprintf(stderr, "creator %d, hammer %d\n", creator_status,
			hammer_status);
	return creator_status || hammer_status ? -1 : 0;
}

TEST_F_TIMEOUT(race, name_calls_race_the_last_task_exiting, 120)
{
	for (int round = 0; round < ROUNDS; round++) {
		ASSERT_EQ(0, last_task_round())
		TH_LOG("round %d", round);
	}
}

/* One round: a persistent context without tasks; the host ends it. */
static int persistence_round(void)
{
	pid_t creator = fork(), hammerer;
	int hammer_status;
	long ended;

	if (creator == 0) {
		create_and_name(XID_PERSISTENT, VXF_INIT_SET | VXF_PERSISTENT);
		_exit(0);
	}
	if (exit_status(creator))
		return -1;
	hammerer = start_hammer(XID_PERSISTENT);
	ended = vs_end_persistent_ctx(XID_PERSISTENT);
	hammer_status = exit_status(hammerer);
	if (ended || hammer_status)
		fprintf(stderr, "clearing %ld, hammer %d\n", ended,
			hammer_status);
	return ended || hammer_status ? -1 : 0;
}

TEST_F_TIMEOUT(race, name_calls_race_clearing_persistence, 120)
{
	for (int round = 0; round < ROUNDS; round++) {
		ASSERT_EQ(0, persistence_round())
		TH_LOG("round %d", round);
	}
}

TEST_HARNESS_MAIN
