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
 *   host1k.*     on the host while 1,000 persistent contexts exist
 *   guest.*      inside a context
 *   spawn.*      start /bin/true: plain, in a new context, in namespaces
 */

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
}

int main(void)
{
	bool vserver = vs_call(VCMD_get_version, 0, NULL) > 0;
	struct vcmd_ctx_migrate vc = { 0 };
	pid_t pid;
	int i, ret;

	printf("BENCH-KERNEL %s\n", vserver ? "vserver" : "novserver");
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
