// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - probing other contexts through the
 * syscall switch
 *
 *   guest A (xid and nid 2046) --task_xid, task_nid, task_tag(pid)-->
 *       its own tasks: 2046; a host task or one of guest B (2047):
 *       ESRCH, as for a pid nobody uses
 *   host --the same--> every task's ids
 *   guest A --get_dlimit(tag 2047)--> ESRCH although the host reads
 *       that record; its own tag's record it reads
 *
 * The guests are root in contexts in their setup phase: they may use
 * the switch, so what refuses is the lookup.
 */

#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mount.h>
#include <vserver/dlimit_cmd.h>
#include <vserver/tag_cmd.h>

#include "attack.h"
#include "kselftest_harness.h"

#define ID_A 2046 /* xid, nid and tag of guest A */
#define ID_B 2047

#define TAGGED_DEV "/dev/vda" /* the disk suite's ext4 with quota */
#define MNT "/mnt/vs-attack-dlimit"

struct tasks {
	pid_t a; /* in guest A */
	pid_t b; /* in guest B */
	pid_t host;
};

static const uint32_t id_cmds[] = { VCMD_task_xid, VCMD_task_nid,
				    VCMD_task_tag };
static const char *const id_names[] = { "task_xid", "task_nid", "task_tag" };

/* Guest A: its own tasks answer 2046 for all three ids. */
static void probe_finds_own(const void *arg)
{
	const struct tasks *t = arg;

	for (unsigned int i = 0; i < ARRAY_SIZE(id_cmds); i++) {
		CHECK_AT(vs_call(id_cmds[i], 0, NULL) == ID_A, id_names[i]);
		CHECK_AT(vs_call(id_cmds[i], getpid(), NULL) == ID_A,
			 id_names[i]);
		CHECK_AT(vs_call(id_cmds[i], t->a, NULL) == ID_A, id_names[i]);
	}
}

static void probe_foreign_absent(const void *arg)
{
	const struct tasks *t = arg;
	const pid_t foreign[] = { getppid(), t->host, t->b };
	static const char *const whose[] = { "the test", "a host sleeper",
					     "guest B's sleeper" };
	char what[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(id_cmds); i++) {
		for (unsigned int j = 0; j < ARRAY_SIZE(foreign); j++) {
			snprintf(what, sizeof(what), "%s of %s", id_names[i],
				 whose[j]);
			CHECK_AT(vs_call(id_cmds[i], foreign[j], NULL) ==
					 -ESRCH,
				 what);
		}
	}
}

/* The host reads every task's ids. */
static void probe_host_finds_all(const void *arg)
{
	const struct tasks *t = arg;

	for (unsigned int i = 0; i < ARRAY_SIZE(id_cmds); i++) {
		CHECK_AT(vs_call(id_cmds[i], t->b, NULL) == ID_B, id_names[i]);
		CHECK_AT(vs_call(id_cmds[i], t->a, NULL) == ID_A, id_names[i]);
		CHECK_AT(vs_call(id_cmds[i], t->host, NULL) == 0, id_names[i]);
	}
}

FIXTURE(guests)
{
	struct tasks t;
};

FIXTURE_SETUP(guests)
{
	ASSERT_EQ(0, create_net(ID_A, 0));
	ASSERT_EQ(0, create_net(ID_B, 0));
	ASSERT_EQ(0, create_ctx(ID_A, 0));
	ASSERT_EQ(0, create_ctx(ID_B, 0));
	self->t.a = sleeper_in_ids(ID_A, ID_A);
	self->t.b = sleeper_in_ids(ID_B, ID_B);
	self->t.host = sleeper_in_ids(0, 0);
	ASSERT_LT(0, self->t.a);
	ASSERT_LT(0, self->t.b);
	ASSERT_LT(0, self->t.host);
}

FIXTURE_TEARDOWN(guests)
{
	end_ctx(ID_A);
	end_ctx(ID_B);
	if (self->t.host > 0)
		kill(self->t.host, SIGKILL);
	if (self->t.a > 0)
		waitpid(self->t.a, NULL, 0);
	if (self->t.b > 0)
		waitpid(self->t.b, NULL, 0);
	if (self->t.host > 0)
		waitpid(self->t.host, NULL, 0);
	vs_end_persistent_net(ID_A);
	vs_end_persistent_net(ID_B);
}

TEST_F(guests, task_ids_of_foreign_tasks_are_not_found)
{
	EXPECT_EQ(0, on_host(probe_host_finds_all, &self->t));
	EXPECT_EQ(0, run_in(ID_A, ID_A, probe_finds_own, &self->t));
	EXPECT_EQ(0, run_in(ID_A, ID_A, probe_foreign_absent, &self->t));
}

static long get_dlimit(uint32_t tag, struct vcmd_ctx_dlimit_v0 *vc)
{
	memset(vc, 0, sizeof(*vc));
	vc->name = MNT;
	return vs_call(VCMD_get_dlimit, tag, vc);
}

static long dlimit_base(uint32_t cmd, uint32_t tag)
{
	struct vcmd_ctx_dlimit_base_v0 vc = { .name = MNT };

	return vs_call(cmd, tag, &vc);
}

static void probe_dlimit_own_only(const void *unused)
{
	struct vcmd_ctx_dlimit_v0 vc;

	CHECK(get_dlimit(ID_A, &vc) == 0);
	CHECK(vc.space_total == CDLIM_INFINITY);
	CHECK(get_dlimit(ID_B, &vc) == -ESRCH);
}

/* A record for each tag on the tagged disk: only one is guest A's. */
FIXTURE(dlimits)
{
	int unused;
};

FIXTURE_SETUP(dlimits)
{
	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	umount(MNT);
	ASSERT_EQ(0, mount(TAGGED_DEV, MNT, "ext4", 0, "tag"))
	TH_LOG("mount %s: %s", TAGGED_DEV, strerror(errno));
	ASSERT_EQ(0, dlimit_base(VCMD_add_dlimit, ID_A));
	ASSERT_EQ(0, dlimit_base(VCMD_add_dlimit, ID_B));
	ASSERT_EQ(0, create_ctx(ID_A, 0));
}

FIXTURE_TEARDOWN(dlimits)
{
	end_ctx(ID_A);
	dlimit_base(VCMD_rem_dlimit, ID_A);
	dlimit_base(VCMD_rem_dlimit, ID_B);
	EXPECT_EQ(0, umount(MNT));
	rmdir(MNT);
}

TEST_F(dlimits, get_dlimit_of_another_guests_tag_is_not_found)
{
	struct vcmd_ctx_dlimit_v0 vc;

	EXPECT_EQ(0, get_dlimit(ID_A, &vc));
	EXPECT_EQ(0, get_dlimit(ID_B, &vc));
	EXPECT_EQ(0, run_in(ID_A, 0, probe_dlimit_own_only, NULL));
}

TEST_HARNESS_MAIN
