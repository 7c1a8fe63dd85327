// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of bind mapping, conflicts and source choice
 *
 * Included at the end of inet.c.
 */

#include <kunit/test.h>

#define IP(a, b, c, d) htonl(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* Addresses compare as plain numbers: sparse keeps __be32 apart. */
#define EXPECT_IP_EQ(test, a, b) \
	KUNIT_EXPECT_EQ(test, (__force u32)(a), (__force u32)(b))

/* A network context with the given entries, freed with the test. */
static struct nx_info *vs_test_nx(struct kunit *test, u32 nid, u64 flags,
				  const struct nx_addr_v4 *entries,
				  unsigned int n)
{
	struct nx_info *nxi = kunit_kzalloc(test, sizeof(*nxi), GFP_KERNEL);
	struct nx_v4_set *set;

	set = kunit_kzalloc(test, struct_size(set, addr, n), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nxi);
	KUNIT_ASSERT_NOT_NULL(test, set);
	set->count = n;
	if (n)
		memcpy(set->addr, entries, n * sizeof(*entries));
	nxi->obj.id = nid;
	nxi->flags = flags;
	nxi->v4_bcast = htonl(INADDR_BROADCAST);
	nxi->v4_lback = nx_default_lback(nid);
	RCU_INIT_POINTER(nxi->v4, set);
	return nxi;
}

#define ADDR(a, m)                                            \
	{                                                     \
		.ip = { a }, .mask = m, .type = NXA_TYPE_ADDR \
	}
#define NET(a, m)                                             \
	{                                                     \
		.ip = { a }, .mask = m, .type = NXA_TYPE_MASK \
	}
#define RANGE(a, b)                                    \
	{                                              \
		.ip = { a, b }, .type = NXA_TYPE_RANGE \
	}

static const struct nx_addr_v4 vs_test_a[] = {
	ADDR(IP(192, 0, 2, 1), IP(255, 255, 255, 0)),
	ADDR(IP(198, 51, 100, 1), IP(255, 255, 255, 0)),
};

static const struct nx_addr_v4 vs_test_b[] = {
	ADDR(IP(203, 0, 113, 1), IP(255, 255, 255, 0)),
};

static const struct nx_addr_v4 vs_test_net[] = {
	NET(IP(192, 0, 2, 0), IP(255, 255, 255, 0)),
};

static const struct nx_addr_v4 vs_test_range[] = {
	RANGE(IP(203, 0, 113, 0), IP(203, 0, 113, 10)),
};

static void vs_test_map_bind(struct kunit *test)
{
	struct nx_info *nxi = vs_test_nx(test, 42, NXF_LBACK_REMAP, vs_test_a,
					 ARRAY_SIZE(vs_test_a));
	__be32 mapped;
	int err;

	KUNIT_EXPECT_EQ(test, nx_map_bind_v4(nxi, IP(192, 0, 2, 1), &mapped),
			0);
	EXPECT_IP_EQ(test, mapped, IP(192, 0, 2, 1));
	KUNIT_EXPECT_EQ(test, nx_map_bind_v4(nxi, 0, &mapped), 0);
	EXPECT_IP_EQ(test, mapped, 0);
	err = nx_map_bind_v4(nxi, htonl(INADDR_LOOPBACK), &mapped);
	KUNIT_EXPECT_EQ(test, err, 0);
	EXPECT_IP_EQ(test, mapped, IP(127, 0, 42, 1));
	KUNIT_EXPECT_EQ(test, nx_map_bind_v4(nxi, IP(192, 0, 2, 2), &mapped),
			-EADDRNOTAVAIL);
	/* Multicast needs NXC_MULTICAST. */
	KUNIT_EXPECT_EQ(test, nx_map_bind_v4(nxi, IP(224, 0, 0, 251), &mapped),
			-EADDRNOTAVAIL);
	nxi->ncaps = NXC_MULTICAST;
	KUNIT_EXPECT_EQ(test, nx_map_bind_v4(nxi, IP(224, 0, 0, 251), &mapped),
			0);
	/* Single IP: the wildcard becomes the first address. */
	nxi->flags = NXF_SINGLE_IP;
	KUNIT_EXPECT_EQ(test, nx_map_bind_v4(nxi, 0, &mapped), 0);
	EXPECT_IP_EQ(test, mapped, IP(192, 0, 2, 1));
	KUNIT_EXPECT_EQ(test,
			nx_map_bind_v4(nxi, htonl(INADDR_LOOPBACK), &mapped),
			-EADDRNOTAVAIL);
}

static void vs_test_sets_overlap(struct kunit *test)
{
	struct nx_info *a =
		vs_test_nx(test, 2, 0, vs_test_a, ARRAY_SIZE(vs_test_a));
	struct nx_info *b =
		vs_test_nx(test, 3, 0, vs_test_b, ARRAY_SIZE(vs_test_b));
	struct nx_info *net =
		vs_test_nx(test, 4, 0, vs_test_net, ARRAY_SIZE(vs_test_net));
	struct nx_info *range = vs_test_nx(test, 5, 0, vs_test_range,
					   ARRAY_SIZE(vs_test_range));
	struct nx_info *empty = vs_test_nx(test, 6, 0, NULL, 0);

	rcu_read_lock();
	KUNIT_EXPECT_FALSE(test, nx_v4_sets_overlap(a, b));
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(a, a));
	/* The host has every address. */
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(a, NULL));
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(NULL, b));
	/* A network holding one of a's addresses, either way round. */
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(a, net));
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(net, a));
	/* A range holding b's address, either way round. */
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(b, range));
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(range, b));
	KUNIT_EXPECT_FALSE(test, nx_v4_sets_overlap(a, range));
	KUNIT_EXPECT_FALSE(test, nx_v4_sets_overlap(empty, a));
	/* The same loopback address is shared. */
	empty->v4_lback = a->v4_lback;
	KUNIT_EXPECT_TRUE(test, nx_v4_sets_overlap(empty, a));
	rcu_read_unlock();
}

static void vs_test_choose_source(struct kunit *test)
{
	static const struct nx_addr_v4 with_net[] = {
		NET(IP(10, 0, 0, 0), IP(255, 0, 0, 0)),
		ADDR(IP(192, 0, 2, 1), IP(255, 255, 255, 0)),
		ADDR(IP(198, 51, 100, 1), IP(255, 255, 255, 0)),
	};
	struct nx_info *nxi =
		vs_test_nx(test, 7, 0, with_net, ARRAY_SIZE(with_net));
	struct flowi4 fl4 = { .daddr = IP(203, 0, 113, 9) };

	/* The route's preferred source is the context's: kept. */
	fl4.saddr = IP(198, 51, 100, 1);
	EXPECT_IP_EQ(test, nx_choose_source(NULL, &fl4, nxi),
		     IP(198, 51, 100, 1));
	/* Else the context's address on the preferred source's network. */
	fl4.saddr = IP(198, 51, 100, 200);
	EXPECT_IP_EQ(test, nx_choose_source(NULL, &fl4, nxi),
		     IP(198, 51, 100, 1));
	/* Else the first address that can be a source (not a network). */
	fl4.saddr = IP(172, 16, 0, 1);
	EXPECT_IP_EQ(test, nx_choose_source(NULL, &fl4, nxi), IP(192, 0, 2, 1));
	/* Single IP: always the first. */
	nxi->flags = NXF_SINGLE_IP;
	fl4.saddr = IP(198, 51, 100, 200);
	EXPECT_IP_EQ(test, nx_choose_source(NULL, &fl4, nxi), IP(192, 0, 2, 1));
}

/* The socket permission table: who may create which socket. */
struct vs_socket_case {
	const char *desc;
	bool in_nx;
	u64 ncaps;
	bool in_ctx;
	int family, type, protocol;
	int err;
};

static const struct vs_socket_case vs_socket_cases[] = {
	{ "host: packet", false, 0, false, AF_PACKET, SOCK_RAW, 0, 0 },
	{ "host: raw udp", false, 0, false, AF_INET, SOCK_RAW, IPPROTO_UDP, 0 },
	{ "host: sctp", false, 0, false, AF_INET, SOCK_STREAM, IPPROTO_SCTP,
	  0 },
	{ "security context: packet", false, 0, true, AF_PACKET, SOCK_RAW, 0,
	  -EPERM },
	{ "security context: raw udp", false, 0, true, AF_INET, SOCK_RAW,
	  IPPROTO_UDP, 0 },
	{ "nx: tcp", true, 0, true, AF_INET, SOCK_STREAM, 0, 0 },
	{ "nx: tcp6", true, 0, true, AF_INET6, SOCK_STREAM, IPPROTO_TCP, 0 },
	{ "nx: udp", true, 0, true, AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0 },
	{ "nx: udplite", true, 0, true, AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE,
	  0 },
	{ "nx: ping socket", true, 0, true, AF_INET, SOCK_DGRAM, IPPROTO_ICMP,
	  0 },
	{ "nx: raw icmp without ncaps", true, 0, true, AF_INET, SOCK_RAW,
	  IPPROTO_ICMP, -EPERM },
	{ "nx RAW_ICMP: raw icmp", true, NXC_RAW_ICMP, true, AF_INET, SOCK_RAW,
	  IPPROTO_ICMP, 0 },
	{ "nx RAW_ICMP: raw icmpv6", true, NXC_RAW_ICMP, true, AF_INET6,
	  SOCK_RAW, IPPROTO_ICMPV6, -EPERM },
	{ "nx RAW_SOCKET: raw ipv6", true, NXC_RAW_SOCKET | NXC_RAW_ICMP, true,
	  AF_INET6, SOCK_RAW, IPPROTO_UDP, -EPERM },
	{ "nx: ping6 socket", true, 0, true, AF_INET6, SOCK_DGRAM,
	  IPPROTO_ICMPV6, 0 },
	{ "host: raw icmpv6", false, 0, false, AF_INET6, SOCK_RAW,
	  IPPROTO_ICMPV6, 0 },
	{ "nx RAW_ICMP: raw udp", true, NXC_RAW_ICMP, true, AF_INET, SOCK_RAW,
	  IPPROTO_UDP, -EPERM },
	{ "nx RAW_ICMP: IPPROTO_RAW", true, NXC_RAW_ICMP, true, AF_INET,
	  SOCK_RAW, IPPROTO_RAW, -EPERM },
	{ "nx RAW_SOCKET: raw udp", true, NXC_RAW_SOCKET, true, AF_INET,
	  SOCK_RAW, IPPROTO_UDP, 0 },
	{ "nx RAW_SOCKET: packet", true, NXC_RAW_SOCKET | NXC_RAW_ICMP, true,
	  AF_PACKET, SOCK_RAW, 0, -EPERM },
	{ "nx: sctp stream", true, NXC_RAW_SOCKET, true, AF_INET, SOCK_STREAM,
	  IPPROTO_SCTP, -EPROTONOSUPPORT },
	{ "nx: sctp seqpacket", true, 0, true, AF_INET, SOCK_SEQPACKET,
	  IPPROTO_SCTP, -EPROTONOSUPPORT },
	{ "nx: mptcp", true, 0, true, AF_INET, SOCK_STREAM, IPPROTO_MPTCP,
	  -EPROTONOSUPPORT },
	{ "nx: dccp", true, 0, true, AF_INET, SOCK_DCCP, 0, -EPROTONOSUPPORT },
	{ "nx: unix", true, 0, true, AF_UNIX, SOCK_STREAM, 0, 0 },
	{ "nx: netlink", true, 0, true, AF_NETLINK, SOCK_RAW, 0, 0 },
};

static void vs_socket_case_desc(const struct vs_socket_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_socket, vs_socket_cases, vs_socket_case_desc);

static void vs_test_socket_errno(struct kunit *test)
{
	const struct vs_socket_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test,
			nx_socket_errno(c->in_nx, c->ncaps, c->in_ctx,
					c->family, c->type, c->protocol),
			c->err);
}

/* The sock_diag and /proc/net filter: which reader sees whose socket. */
struct vs_sees_case {
	const char *desc;
	u32 viewer, owner;
	bool sees;
};

static const struct vs_sees_case vs_sees_cases[] = {
	/* clang-format off */
	{ "host sees host", NX_ID_HOST, NX_ID_HOST, true },
	{ "host does not see a guest", NX_ID_HOST, 42, false },
	{ "spectator sees host", NX_ID_SPECTATOR, NX_ID_HOST, true },
	{ "spectator sees a guest", NX_ID_SPECTATOR, 42, true },
	{ "guest sees itself", 42, 42, true },
	{ "guest does not see host", 42, NX_ID_HOST, false },
	{ "guest does not see another guest", 42, 43, false },
	{ "guest does not see the spectator's", 42, NX_ID_SPECTATOR, false },
	/* clang-format on */
};

static void vs_sees_case_desc(const struct vs_sees_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_sees, vs_sees_cases, vs_sees_case_desc);

static void vs_test_nid_sees(struct kunit *test)
{
	const struct vs_sees_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, nx_nid_sees(c->viewer, c->owner), c->sees);
}

static struct kunit_case vs_inet_test_cases[] = {
	KUNIT_CASE(vs_test_map_bind),
	KUNIT_CASE(vs_test_sets_overlap),
	KUNIT_CASE(vs_test_choose_source),
	KUNIT_CASE_PARAM(vs_test_socket_errno, vs_socket_gen_params),
	KUNIT_CASE_PARAM(vs_test_nid_sees, vs_sees_gen_params),
	{}
};

static struct kunit_suite vs_inet_suite = {
	.name = "vserver_inet",
	.test_cases = vs_inet_test_cases,
};

kunit_test_suite(vs_inet_suite);
