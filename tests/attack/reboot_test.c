// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - a guest's reboot(2) and kexec
 *
 *   guest --reboot(RESTART)--> the host runs "<vshelper> restart <xid>"
 *                              (/proc/sys/kernel/vshelper); the machine
 *                              runs on, the test with it
 *   host --wait_exit(xid)--> the reboot command, once the context ended
 *   VXF_REBOOT_KILL: after restart, halt or poweroff every task of the
 *                    context, the caller too, gets SIGKILL
 *   guest --kexec_load, kexec_file_load, reboot(KEXEC)--> EPERM
 *
 * The helper is a script that records its arguments, its environment and
 * its own context in a file.  reboot(2) returns once the helper has
 * started, so the test polls for the record.  Without the vshelper
 * sysctl the fixture fails before any guest calls reboot(2): on a kernel
 * without this protection that call would reboot the test machine.
 */

#define _GNU_SOURCE
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "attack.h"
#include "kselftest_harness.h"

#define VSHELPER "/proc/sys/kernel/vshelper"
#define CAD "/proc/sys/kernel/ctrl-alt-del"
#define HELPER "/tmp/vs-attack-vshelper"
#define RECORD "/tmp/vs-attack-vshelper.rec"
#define MISSING "/tmp/vs-attack-no-such-helper"
#define JUNK "/tmp/vs-attack-not-a-kernel"

#define XID_ONE 2000 /* tests that need one context and no helper */
#define XID_PLAIN 2001
#define XID_UID 2002
#define XID_KILL 2003
#define XID_KEEP 2004
#define XID_REBOOTS 2005
#define XID_QUIET 2006
#define XID_MISSING 2007
#define XID_EMPTY_KEEP 2008
#define XID_EMPTY_KILL 2009

/* Records one call: its arguments, environment and context. */
static const char helper_script[] =
	"#!/bin/sh\n"
	"{\n"
	"\techo \"args=$*\"\n"
	"\techo \"VS_CMD=$VS_CMD\"\n"
	"\techo \"VS_UID=$VS_UID\"\n"
	"\techo \"VS_PID=$VS_PID\"\n"
	"\techo \"HOME=$HOME\"\n"
	"\techo \"TERM=$TERM\"\n"
	"\techo \"PATH=$PATH\"\n"
	"\techo \"vinfo=$(head -n 1 /proc/$$/vinfo)\"\n"
	"} >" RECORD ".tmp\n"
	"mv " RECORD ".tmp " RECORD "\n";

static long sys_reboot(unsigned int cmd, const void *arg)
{
	return syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		       cmd, arg);
}

static int raise_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[cap / 32].effective |= 1U << (cap % 32);
	return syscall(SYS_capset, &hdr, data);
}

/*
 * A guest in @xid, as root or (uid != 0) as @uid with CAP_SYS_BOOT kept,
 * calls reboot(@cmd).  *pid gets the caller's pid.
 * Return: what became of it: 0 or the errno of reboot(2), -SIGKILL when
 * it was killed, 200/201 when it could not enter or change its uid.
 */
static int guest_reboot(uint32_t xid, unsigned int cmd, uid_t uid, pid_t *pid)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		if (enter(xid, 0))
			_exit(200);
		if (uid &&
		    (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
		     setresuid(uid, uid, uid) || raise_cap(CAP_SYS_BOOT)))
			_exit(201);
		_exit(sys_reboot(cmd, "vs-attack") ? errno : 0);
	}
	if (pid)
		*pid = child;
	if (child < 0 || waitpid(child, &status, 0) != child)
		return 202;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/* The helper's record: waits up to 10 s for it; "" if none came. */
static void wait_record(char *buf, size_t size)
{
	for (int i = 0; i < 1000; i++) {
		if (read_text(RECORD, buf, size) > 0)
			return;
		usleep(10000);
	}
	buf[0] = '\0';
}

/* What the helper records for a call from @pid in @xid. */
static void record_of(char *buf, size_t size, const char *action, uint32_t xid,
		      unsigned int cmd, uid_t uid, pid_t pid)
{
	snprintf(buf, size,
		 "args=%s %u\nVS_CMD=%08x\nVS_UID=%u\nVS_PID=%d\n"
		 "HOME=/\nTERM=linux\nPATH=/sbin:/usr/sbin:/bin:/usr/bin\n"
		 "vinfo=XID:\t0\n",
		 action, xid, cmd, uid, pid);
}

static int write_helper(void)
{
	int fd = open(HELPER, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, helper_script, strlen(helper_script));
	close(fd);
	if (n != (ssize_t)strlen(helper_script))
		return -1;
	return chmod(HELPER, 0755);
}

/* The helper path is the host's: a guest cannot point it elsewhere. */
static void probe_write_vshelper(const void *unused)
{
	int fd = open(VSHELPER, O_WRONLY);

	if (fd < 0) {
		CHECK(errno == EACCES);
		return;
	}
	CHECK_ERRNO(write(fd, "/tmp/evil\n", 10), EACCES);
	close(fd);
}

/* Runs first: it also checks the default. */
TEST(vshelper_path_is_set_by_the_host_only)
{
	char saved[256], now[256];

	ASSERT_LT(0, read_text(VSHELPER, saved, sizeof(saved)));
	EXPECT_STREQ("/sbin/vshelper\n", saved);
	EXPECT_EQ(0, write_text(VSHELPER, "/tmp/vs-attack-elsewhere\n"));
	read_text(VSHELPER, now, sizeof(now));
	EXPECT_STREQ("/tmp/vs-attack-elsewhere\n", now);
	ASSERT_EQ(0, create_ctx(XID_ONE, 0));
	EXPECT_EQ(0, run_in(XID_ONE, 0, probe_write_vshelper, NULL));
	read_text(VSHELPER, now, sizeof(now));
	EXPECT_STREQ("/tmp/vs-attack-elsewhere\n", now);
	EXPECT_EQ(0, write_text(VSHELPER, saved));
	end_ctx(XID_ONE);
}

FIXTURE(helper)
{
	char saved[256];
};

FIXTURE_SETUP(helper)
{
	/* No sysctl, no protection: stop before a guest reboots the VM. */
	ASSERT_LT(0, read_text(VSHELPER, self->saved, sizeof(self->saved)))
	TH_LOG("no %s: not calling reboot(2) from a guest", VSHELPER);
	ASSERT_EQ(0, write_helper());
	ASSERT_EQ(0, write_text(VSHELPER, HELPER "\n"));
	unlink(RECORD);
}

FIXTURE_TEARDOWN(helper)
{
	for (uint32_t xid = XID_PLAIN; xid <= XID_EMPTY_KILL; xid++)
		end_ctx(xid);
	write_text(VSHELPER, self->saved);
	unlink(HELPER);
	unlink(RECORD);
}

static const struct {
	unsigned int cmd;
	const char *action;
} commands[] = {
	{ LINUX_REBOOT_CMD_RESTART, "restart" },
	{ LINUX_REBOOT_CMD_RESTART2, "restart" },
	{ LINUX_REBOOT_CMD_HALT, "halt" },
	{ LINUX_REBOOT_CMD_POWER_OFF, "poweroff" },
	{ LINUX_REBOOT_CMD_SW_SUSPEND, "swsusp" },
};

/*
 * Each command runs the helper on the host (its own XID is 0) with the
 * 2.3 arguments and environment; without VXF_REBOOT_KILL the caller gets
 * 0 and the context lives on.
 */
TEST_F(helper, every_command_runs_the_helper_on_the_host)
{
	char want[512], got[512];
	pid_t sleeper, caller;

	ASSERT_EQ(0, create_ctx(XID_PLAIN, 0));
	sleeper = sleeper_in(XID_PLAIN);
	ASSERT_LT(0, sleeper);
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++) {
		unlink(RECORD);
		EXPECT_EQ(0,
			  guest_reboot(XID_PLAIN, commands[i].cmd, 0, &caller))
		TH_LOG("reboot(%s)", commands[i].action);
		wait_record(got, sizeof(got));
		record_of(want, sizeof(want), commands[i].action, XID_PLAIN,
			  commands[i].cmd, 0, caller);
		EXPECT_STREQ(want, got);
	}
	EXPECT_TRUE(lives_on(sleeper, 200));
	end_ctx(XID_PLAIN);
	EXPECT_TRUE(dies_by(sleeper, SIGKILL, 5000));
}

TEST_F(helper, the_helper_gets_the_callers_uid_and_pid)
{
	char want[512], got[512];
	pid_t caller;

	ASSERT_EQ(0, create_ctx(XID_UID, 0));
	EXPECT_EQ(0,
		  guest_reboot(XID_UID, LINUX_REBOOT_CMD_HALT, 1234, &caller));
	wait_record(got, sizeof(got));
	record_of(want, sizeof(want), "halt", XID_UID, LINUX_REBOOT_CMD_HALT,
		  1234, caller);
	EXPECT_STREQ(want, got);
	end_ctx(XID_UID);
}

/*
 * With VXF_REBOOT_KILL restart, halt and poweroff kill every task of the
 * context, the caller too; the same calls in a context without the flag
 * kill nothing.
 */
TEST_F(helper, reboot_kill_ends_every_task_of_the_context)
{
	static const unsigned int cmds[] = { LINUX_REBOOT_CMD_RESTART,
					     LINUX_REBOOT_CMD_HALT,
					     LINUX_REBOOT_CMD_POWER_OFF };
	char got[512];
	pid_t kept;

	ASSERT_EQ(0, create_ctx(XID_KILL, VXF_REBOOT_KILL));
	ASSERT_EQ(0, create_ctx(XID_KEEP, 0));
	kept = sleeper_in(XID_KEEP);
	ASSERT_LT(0, kept);
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++) {
		pid_t doomed = sleeper_in(XID_KILL);

		ASSERT_LT(0, doomed);
		unlink(RECORD);
		EXPECT_EQ(-SIGKILL, guest_reboot(XID_KILL, cmds[i], 0, NULL))
		TH_LOG("cmd %08x", cmds[i]);
		EXPECT_TRUE(dies_by(doomed, SIGKILL, 5000));
		wait_record(got, sizeof(got));
		EXPECT_NE('\0', got[0]);

		unlink(RECORD);
		EXPECT_EQ(0, guest_reboot(XID_KEEP, cmds[i], 0, NULL));
		wait_record(got, sizeof(got));
		EXPECT_NE('\0', got[0]);
		EXPECT_TRUE(lives_on(kept, 200));
	}
	end_ctx(XID_KEEP);
	EXPECT_TRUE(dies_by(kept, SIGKILL, 5000));
}

struct waiter {
	pid_t pid;
	int fd;
};

struct wait_result {
	long ret;
	struct vcmd_wait_exit_v0 vc;
};

/* Whether a child of ours sleeps (state S) within 5 s. */
static bool sleeping(pid_t pid)
{
	char path[64], buf[256], *state;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 500; i++) {
		if (read_text(path, buf, sizeof(buf)) > 0) {
			state = strrchr(buf, ')');
			if (state && state[1] == ' ' && state[2] == 'S')
				return true;
		}
		usleep(10000);
	}
	return false;
}

/* A child on the host in wait_exit(xid); it writes a wait_result. */
static struct waiter start_waiter(uint32_t xid)
{
	struct waiter w = { -1, -1 };
	int fds[2];

	if (pipe(fds))
		return w;
	w.pid = fork();
	if (w.pid == 0) {
		struct wait_result r = { .vc = { -1, -1 } };

		close(fds[0]);
		r.ret = vs_call(VCMD_wait_exit, xid, &r.vc);
		_exit(write(fds[1], &r, sizeof(r)) == sizeof(r) ? 0 : 1);
	}
	close(fds[1]);
	w.fd = fds[0];
	return w;
}

/* The waiter's result, once the context has ended (10 s at most). */
static bool finish_waiter(struct waiter w, struct wait_result *r)
{
	struct pollfd pfd = { .fd = w.fd, .events = POLLIN };
	bool ok = poll(&pfd, 1, 10000) == 1 &&
		  read(w.fd, r, sizeof(*r)) == sizeof(*r);

	close(w.fd);
	if (!ok)
		kill(w.pid, SIGKILL);
	waitpid(w.pid, NULL, 0);
	return ok;
}

TEST_F(helper, wait_exit_reports_the_reboot_command)
{
	struct waiter rebooted, quiet;
	struct wait_result r;
	char got[512];

	ASSERT_EQ(0, create_ctx(XID_REBOOTS, 0));
	ASSERT_EQ(0, create_ctx(XID_QUIET, 0));
	rebooted = start_waiter(XID_REBOOTS);
	quiet = start_waiter(XID_QUIET);
	ASSERT_LT(0, rebooted.pid);
	ASSERT_LT(0, quiet.pid);
	ASSERT_TRUE(sleeping(rebooted.pid));
	ASSERT_TRUE(sleeping(quiet.pid));

	EXPECT_EQ(0,
		  guest_reboot(XID_REBOOTS, LINUX_REBOOT_CMD_RESTART, 0, NULL));
	wait_record(got, sizeof(got));
	end_ctx(XID_REBOOTS);
	end_ctx(XID_QUIET);

	ASSERT_TRUE(finish_waiter(rebooted, &r));
	EXPECT_EQ(0, r.ret);
	EXPECT_EQ(LINUX_REBOOT_CMD_RESTART, (unsigned int)r.vc.reboot_cmd);
	/* A context nobody rebooted reports no command. */
	ASSERT_TRUE(finish_waiter(quiet, &r));
	EXPECT_EQ(0, r.ret);
	EXPECT_EQ(0, r.vc.reboot_cmd);
}

/* A helper that cannot be run fails the reboot, and kills nothing. */
TEST_F(helper, a_helper_that_cannot_run_fails_the_reboot)
{
	char got[512];
	pid_t sleeper;

	ASSERT_EQ(0, create_ctx(XID_MISSING, VXF_REBOOT_KILL));
	sleeper = sleeper_in(XID_MISSING);
	ASSERT_LT(0, sleeper);
	unlink(MISSING);
	ASSERT_EQ(0, write_text(VSHELPER, MISSING "\n"));
	EXPECT_EQ(EPERM,
		  guest_reboot(XID_MISSING, LINUX_REBOOT_CMD_RESTART, 0, NULL));
	EXPECT_TRUE(lives_on(sleeper, 200));

	/* With a helper that runs, the same reboot ends the context. */
	ASSERT_EQ(0, write_text(VSHELPER, HELPER "\n"));
	unlink(RECORD);
	EXPECT_EQ(-SIGKILL,
		  guest_reboot(XID_MISSING, LINUX_REBOOT_CMD_RESTART, 0, NULL));
	EXPECT_TRUE(dies_by(sleeper, SIGKILL, 5000));
	wait_record(got, sizeof(got));
	EXPECT_NE('\0', got[0]);
}

/* An empty path: no helper, the reboot still succeeds (and kills). */
TEST_F(helper, an_empty_path_runs_no_helper)
{
	pid_t kept, doomed;
	char now[64], got[512];

	ASSERT_EQ(0, create_ctx(XID_EMPTY_KEEP, 0));
	ASSERT_EQ(0, create_ctx(XID_EMPTY_KILL, VXF_REBOOT_KILL));
	kept = sleeper_in(XID_EMPTY_KEEP);
	doomed = sleeper_in(XID_EMPTY_KILL);
	ASSERT_LT(0, kept);
	ASSERT_LT(0, doomed);
	ASSERT_EQ(0, write_text(VSHELPER, "\n"));
	read_text(VSHELPER, now, sizeof(now));
	EXPECT_STREQ("\n", now);

	EXPECT_EQ(0, guest_reboot(XID_EMPTY_KEEP, LINUX_REBOOT_CMD_RESTART, 0,
				  NULL));
	EXPECT_TRUE(lives_on(kept, 200));
	EXPECT_EQ(-SIGKILL, guest_reboot(XID_EMPTY_KILL,
					 LINUX_REBOOT_CMD_RESTART, 0, NULL));
	EXPECT_TRUE(dies_by(doomed, SIGKILL, 5000));
	usleep(300000);
	EXPECT_EQ(-ENOENT, read_text(RECORD, got, sizeof(got)));

	/* With the path back, the same call runs the helper. */
	ASSERT_EQ(0, write_text(VSHELPER, HELPER "\n"));
	EXPECT_EQ(0, guest_reboot(XID_EMPTY_KEEP, LINUX_REBOOT_CMD_RESTART, 0,
				  NULL));
	wait_record(got, sizeof(got));
	EXPECT_NE('\0', got[0]);
	end_ctx(XID_EMPTY_KEEP);
	EXPECT_TRUE(dies_by(kept, SIGKILL, 5000));
}

/* Ctrl-Alt-Del is the machine's: a guest's setting is accepted, ignored. */
TEST(ctrl_alt_del_stays_the_hosts)
{
	char saved[32], now[32];

	ASSERT_LT(0, read_text(CAD, saved, sizeof(saved)));
	ASSERT_EQ(0, create_ctx(XID_ONE, 0));
	ASSERT_EQ(0, write_text(CAD, "1\n"));
	EXPECT_EQ(0, guest_reboot(XID_ONE, LINUX_REBOOT_CMD_CAD_OFF, 0, NULL));
	read_text(CAD, now, sizeof(now));
	EXPECT_STREQ("1\n", now);
	/* The host's own call changes it. */
	EXPECT_EQ(0, sys_reboot(LINUX_REBOOT_CMD_CAD_OFF, NULL));
	read_text(CAD, now, sizeof(now));
	EXPECT_STREQ("0\n", now);
	EXPECT_EQ(0, guest_reboot(XID_ONE, LINUX_REBOOT_CMD_CAD_ON, 0, NULL));
	read_text(CAD, now, sizeof(now));
	EXPECT_STREQ("0\n", now);
	EXPECT_EQ(0, sys_reboot(LINUX_REBOOT_CMD_CAD_ON, NULL));
	read_text(CAD, now, sizeof(now));
	EXPECT_STREQ("1\n", now);
	EXPECT_EQ(0, write_text(CAD, saved));
	end_ctx(XID_ONE);
}

/* nr_segments 0: unload (no image is ever loaded here). */
static long kexec_unload(void)
{
	return syscall(SYS_kexec_load, 0UL, 0UL, NULL, 0UL);
}

static long kexec_file_unload(void)
{
	return syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL,
		       (unsigned long)KEXEC_FILE_UNLOAD);
}

/* A real load attempt of a file that is no kernel. */
static long kexec_file_junk(int fd)
{
	return syscall(SYS_kexec_file_load, fd, -1, 0UL, NULL,
		       (unsigned long)KEXEC_FILE_NO_INITRAMFS);
}

static void probe_kexec_refused(const void *unused)
{
	int fd = open(JUNK, O_RDONLY);

	CHECK(has_cap(CAP_SYS_BOOT));
	CHECK(fd >= 0);
	CHECK_ERRNO(kexec_unload(), EPERM);
	CHECK_ERRNO(kexec_file_unload(), EPERM);
	CHECK_ERRNO(kexec_file_junk(fd), EPERM);
	CHECK_ERRNO(sys_reboot(LINUX_REBOOT_CMD_KEXEC, NULL), EPERM);
	close(fd);
}

static void probe_kexec_host(const void *unused)
{
	int fd = open(JUNK, O_RDONLY);

	CHECK(fd >= 0);
	CHECK(kexec_unload() == 0);
	CHECK(kexec_file_unload() == 0);
	/* Read and probed: not a bzImage. */
	CHECK_ERRNO(kexec_file_junk(fd), ENOEXEC);
	/* Nothing loaded: the host's kexec reboot ends there. */
	CHECK(kexec_unload() == 0);
	CHECK_ERRNO(sys_reboot(LINUX_REBOOT_CMD_KEXEC, NULL), EINVAL);
	close(fd);
}

TEST(kexec_is_refused_to_guests)
{
	static const char junk[] = "this is text, not a kernel image\n";
	int fd = open(JUNK, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ASSERT_LE(0, fd);
	ASSERT_EQ(strlen(junk), write(fd, junk, strlen(junk)));
	close(fd);
	ASSERT_EQ(0, create_ctx(XID_ONE, 0));
	EXPECT_EQ(0, on_host(probe_kexec_host, NULL));
	EXPECT_EQ(0, run_in(XID_ONE, 0, probe_kexec_refused, NULL));
	end_ctx(XID_ONE);
	unlink(JUNK);
}

TEST_HARNESS_MAIN
