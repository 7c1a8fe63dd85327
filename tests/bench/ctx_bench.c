// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer benchmarks - security contexts (make bench)
 *
 * Prints one line per measurement, "BENCH <name> <ns per op> <ops>", the
 * best of five rounds after a warm-up round (under QEMU's TCG the first
 * run of any code path pays for its translation).  scripts/bench.sh boots this on the patched kernel
 * and on the same kernel built with CONFIG_VSERVER=n and compares.  On a
 * kernel without the syscall only the host measurements run.
 *
 *   host.*       on the host, no context exists
 *                (ioprio_rt: one capable() check, the bcaps hook's cost;
 *                diag_tcp: an ss-style sock_diag dump of 64 listeners)
 *   host1k.*     on the host while 1,000 persistent contexts exist
 *   guest.*      inside a context
 *   spawn.*      start /bin/true: plain, in a new context, in namespaces
 */

#define _GNU_SOURCE
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/ioprio.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>

#include "../lib/vs_bench.h"
#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"

#define MANY_CONTEXTS 1000
#define FIRST_XID 40000 /* persistent contexts */
#define SPAWN_XID 50000 /* short-lived contexts, one per spawn */

static int op_kill0(long i)
{
	return kill(getpid(), 0);
}

/* The real-time I/O class needs CAP_SYS_NICE: one capable() per call. */
static int op_ioprio_rt(long i)
{
	return syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
		       IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 4));
}

#define DIAG_LISTENERS 64

static int diag_fd = -1;

/* One NETLINK_SOCK_DIAG dump of every TCP socket, read to its end. */
static int op_diag_tcp(long i)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg = {
		.nlh = { .nlmsg_len = sizeof(msg),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.req = { .sdiag_family = AF_INET,
			 .sdiag_protocol = IPPROTO_TCP,
			 .idiag_states = ~0U },
	};
	static char buf[32768];

	if (send(diag_fd, &msg, sizeof(msg), 0) != sizeof(msg))
		return -1;
	for (;;) {
		ssize_t n = recv(diag_fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n <= 0)
			return -1;
		for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return -1;
		}
	}
}

/* 64 listeners on 127.0.0.1 for the dumps; they stay to the end. */
static int diag_setup(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int i, fd;

	if (system("ip link set lo up"))
		return -1;
	diag_fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG);
	if (diag_fd < 0)
		return -1;
	for (i = 0; i < DIAG_LISTENERS; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) ||
		    listen(fd, 1))
			return -1;
	}
	return 0;
}

static char *const true_argv[] = { "/bin/true", NULL };
static char *const unshare_argv[] = { "/bin/unshare", "--fork", "--pid",
				      "--uts",	      "--ipc",	"--mount-proc",
				      "/bin/true",    NULL };

static int op_spawn_true(long i)
{
	pid_t pid = fork();

	if (pid == 0) {
		execv(true_argv[0], true_argv);
		_exit(127);
	}
	return vs_wait_ok(pid);
}

static int op_spawn_unshare(long i)
{
	pid_t pid = fork();

	if (pid == 0) {
		execv(unshare_argv[0], unshare_argv);
		_exit(127);
	}
	return vs_wait_ok(pid);
}

/* The context vanishes when /bin/true exits; ids rotate to stay clear. */
static int op_spawn_in_context(long i)
{
	struct vcmd_ctx_create vc = { .flagword = VXF_INIT_SET };
	uint32_t xid = SPAWN_XID + i % 10000;
	pid_t pid = fork();

	if (pid == 0) {
		if (vs_call(VCMD_ctx_create, xid, &vc) != xid)
			_exit(126);
		execv(true_argv[0], true_argv);
		_exit(127);
	}
	return vs_wait_ok(pid);
}

static int op_spawn_vcontext(long i)
{
	char xid[16];
	pid_t pid;

	snprintf(xid, sizeof(xid), "%ld", SPAWN_XID + 10000 + i % 5000);
	pid = fork();
	if (pid == 0) {
		execl("/sbin/vcontext", "vcontext", "--create", "--silent",
		      "--xid", xid, "--", "/bin/true", (char *)NULL);
		_exit(127);
	}
	return vs_wait_ok(pid);
}

static void host_ops(const char *prefix)
{
	vs_bench_phase(prefix, "fork_exit", 3000, vs_op_fork_exit);
	vs_bench_phase(prefix, "kill0", 500000, op_kill0);
	vs_bench_phase(prefix, "ioprio_rt", 200000, op_ioprio_rt);
	vs_bench_phase(prefix, "diag_tcp", 2000, op_diag_tcp);
}

int main(void)
{
	bool vserver = vs_call(VCMD_get_version, 0, NULL) > 0;
	struct vcmd_ctx_migrate vc = { 0 };
	pid_t pid;
	int i, ret;

	printf("BENCH-KERNEL %s\n", vserver ? "vserver" : "novserver");
	if (diag_setup()) {
		printf("BENCH-ERROR cannot set up the diag listeners: %s\n",
		       strerror(errno));
		return 1;
	}
	host_ops("host");
	vs_bench("spawn.true", 500, op_spawn_true);
	vs_bench("spawn.unshare", 500, op_spawn_unshare);
	if (!vserver)
		return 0;

	vs_bench("spawn.context", 500, op_spawn_in_context);
	vs_bench("spawn.vcontext", 300, op_spawn_vcontext);

	for (i = 0; i < MANY_CONTEXTS; i++) {
		if (vs_create_persistent_ctx(FIRST_XID + i)) {
			printf("BENCH-ERROR cannot create context %d\n",
			       FIRST_XID + i);
			return 1;
		}
	}
	host_ops("host1k");

	/* Inside the first context, in a child: the host ends them after. */
	pid = fork();
	if (pid == 0) {
		if (vs_call(VCMD_ctx_migrate, FIRST_XID, &vc)) {
			printf("BENCH-ERROR cannot enter context %d\n",
			       FIRST_XID);
			_exit(1);
		}
		host_ops("guest");
		_exit(0);
	}
	ret = vs_wait_ok(pid) ? 1 : 0;
	for (i = 0; i < MANY_CONTEXTS; i++)
		vs_end_persistent_ctx(FIRST_XID + i);
	return ret;
}
