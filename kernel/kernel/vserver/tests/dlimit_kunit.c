// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of the disk limit arithmetic
 *
 * Included at the end of dlimit.c.
 */

#include <kunit/test.h>

static void vs_test_units_in(struct kunit *test)
{
	u32 mega_total = DLIMF_SHIFT | (DLIME_MEGA << DLIMS_TOTAL);

	/* Without DLIMF_SHIFT everything is KiB. */
	KUNIT_EXPECT_EQ(test, vs_dlim_to_bytes(1, 0, DLIMS_TOTAL), 1024ULL);
	KUNIT_EXPECT_EQ(test, vs_dlim_to_bytes(0xfffffffd, 0, DLIMS_USED),
			0xfffffffdULL << 10);
	KUNIT_EXPECT_EQ(test, vs_dlim_to_bytes(CDLIM_INFINITY, 0, DLIMS_TOTAL),
			VS_DLIM_INFINITY);
	/* With it, each field has its own exponent of 1024. */
	KUNIT_EXPECT_EQ(test, vs_dlim_to_bytes(3, mega_total, DLIMS_TOTAL),
			3ULL << 20);
	KUNIT_EXPECT_EQ(test, vs_dlim_to_bytes(3, mega_total, DLIMS_USED),
			3ULL);
	KUNIT_EXPECT_EQ(test,
			vs_dlim_to_bytes(2, DLIMF_SHIFT | (DLIME_GIGA << 2),
					 DLIMS_TOTAL),
			2ULL << 30);
}

static void vs_test_units_out(struct kunit *test)
{
	u32 flags = 0, out;

	KUNIT_EXPECT_EQ(test, vs_dlim_from_bytes(4096, &flags, DLIMS_USED), 4U);
	KUNIT_EXPECT_EQ(test, flags, 0U);
	/* Rounded down, as vs2.3 shifted. */
	KUNIT_EXPECT_EQ(test, vs_dlim_from_bytes(2047, &flags, DLIMS_USED), 1U);
	out = vs_dlim_from_bytes(VS_DLIM_INFINITY, &flags, DLIMS_TOTAL);
	KUNIT_EXPECT_EQ(test, out, CDLIM_INFINITY);
	/* Never one of the special values, even when it does not fit. */
	KUNIT_EXPECT_EQ(test,
			vs_dlim_from_bytes(1ULL << 50, &flags, DLIMS_TOTAL),
			CDLIM_KEEP - 1);

	/* DLIMF_SHIFT: the smallest exponent that fits is written back. */
	flags = DLIMF_SHIFT;
	KUNIT_EXPECT_EQ(test, vs_dlim_from_bytes(1000, &flags, DLIMS_USED),
			1000U);
	KUNIT_EXPECT_EQ(test, flags, (u32)DLIMF_SHIFT);
	KUNIT_EXPECT_EQ(test,
			vs_dlim_from_bytes(5ULL << 32, &flags, DLIMS_TOTAL),
			5U << 22);
	KUNIT_EXPECT_EQ(test, flags,
			(u32)(DLIMF_SHIFT | (DLIME_KILO << DLIMS_TOTAL)));
	KUNIT_EXPECT_EQ(test,
			vs_dlim_from_bytes(1ULL << 50, &flags, DLIMS_USED),
			1U << 30);
	KUNIT_EXPECT_EQ(test, (flags >> DLIMS_USED) & 3, (u32)DLIME_MEGA);
	KUNIT_EXPECT_EQ(test, (flags >> DLIMS_TOTAL) & 3, (u32)DLIME_KILO);
}

static void vs_test_reserved(struct kunit *test)
{
	u32 r;

	/* vs2.3: mult = 1024 * (100 - r) / 100, r = 100 - round(mult %). */
	KUNIT_EXPECT_EQ(test, vs_dlim_nrlmult(0), 1024U);
	KUNIT_EXPECT_EQ(test, vs_dlim_nrlmult(5), 972U);
	KUNIT_EXPECT_EQ(test, vs_dlim_nrlmult(100), 0U);
	KUNIT_EXPECT_EQ(test, vs_dlim_reserved(1024), 0U);
	KUNIT_EXPECT_EQ(test, vs_dlim_reserved(972), 5U);
	KUNIT_EXPECT_EQ(test, vs_dlim_reserved(0), 100U);
	for (r = 0; r <= 100; r++)
		KUNIT_EXPECT_EQ(test, vs_dlim_reserved(vs_dlim_nrlmult(r)), r);
	/* The non-root share of 100 MiB with 5 % reserved. */
	KUNIT_EXPECT_EQ(test, vs_dlim_nonroot_share(100ULL << 20, 972),
			(100ULL << 10) * 972);
	KUNIT_EXPECT_EQ(test, vs_dlim_nonroot_share(VS_DLIM_INFINITY, 972),
			VS_DLIM_INFINITY);
}

/* Kept as a soft limit in whole KiB, the percentage comes back. */
static void vs_test_reserved_in_quota(struct kunit *test)
{
	static const u64 totals[] = { 1ULL << 20, 100ULL << 20,
				      (1ULL << 30) + 12345 * 1024, 1ULL << 40 };
	u64 hard, soft;
	unsigned int i;
	u32 r, back;

	for (i = 0; i < ARRAY_SIZE(totals); i++) {
		hard = totals[i];
		for (r = 0; r <= 100; r++) {
			soft = vs_dq_soft(hard, vs_dlim_nrlmult(r));
			KUNIT_EXPECT_EQ(test, soft % 1024, 0ULL);
			KUNIT_EXPECT_LE(test, soft, hard);
			back = vs_dq_nrlmult(soft, hard);
			KUNIT_EXPECT_EQ(test, vs_dlim_reserved(back), r);
		}
	}
	/* No reserve: no soft limit at all (repquota shows none). */
	KUNIT_EXPECT_EQ(test, vs_dq_soft(1ULL << 20, 1024), 0ULL);
	KUNIT_EXPECT_EQ(test, vs_dq_nrlmult(0, 1ULL << 20), 1024U);
	/* All reserved: non-root keeps the smallest soft limit there is. */
	KUNIT_EXPECT_EQ(test, vs_dq_soft(1ULL << 20, 0), VS_DQ_SPACE_ZERO);
}

struct vs_statfs_case {
	const char *desc;
	struct vs_dlimit dl;
	struct kstatfs in, want;
};

#define VS_FS(b, f, a, n, nf)                                     \
	{                                                         \
		.f_bsize = 4096, .f_blocks = (b), .f_bfree = (f), \
		.f_bavail = (a), .f_files = (n), .f_ffree = (nf)  \
	}

/* A 1 GiB filesystem with 4 KiB blocks, 65536 inodes. */
static const struct vs_statfs_case vs_statfs_cases[] = {
	{ "a limit below the filesystem",
	  { 40 << 20, 100 << 20, 10, 1000, 1024 },
	  VS_FS(262144, 200000, 190000, 65536, 60000),
	  VS_FS(25600, 15360, 15360, 1000, 990) },
	{ "5 % reserved: less available than free",
	  { 40 << 20, 100 << 20, 10, 1000, 972 },
	  VS_FS(262144, 200000, 190000, 65536, 60000),
	  VS_FS(25600, 15360, 14060, 1000, 990) },
	{ "over the limit: nothing free",
	  { 120 << 20, 100 << 20, 1200, 1000, 1024 },
	  VS_FS(262144, 200000, 190000, 65536, 60000),
	  VS_FS(25600, 0, 0, 1000, 0) },
	{ "the filesystem fuller than the limit: its numbers stay",
	  { 40 << 20, 100 << 20, 10, 1000, 1024 },
	  VS_FS(262144, 1000, 500, 65536, 50),
	  VS_FS(25600, 1000, 500, 1000, 50) },
	{ "unlimited space and inodes: unchanged",
	  { 40 << 20, VS_DLIM_INFINITY, 10, VS_DLIM_INFINITY, 972 },
	  VS_FS(262144, 200000, 190000, 65536, 60000),
	  VS_FS(262144, 200000, 190000, 65536, 60000) },
	{ "only inodes limited",
	  { 40 << 20, VS_DLIM_INFINITY, 10, 1000, 1024 },
	  VS_FS(262144, 200000, 190000, 65536, 60000),
	  VS_FS(262144, 200000, 190000, 1000, 990) },
	{ "a limit larger than the filesystem: the filesystem's",
	  { 0, 1ULL << 40, 0, 1ULL << 30, 1024 },
	  VS_FS(262144, 200000, 190000, 65536, 60000),
	  VS_FS(262144, 200000, 190000, 65536, 60000) },
};

static void vs_statfs_desc(const struct vs_statfs_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_statfs, vs_statfs_cases, vs_statfs_desc);

static void vs_test_statfs_clamp(struct kunit *test)
{
	const struct vs_statfs_case *c = test->param_value;
	struct kstatfs buf = c->in;

	vs_dlim_clamp_statfs(&buf, &c->dl, 12);
	KUNIT_EXPECT_EQ(test, buf.f_blocks, c->want.f_blocks);
	KUNIT_EXPECT_EQ(test, buf.f_bfree, c->want.f_bfree);
	KUNIT_EXPECT_EQ(test, buf.f_bavail, c->want.f_bavail);
	KUNIT_EXPECT_EQ(test, buf.f_files, c->want.f_files);
	KUNIT_EXPECT_EQ(test, buf.f_ffree, c->want.f_ffree);
	KUNIT_EXPECT_EQ(test, buf.f_bsize, c->want.f_bsize);
}

static void vs_test_dlimit_check(struct kunit *test)
{
	struct vcmd_ctx_dlimit_v0 vc = {
		.space_used = CDLIM_KEEP,
		.space_total = CDLIM_KEEP,
		.inodes_used = CDLIM_KEEP,
		.inodes_total = CDLIM_KEEP,
		.reserved = CDLIM_KEEP,
	};

	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), 0);
	vc.reserved = 101;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), -EINVAL);
	vc.reserved = 100;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), 0);
	vc.space_used = 2048;
	vc.space_total = 1024;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), -EINVAL);
	vc.space_total = CDLIM_INFINITY;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), 0);
	/* In units of their own: 2 MiB used of 3 GiB. */
	vc.flags = DLIMF_SHIFT | (DLIME_MEGA << DLIMS_USED) |
		   (DLIME_GIGA << DLIMS_TOTAL);
	vc.space_used = 2;
	vc.space_total = 3;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), 0);
	vc.space_used = 4000;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), -EINVAL);
	vc.space_used = CDLIM_KEEP;
	vc.inodes_used = 11;
	vc.inodes_total = 10;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), -EINVAL);
	vc.inodes_total = CDLIM_INFINITY;
	KUNIT_EXPECT_EQ(test, vs_dlimit_check(&vc), 0);
}

static struct kunit_case vs_dlimit_cases[] = {
	KUNIT_CASE(vs_test_units_in),
	KUNIT_CASE(vs_test_units_out),
	KUNIT_CASE(vs_test_reserved),
	KUNIT_CASE(vs_test_reserved_in_quota),
	KUNIT_CASE_PARAM(vs_test_statfs_clamp, vs_statfs_gen_params),
	KUNIT_CASE(vs_test_dlimit_check),
	{}
};

static struct kunit_suite vs_dlimit_suite = {
	.name = "vserver_dlimit",
	.test_cases = vs_dlimit_cases,
};

kunit_test_suite(vs_dlimit_suite);
