// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of network context addresses
 *
 * Included at the end of network.c.
 */

#include <kunit/test.h>

#define IP(a, b, c, d) htonl(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* Addresses compare as plain numbers: sparse keeps __be32 apart. */
#define EXPECT_IP_EQ(test, a, b) \
	KUNIT_EXPECT_EQ(test, (__force u32)(a), (__force u32)(b))

struct nx_id_case {
	u32 nid;
	bool valid;
};

static const struct nx_id_case nx_id_cases[] = {
	{ 0, false },	 { 1, false },	   { 2, true },
	{ 65535, true }, { 65536, false }, { 0xffffffff, false },
};

static void nx_id_case_desc(const struct nx_id_case *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "nid %u", t->nid);
}

KUNIT_ARRAY_PARAM(nx_id, nx_id_cases, nx_id_case_desc);

static void nx_test_valid_id(struct kunit *test)
{
	const struct nx_id_case *t = test->param_value;

	KUNIT_EXPECT_EQ(test, nx_valid_id(t->nid), t->valid);
}

struct nx_lback_case {
	u32 nid;
	__be32 lback;
};

static const struct nx_lback_case nx_lback_cases[] = {
	{ 42, IP(127, 0, 42, 1) },
	{ 2, IP(127, 0, 2, 1) },
	{ 0x1234, IP(127, 0x12, 0x34, 1) },
	{ 65535, IP(127, 255, 255, 1) },
};

static void nx_lback_case_desc(const struct nx_lback_case *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "nid %u", t->nid);
}

KUNIT_ARRAY_PARAM(nx_lback, nx_lback_cases, nx_lback_case_desc);

static void nx_test_default_lback(struct kunit *test)
{
	const struct nx_lback_case *t = test->param_value;

	EXPECT_IP_EQ(test, nx_default_lback(t->nid), t->lback);
}

static const struct nx_addr_v4 nx_match_addr = {
	.ip = { IP(192, 0, 2, 1) },
	.mask = IP(255, 255, 255, 0),
	.type = NXA_TYPE_ADDR,
};

static const struct nx_addr_v4 nx_match_net = {
	.ip = { IP(198, 51, 100, 0) },
	.mask = IP(255, 255, 255, 0),
	.type = NXA_TYPE_MASK,
};

static const struct nx_addr_v4 nx_match_range = {
	.ip = { IP(203, 0, 113, 10), IP(203, 0, 113, 20) },
	.type = NXA_TYPE_RANGE,
};

struct nx_match_case {
	const char *desc;
	const struct nx_addr_v4 *entry;
	__be32 addr;
	u16 tmask;
	bool match;
};

static const struct nx_match_case nx_match_cases[] = {
	{ "the address", &nx_match_addr, IP(192, 0, 2, 1), NXA_MASK_BIND,
	  true },
	{ "another address", &nx_match_addr, IP(192, 0, 2, 2), NXA_MASK_BIND,
	  false },
	/* The subnet broadcast of an address counts only with MOD_BCAST. */
	{ "its broadcast, bind mask", &nx_match_addr, IP(192, 0, 2, 255),
	  NXA_MASK_BIND, true },
	{ "its broadcast, no MOD_BCAST", &nx_match_addr, IP(192, 0, 2, 255),
	  NXA_MASK_ALL, false },
	{ "in the network", &nx_match_net, IP(198, 51, 100, 77), NXA_MASK_BIND,
	  true },
	{ "outside the network", &nx_match_net, IP(198, 51, 101, 77),
	  NXA_MASK_BIND, false },
	{ "the range's first", &nx_match_range, IP(203, 0, 113, 10),
	  NXA_MASK_BIND, true },
	{ "the range's last", &nx_match_range, IP(203, 0, 113, 19),
	  NXA_MASK_BIND, true },
	{ "past the range", &nx_match_range, IP(203, 0, 113, 20), NXA_MASK_BIND,
	  false },
	{ "before the range", &nx_match_range, IP(203, 0, 113, 9),
	  NXA_MASK_BIND, false },
	/* An entry type outside the mask never matches. */
	{ "a range under an address-only mask", &nx_match_range,
	  IP(203, 0, 113, 15), NXA_TYPE_ADDR, false },
};

static void nx_match_case_desc(const struct nx_match_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nx_match, nx_match_cases, nx_match_case_desc);

static void nx_test_addr_match(struct kunit *test)
{
	const struct nx_match_case *t = test->param_value;

	KUNIT_EXPECT_EQ(test, nx_v4_addr_match(t->entry, t->addr, t->tmask),
			t->match);
}

static void nx_test_add_remove(struct kunit *test)
{
	struct nx_info *nxi =
		nx_alloc(42, NXF_SINGLE_IP | NXF_LBACK_REMAP, NULL);
	struct nx_addr_v4 a = { .ip = { IP(192, 0, 2, 1) },
				.mask = IP(255, 255, 255, 0),
				.type = NXA_TYPE_ADDR };
	struct nx_addr_v4 b = a;
	struct nx_addr_v4 bad_range = { .ip = { IP(10, 0, 0, 9),
						IP(10, 0, 0, 9) },
					.type = NXA_TYPE_RANGE };
	struct nx_addr_v4 lback = { .ip = { IP(127, 1, 2, 3) },
				    .type = NXA_TYPE_ADDR | NXA_MOD_LBACK };
	struct nx_addr_v4 any = { .type = NXA_TYPE_ANY };

	KUNIT_ASSERT_NOT_NULL(test, nxi);
	b.ip[0] = IP(192, 0, 2, 2);
	rcu_read_lock();
	KUNIT_EXPECT_FALSE(test, nx_v4_addr_in(nxi, a.ip[0], NXA_MASK_BIND));
	/* The host (no network context) has every address. */
	KUNIT_EXPECT_TRUE(test, nx_v4_addr_in(NULL, a.ip[0], NXA_MASK_BIND));
	rcu_read_unlock();

	KUNIT_EXPECT_EQ(test, nx_v4_add(nxi, a), 0);
	KUNIT_EXPECT_EQ(test, nx_v4_add(nxi, a), -EEXIST);
	KUNIT_EXPECT_TRUE(test, nxi->flags & NXF_SINGLE_IP);
	KUNIT_EXPECT_EQ(test, nx_v4_add(nxi, b), 0);
	/* A second address ends the single-IP special case. */
	KUNIT_EXPECT_FALSE(test, nxi->flags & NXF_SINGLE_IP);
	KUNIT_EXPECT_EQ(test, nx_v4_add(nxi, bad_range), -EINVAL);
	KUNIT_EXPECT_EQ(test, nx_v4_add(nxi, lback), 0);
	EXPECT_IP_EQ(test, nxi->v4_lback, IP(127, 1, 2, 3));

	rcu_read_lock();
	KUNIT_EXPECT_TRUE(test, nx_v4_addr_in(nxi, b.ip[0], NXA_MASK_BIND));
	KUNIT_EXPECT_TRUE(test,
			  nx_v4_addr_in(nxi, IP(127, 1, 2, 3), NXA_MASK_BIND));
	KUNIT_EXPECT_TRUE(test, nx_v4_addr_in(nxi, IP(255, 255, 255, 255),
					      NXA_MASK_BIND));
	KUNIT_EXPECT_FALSE(test, nx_v4_addr_in(nxi, htonl(INADDR_LOOPBACK),
					       NXA_MASK_BIND));
	KUNIT_EXPECT_TRUE(test, nx_v4_addr_in(nxi, htonl(INADDR_LOOPBACK),
					      NXA_MASK_BIND | NXA_LOOPBACK));
	KUNIT_EXPECT_FALSE(test,
			   nx_v4_addr_in(nxi, IP(192, 0, 2, 3), NXA_MASK_BIND));
	KUNIT_EXPECT_EQ(test, rcu_dereference(nxi->v4)->count, 2U);
	rcu_read_unlock();

	KUNIT_EXPECT_EQ(test, nx_v4_remove(nxi, a), 0);
	KUNIT_EXPECT_EQ(test, nx_v4_remove(nxi, a), -ESRCH);
	KUNIT_EXPECT_EQ(test, nx_v4_remove(nxi, any), 0);
	rcu_read_lock();
	KUNIT_EXPECT_EQ(test, rcu_dereference(nxi->v4)->count, 0U);
	rcu_read_unlock();
	nx_put(nxi);
}

static struct kunit_case nx_network_cases[] = {
	/* clang-format off */
	KUNIT_CASE_PARAM(nx_test_valid_id, nx_id_gen_params),
	KUNIT_CASE_PARAM(nx_test_default_lback, nx_lback_gen_params),
	KUNIT_CASE_PARAM(nx_test_addr_match, nx_match_gen_params),
	KUNIT_CASE(nx_test_add_remove),
	{}
	/* clang-format on */
};

static struct kunit_suite nx_network_suite = {
	.name = "vserver_network",
	.test_cases = nx_network_cases,
};

kunit_test_suite(nx_network_suite);
