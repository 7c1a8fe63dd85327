// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - a network context has no IPv6
 *
 * Network contexts have IPv4 addresses only, so a guest has no IPv6
 * address of its own, IPv6 traffic never reaches it and it sends none:
 *
 *   guest A (nid 2090): 192.0.2.90 on vsatk4, which also has 2001:db8::90
 *   guest B (nid 2091): 198.51.100.92 on vsatk5; 198.51.100.91 is the host's
 *
 *   bind [::1], [2001:db8::90], [::ffff:<foreign>] (addrlen 24 or 28)
 *                                                  -> EADDRNOTAVAIL
 *   host --IPv6--> [::1]:P, a guest's dual-stack [::]:P -> ECONNREFUSED,
 *                                                  nothing received
 *   host --IPv4--> the guest's address:P           -> the guest's [::]:P
 *   guest --IPv6--> [::1]                           -> ENETUNREACH
 *   guest: raw IPv6 socket (any NXC_RAW_*)          -> EPERM
 *
 * The host does each of these successfully, as the positive control.
 */

#define _GNU_SOURCE
#include "attack_net.h"
#include "kselftest_harness.h"

#define NID_A 2090
#define NID_B 2091
#define NID_ICMP 2092 /* NXC_RAW_ICMP */
#define NID_PLAIN 2093 /* no capabilities */
#define NID_RAW 2094 /* NXC_RAW_ICMP | NXC_RAW_SOCKET */

#define A_ADDR "192.0.2.90"
#define B_ADDR "198.51.100.92"
#define HOST_V4 "198.51.100.91"
#define HOST_V6 "2001:db8::90"

/* Until @addr can be bound (IPv6 addresses start tentative), at most 2 s. */
static bool bindable(const char *addr)
{
	for (int i = 0; i < 200; i++) {
		int fd = make_socket(AF_INET6, SOCK_DGRAM, 0, addr, 0);

		if (fd >= 0) {
			close(fd);
			return true;
		}
		usleep(10000);
	}
	return false;
}

FIXTURE(ipv6)
{
	int fd[4];
};

FIXTURE_SETUP(ipv6)
{
	for (int i = 0; i < 4; i++)
		self->fd[i] = -1;
	/* What a failed setup left (its teardown does not run). */
	for (uint32_t nid = NID_A; nid <= NID_RAW; nid++)
		vs_end_persistent_net(nid);
	ASSERT_EQ(0, add_dummy("vsatk4", A_ADDR "/24 " HOST_V6 "/64"));
	ASSERT_EQ(0, add_dummy("vsatk5", B_ADDR "/24 " HOST_V4 "/24"));
	ASSERT_TRUE(bindable("::1"));
	ASSERT_TRUE(bindable(HOST_V6));
	ASSERT_EQ(0, make_guest(NID_A, 0, 0, A_ADDR));
	ASSERT_EQ(0, make_guest(NID_B, 0, 0, B_ADDR));
	ASSERT_EQ(0, make_guest(NID_ICMP, 0, NXC_RAW_ICMP, NULL));
	ASSERT_EQ(0, make_guest(NID_PLAIN, 0, 0, NULL));
	ASSERT_EQ(0,
		  make_guest(NID_RAW, 0, NXC_RAW_ICMP | NXC_RAW_SOCKET, NULL));
}

FIXTURE_TEARDOWN(ipv6)
{
	for (int i = 0; i < 4; i++)
		if (self->fd[i] >= 0)
			close(self->fd[i]);
	for (uint32_t nid = NID_A; nid <= NID_RAW; nid++)
		vs_end_persistent_net(nid);
	del_dummy("vsatk4");
	del_dummy("vsatk5");
}

/* bind() of a fresh dual-stack socket, with @len bytes of address. */
struct bind_try {
	int type;
	const char *addr;
	int port;
	socklen_t len; /* 0: the whole sockaddr_in6 */
	int v6only; /* IPV6_V6ONLY */
};

/* 0 or the errno of the bind. */
static int try_bind(const void *arg)
{
	const struct bind_try *b = arg;
	struct sockaddr_storage ss;
	socklen_t len = sockaddr_of(&ss, b->addr, b->port);
	int fd = socket(AF_INET6, b->type, 0);

	if (fd < 0)
		return errno;
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &b->v6only,
		   sizeof(b->v6only));
	return bind(fd, (struct sockaddr *)&ss, b->len ? b->len : len) ? errno :
									 0;
}

TEST_F(ipv6, a_guest_binds_no_ipv6_address)
{
	struct bind_try lo = { SOCK_STREAM, "::1", 27090 };
	struct bind_try global = { SOCK_STREAM, HOST_V6, 27090 };

	EXPECT_EQ(0, in_nid(0, try_bind, &lo));
	EXPECT_EQ(0, in_nid(0, try_bind, &global));
	EXPECT_EQ(EADDRNOTAVAIL, in_nid(NID_A, try_bind, &lo));
	EXPECT_EQ(EADDRNOTAVAIL, in_nid(NID_A, try_bind, &global));
}

/*
 * An IPv6-only wildcard is IPv6 only: a guest has none, and the socket
 * would only keep the host from binding [::] on that port.
 */
TEST_F(ipv6, a_guest_binds_no_ipv6_only_wildcard)
{
	struct bind_try only = { SOCK_STREAM, "::", 27091, 0, 1 };
	struct bind_try dual = { SOCK_STREAM, "::", 27091, 0, 0 };

	EXPECT_EQ(EADDRNOTAVAIL, in_nid(NID_A, try_bind, &only));
	EXPECT_EQ(0, in_nid(NID_A, try_bind, &dual));
	EXPECT_EQ(0, in_nid(0, try_bind, &only));
}

/*
 * 24 bytes is RFC 2133's sockaddr_in6, without sin6_scope_id; the kernel
 * takes it, so the check of a v4-mapped address must not need 28.
 */
TEST_F(ipv6, a_short_address_binds_no_foreign_mapped_address)
{
	struct bind_try foreign = { SOCK_DGRAM, "::ffff:" HOST_V4, 53, 24 };
	struct bind_try foreign_full = { SOCK_DGRAM, "::ffff:" HOST_V4, 53,
					 28 };
	struct bind_try own = { SOCK_DGRAM, "::ffff:" A_ADDR, 27091, 24 };

	EXPECT_EQ(0, in_nid(0, try_bind, &foreign));
	EXPECT_EQ(0, in_nid(NID_A, try_bind, &own));
	EXPECT_EQ(EADDRNOTAVAIL, in_nid(NID_A, try_bind, &foreign));
	EXPECT_EQ(EADDRNOTAVAIL, in_nid(NID_A, try_bind, &foreign_full));
}

/* A blocking connect from here (the host); 0 or errno, *fd the socket. */
static int connect_to(int type, const char *addr, int port, int *fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sockaddr_of(&ss, addr, port);

	*fd = socket(ss.ss_family, type, 0);
	if (*fd < 0)
		return errno;
	return connect(*fd, (struct sockaddr *)&ss, len) ? errno : 0;
}

/* Connects, then closes: 0 or errno. */
static int connects(const char *addr, int port)
{
	int fd, err = connect_to(SOCK_STREAM, addr, port, &fd);

	close(fd);
	return err;
}

/* Nothing arrives on @fd within 100 ms. */
static bool nothing_comes(int fd)
{
	int c = accept_within(fd, 100);

	if (c < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK;
	close(c);
	return false;
}

/*
 * Whether the connection @client (an IPv4 socket of the host) made is the
 * one a dual-stack listener accepts next: local ::ffff:@addr:@port, peer
 * the client's end, v4-mapped.
 */
static bool accepts(int lfd, int client, const char *addr, int port)
{
	struct sockaddr_in6 local, peer;
	struct sockaddr_in end;
	struct sockaddr_storage want;
	socklen_t len = sizeof(local);
	char mapped[64];
	int c = accept_within(lfd, 1000);
	bool ok;

	if (c < 0)
		return false;
	snprintf(mapped, sizeof(mapped), "::ffff:%s", addr);
	sockaddr_of(&want, mapped, port);
	ok = !getsockname(c, (struct sockaddr *)&local, &len) &&
	     !memcmp(&local, &want, sizeof(local));
	len = sizeof(peer);
	ok = ok && !getpeername(c, (struct sockaddr *)&peer, &len) &&
	     IN6_IS_ADDR_V4MAPPED(&peer.sin6_addr);
	len = sizeof(end);
	ok = ok && !getsockname(client, (struct sockaddr *)&end, &len) &&
	     !memcmp(&peer.sin6_addr.s6_addr[12], &end.sin_addr, 4) &&
	     peer.sin6_port == end.sin_port;
	close(c);
	return ok;
}

TEST_F(ipv6, a_dual_stack_guest_listener_gets_no_ipv6)
{
	int guest, host, client, c;

	self->fd[0] = guest =
		socket_in(NID_A, AF_INET6, SOCK_STREAM, 0, "::", 27092);
	self->fd[1] = host =
		socket_in(0, AF_INET6, SOCK_STREAM, 0, "::", 27093);
	ASSERT_LE(0, guest);
	ASSERT_LE(0, host);
	/* The host's own wildcard listener gets IPv6. */
	EXPECT_EQ(0, connects("::1", 27093));
	c = accept_within(host, 1000);
	EXPECT_LE(0, c);
	close(c);
	/* Nothing that may receive it listens on [::1]:27092. */
	EXPECT_EQ(ECONNREFUSED, connects("::1", 27092));
	EXPECT_TRUE(nothing_comes(guest));
	/* The guest's IPv4 address still reaches it. */
	EXPECT_EQ(0, connect_to(SOCK_STREAM, A_ADDR, 27092, &client));
	EXPECT_TRUE(accepts(guest, client, A_ADDR, 27092));
	close(client);
}

TEST_F(ipv6, two_dual_stack_guests_share_a_port_for_ipv4_only)
{
	int a, b, client;

	self->fd[0] = a =
		socket_in(NID_A, AF_INET6, SOCK_STREAM, 0, "::", 27094);
	self->fd[1] = b =
		socket_in(NID_B, AF_INET6, SOCK_STREAM, 0, "::", 27094);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	EXPECT_EQ(ECONNREFUSED, connects("::1", 27094));
	EXPECT_TRUE(nothing_comes(a));
	EXPECT_TRUE(nothing_comes(b));
	EXPECT_EQ(0, connect_to(SOCK_STREAM, A_ADDR, 27094, &client));
	EXPECT_TRUE(accepts(a, client, A_ADDR, 27094));
	EXPECT_TRUE(nothing_comes(b));
	close(client);
	EXPECT_EQ(0, connect_to(SOCK_STREAM, B_ADDR, 27094, &client));
	EXPECT_TRUE(accepts(b, client, B_ADDR, 27094));
	EXPECT_TRUE(nothing_comes(a));
	close(client);
}

/* Sends one byte @c from the host to addr:port; 0 or errno. */
static int send_byte(const char *addr, int port, char c)
{
	struct sockaddr_storage ss;
	socklen_t len = sockaddr_of(&ss, addr, port);
	int fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	int err = sendto(fd, &c, 1, 0, (struct sockaddr *)&ss, len) == 1 ?
			  0 :
			  errno;

	close(fd);
	return err;
}

/* The byte that arrives on @fd within @ms, or -1 (errno EAGAIN if none). */
static int byte_on(int fd, int ms)
{
	char c;

	readable(fd, ms);
	return recv(fd, &c, 1, MSG_DONTWAIT) == 1 ? c : -1;
}

TEST_F(ipv6, a_dual_stack_guest_udp_socket_gets_no_ipv6)
{
	int guest, host, err;

	self->fd[0] = guest =
		socket_in(NID_A, AF_INET6, SOCK_DGRAM, 0, "::", 27095);
	self->fd[1] = host = socket_in(0, AF_INET6, SOCK_DGRAM, 0, "::", 27096);
	ASSERT_LE(0, guest);
	ASSERT_LE(0, host);
	EXPECT_EQ(0, send_byte("::1", 27096, '6'));
	EXPECT_EQ('6', byte_on(host, 1000));
	/* Nobody may receive it: sent, perhaps refused by ICMPv6 later. */
	err = send_byte("::1", 27095, '6');
	EXPECT_TRUE(err == 0 || err == ECONNREFUSED);
	usleep(100000);
	EXPECT_EQ(-1, byte_on(guest, 0));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(0, send_byte(A_ADDR, 27095, '4'));
	EXPECT_EQ('4', byte_on(guest, 1000));
}

/* The call succeeds if *want is 0, else fails with errno *want. */
#define CHECK_GIVES(call, want)                                               \
	do {                                                                  \
		errno = 0;                                                    \
		CHECK_AT((call) >= 0 ? (want) == 0 : errno == (want), #call); \
	} while (0)

/*
 * IPv6 out: TCP to the host's [::1] listener (connect, and TCP Fast
 * Open, whose connect runs inside sendto), UDP to [::1].
 */
static void probe_ipv6_out(const void *want)
{
	struct sockaddr_storage tcp, udp;
	socklen_t tlen = sockaddr_of(&tcp, "::1", 27097);
	socklen_t ulen = sockaddr_of(&udp, "::1", 27098);
	int t = socket(AF_INET6, SOCK_STREAM, 0);
	int tfo = socket(AF_INET6, SOCK_STREAM, 0);
	int u = socket(AF_INET6, SOCK_DGRAM, 0);
	int err = *(const int *)want;

	CHECK(t >= 0 && tfo >= 0 && u >= 0);
	CHECK_GIVES(connect(t, (struct sockaddr *)&tcp, tlen), err);
	CHECK_GIVES(sendto(tfo, "x", 1, MSG_FASTOPEN, (struct sockaddr *)&tcp,
			   tlen),
		    err);
	CHECK_GIVES(sendto(u, "x", 1, 0, (struct sockaddr *)&udp, ulen), err);
	CHECK_GIVES(connect(u, (struct sockaddr *)&udp, ulen), err);
}

/* IPv4 out of a guest through an IPv6 socket, to its own listener. */
static void probe_mapped_out(const void *unused)
{
	struct sockaddr_storage ss;
	socklen_t len = sockaddr_of(&ss, "::ffff:" A_ADDR, 27099);
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	CHECK(fd >= 0);
	CHECK(connect(fd, (struct sockaddr *)&ss, len) == 0);
}

TEST_F(ipv6, a_guest_sends_no_ipv6)
{
	static const int works = 0, unreachable = ENETUNREACH;
	int host, own, c;

	self->fd[0] = host =
		socket_in(0, AF_INET6, SOCK_STREAM, 0, "::1", 27097);
	self->fd[1] = own =
		socket_in(NID_A, AF_INET, SOCK_STREAM, 0, A_ADDR, 27099);
	ASSERT_LE(0, host);
	ASSERT_LE(0, own);
	EXPECT_EQ(0, run_in(0, NID_A, probe_ipv6_out, &unreachable));
	EXPECT_TRUE(nothing_comes(host));
	EXPECT_EQ(0, on_host(probe_ipv6_out, &works));
	for (int i = 0; i < 2; i++) { /* connect and Fast Open */
		c = accept_within(host, 1000);
		EXPECT_LE(0, c);
		close(c);
	}
	EXPECT_EQ(0, run_in(0, NID_A, probe_mapped_out, NULL));
	c = accept_within(own, 1000);
	EXPECT_LE(0, c);
	close(c);
}

struct socket_try {
	int family;
	int type;
	int protocol;
};

/* 0 or the errno of socket(). */
static int try_socket(const void *arg)
{
	const struct socket_try *s = arg;

	return socket(s->family, s->type, s->protocol) < 0 ? errno : 0;
}

TEST_F(ipv6, no_raw_ipv6_socket_in_a_guest)
{
	struct socket_try icmp6 = { AF_INET6, SOCK_RAW, IPPROTO_ICMPV6 };
	struct socket_try udp6 = { AF_INET6, SOCK_RAW, IPPROTO_UDP };
	struct socket_try icmp = { AF_INET, SOCK_RAW, IPPROTO_ICMP };
	struct socket_try udp = { AF_INET, SOCK_RAW, IPPROTO_UDP };

	ASSERT_TRUE(has_cap(CAP_NET_RAW));
	EXPECT_EQ(0, in_nid(0, try_socket, &icmp6));
	EXPECT_EQ(0, in_nid(0, try_socket, &udp6));
	/* The IPv4 twins: by NXC_RAW_ICMP and NXC_RAW_SOCKET. */
	EXPECT_EQ(0, in_nid(NID_ICMP, try_socket, &icmp));
	EXPECT_EQ(EPERM, in_nid(NID_PLAIN, try_socket, &icmp));
	EXPECT_EQ(0, in_nid(NID_RAW, try_socket, &udp));
	/* IPv6: never, whatever the context's capabilities. */
	EXPECT_EQ(EPERM, in_nid(NID_ICMP, try_socket, &icmp6));
	EXPECT_EQ(EPERM, in_nid(NID_PLAIN, try_socket, &icmp6));
	EXPECT_EQ(EPERM, in_nid(NID_RAW, try_socket, &icmp6));
	EXPECT_EQ(EPERM, in_nid(NID_RAW, try_socket, &udp6));
}

TEST_HARNESS_MAIN
