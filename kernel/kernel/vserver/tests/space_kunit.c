// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for Linux-VServer's spaces: which masks and indexes
 * set_space and enter_space accept, and what they act on.
 */

#include <kunit/test.h>

#define VS_ALL_SPACES                                                 \
	((u64)(CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
	       CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUSER))

static void vs_test_set_mask(struct kunit *test)
{
	/* 0 is the default: what "vspace --set --default" means. */
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(0, 0, VS_ALL_SPACES),
			(long)VS_SPACE_DEFAULT);
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(CLONE_NEWNET, 1, VS_ALL_SPACES),
			(long)CLONE_NEWNET);
	KUNIT_EXPECT_EQ(test,
			vs_space_set_mask(VS_ALL_SPACES, 0, VS_ALL_SPACES),
			(long)VS_ALL_SPACES);
	/* Only sets 0 and 1 exist. */
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(CLONE_NEWNS, 2, VS_ALL_SPACES),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(0, U32_MAX, VS_ALL_SPACES),
			-EINVAL);
	/* A bit that is no space, or a namespace this kernel lacks. */
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(CLONE_VM, 0, VS_ALL_SPACES),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			vs_space_set_mask(CLONE_NEWCGROUP, 0, VS_ALL_SPACES),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(1ULL << 40, 0, VS_ALL_SPACES),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			vs_space_set_mask(CLONE_NEWNET, 0,
					  VS_ALL_SPACES & ~CLONE_NEWNET),
			-EINVAL);
	/* The default narrows to what the kernel has. */
	KUNIT_EXPECT_EQ(test, vs_space_set_mask(0, 0, CLONE_FS | CLONE_NEWNS),
			(long)(CLONE_FS | CLONE_NEWNS));
}

static void vs_test_enter_mask(struct kunit *test)
{
	u64 saved = VS_SPACE_DEFAULT;

	/* 0: everything the set holds. */
	KUNIT_EXPECT_EQ(test, vs_space_enter_mask(0, saved, 0), (long)saved);
	KUNIT_EXPECT_EQ(test, vs_space_enter_mask(CLONE_NEWUTS, saved, 1),
			(long)CLONE_NEWUTS);
	/* A set never saved. */
	KUNIT_EXPECT_EQ(test, vs_space_enter_mask(0, 0, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, vs_space_enter_mask(CLONE_NEWNS, 0, 0), -EINVAL);
	/* A space the set lacks, even with others it holds. */
	KUNIT_EXPECT_EQ(test,
			vs_space_enter_mask(CLONE_NEWNET | CLONE_NEWUTS, saved,
					    0),
			-EINVAL);
	/* Only sets 0 and 1 exist. */
	KUNIT_EXPECT_EQ(test, vs_space_enter_mask(0, saved, 2), -EINVAL);
}

static void vs_test_allowed(struct kunit *test)
{
	u64 allowed = vs_space_allowed();

	/* Mount and fs are always there; the advertised mask is allowed. */
	KUNIT_EXPECT_EQ(test, allowed & (CLONE_FS | CLONE_NEWNS),
			(u64)(CLONE_FS | CLONE_NEWNS));
	KUNIT_EXPECT_EQ(test, VS_SPACE_ADVERTISED & ~allowed, 0ULL);
	KUNIT_EXPECT_EQ(test, allowed & ~VS_ALL_SPACES, 0ULL);
	KUNIT_EXPECT_EQ(test, !!(allowed & CLONE_NEWNET),
			IS_ENABLED(CONFIG_NET_NS));
}

static struct kunit_case vs_space_cases[] = {
	/* clang-format off */
	KUNIT_CASE(vs_test_set_mask),
	KUNIT_CASE(vs_test_enter_mask),
	KUNIT_CASE(vs_test_allowed),
	{}
	/* clang-format on */
};

static struct kunit_suite vs_space_suite = {
	.name = "vserver_space",
	.test_cases = vs_space_cases,
};

kunit_test_suite(vs_space_suite);
