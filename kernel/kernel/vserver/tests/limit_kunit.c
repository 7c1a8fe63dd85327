// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of the limit arithmetic
 *
 * Included at the end of limit.c.
 */

#include <kunit/test.h>

struct vx_exceeds_case {
	const char *desc;
	unsigned long cur;
	long n;
	unsigned long hard;
	bool expected;
};

static const struct vx_exceeds_case vx_exceeds_cases[] = {
	{ "below the limit", 49, 1, 50, false },
	{ "reaching the limit", 50, 1, 50, false },
	{ "crossing the limit", 51, 1, 50, true },
	{ "a bulk charge crossing", 60, 20, 50, true },
	{ "no limit", 1UL << 40, 1, RLIM_INFINITY, false },
	{ "an uncharge never exceeds", 51, -1, 50, false },
	{ "hard limit 0 refuses anything", 1, 1, 0, true },
};

static void vx_exceeds_desc(const struct vx_exceeds_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vx_exceeds, vx_exceeds_cases, vx_exceeds_desc);

static void vx_test_exceeds(struct kunit *test)
{
	const struct vx_exceeds_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, vx_lim_exceeds(c->cur, c->n, c->hard),
			c->expected);
}

static struct vx_limit *vx_test_limit(struct kunit *test)
{
	struct vx_limits *lims = kunit_kzalloc(test, sizeof(*lims), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, lims);
	vx_limits_init(lims);
	return &lims->res[RLIMIT_NPROC];
}

static void vx_test_charge_to_hard(struct kunit *test)
{
	struct vx_limit *l = vx_test_limit(test);
	int i;

	vx_lim_set(l, CRLIM_KEEP, 3);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, vx_lim_charge(l, 1));
	KUNIT_EXPECT_FALSE(test, vx_lim_charge(l, 1));
	KUNIT_EXPECT_FALSE(test, vx_lim_charge(l, 2));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->cur), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&l->hits), 2);

	KUNIT_EXPECT_FALSE(test, vx_lim_avail(l, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&l->hits), 3);
	vx_lim_add(l, -1);
	KUNIT_EXPECT_TRUE(test, vx_lim_avail(l, 1));
	KUNIT_EXPECT_FALSE(test, vx_lim_avail(l, 2));
	KUNIT_EXPECT_TRUE(test, vx_lim_charge(l, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&l->hits), 4);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->cur), 3);
}

static void vx_test_watermarks(struct kunit *test)
{
	struct vx_limit *l = vx_test_limit(test);

	vx_lim_add(l, 5);
	vx_lim_add(l, -3);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmax), 5);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmin), 0);

	vx_lim_reset_minmax(l);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmin), 2);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmax), 2);
	vx_lim_add(l, -1);
	KUNIT_EXPECT_TRUE(test, vx_lim_charge(l, 4));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmin), 1);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmax), 5);

	/* A refused charge leaves no watermark behind. */
	vx_lim_set(l, CRLIM_KEEP, 5);
	KUNIT_EXPECT_FALSE(test, vx_lim_charge(l, 10));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->rmax), 5);
}

static void vx_test_set(struct kunit *test)
{
	struct vx_limit *l = vx_test_limit(test);

	KUNIT_EXPECT_EQ(test, l->soft, RLIM_INFINITY);
	KUNIT_EXPECT_EQ(test, l->hard, RLIM_INFINITY);

	vx_lim_set(l, 10, 20);
	KUNIT_EXPECT_EQ(test, l->soft, 10UL);
	KUNIT_EXPECT_EQ(test, l->hard, 20UL);

	/* KEEP leaves a field alone. */
	vx_lim_set(l, CRLIM_KEEP, 30);
	KUNIT_EXPECT_EQ(test, l->soft, 10UL);
	KUNIT_EXPECT_EQ(test, l->hard, 30UL);
	vx_lim_set(l, 15, CRLIM_KEEP);
	KUNIT_EXPECT_EQ(test, l->soft, 15UL);
	KUNIT_EXPECT_EQ(test, l->hard, 30UL);

	/* The soft limit is clamped to the hard one. */
	vx_lim_set(l, CRLIM_KEEP, 5);
	KUNIT_EXPECT_EQ(test, l->soft, 5UL);
	vx_lim_set(l, 50, CRLIM_KEEP);
	KUNIT_EXPECT_EQ(test, l->soft, 5UL);

	/* INFINITY lifts a limit. */
	vx_lim_set(l, CRLIM_INFINITY, CRLIM_INFINITY);
	KUNIT_EXPECT_EQ(test, l->soft, RLIM_INFINITY);
	KUNIT_EXPECT_EQ(test, l->hard, RLIM_INFINITY);
	KUNIT_EXPECT_EQ(test, vx_lim_to_user(l->hard), CRLIM_INFINITY);
	KUNIT_EXPECT_EQ(test, vx_lim_to_user(42), 42ULL);
}

static void vx_test_masks(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_set(RLIMIT_NPROC));
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_set(RLIMIT_NOFILE));
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_set(VLIMIT_NSOCK));
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_stat(RLIMIT_NPROC));
	/* RSS and ANON are the memory cgroup's, where it exists. */
	KUNIT_EXPECT_EQ(test, vx_lim_valid_set(RLIMIT_RSS),
			vs_memcg_available());
	KUNIT_EXPECT_EQ(test, vx_lim_valid_set(VLIMIT_ANON),
			vs_memcg_available());
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_set(RLIMIT_AS));
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_set(RLIMIT_MEMLOCK));
	/* MAPPED is counted for the RMAP row but has no limit of its own. */
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_stat(VLIMIT_MAPPED));
	KUNIT_EXPECT_FALSE(test, vx_lim_valid_set(VLIMIT_MAPPED));
	/* DENTRY is kept for vs2.3's configurations, though not enforced. */
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_set(VLIMIT_DENTRY));
	KUNIT_EXPECT_TRUE(test, vx_lim_valid_stat(VLIMIT_DENTRY));
	/* Plain per-process rlimits are no context limits. */
	KUNIT_EXPECT_FALSE(test, vx_lim_valid_set(RLIMIT_CPU));
	KUNIT_EXPECT_FALSE(test, vx_lim_valid_set(RLIMIT_STACK));
	KUNIT_EXPECT_FALSE(test, vx_lim_valid_stat(RLIMIT_NICE));
	KUNIT_EXPECT_FALSE(test, vx_lim_valid_set(NUM_LIMITS));
	KUNIT_EXPECT_FALSE(test, vx_lim_valid_stat(0xffffffff));
}

static struct kunit_case vx_limit_cases[] = {
	KUNIT_CASE_PARAM(vx_test_exceeds, vx_exceeds_gen_params),
	KUNIT_CASE(vx_test_charge_to_hard),
	KUNIT_CASE(vx_test_watermarks),
	KUNIT_CASE(vx_test_set),
	KUNIT_CASE(vx_test_masks),
	{}
};

static struct kunit_suite vx_limit_suite = {
	.name = "vserver_limit",
	.test_cases = vx_limit_cases,
};

kunit_test_suite(vx_limit_suite);
