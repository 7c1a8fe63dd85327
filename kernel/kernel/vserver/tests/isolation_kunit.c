// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of who sees and signals whom
 *
 * Included at the end of task.c.
 */

#include <kunit/test.h>

/* The xids of the table below: host, spectator, two guests. */
enum { H = VX_ID_HOST, S = VX_ID_SPECTATOR, A = 2, B = 65535 };

struct vs_isolation_case {
	u32 actor, target;
	bool sees, finds, signals_pid, signals_group, controls;
};

/* actor, target: sees (/proc), finds (pid), kill(pid), kill(-1), ptrace */
static const struct vs_isolation_case vs_isolation_cases[] = {
	{ H, H, true, true, true, true, true },
	{ H, S, false, true, true, true, true },
	{ H, A, false, true, false, true, true },
	{ S, H, true, true, true, false, true },
	{ S, S, true, true, true, true, true },
	{ S, A, true, true, false, false, true },
	{ A, H, false, false, false, false, false },
	{ A, S, false, false, false, false, false },
	{ A, A, true, true, true, true, true },
	{ A, B, false, false, false, false, false },
	{ B, A, false, false, false, false, false },
};

static void vs_isolation_case_desc(const struct vs_isolation_case *c,
				   char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "xid %u on xid %u", c->actor,
		 c->target);
}

KUNIT_ARRAY_PARAM(vs_isolation, vs_isolation_cases, vs_isolation_case_desc);

static void vs_test_isolation_rules(struct kunit *test)
{
	const struct vs_isolation_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, vs_xid_sees(c->actor, c->target), c->sees);
	KUNIT_EXPECT_EQ(test, vs_xid_finds(c->actor, c->target), c->finds);
	KUNIT_EXPECT_EQ(test, vs_xid_signals_pid(c->actor, c->target),
			c->signals_pid);
	KUNIT_EXPECT_EQ(test, vs_xid_signals_group(c->actor, c->target),
			c->signals_group);
	KUNIT_EXPECT_EQ(test, vs_xid_controls(c->actor, c->target),
			c->controls);
}

/* Whatever a task may signal or control, it can also find by pid. */
static void vs_test_isolation_consistent(struct kunit *test)
{
	static const u32 xids[] = { H, S, A, 3, B };
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(xids); i++) {
		for (j = 0; j < ARRAY_SIZE(xids); j++) {
			u32 a = xids[i], t = xids[j];

			if (vs_xid_signals_pid(a, t))
				KUNIT_EXPECT_TRUE(test, vs_xid_finds(a, t));
			if (a >= VX_ID_MIN) {
				KUNIT_EXPECT_EQ(test, vs_xid_finds(a, t),
						a == t);
				KUNIT_EXPECT_EQ(test, vs_xid_controls(a, t),
						a == t);
			}
		}
	}
}

static void vs_test_si_fromuser(struct kunit *test)
{
	struct kernel_siginfo info = { .si_code = SI_USER };

	KUNIT_EXPECT_TRUE(test, vs_si_fromuser(SEND_SIG_NOINFO));
	KUNIT_EXPECT_FALSE(test, vs_si_fromuser(SEND_SIG_PRIV));
	KUNIT_EXPECT_TRUE(test, vs_si_fromuser(&info));
	info.si_code = SI_KERNEL;
	KUNIT_EXPECT_FALSE(test, vs_si_fromuser(&info));
}

static struct kunit_case vs_isolation_test_cases[] = {
	KUNIT_CASE_PARAM(vs_test_isolation_rules, vs_isolation_gen_params),
	KUNIT_CASE(vs_test_isolation_consistent),
	KUNIT_CASE(vs_test_si_fromuser),
	{}
};

static struct kunit_suite vs_isolation_suite = {
	.name = "vserver_isolation",
	.test_cases = vs_isolation_test_cases,
};

kunit_test_suite(vs_isolation_suite);
