// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of the VM charge of an address space
 *
 * Included at the end of mm.c.  The growth may_expand_vm() reserves
 * is used up by the accounting that follows; a growth that did not happen
 * is given back by the next reservation; the release gives back all.
 */

#include <kunit/test.h>

struct vs_vm_fixture {
	struct vx_info *vxi;
	struct mm_struct *mm;
};

static struct vs_vm_fixture vs_vm_setup(struct kunit *test, long hard)
{
	struct vs_vm_fixture f;

	f.vxi = kunit_kzalloc(test, sizeof(*f.vxi), GFP_KERNEL);
	f.mm = kunit_kzalloc(test, sizeof(*f.mm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f.vxi);
	KUNIT_ASSERT_NOT_NULL(test, f.mm);
	vx_limits_init(&f.vxi->limits);
	vs_lim(f.vxi, RLIMIT_AS)->hard = hard;
	/* The test's own reference: the release never frees it. */
	refcount_set(&f.vxi->obj.usecnt, 2);
	f.mm->vs_vxi = f.vxi;
	return f;
}

static long vs_vm_charged(const struct vs_vm_fixture *f)
{
	return atomic_long_read(&vs_lim(f->vxi, RLIMIT_AS)->cur);
}

static void vs_test_vm_growth_uses_the_reservation(struct kunit *test)
{
	struct vs_vm_fixture f = vs_vm_setup(test, 100);

	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 10));
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 10);
	__vs_vm_account(f.mm, 10);
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 10);
	KUNIT_EXPECT_EQ(test, f.mm->vs_vm, 10);
	KUNIT_EXPECT_EQ(test, f.mm->vs_vm_resv, 0);
	/* 10 + 95 > 100: refused, nothing charged, one hit. */
	KUNIT_EXPECT_FALSE(test, __vs_vm_reserve(f.mm, 95));
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 10);
	KUNIT_EXPECT_EQ(test, atomic_read(&vs_lim(f.vxi, RLIMIT_AS)->hits), 1);
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 90));
	__vs_vm_account(f.mm, 90);
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 100);
}

static void vs_test_vm_munmap_gives_back(struct kunit *test)
{
	struct vs_vm_fixture f = vs_vm_setup(test, 64);
	int round;

	/* 16 rounds of map 16, unmap 16 under 64: the charge never grows. */
	for (round = 0; round < 16; round++) {
		KUNIT_ASSERT_TRUE(test, __vs_vm_reserve(f.mm, 16));
		__vs_vm_account(f.mm, 16);
		__vs_vm_account(f.mm, -16);
		KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 0);
	}
	/* MAP_FIXED over 4 mapped pages: reserve 16 - 4, unmap 4, map 16. */
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 4));
	__vs_vm_account(f.mm, 4);
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 12));
	__vs_vm_account(f.mm, -4);
	__vs_vm_account(f.mm, 16);
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 16);
	KUNIT_EXPECT_EQ(test, f.mm->vs_vm, 16);
	/* mprotect(): reserve, then -n and +n between the stat counters. */
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 8));
	__vs_vm_account(f.mm, -8);
	__vs_vm_account(f.mm, 8);
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 16);
	KUNIT_EXPECT_EQ(test, f.mm->vs_vm_resv, 0);
}

static void vs_test_vm_stale_reservation_goes(struct kunit *test)
{
	struct vs_vm_fixture f = vs_vm_setup(test, 64);

	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 40));
	/* The growth failed; the next reservation finds the old one. */
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 40));
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 40);
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 0));
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 0);
	/* The release gives back both what is charged and what is reserved. */
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 8));
	__vs_vm_account(f.mm, 8);
	KUNIT_EXPECT_TRUE(test, __vs_vm_reserve(f.mm, 8));
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 16);
	__vs_mm_release(f.mm);
	KUNIT_EXPECT_EQ(test, vs_vm_charged(&f), 0);
	KUNIT_EXPECT_NULL(test, f.mm->vs_vxi);
}

static struct kunit_case vs_vm_cases[] = {
	KUNIT_CASE(vs_test_vm_growth_uses_the_reservation),
	KUNIT_CASE(vs_test_vm_munmap_gives_back),
	KUNIT_CASE(vs_test_vm_stale_reservation_goes),
	{}
};

static struct kunit_suite vs_vm_suite = {
	.name = "vserver_vm_charge",
	.test_cases = vs_vm_cases,
};

kunit_test_suite(vs_vm_suite);
