// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of context ids, flag arithmetic and counts
 *
 * Included at the end of context_cmd.c so that static functions stay static.
 */

#include <kunit/test.h>

static void vx_test_valid_id(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, vx_valid_id(0));
	KUNIT_EXPECT_FALSE(test, vx_valid_id(1));
	KUNIT_EXPECT_TRUE(test, vx_valid_id(2));
	KUNIT_EXPECT_TRUE(test, vx_valid_id(49152));
	KUNIT_EXPECT_TRUE(test, vx_valid_id(65535));
	KUNIT_EXPECT_FALSE(test, vx_valid_id(65536));
	KUNIT_EXPECT_FALSE(test, vx_valid_id(0xfffffffe));
	KUNIT_EXPECT_FALSE(test, vx_valid_id(0xffffffff));
}

struct vx_flags_case {
	const char *desc;
	u64 cur, set, mask;
	u64 expected;
};

static const struct vx_flags_case vx_flags_cases[] = {
	{ "plain bits follow the mask", VXF_INFO_PRIVATE, VXF_PERSISTENT,
	  VXF_PERSISTENT | VXF_INFO_PRIVATE, VXF_PERSISTENT },
	{ "unmasked bits stay", VXF_INFO_PRIVATE, 0, VXF_PERSISTENT,
	  VXF_INFO_PRIVATE },
	{ "one-time bit can be cleared", VXF_INIT_SET, 0, VXF_STATE_SETUP,
	  VXF_STATE_INIT | VXF_STATE_ADMIN },
	{ "cleared one-time bit cannot come back", VXF_STATE_ADMIN,
	  VXF_STATE_SETUP, VXF_STATE_SETUP, VXF_STATE_ADMIN },
	{ "setting a set one-time bit keeps it", VXF_STATE_SETUP,
	  VXF_STATE_SETUP, VXF_STATE_SETUP, VXF_STATE_SETUP },
	{ "all-ones mask clears everything clearable",
	  VXF_INIT_SET | VXF_VIRT_UPTIME, 0, ~0ULL, 0 },
	{ "all-ones set cannot raise one-time bits", 0, ~0ULL, ~0ULL,
	  ~VXF_ONE_TIME },
};

static void vx_flags_desc(const struct vx_flags_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vx_flags, vx_flags_cases, vx_flags_desc);

static void vx_test_flags(struct kunit *test)
{
	const struct vx_flags_case *t = test->param_value;
	u64 mask = vx_flags_mask(t->cur, t->mask);

	KUNIT_EXPECT_EQ(test, vs_masked_update(t->cur, t->set, mask),
			t->expected);
}

static void vx_test_masked_update(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vs_masked_update(0xf0, 0x0f, 0x00), 0xf0ULL);
	KUNIT_EXPECT_EQ(test, vs_masked_update(0xf0, 0x0f, 0xff), 0x0fULL);
	KUNIT_EXPECT_EQ(test, vs_masked_update(0xf0, 0x0f, 0x3c), 0xccULL);
}

static void vx_test_counts(struct kunit *test)
{
	struct vx_info *vxi = vx_alloc(4242, VXF_INIT_SET, &vx_ops);
	int total = atomic_read(&vx_table.total);

	KUNIT_ASSERT_NOT_NULL(test, vxi);
	/* Born with the creating command's claim and the table's ref. */
	KUNIT_EXPECT_EQ(test, atomic_read(&vxi->obj.tasks), 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&vxi->obj.usecnt), 1);
	KUNIT_EXPECT_EQ(test, vxi->bcaps, VX_BCAPS_FULL);
	KUNIT_EXPECT_TRUE(test, vx_is_hashed(vxi));

	KUNIT_EXPECT_TRUE(test, vx_claim(vxi));
	KUNIT_EXPECT_EQ(test, atomic_read(&vxi->obj.tasks), 2);
	KUNIT_EXPECT_PTR_EQ(test, vx_get(vxi), vxi);
	KUNIT_EXPECT_EQ(test, refcount_read(&vxi->obj.usecnt), 2);
	vx_put(vxi);

	/* Persistent takes a claim when set and gives it back when cleared. */
	vs_object_persistent_changed(&vxi->obj, 0, VXF_PERSISTENT,
				     VXF_PERSISTENT);
	KUNIT_EXPECT_EQ(test, atomic_read(&vxi->obj.tasks), 3);
	vs_object_persistent_changed(&vxi->obj, VXF_PERSISTENT, VXF_PERSISTENT,
				     VXF_PERSISTENT);
	KUNIT_EXPECT_EQ(test, atomic_read(&vxi->obj.tasks), 3);
	vs_object_persistent_changed(&vxi->obj, VXF_PERSISTENT, 0,
				     VXF_PERSISTENT);
	KUNIT_EXPECT_EQ(test, atomic_read(&vxi->obj.tasks), 2);

	/* Once the last claim is gone, nothing can claim it again. */
	atomic_set(&vxi->obj.tasks, 0);
	KUNIT_EXPECT_FALSE(test, vx_is_hashed(vxi));
	KUNIT_EXPECT_FALSE(test, vx_claim(vxi));

	vx_put(vxi);
	KUNIT_EXPECT_EQ(test, atomic_read(&vx_table.total), total - 1);
}

static void vx_test_lookup_absent(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, vx_lookup(0));
	KUNIT_EXPECT_NULL(test, vx_lookup(1));
	KUNIT_EXPECT_NULL(test, vx_lookup(65535));
	KUNIT_EXPECT_NULL(test, vx_lookup(0xffffffff));
}

static struct kunit_case vx_context_cases[] = {
	KUNIT_CASE(vx_test_valid_id),
	KUNIT_CASE_PARAM(vx_test_flags, vx_flags_gen_params),
	KUNIT_CASE(vx_test_masked_update),
	KUNIT_CASE(vx_test_counts),
	KUNIT_CASE(vx_test_lookup_absent),
	{}
};

static struct kunit_suite vx_context_suite = {
	.name = "vserver_context",
	.test_cases = vx_context_cases,
};

kunit_test_suite(vx_context_suite);
