// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of capability masking by the bounding set
 *
 * Included at the end of task.c.
 */

#include <kunit/test.h>

static const u64 vs_test_bcaps = BIT_ULL(CAP_CHOWN) | BIT_ULL(CAP_KILL) |
				 BIT_ULL(CAP_NET_BIND_SERVICE);

static void vs_test_cap_allowed(struct kunit *test)
{
	struct vx_info vxi = { .bcaps = vs_test_bcaps };

	/* Outside any context nothing is masked. */
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(NULL, CAP_SYS_TIME));

	/* During setup the set does not bind yet. */
	vxi.flags = VXF_STATE_SETUP;
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(&vxi, CAP_SYS_TIME));
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(&vxi, CAP_NET_RAW));

	/* After setup only the set's capabilities remain. */
	vxi.flags = VXF_STATE_INIT;
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(&vxi, CAP_CHOWN));
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(&vxi, CAP_NET_BIND_SERVICE));
	KUNIT_EXPECT_FALSE(test, vx_cap_allowed(&vxi, CAP_SYS_TIME));
	KUNIT_EXPECT_FALSE(test, vx_cap_allowed(&vxi, CAP_NET_RAW));
	KUNIT_EXPECT_FALSE(test, vx_cap_allowed(&vxi, CAP_SYS_ADMIN));
	KUNIT_EXPECT_FALSE(test, vx_cap_allowed(&vxi, CAP_LAST_CAP));

	/* The full set of a new context allows everything. */
	vxi.bcaps = VX_BCAPS_FULL;
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(&vxi, CAP_SYS_ADMIN));
	KUNIT_EXPECT_TRUE(test, vx_cap_allowed(&vxi, CAP_LAST_CAP));
}

static void vs_test_bound_cred(struct kunit *test)
{
	struct cred cred = {
		.cap_bset = CAP_FULL_SET,
		.cap_permitted = CAP_FULL_SET,
		.cap_effective = CAP_FULL_SET,
		.cap_inheritable = { .val = BIT_ULL(CAP_SYS_TIME) },
		.cap_ambient = { .val = BIT_ULL(CAP_KILL) },
	};

	vs_bound_cred(&cred, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_bset.val, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_permitted.val, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_effective.val, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_inheritable.val, 0ULL);
	KUNIT_EXPECT_EQ(test, cred.cap_ambient.val, BIT_ULL(CAP_KILL));

	/* Bit 63 (CAP_CONTEXT) and other invalid bits never reach a cred. */
	cred.cap_bset = CAP_FULL_SET;
	vs_bound_cred(&cred, VX_BCAPS_FULL);
	KUNIT_EXPECT_EQ(test, cred.cap_bset.val, CAP_VALID_MASK);
	KUNIT_EXPECT_EQ(test, cred.cap_permitted.val, vs_test_bcaps);
}

static struct kunit_case vs_task_test_cases[] = {
	KUNIT_CASE(vs_test_cap_allowed),
	KUNIT_CASE(vs_test_bound_cred),
	{}
};

static struct kunit_suite vs_task_suite = {
	.name = "vserver_capabilities",
	.test_cases = vs_task_test_cases,
};

kunit_test_suite(vs_task_suite);
