// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - signalling a context, waiting for its
 * end, and its system names
 *
 *   host --ctx_kill(X, pid 0)--> every process of X
 *   host --wait_exit(X)--> returns when X's last task has exited
 *   host --set_vhi_name(X, nodename)--> uname -n inside X, not on the host
 */

#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/cvirt_cmd.h>
#include <vserver/signal_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

static long kill_ctx(uint32_t xid, int32_t pid, int32_t sig)
{
	struct vcmd_ctx_kill_v0 vc = { .pid = pid, .sig = sig };

	return vs_call(VCMD_ctx_kill, xid, &vc);
}

/* A child that enters xid and sleeps until signalled. */
static pid_t sleeper_in(uint32_t xid)
{
	struct vcmd_ctx_migrate vc = { 0 };
	pid_t pid = fork();

	if (pid == 0) {
		if (vs_call(VCMD_ctx_migrate, xid, &vc))
			_exit(1);
		for (;;)
			pause();
	}
	usleep(100000);
	return pid;
}

static int killed_by(pid_t pid, int sig)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

TEST(ctx_kill_all_processes)
{
	const uint32_t xid = 120;
	pid_t a, b;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	a = sleeper_in(xid);
	b = sleeper_in(xid);
	EXPECT_EQ(0, kill_ctx(xid, 0, SIGKILL));
	EXPECT_TRUE(killed_by(a, SIGKILL));
	EXPECT_TRUE(killed_by(b, SIGKILL));
	/* Nothing left to signal. */
	EXPECT_EQ(-ESRCH, kill_ctx(xid, 0, SIGKILL));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST(ctx_kill_one_process)
{
	const uint32_t xid = 121;
	pid_t a, b;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	a = sleeper_in(xid);
	b = sleeper_in(xid);
	EXPECT_EQ(0, kill_ctx(xid, a, SIGTERM));
	EXPECT_TRUE(killed_by(a, SIGTERM));
	/* A process outside the context is not there for ctx_kill. */
	EXPECT_EQ(-ESRCH, kill_ctx(xid, getpid(), SIGTERM));
	EXPECT_EQ(-EINVAL, kill_ctx(xid, b, 9999));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_ctx_kill, xid, NULL));
	/* No init: pid 1 names nobody. */
	EXPECT_EQ(-ESRCH, kill_ctx(xid, 1, SIGTERM));
	EXPECT_EQ(-ESRCH, kill_ctx(122, 0, SIGTERM));
	EXPECT_EQ(0, kill_ctx(xid, -1, SIGKILL));
	EXPECT_TRUE(killed_by(b, SIGKILL));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Creates the context, becomes its init, exits with 7 after a while. */
static void init_that_exits(uint32_t xid, int ready_fd)
{
	struct vcmd_ctx_create vc = { .flagword = VXF_INIT_SET };
	struct vcmd_ctx_flags_v0 fl = { .flagword = 0, .mask = VXF_STATE_INIT };

	if (vs_call(VCMD_ctx_create, xid, &vc) != xid)
		_exit(1);
	if (vs_call(VCMD_set_cflags, VX_ID_SELF, &fl))
		_exit(2);
	write(ready_fd, "r", 1);
	usleep(300000);
	_exit(7);
}

TEST(wait_exit_returns_at_the_end)
{
	const uint32_t xid = 123;
	struct vcmd_vx_info_v0 info;
	struct vcmd_wait_exit_v0 ret = { -1, -1 };
	int fds[2], status;
	pid_t init;
	char c;

	ASSERT_EQ(0, pipe(fds));
	init = fork();
	if (init == 0)
		init_that_exits(xid, fds[1]);
	ASSERT_EQ(1, read(fds[0], &c, 1));
	ASSERT_EQ(0, vs_call(VCMD_vx_info, xid, &info));
	EXPECT_EQ(init, info.initpid);
	/* Blocks until the init has exited; its exit is reported. */
	EXPECT_EQ(0, vs_call(VCMD_wait_exit, xid, &ret));
	EXPECT_EQ(0, ret.reboot_cmd);
	EXPECT_EQ(7 << 8, ret.exit_code);
	EXPECT_EQ(-ESRCH, vs_call(VCMD_vx_info, xid, &info));
	ASSERT_EQ(init, waitpid(init, &status, 0));
	EXPECT_EQ(7, WEXITSTATUS(status));
}

static long set_name(uint32_t xid, uint32_t field, const char *name)
{
	struct vcmd_vhi_name_v0 vc = { .field = field };

	strncpy(vc.name, name, sizeof(vc.name) - 1);
	return vs_call(VCMD_set_vhi_name, xid, &vc);
}

static int child_uname_is(uint32_t xid, const char *want)
{
	struct vcmd_ctx_migrate vc = { 0 };
	struct utsname u;

	if (vs_call(VCMD_ctx_migrate, xid, &vc) || uname(&u))
		return 1;
	return strcmp(u.nodename, want) ? 2 : 0;
}

TEST(per_context_names)
{
	const uint32_t xid = 124;
	struct vcmd_vhi_name_v0 vc = { .field = VHIN_CONTEXT };
	struct utsname host, now;
	pid_t pid;
	int status;

	ASSERT_EQ(0, uname(&host));
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	EXPECT_EQ(0, set_name(xid, VHIN_NODENAME, "guest124"));
	EXPECT_EQ(0, set_name(xid, VHIN_CONTEXT, "/etc/vservers/g124"));
	EXPECT_EQ(0, vs_call(VCMD_get_vhi_name, xid, &vc));
	EXPECT_STREQ("/etc/vservers/g124", vc.name);
	vc.field = VHIN_NODENAME;
	EXPECT_EQ(0, vs_call(VCMD_get_vhi_name, xid, &vc));
	EXPECT_STREQ("guest124", vc.name);
	vc.field = 77;
	EXPECT_EQ(-EINVAL, vs_call(VCMD_get_vhi_name, xid, &vc));

	pid = fork();
	if (pid == 0)
		_exit(child_uname_is(xid, "guest124"));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* The host's name is unchanged. */
	ASSERT_EQ(0, uname(&now));
	EXPECT_STREQ(host.nodename, now.nodename);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST_HARNESS_MAIN
