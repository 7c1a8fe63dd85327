// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of the inode attribute bits
 *
 * Included at the end of fs.c.
 */

#include <kunit/test.h>

#define VS_IATTR_ALL                                                    \
	(IATTR_BARRIER | IATTR_IXUNLINK | IATTR_COW | IATTR_IMMUTABLE | \
	 IATTR_TAG)

struct vs_iattr_change_case {
	const char *desc;
	u32 mask;
	umode_t mode;
	u32 change;
};

/* The tag and immutable live elsewhere (project id, i_flags). */
static const struct vs_iattr_change_case vs_iattr_change_cases[] = {
	{ "all on a directory", VS_IATTR_ALL, S_IFDIR,
	  IATTR_BARRIER | IATTR_IXUNLINK },
	{ "all on a file", VS_IATTR_ALL, S_IFREG, IATTR_IXUNLINK | IATTR_COW },
	{ "all on a symlink", VS_IATTR_ALL, S_IFLNK, IATTR_IXUNLINK },
	{ "the tag", IATTR_TAG, S_IFREG, 0 },
	{ "a barrier on a file", IATTR_BARRIER, S_IFREG, 0 },
};

static void vs_iattr_change_desc(const struct vs_iattr_change_case *t,
				 char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_iattr_change, vs_iattr_change_cases, vs_iattr_change_desc);

static void vs_test_iattr_change(struct kunit *test)
{
	const struct vs_iattr_change_case *t = test->param_value;

	KUNIT_EXPECT_EQ(test, vs_iattr_change(t->mask, t->mode), t->change);
}

static void vs_test_iattr_merge(struct kunit *test)
{
	u32 old = IATTR_BARRIER | IATTR_IXUNLINK;

	/* Bits under the mask take the new value; the rest stay. */
	KUNIT_EXPECT_EQ(test, vs_iattr_merge(old, 0, IATTR_BARRIER),
			(u32)IATTR_IXUNLINK);
	KUNIT_EXPECT_EQ(test, vs_iattr_merge(old, IATTR_COW, IATTR_COW),
			(u32)(old | IATTR_COW));
	/* Flags outside the mask are ignored. */
	KUNIT_EXPECT_EQ(test,
			vs_iattr_merge(0, IATTR_BARRIER | IATTR_COW, IATTR_COW),
			(u32)IATTR_COW);
	KUNIT_EXPECT_EQ(test, vs_iattr_merge(old, 0, 0), old);
}

static void vs_test_iattr_decode(struct kunit *test)
{
	__le32 raw = cpu_to_le32(IATTR_BARRIER | IATTR_TAG | IATTR_ADMIN);

	/* Unknown bits in the xattr are dropped; wrong sizes read as none. */
	KUNIT_EXPECT_EQ(test, vs_iattr_decode(&raw, sizeof(raw)),
			(u32)(IATTR_BARRIER | VS_IATTR_LOADED));
	KUNIT_EXPECT_EQ(test, vs_iattr_decode(&raw, 2), VS_IATTR_LOADED);
	KUNIT_EXPECT_EQ(test, vs_iattr_decode(NULL, 0), VS_IATTR_LOADED);
}

/* What reading the xattr gave, and what a barrier check makes of it. */
static void vs_test_iattr_from_xattr(struct kunit *test)
{
	__le32 raw = cpu_to_le32(IATTR_BARRIER);
	u32 iattr;

	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(sizeof(raw), &raw, &iattr),
			0);
	KUNIT_EXPECT_EQ(test, iattr, (u32)(IATTR_BARRIER | VS_IATTR_LOADED));
	/* No xattr, or none possible: no bits. */
	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(-ENODATA, &raw, &iattr), 0);
	KUNIT_EXPECT_EQ(test, iattr, VS_IATTR_LOADED);
	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(-EOPNOTSUPP, &raw, &iattr),
			0);
	KUNIT_EXPECT_EQ(test, iattr, VS_IATTR_LOADED);
	/* Anything else is unknown: the barrier check fails closed. */
	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(-EIO, &raw, &iattr), -EIO);
	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(-ERANGE, &raw, &iattr), -EIO);
	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(-ENOENT, &raw, &iattr), -EIO);
	KUNIT_EXPECT_EQ(test, vs_iattr_from_xattr(2, &raw, &iattr), -EIO);
}

static struct kunit_case vs_inode_cases[] = {
	/* clang-format off */
	KUNIT_CASE_PARAM(vs_test_iattr_change, vs_iattr_change_gen_params),
	KUNIT_CASE(vs_test_iattr_merge),
	KUNIT_CASE(vs_test_iattr_decode),
	KUNIT_CASE(vs_test_iattr_from_xattr),
	{}
	/* clang-format on */
};

static struct kunit_suite vs_inode_suite = {
	.name = "vserver_inode",
	.test_cases = vs_inode_cases,
};

kunit_test_suite(vs_inode_suite);
