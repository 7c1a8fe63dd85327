// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - guests sharing the host's IPv4 stack
 *
 *   guest A (nid 710): 192.0.2.1, 192.0.2.2     guest B (nid 711): 198.51.100.1
 *   host client: 203.0.113.1 (all on lo; nothing leaves the VM)
 *
 * A and B both serve 0.0.0.0:<port>; each answers only on its own
 * addresses; sources, loopback and /proc/net follow the context.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

#define NID_A 710
#define NID_B 711
#define NID_C 712 /* overlaps A */
#define NID_D 713 /* no loopback flags */

static __be32 ip(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static struct sockaddr_in sa(const char *addr, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };

	sin.sin_addr.s_addr = ip(addr);
	return sin;
}

static int add_v4(uint32_t nid, const char *addr)
{
	struct vcmd_net_addr_ipv4_v1 vc = {
		.type = NXA_TYPE_ADDR,
		.ip = ip(addr),
		.mask = ip("255.255.255.0"),
	};

	return (int)vs_call(VCMD_net_add_ipv4_v1, nid, &vc);
}

static int enter(uint32_t nid)
{
	return nid ? (int)vs_call(VCMD_net_migrate, nid, NULL) : 0;
}

/* Set before server(): its socket joins a SO_REUSEPORT group. */
static int want_reuseport;

/* A socket bound to addr:port, or -errno. */
static int bound_socket(int type, const char *addr, int port)
{
	struct sockaddr_in sin = sa(addr, port);
	int one = 1, fd = socket(AF_INET, type, 0);

	if (fd < 0)
		return -errno;
	/* For TCP's TIME_WAIT; on UDP it would let any two sockets share. */
	if (type == SOCK_STREAM)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (want_reuseport)
		setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/*
 * A server in nid (0: host) on addr:port that answers every TCP
 * connection or UDP datagram with tag; returns its pid once it listens,
 * or -1.
 */
static pid_t server(uint32_t nid, int type, const char *addr, int port,
		    const char *tag)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		char buf[64];
		struct sockaddr_in peer;
		socklen_t len;
		int fd;

		close(ready[0]);
		if (enter(nid))
			_exit(1);
		fd = bound_socket(type, addr, port);
		if (fd < 0 || (type == SOCK_STREAM && listen(fd, 8)))
			_exit(2);
		write(ready[1], "r", 1);
		for (;;) {
			len = sizeof(peer);
			if (type == SOCK_STREAM) {
				int c = accept(fd, NULL, NULL);

				write(c, tag, strlen(tag));
				close(c);
				continue;
			}
			if (recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&peer, &len) >= 0)
				sendto(fd, tag, strlen(tag), 0,
				       (struct sockaddr *)&peer, len);
		}
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

static void stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* Asks addr:port over TCP or UDP from the host; the answer, or "" / "ERR<errno>". */
static void ask(int type, const char *addr, int port, char *out, size_t size)
{
	struct sockaddr_in to = sa(addr, port);
	struct timeval tv = { .tv_sec = 1 };
	int fd = socket(AF_INET, type, 0);
	ssize_t n = -1;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (!connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		if (type == SOCK_DGRAM)
			send(fd, "?", 1, 0);
		n = recv(fd, out, size - 1, 0);
	}
	if (n < 0)
		snprintf(out, size, "ERR%d", errno);
	else
		out[n] = '\0';
	close(fd);
}

/* Each fixture's setup: the addresses on lo, and A and B with theirs. */
static void guests_up(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, system("ip addr add 192.0.2.1/32 dev lo 2>/dev/null;"
			    "ip addr add 192.0.2.2/32 dev lo 2>/dev/null;"
			    "ip addr add 198.51.100.1/32 dev lo 2>/dev/null;"
			    "ip addr add 203.0.113.1/32 dev lo 2>/dev/null;"
			    "ip link set lo up"));
	ASSERT_EQ(0, vs_create_persistent_net(NID_A, NXF_STATE_ADMIN |
							     NXF_LBACK_REMAP));
	ASSERT_EQ(0, vs_create_persistent_net(NID_B, NXF_STATE_ADMIN |
							     NXF_LBACK_REMAP));
	ASSERT_EQ(0, add_v4(NID_A, "192.0.2.1"));
	ASSERT_EQ(0, add_v4(NID_A, "192.0.2.2"));
	ASSERT_EQ(0, add_v4(NID_B, "198.51.100.1"));
}

/* Each fixture's teardown: the test's servers, then A and B. */
static void guests_down(pid_t *servers, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		stop(servers[i]);
	vs_end_persistent_net(NID_A);
	vs_end_persistent_net(NID_B);
}

FIXTURE(guests)
{
	pid_t servers[4];
};

FIXTURE_SETUP(guests)
{
	guests_up(_metadata);
	memset(self->servers, 0, sizeof(self->servers));
}

FIXTURE_TEARDOWN(guests)
{
	guests_down(self->servers, ARRAY_SIZE(self->servers));
}

/* A dual-stack [::]:port listener in nid that answers tag; its pid. */
static pid_t server6(uint32_t nid, int port, const char *tag)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6,
					     .sin6_port = htons(port) };
		int fd;

		close(ready[0]);
		if (enter(nid))
			_exit(1);
		fd = socket(AF_INET6, SOCK_STREAM, 0);
		if (fd < 0 ||
		    bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) ||
		    listen(fd, 8))
			_exit(2);
		write(ready[1], "r", 1);
		for (;;) {
			int c = accept(fd, NULL, NULL);

			write(c, tag, strlen(tag));
			close(c);
		}
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

/*
 * A and B both serve the wildcard on one port; the host, asking each
 * address, hears the guest that owns it, and nobody on an address that is
 * neither A's nor B's.
 */
FIXTURE(wildcard)
{
	pid_t servers[2];
};

FIXTURE_VARIANT(wildcard)
{
	int type;
	bool dual_stack; /* the servers bind [::] instead of 0.0.0.0 */
	int port;
	/* The answer to asking addr:port from the host; ends at addr NULL. */
	struct {
		const char *addr, *answer;
	} asks[5];
};

FIXTURE_VARIANT_ADD(wildcard, tcp)
{
	.type = SOCK_STREAM,
	.port = 8080,
	.asks = {
		{ "192.0.2.1", "A" },
		{ "192.0.2.2", "A" },
		{ "198.51.100.1", "B" },
		{ "203.0.113.1", "ERR111" }, /* ECONNREFUSED */
	},
};

FIXTURE_VARIANT_ADD(wildcard, udp)
{
	.type = SOCK_DGRAM,
	.port = 5353,
	.asks = {
		{ "192.0.2.2", "A" },
		{ "198.51.100.1", "B" },
		{ "203.0.113.1", "ERR111" },
	},
};

/* Daemons often bind [::]: for IPv4 that is the guest's wildcard. */
FIXTURE_VARIANT_ADD(wildcard, dual_stack)
{
	.type = SOCK_STREAM,
	.dual_stack = true,
	.port = 8084,
	.asks = {
		{ "192.0.2.1", "A" },
		{ "198.51.100.1", "B" },
	},
};

FIXTURE_SETUP(wildcard)
{
	guests_up(_metadata);
}

FIXTURE_TEARDOWN(wildcard)
{
	guests_down(self->servers, ARRAY_SIZE(self->servers));
}

/* The variant's server on the wildcard in nid. */
static pid_t wildcard_server(const FIXTURE_VARIANT(wildcard) * v, uint32_t nid,
			     const char *tag)
{
	if (v->dual_stack)
		return server6(nid, v->port, tag);
	return server(nid, v->type, "0.0.0.0", v->port, tag);
}

TEST_F(wildcard, port_shared)
{
	char buf[32];
	unsigned int i;

	self->servers[0] = wildcard_server(variant, NID_A, "A");
	self->servers[1] = wildcard_server(variant, NID_B, "B");
	ASSERT_LT(0, self->servers[0]);
	ASSERT_LT(0, self->servers[1]);
	for (i = 0; variant->asks[i].addr; i++) {
		ask(variant->type, variant->asks[i].addr, variant->port, buf,
		    sizeof(buf));
		EXPECT_STREQ(variant->asks[i].answer, buf)
		{
			TH_LOG("asking %s:%d", variant->asks[i].addr,
			       variant->port);
		}
	}
}

/*
 * SO_REUSEPORT groups stay inside a context: with A's and B's wildcard
 * sockets in one group, Linux would hand A's connections to B by hash.
 */
TEST_F(guests, reuseport_groups_stay_per_guest)
{
	char buf[32];
	int i, to_a = 0, to_b = 0;

	want_reuseport = 1;
	self->servers[0] = server(NID_A, SOCK_STREAM, "0.0.0.0", 8085, "A");
	self->servers[1] = server(NID_B, SOCK_STREAM, "0.0.0.0", 8085, "B");
	self->servers[2] = server(NID_A, SOCK_STREAM, "0.0.0.0", 8085, "A");
	want_reuseport = 0;
	ASSERT_LT(0, self->servers[0]);
	ASSERT_LT(0, self->servers[1]);
	ASSERT_LT(0, self->servers[2]);
	for (i = 0; i < 16; i++) {
		ask(SOCK_STREAM, "192.0.2.1", 8085, buf, sizeof(buf));
		to_a += !strcmp(buf, "A");
		ask(SOCK_STREAM, "198.51.100.1", 8085, buf, sizeof(buf));
		to_b += !strcmp(buf, "B");
	}
	EXPECT_EQ(16, to_a);
	EXPECT_EQ(16, to_b);
}

/* In a child inside nid: bind type to addr:port; 0 or the errno. */
static int bind_in(uint32_t nid, int type, const char *addr, int port)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		int fd;

		if (enter(nid))
			_exit(100);
		fd = bound_socket(type, addr, port);
		_exit(fd < 0 ? -fd : 0);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200;
}

TEST_F(guests, overlapping_sets_conflict)
{
	self->servers[0] = server(NID_A, SOCK_STREAM, "0.0.0.0", 8081, "A");
	ASSERT_LT(0, self->servers[0]);
	ASSERT_EQ(0, vs_create_persistent_net(NID_C, NXF_STATE_ADMIN));
	ASSERT_EQ(0, add_v4(NID_C, "192.0.2.1"));
	/* C shares 192.0.2.1 with A: its wildcard and that address clash. */
	EXPECT_EQ(EADDRINUSE, bind_in(NID_C, SOCK_STREAM, "0.0.0.0", 8081));
	EXPECT_EQ(EADDRINUSE, bind_in(NID_C, SOCK_STREAM, "192.0.2.1", 8081));
	/* The host's wildcard is every address, so it clashes too. */
	EXPECT_EQ(EADDRINUSE, bind_in(0, SOCK_STREAM, "0.0.0.0", 8081));
	/* Disjoint: B, and the host on an address A does not have. */
	EXPECT_EQ(0, bind_in(NID_B, SOCK_STREAM, "198.51.100.1", 8081));
	EXPECT_EQ(0, bind_in(0, SOCK_STREAM, "203.0.113.1", 8081));
	vs_end_persistent_net(NID_C);
}

TEST_F(guests, host_wildcard_blocks_guests)
{
	int fd = bound_socket(SOCK_DGRAM, "0.0.0.0", 5354);

	ASSERT_LE(0, fd);
	EXPECT_EQ(EADDRINUSE, bind_in(NID_A, SOCK_DGRAM, "0.0.0.0", 5354));
	EXPECT_EQ(EADDRINUSE, bind_in(NID_B, SOCK_DGRAM, "198.51.100.1", 5354));
	close(fd);
}

/* The source address a datagram from nid arrives with at 203.0.113.1. */
static void udp_source(uint32_t nid, char *out, size_t size)
{
	int rx = bound_socket(SOCK_DGRAM, "203.0.113.1", 9999);
	struct sockaddr_in to = sa("203.0.113.1", 9999), from;
	struct timeval tv = { .tv_sec = 1 };
	socklen_t len = sizeof(from);
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		int fd;

		if (enter(nid))
			_exit(1);
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof(to));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (recvfrom(rx, &c, 1, 0, (struct sockaddr *)&from, &len) == 1)
		inet_ntop(AF_INET, &from.sin_addr, out, size);
	else
		snprintf(out, size, "none");
	close(rx);
}

/* The peer address a TCP connection from nid is accepted with. */
static void tcp_source(uint32_t nid, char *out, size_t size)
{
	int lfd = bound_socket(SOCK_STREAM, "203.0.113.1", 9998);
	struct sockaddr_in to = sa("203.0.113.1", 9998), from;
	socklen_t len = sizeof(from);
	pid_t pid;
	int c;

	listen(lfd, 1);
	pid = fork();
	if (pid == 0) {
		int fd;

		if (enter(nid))
			_exit(1);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		_exit(connect(fd, (struct sockaddr *)&to, sizeof(to)) ? 2 : 0);
	}
	waitpid(pid, NULL, 0);
	c = accept4(lfd, (struct sockaddr *)&from, &len, SOCK_NONBLOCK);
	if (c >= 0)
		inet_ntop(AF_INET, &from.sin_addr, out, size);
	else
		snprintf(out, size, "none");
	close(c);
	close(lfd);
}

TEST_F(guests, source_is_the_guests_address)
{
	char buf[32];

	udp_source(NID_B, buf, sizeof(buf));
	EXPECT_STREQ("198.51.100.1", buf);
	udp_source(NID_A, buf, sizeof(buf));
	EXPECT_STREQ("192.0.2.1", buf);
	tcp_source(NID_B, buf, sizeof(buf));
	EXPECT_STREQ("198.51.100.1", buf);
	udp_source(0, buf, sizeof(buf));
	EXPECT_STREQ("203.0.113.1", buf);
}

/*
 * The seed scenario: a guest broadcasts a UDP request on a network it has
 * no address on; the server's reply comes back because the request left
 * with the guest's own address as its source.
 */
static void broadcast_request(void)
{
	struct sockaddr_in to = sa("203.0.113.255", 6000);
	struct timeval tv = { .tv_sec = 2 };
	int one = 1, fd = socket(AF_INET, SOCK_DGRAM, 0);
	char reply[8] = "";

	setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (sendto(fd, "?", 1, 0, (struct sockaddr *)&to, sizeof(to)) != 1)
		_exit(2);
	if (recv(fd, reply, sizeof(reply) - 1, 0) <= 0)
		_exit(3);
	_exit(strcmp(reply, "H") ? 4 : 0);
}

TEST_F(guests, broadcast_request_gets_its_reply)
{
	pid_t pid;
	int status;

	ASSERT_EQ(0, system("ip link add vsbcast0 type dummy &&"
			    "ip addr add 203.0.113.60/24 dev vsbcast0 &&"
			    "ip link set vsbcast0 up"));
	self->servers[0] = server(0, SOCK_DGRAM, "0.0.0.0", 6000, "H");
	ASSERT_LT(0, self->servers[0]);
	pid = fork();
	if (pid == 0) {
		if (enter(NID_A))
			_exit(1);
		broadcast_request();
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	system("ip link del vsbcast0");
}

/* sendmsg from nid with an explicit source; 0 or the errno. */
static int send_from(uint32_t nid, const char *src)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct sockaddr_in to = sa("203.0.113.1", 9997);
		char cbuf[CMSG_SPACE(sizeof(struct in_pktinfo))] = { 0 };
		struct iovec iov = { .iov_base = "x", .iov_len = 1 };
		struct msghdr msg = {
			.msg_name = &to,
			.msg_namelen = sizeof(to),
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = cbuf,
			.msg_controllen = sizeof(cbuf),
		};
		struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
		struct in_pktinfo *pi = (struct in_pktinfo *)CMSG_DATA(cm);
		int fd;

		cm->cmsg_level = IPPROTO_IP;
		cm->cmsg_type = IP_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(*pi));
		pi->ipi_spec_dst.s_addr = ip(src);
		if (enter(nid))
			_exit(100);
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		_exit(sendmsg(fd, &msg, 0) == 1 ? 0 : errno);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200;
}

TEST_F(guests, foreign_source_is_refused)
{
	EXPECT_EQ(EPERM, send_from(NID_A, "198.51.100.1"));
	EXPECT_EQ(0, send_from(NID_A, "192.0.2.2"));
}

TEST_F(guests, loopback_is_per_guest)
{
	char buf[32];
	pid_t pid;
	int status;

	self->servers[0] = server(NID_A, SOCK_STREAM, "127.0.0.1", 8082, "A");
	self->servers[1] = server(NID_B, SOCK_STREAM, "127.0.0.1", 8082, "B");
	self->servers[2] = server(0, SOCK_STREAM, "127.0.0.1", 8082, "H");
	ASSERT_LT(0, self->servers[0]);
	ASSERT_LT(0, self->servers[1]);
	ASSERT_LT(0, self->servers[2]);
	ask(SOCK_STREAM, "127.0.0.1", 8082, buf, sizeof(buf));
	EXPECT_STREQ("H", buf);
	pid = fork();
	if (pid == 0) {
		char a[32];

		if (enter(NID_A))
			_exit(1);
		ask(SOCK_STREAM, "127.0.0.1", 8082, a, sizeof(a));
		_exit(!strcmp(a, "A") ? 0 : 2);
	}
	waitpid(pid, &status, 0);
	EXPECT_EQ(0, WEXITSTATUS(status));
	pid = fork();
	if (pid == 0) {
		char b[32];

		if (enter(NID_B))
			_exit(1);
		ask(SOCK_STREAM, "127.0.0.1", 8082, b, sizeof(b));
		_exit(!strcmp(b, "B") ? 0 : 2);
	}
	waitpid(pid, &status, 0);
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(guests, loopback_needs_a_flag)
{
	pid_t pid;
	int status;

	ASSERT_EQ(0, vs_create_persistent_net(NID_D, NXF_STATE_ADMIN));
	ASSERT_EQ(0, add_v4(NID_D, "192.0.2.1"));
	pid = fork();
	if (pid == 0) {
		struct sockaddr_in to = sa("127.0.0.1", 8083);
		int fd;

		if (enter(NID_D))
			_exit(1);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		_exit(connect(fd, (struct sockaddr *)&to, sizeof(to)) ? errno :
									0);
	}
	waitpid(pid, &status, 0);
	EXPECT_EQ(EPERM, WEXITSTATUS(status));
	vs_end_persistent_net(NID_D);
}

/* Whether /proc/net/tcp, read inside nid, has a line containing text. */
static bool proc_tcp_has(uint32_t nid, const char *text)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		char line[256];
		bool found = false;
		FILE *f;

		if (enter(nid))
			_exit(2);
		f = fopen("/proc/net/tcp", "r");
		while (f && fgets(line, sizeof(line), f))
			found |= strstr(line, text) != NULL;
		_exit(found ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * A's loopback address is 127.2.198.1 (nid 710), "01C6027F" in /proc's
 * byte order; with NXF_HIDE_LBACK A sees it as 127.0.0.1, "0100007F".
 */
TEST_F(guests, hide_lback_shows_127_0_0_1)
{
	struct vcmd_net_flags_v0 hide = { .flagword = NXF_HIDE_LBACK,
					  .mask = NXF_HIDE_LBACK };

	self->servers[0] = server(NID_A, SOCK_STREAM, "127.0.0.1", 8086, "A");
	ASSERT_LT(0, self->servers[0]);
	EXPECT_TRUE(proc_tcp_has(NID_A, "01C6027F:1F96"));
	ASSERT_EQ(0, vs_call(VCMD_set_nflags, NID_A, &hide));
	EXPECT_TRUE(proc_tcp_has(NID_A, "0100007F:1F96"));
	EXPECT_FALSE(proc_tcp_has(NID_A, "01C6027F:1F96"));
}

/* Lines of path, read inside nid, that contain pattern; 101: no file. */
static int lines_seen(uint32_t nid, const char *path, const char *pattern)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		char line[256];
		int n = 0;
		FILE *f;

		if (nid == NX_ID_SPECTATOR ?
			    vs_call(VCMD_net_migrate, 1, NULL) != 1 :
			    enter(nid))
			_exit(100);
		f = fopen(path, "r");
		if (!f)
			_exit(101);
		while (fgets(line, sizeof(line), f))
			n += strstr(line, pattern) != NULL;
		_exit(n);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* /proc/net/{tcp,udp} in a context lists that context's own sockets. */
FIXTURE(proc_net)
{
	pid_t servers[2];
};

FIXTURE_VARIANT(proc_net)
{
	int type;
	int port;
	const char *path;
	const char *pattern; /* a line of a socket on port, in /proc's hex */
	uint32_t guests[2]; /* serving 0.0.0.0:port; ends at 0 */
	/* The lines nid sees: views rows. */
	struct {
		uint32_t nid;
		int lines;
	} seen[4];
	unsigned int views;
};

FIXTURE_VARIANT_ADD(proc_net, tcp)
{
	.type = SOCK_STREAM,
	.port = 8080,
	.path = "/proc/net/tcp",
	.pattern = ":1F90 00000000:0000 0A", /* 8080, listening */
	.guests = { NID_A, NID_B },
	.seen = {
		{ NID_A, 1 },
		{ NID_B, 1 },
		{ 0, 0 },
		{ NX_ID_SPECTATOR, 2 },
	},
	.views = 4,
};

FIXTURE_VARIANT_ADD(proc_net, udp)
{
	.type = SOCK_DGRAM,
	.port = 5355,
	.path = "/proc/net/udp",
	.pattern = ":14EB ", /* 5355 */
	.guests = { NID_A },
	.seen = {
		{ 0, 0 }, /* the host does not see A's socket */
	},
	.views = 1,
};

FIXTURE_SETUP(proc_net)
{
	guests_up(_metadata);
}

FIXTURE_TEARDOWN(proc_net)
{
	guests_down(self->servers, ARRAY_SIZE(self->servers));
}

TEST_F(proc_net, shows_own_sockets)
{
	static const char *const tags[] = { "A", "B" };
	unsigned int i;

	for (i = 0; i < 2 && variant->guests[i]; i++)
		self->servers[i] = server(variant->guests[i], variant->type,
					  "0.0.0.0", variant->port, tags[i]);
	for (i = 0; i < 2 && variant->guests[i]; i++)
		ASSERT_LT(0, self->servers[i]);
	for (i = 0; i < variant->views; i++) {
		EXPECT_EQ(variant->seen[i].lines,
			  lines_seen(variant->seen[i].nid, variant->path,
				     variant->pattern))
		{
			TH_LOG("%s seen from nid %u", variant->path,
			       variant->seen[i].nid);
		}
	}
}

TEST_HARNESS_MAIN
