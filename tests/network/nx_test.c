// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - network contexts: commands, addresses,
 * /proc/virtnet, bind and raw sockets
 *
 *   host --net_create(N)--> a child in nid N --net_add_ipv4--> N's addresses
 *   child in N: bind(own address) ok, bind(foreign) EADDRNOTAVAIL,
 *               bind(0.0.0.0) wildcard, bind(127.0.0.1) -> N's loopback
 *
 * Addresses come from the documentation ranges, on the loopback device.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

/* In a child: report the first failed check and exit 1. */
#define CHECK(cond)                                                      \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: %s failed (errno %d)\n", \
				__func__, __LINE__, #cond, errno);       \
			_exit(1);                                        \
		}                                                        \
	} while (0)

static __be32 ip(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static int add_v4(uint32_t nid, uint16_t type, const char *addr,
		  const char *mask)
{
	struct vcmd_net_addr_ipv4_v1 vc = {
		.type = type,
		.ip = ip(addr),
		.mask = ip(mask),
	};

	return (int)vs_call(VCMD_net_add_ipv4_v1, nid, &vc);
}

static void set_nflags(uint32_t nid, uint64_t flags, uint64_t mask)
{
	struct vcmd_net_flags_v0 vc = { .flagword = flags, .mask = mask };

	vs_call(VCMD_set_nflags, nid, &vc);
}

/* Runs fn() in a child that entered nid; its exit status. */
static int in_nid(uint32_t nid, void (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (vs_call(VCMD_net_migrate, nid, NULL))
			_exit(2);
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The directory goes from the unhashing work: wait up to 2 s for it. */
static bool gone(const char *path)
{
	for (int i = 0; i < 200 && exists(path); i++)
		usleep(10000);
	return !exists(path);
}

/* Binds a fresh socket to addr:0; returns 0 or errno; *bound gets the result. */
static int try_bind(int type, const char *addr, struct in_addr *bound)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, type, 0);
	int err = 0;

	if (fd < 0)
		return errno;
	sin.sin_addr.s_addr = ip(addr);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		err = errno;
	else if (bound && !getsockname(fd, (struct sockaddr *)&sin, &len))
		*bound = sin.sin_addr;
	close(fd);
	return err;
}

/* Binds a fresh IPv6 TCP socket to addr:0; 0 or errno. */
static int try_bind6(const char *addr)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	int err = 0;

	if (fd < 0)
		return errno;
	inet_pton(AF_INET6, addr, &sin6.sin6_addr);
	if (bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)))
		err = errno;
	close(fd);
	return err;
}

FIXTURE(addresses)
{
	int unused;
};

FIXTURE_SETUP(addresses)
{
	/* Local addresses for the guests; nothing leaves the VM. */
	ASSERT_EQ(0, system("ip addr add 192.0.2.1/32 dev lo 2>/dev/null;"
			    "ip addr add 192.0.2.2/32 dev lo 2>/dev/null;"
			    "ip addr add 198.51.100.1/32 dev lo 2>/dev/null;"
			    "ip link set lo up"));
}

FIXTURE_TEARDOWN(addresses)
{
}

TEST(create_and_vanish)
{
	struct vcmd_nx_info_v0 info;
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		CHECK(vs_call(VCMD_net_create, 700, NULL) == 700);
		CHECK(vs_call(VCMD_task_nid, 0, NULL) == 700);
		CHECK(vs_call(VCMD_nx_info, 700, &info) == 0);
		CHECK(info.nid == 700);
		CHECK(exists("/proc/virtnet/700/info"));
		/* It exists: a second create fails. */
		CHECK(vs_call(VCMD_net_create, 700, NULL) == -EEXIST);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	/* Its last task is gone. */
	EXPECT_TRUE(gone("/proc/virtnet/700"));
	EXPECT_EQ(-ESRCH, vs_call(VCMD_nx_info, 700, &info));
}

TEST(bad_ids_and_pointers)
{
	static const uint32_t bad[] = { 0, 1, 65536, 0x7fffffff };
	void *ptrs[] = { NULL, (void *)1, (void *)0xffffffff81000000UL };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, vs_call(VCMD_net_create, bad[i], NULL));
	EXPECT_EQ(-ESRCH, vs_call(VCMD_net_migrate, 701, NULL));
	EXPECT_EQ(-ESRCH, vs_call(VCMD_get_nflags, 701, NULL));
	ASSERT_EQ(0, vs_create_persistent_net(701, NXF_STATE_ADMIN));
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(-EFAULT, vs_call(VCMD_nx_info, 701, ptrs[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_get_nflags, 701, ptrs[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_set_ncaps, 701, ptrs[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_net_add_ipv4_v1, 701, ptrs[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_net_add_ipv4, 701, ptrs[i]));
		EXPECT_EQ(-EFAULT, vs_call(VCMD_net_add, 701, ptrs[i]));
	}
	vs_end_persistent_net(701);
}

TEST(admin_needs_state_admin)
{
	struct vcmd_net_create vc = { .flagword = 0 };
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		CHECK(vs_call(VCMD_net_create, 708, &vc) == 708);
		/* Without NXF_STATE_ADMIN nobody administers it. */
		CHECK(vs_call(VCMD_net_migrate, 708, NULL) == -EACCES);
		CHECK(add_v4(708, NXA_TYPE_ADDR, "192.0.2.1", "0.0.0.0") ==
		      -EACCES);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
}

TEST(addresses_and_proc)
{
	struct vcmd_net_addr_ipv4_v2 range = {
		.type = NXA_TYPE_RANGE,
		.ip = ip("203.0.113.10"),
		.ip2 = ip("203.0.113.20"),
		.mask = ip("255.255.255.0"),
	};
	struct vcmd_net_addr_ipv4_v1 any = { .type = NXA_TYPE_ANY };
	struct vcmd_net_addr_ipv4_v1 missing = { .type = NXA_TYPE_ADDR };
	struct vcmd_net_flags_v0 fl;
	char buf[512];

	ASSERT_EQ(0, vs_create_persistent_net(702,
					      NXF_STATE_ADMIN | NXF_SINGLE_IP));
	EXPECT_EQ(0, add_v4(702, NXA_TYPE_ADDR, "192.0.2.1", "255.255.255.0"));
	EXPECT_EQ(-EEXIST,
		  add_v4(702, NXA_TYPE_ADDR, "192.0.2.1", "255.255.255.0"));
	EXPECT_EQ(0, vs_call(VCMD_get_nflags, 702, &fl));
	EXPECT_TRUE(fl.flagword & NXF_SINGLE_IP);
	EXPECT_EQ(0,
		  add_v4(702, NXA_TYPE_MASK, "198.51.100.7", "255.255.255.0"));
	/* A second address ends the single-IP special case. */
	EXPECT_EQ(0, vs_call(VCMD_get_nflags, 702, &fl));
	EXPECT_FALSE(fl.flagword & NXF_SINGLE_IP);
	EXPECT_EQ(0, vs_call(VCMD_net_add_ipv4, 702, &range));
	EXPECT_EQ(-EINVAL, vs_call(VCMD_net_add_ipv4_v1, 702, &range));
	EXPECT_EQ(0, add_v4(702, NXA_TYPE_ADDR | NXA_MOD_BCAST, "192.0.2.255",
			    "0.0.0.0"));
	EXPECT_EQ(-EINVAL, add_v4(702, 0x7, "192.0.2.9", "0.0.0.0"));

	read_file("/proc/virtnet/702/info", buf, sizeof(buf));
	EXPECT_NE(NULL, strstr(buf, "ID:\t702\n"));
	EXPECT_NE(NULL,
		  strstr(buf, "Bcast:\t192.0.2.255\nLback:\t127.2.190.1\n"));
	EXPECT_NE(
		NULL,
		strstr(buf,
		       "0:\t[192.0.2.1-0.0.0.0/255.255.255.0:0010]\n"
		       "1:\t[198.51.100.0-0.0.0.0/255.255.255.0:0020]\n"
		       "2:\t[203.0.113.10-203.0.113.20/255.255.255.0:0040]\n"));
	read_file("/proc/virtnet/702/status", buf, sizeof(buf));
	EXPECT_NE(NULL, strstr(buf, "Tasks:\t1\nFlags:\t0000004400000000\n"
				    "NCaps:\t0000000000000000\n"));

	missing.ip = ip("192.0.2.99");
	EXPECT_EQ(-ESRCH, vs_call(VCMD_net_rem_ipv4_v1, 702, &missing));
	EXPECT_EQ(0, vs_call(VCMD_net_rem_ipv4_v1, 702, &any));
	read_file("/proc/virtnet/702/info", buf, sizeof(buf));
	EXPECT_EQ(NULL, strstr(buf, "0:\t"));
	read_file("/proc/virtnet/status", buf, sizeof(buf));
	EXPECT_NE(NULL, strstr(buf, "#CActive:\t"));
	vs_end_persistent_net(702);
	EXPECT_TRUE(gone("/proc/virtnet/702"));
}

static void bind_rules(void)
{
	struct in_addr bound;

	CHECK(try_bind(SOCK_STREAM, "192.0.2.1", &bound) == 0);
	CHECK(bound.s_addr == ip("192.0.2.1"));
	CHECK(try_bind(SOCK_DGRAM, "192.0.2.1", NULL) == 0);
	CHECK(try_bind(SOCK_STREAM, "198.51.100.1", NULL) == EADDRNOTAVAIL);
	CHECK(try_bind(SOCK_DGRAM, "192.0.2.2", NULL) == EADDRNOTAVAIL);
	/* The wildcard stays a wildcard: the lookup narrows it. */
	CHECK(try_bind(SOCK_STREAM, "0.0.0.0", &bound) == 0);
	CHECK(bound.s_addr == htonl(INADDR_ANY));
	/* No IPv6 addresses: only the IPv6 wildcard, and mapped own ones. */
	CHECK(try_bind6("::1") == EADDRNOTAVAIL);
	CHECK(try_bind6("::") == 0);
	CHECK(try_bind6("::ffff:192.0.2.1") == 0);
	CHECK(try_bind6("::ffff:198.51.100.1") == EADDRNOTAVAIL);
	/* 127.0.0.1 is the context's own loopback address (nid 703). */
	CHECK(try_bind(SOCK_STREAM, "127.0.0.1", &bound) == 0);
	CHECK(bound.s_addr == ip("127.2.191.1"));
}

TEST_F(addresses, bind_only_own_addresses)
{
	ASSERT_EQ(0, vs_create_persistent_net(703, NXF_STATE_ADMIN |
							   NXF_LBACK_REMAP));
	ASSERT_EQ(0, add_v4(703, NXA_TYPE_ADDR, "192.0.2.1", "255.255.255.0"));
	EXPECT_EQ(0, in_nid(703, bind_rules));
	vs_end_persistent_net(703);
}

static void bind_single_ip(void)
{
	struct in_addr bound;

	CHECK(try_bind(SOCK_STREAM, "0.0.0.0", &bound) == 0);
	CHECK(bound.s_addr == ip("192.0.2.2"));
	/* Without LBACK_REMAP 127.0.0.1 is foreign. */
	CHECK(try_bind(SOCK_STREAM, "127.0.0.1", NULL) == EADDRNOTAVAIL);
}

TEST_F(addresses, single_ip_binds_the_first_address)
{
	ASSERT_EQ(0, vs_create_persistent_net(704,
					      NXF_STATE_ADMIN | NXF_SINGLE_IP));
	ASSERT_EQ(0, add_v4(704, NXA_TYPE_ADDR, "192.0.2.2", "255.255.255.0"));
	EXPECT_EQ(0, in_nid(704, bind_single_ip));
	vs_end_persistent_net(704);
}

static void raw_denied(void)
{
	CHECK(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) < 0 && errno == EPERM);
	CHECK(socket(AF_PACKET, SOCK_RAW, 0) < 0 && errno == EPERM);
}

static void raw_allowed(void)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	CHECK(fd >= 0);
	close(fd);
}

TEST(raw_sockets_need_raw_icmp)
{
	struct vcmd_net_caps_v0 caps = { .ncaps = NXC_RAW_ICMP,
					 .cmask = NXC_RAW_ICMP };

	ASSERT_EQ(0, vs_create_persistent_net(705, NXF_STATE_ADMIN));
	EXPECT_EQ(0, in_nid(705, raw_denied));
	EXPECT_EQ(0, vs_call(VCMD_set_ncaps, 705, &caps));
	EXPECT_EQ(0, in_nid(705, raw_allowed));
	vs_end_persistent_net(705);
}

/* An ICMP echo request from the host to dst. */
static int send_echo(const char *dst)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_addr.s_addr = ip(dst) };
	struct icmphdr echo = { .type = ICMP_ECHO,
				.un.echo.id = htons(0x5653) };
	unsigned int sum = 0, i;
	uint16_t *w = (uint16_t *)&echo;
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	int err;

	for (i = 0; i < sizeof(echo) / 2; i++)
		sum += w[i];
	sum = (sum & 0xffff) + (sum >> 16);
	echo.checksum = ~(sum + (sum >> 16));
	err = sendto(fd, &echo, sizeof(echo), 0, (struct sockaddr *)&to,
		     sizeof(to)) == sizeof(echo) ?
		      0 :
		      -1;
	close(fd);
	return err;
}

/* Lines of /proc/net/raw after the header. */
static int raw_sockets_listed(void)
{
	char line[256];
	FILE *f = fopen("/proc/net/raw", "r");
	int n = -1;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

/*
 * A raw ICMP socket in nid 709 (192.0.2.1) gets only packets for its own
 * address, and /proc/net/raw shows it only to its own context.
 */
TEST(raw_sockets_see_their_context)
{
	struct vcmd_net_caps_v0 caps = { .ncaps = NXC_RAW_ICMP,
					 .cmask = NXC_RAW_ICMP };
	int ready[2], status, host_raw;
	pid_t pid;
	char c;

	ASSERT_EQ(0, system("ip addr add 192.0.2.1/32 dev lo 2>/dev/null;"
			    "ip addr add 198.51.100.1/32 dev lo 2>/dev/null;"
			    "ip link set lo up"));
	ASSERT_EQ(0, vs_create_persistent_net(709, NXF_STATE_ADMIN));
	ASSERT_EQ(0, vs_call(VCMD_set_ncaps, 709, &caps));
	ASSERT_EQ(0,
		  add_v4(709, NXA_TYPE_ADDR, "192.0.2.1", "255.255.255.255"));
	host_raw = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	ASSERT_LE(0, host_raw);
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	if (pid == 0) {
		struct timeval tv = { .tv_sec = 2 };
		unsigned char pkt[256];
		int fd, got = 0;

		CHECK(vs_call(VCMD_net_migrate, 709, NULL) == 0);
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		CHECK(fd >= 0);
		/* Its own socket, not the host's raw UDP socket. */
		CHECK(raw_sockets_listed() == 1);
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		write(ready[1], "r", 1);
		while (recv(fd, pkt, sizeof(pkt), 0) > 20) {
			struct iphdr *iph = (struct iphdr *)pkt;

			got |= iph->daddr == ip("192.0.2.1") ? 1 : 2;
		}
		_exit(got);
	}
	ASSERT_EQ(1, read(ready[0], &c, 1));
	/* The host lists its own raw socket only. */
	EXPECT_EQ(1, raw_sockets_listed());
	EXPECT_EQ(0, send_echo("198.51.100.1"));
	EXPECT_EQ(0, send_echo("192.0.2.1"));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/* 1: only packets to its own address arrived. */
	EXPECT_EQ(1, WEXITSTATUS(status));
	close(host_raw);
	vs_end_persistent_net(709);
}

static void show_ninfo(void)
{
	char buf[512];

	read_file("/proc/self/ninfo", buf, sizeof(buf));
	CHECK(!strcmp(
		buf, "NID:\t706\nNCaps:\t0000000000000000\n"
		     "NFlags:\t0000004400000000\n"
		     "V4Root[bcast]:\t255.255.255.255\n"
		     "V4Root[lback]:\t127.2.194.1\n"
		     "V4Root[0]:\t[192.0.2.1-0.0.0.0/255.255.255.255:0010]\n"));
}

TEST(proc_pid_ninfo)
{
	char buf[64];

	read_file("/proc/self/ninfo", buf, sizeof(buf));
	EXPECT_STREQ("NID:\t0\n", buf);
	ASSERT_EQ(0, vs_create_persistent_net(706, NXF_STATE_ADMIN));
	ASSERT_EQ(0,
		  add_v4(706, NXA_TYPE_ADDR, "192.0.2.1", "255.255.255.255"));
	EXPECT_EQ(0, in_nid(706, show_ninfo));
	vs_end_persistent_net(706);
}

TEST(one_time_flags_and_spectator)
{
	struct vcmd_net_flags_v0 fl;

	ASSERT_EQ(0, vs_create_persistent_net(707, NXF_STATE_ADMIN |
							   NXF_STATE_SETUP));
	set_nflags(707, 0, NXF_STATE_SETUP);
	set_nflags(707, NXF_STATE_SETUP, NXF_STATE_SETUP);
	EXPECT_EQ(0, vs_call(VCMD_get_nflags, 707, &fl));
	EXPECT_FALSE(fl.flagword & NXF_STATE_SETUP);
	EXPECT_FALSE(fl.mask & NXF_STATE_SETUP);
	vs_end_persistent_net(707);
	EXPECT_EQ(1, vs_call(VCMD_net_migrate, 1, NULL));
	EXPECT_EQ(1, vs_call(VCMD_task_nid, 0, NULL));
}

TEST_HARNESS_MAIN
