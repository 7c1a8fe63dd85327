// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - raw sockets and transports of guests
 *
 *   NXC_RAW_ICMP:                  raw ICMP only; no IP_HDRINCL
 *   NXC_RAW_ICMP | NXC_RAW_SOCKET: any raw IP socket, IP_HDRINCL
 *   any context:                   no packet sockets
 *   any network context:           TCP and UDP, no SCTP or MPTCP
 *                                  (their binds and sends bypass the
 *                                  context's addresses)
 *
 * The guests are root in a security context in its setup phase and, but
 * for one, a network context: they hold CAP_NET_RAW, so what refuses is
 * the context.  The host does all of it, as the positive control.
 */

#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "attack.h"
#include "kselftest_harness.h"

#ifndef NXC_RAW_SOCKET
#define NXC_RAW_SOCKET 0x00000200ULL
#endif
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

#define ID_ICMP 2050 /* xid and nid: NXC_RAW_ICMP */
#define ID_RAW 2051 /* NXC_RAW_ICMP | NXC_RAW_SOCKET */
#define ID_NO_NET 2052 /* a security context only */
#define ID_PLAIN 2053 /* no network capabilities */

/* socket(), closed again; 0 or errno. */
static int try_socket(int family, int type, int protocol)
{
	int fd = socket(family, type, protocol);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* What each raw operation gives: 0 or errno. */
struct raw_answers {
	int raw_udp;
	int ipproto_raw;
	int hdrincl; /* IP_HDRINCL on a raw ICMP socket */
	int packet;
};

static void probe_raw(const void *arg)
{
	const struct raw_answers *want = arg;
	int one = 1;
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	CHECK(has_cap(CAP_NET_RAW));
	CHECK(fd >= 0);
	errno = 0;
	CHECK((setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one)) ?
		       errno :
		       0) == want->hdrincl);
	close(fd);
	CHECK(try_socket(AF_INET, SOCK_RAW, IPPROTO_UDP) == want->raw_udp);
	CHECK(try_socket(AF_INET, SOCK_RAW, IPPROTO_RAW) == want->ipproto_raw);
	CHECK(try_socket(AF_PACKET, SOCK_RAW, 0) == want->packet);
}

static const struct raw_answers everything = { 0, 0, 0, 0 };

FIXTURE(guests)
{
	int unused;
};

FIXTURE_SETUP(guests)
{
	ASSERT_EQ(0, create_net(ID_ICMP, NXC_RAW_ICMP));
	ASSERT_EQ(0, create_net(ID_RAW, NXC_RAW_ICMP | NXC_RAW_SOCKET));
	ASSERT_EQ(0, create_net(ID_PLAIN, 0));
	ASSERT_EQ(0, create_ctx(ID_ICMP, 0));
	ASSERT_EQ(0, create_ctx(ID_RAW, 0));
	ASSERT_EQ(0, create_ctx(ID_NO_NET, 0));
	ASSERT_EQ(0, create_ctx(ID_PLAIN, 0));
}

FIXTURE_TEARDOWN(guests)
{
	for (uint32_t id = ID_ICMP; id <= ID_PLAIN; id++) {
		end_ctx(id);
		vs_end_persistent_net(id);
	}
}

TEST_F(guests, raw_icmp_gives_raw_icmp_only)
{
	static const struct raw_answers icmp_only = { EPERM, EPERM, EPERM,
						      EPERM };

	EXPECT_EQ(0, on_host(probe_raw, &everything));
	EXPECT_EQ(0, run_in(ID_ICMP, ID_ICMP, probe_raw, &icmp_only));
}

TEST_F(guests, raw_socket_gives_every_raw_ip_socket_but_no_packet_socket)
{
	static const struct raw_answers any_ip = { 0, 0, 0, EPERM };

	EXPECT_EQ(0, on_host(probe_raw, &everything));
	EXPECT_EQ(0, run_in(ID_RAW, ID_RAW, probe_raw, &any_ip));
}

static void probe_packet(const void *want)
{
	CHECK(has_cap(CAP_NET_RAW));
	CHECK(try_socket(AF_PACKET, SOCK_RAW, 0) == *(const int *)want);
}

TEST_F(guests, a_guest_without_network_context_has_no_packet_socket)
{
	static const int works = 0, refused = EPERM;

	EXPECT_EQ(0, on_host(probe_packet, &works));
	EXPECT_EQ(0, run_in(ID_NO_NET, 0, probe_packet, &refused));
}

/* SCTP and MPTCP give @want (0 or errno); TCP and UDP always work. */
static void probe_transports(const void *want)
{
	int err = *(const int *)want;

	CHECK(try_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) == err);
	CHECK(try_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP) == err);
	CHECK(try_socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP) == err);
	CHECK(try_socket(AF_INET, SOCK_STREAM, 0) == 0);
	CHECK(try_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) == 0);
	CHECK(try_socket(AF_INET, SOCK_DGRAM, 0) == 0);
	CHECK(try_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) == 0);
}

TEST_F(guests, network_contexts_speak_tcp_and_udp_only)
{
	static const int works = 0, refused = EPROTONOSUPPORT;

	EXPECT_EQ(0, on_host(probe_transports, &works));
	EXPECT_EQ(0, run_in(ID_PLAIN, ID_PLAIN, probe_transports, &refused));
	/* Raw capabilities do not open other transports. */
	EXPECT_EQ(0, run_in(ID_RAW, ID_RAW, probe_transports, &refused));
}

TEST_HARNESS_MAIN
