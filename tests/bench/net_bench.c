// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer benchmarks - network contexts (make bench)
 *
 * Prints "BENCH <name> <ns per op> <ops>" lines, best of five rounds after
 * a warm-up round.  Addresses come from the benchmarking range
 * 198.18.0.0/15, on lo.
 *
 *   host.*        a host socket (no network context)
 *   nxN.*         inside a network context with N addresses, using the
 *                 last one (the longest match)
 *   nx1k.*        inside a one-address context while 1,000 others exist
 *
 *   bind          socket + bind(address:0) + close (UDP)
 *   tcp           listen socket exists; connect + accept + close both
 *   udp_rtt       a datagram there and back between two sockets
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include "../lib/vs_bench.h"
#include "../lib/vs_common.h"

#define MANY 1000
#define FIRST_NID 30000

static struct sockaddr_in target; /* the address the operations use */
static int listener, udp_a, udp_b;

static int op_bind(long i)
{
	struct sockaddr_in sin = target;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	int err;

	sin.sin_port = 0;
	err = bind(fd, (struct sockaddr *)&sin, sizeof(sin));
	close(fd);
	return err;
}

static int op_tcp(long i)
{
	int c = socket(AF_INET, SOCK_STREAM, 0), a;

	if (connect(c, (struct sockaddr *)&target, sizeof(target)))
		return -1;
	a = accept(listener, NULL, NULL);
	close(c);
	if (a < 0)
		return -1;
	close(a);
	return 0;
}

static int op_udp_rtt(long i)
{
	struct sockaddr_in from;
	socklen_t len = sizeof(from);
	char c = 'x';

	if (send(udp_a, &c, 1, 0) != 1 ||
	    recvfrom(udp_b, &c, 1, 0, (struct sockaddr *)&from, &len) != 1 ||
	    sendto(udp_b, &c, 1, 0, (struct sockaddr *)&from, len) != 1 ||
	    recv(udp_a, &c, 1, 0) != 1)
		return -1;
	return 0;
}

/* Sockets for the tcp and udp_rtt operations on addr. */
static int setup_sockets(const char *addr)
{
	struct sockaddr_in b;
	socklen_t len = sizeof(b);
	int one = 1;

	memset(&target, 0, sizeof(target));
	target.sin_family = AF_INET;
	inet_pton(AF_INET, addr, &target.sin_addr);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(listener, (struct sockaddr *)&target, sizeof(target)) ||
	    listen(listener, 64))
		return -1;
	getsockname(listener, (struct sockaddr *)&target, &len);

	udp_a = socket(AF_INET, SOCK_DGRAM, 0);
	udp_b = socket(AF_INET, SOCK_DGRAM, 0);
	b = target;
	b.sin_port = 0;
	if (bind(udp_b, (struct sockaddr *)&b, sizeof(b)))
		return -1;
	len = sizeof(b);
	getsockname(udp_b, (struct sockaddr *)&b, &len);
	return connect(udp_a, (struct sockaddr *)&b, sizeof(b));
}

static void close_sockets(void)
{
	close(listener);
	close(udp_a);
	close(udp_b);
}

static void run_all(const char *prefix, const char *addr)
{
	if (setup_sockets(addr)) {
		printf("BENCH-ERROR %s: sockets on %s: %s\n", prefix, addr,
		       strerror(errno));
		return;
	}
	vs_bench_phase(prefix, "bind", 20000, op_bind);
	vs_bench_phase(prefix, "tcp", 2000, op_tcp);
	vs_bench_phase(prefix, "udp_rtt", 20000, op_udp_rtt);
	close_sockets();
}

static void addr_of(int i, char *buf, size_t size)
{
	snprintf(buf, size, "198.18.%d.%d", i / 250, 1 + i % 250);
}

static int add_addr(uint32_t nid, const char *addr)
{
	struct vcmd_net_addr_ipv4_v1 vc = { .type = NXA_TYPE_ADDR };

	inet_pton(AF_INET, addr, &vc.ip);
	inet_pton(AF_INET, "255.255.255.255", &vc.mask);
	return (int)vs_call(VCMD_net_add_ipv4_v1, nid, &vc);
}

/* Runs the set in a child inside a new context with n addresses. */
static void in_context(const char *prefix, uint32_t nid, int n)
{
	struct vcmd_net_create vc = { .flagword = NXF_STATE_ADMIN };
	char addr[32];
	pid_t pid = fork();
	int i;

	if (pid == 0) {
		if (vs_call(VCMD_net_create, nid, &vc) != nid)
			_exit(1);
		for (i = 0; i < n; i++) {
			addr_of(i, addr, sizeof(addr));
			if (add_addr(nid, addr))
				_exit(2);
		}
		run_all(prefix, addr);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(void)
{
	bool vserver = vs_call(VCMD_get_version, 0, NULL) > 0;
	char addr[32], cmd[96];
	int i;

	for (i = 0; i < 64; i++) {
		addr_of(i, addr, sizeof(addr));
		snprintf(cmd, sizeof(cmd), "ip addr add %s/32 dev lo", addr);
		if (system(cmd))
			return 1;
	}
	system("ip link set lo up");
	printf("BENCH-KERNEL %s\n", vserver ? "vserver" : "novserver");
	run_all("host", "198.18.0.1");
	if (!vserver)
		return 0;
	in_context("nx1", FIRST_NID - 1, 1);
	in_context("nx16", FIRST_NID - 2, 16);
	in_context("nx64", FIRST_NID - 3, 64);
	for (i = 0; i < MANY; i++) {
		struct vcmd_net_create vc = { .flagword = NXF_STATE_ADMIN |
							  NXF_PERSISTENT };
		pid_t pid = fork();

		if (pid == 0)
			_exit(vs_call(VCMD_net_create, FIRST_NID + i, &vc) !=
			      FIRST_NID + i);
		waitpid(pid, NULL, 0);
		addr_of(100 + i % 150, addr, sizeof(addr));
		add_addr(FIRST_NID + i, addr);
	}
	run_all("host1k", "198.18.0.1");
	in_context("nx1k", FIRST_NID - 4, 1);
	return 0;
}
