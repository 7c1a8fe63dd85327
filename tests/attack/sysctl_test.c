// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - the machine's sysctls and /proc, sysfs
 * and binfmt_misc files, kernel memory and I/O ports
 *
 *   guest --open(O_WRONLY)--> kernel/core_pattern, vm/..., net/ipv4/...,
 *                             /proc/sysrq-trigger, sysfs, binfmt_misc: EACCES
 *   guest --read--> the same values the host reads
 *   guest --write--> kernel/hostname: its own UTS name only
 *   guest --unshare(CLONE_NEWIPC), write--> kernel/shmmax of its own
 *                                            namespace (before: EACCES)
 *   guest --open--> /proc/kcore, /dev/mem: EPERM (or EACCES)
 *
 * The guests here are root in a context in its setup phase, with every
 * capability: whatever stops them is the context, not a capability.
 * The host opens the same files for writing (writing only values they
 * already hold), as the positive control.
 */

#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <vserver/cvirt_cmd.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_FILES 2010
#define XID_NAME 2011
#define XID_IPC 2012
#define XID_BINFMT 2013
#define XID_SYSFS 2014
#define XID_MEM 2015
#define XID_PORTS 2016

#define CORE_PATTERN "/proc/sys/kernel/core_pattern"
#define HOSTNAME "/proc/sys/kernel/hostname"
#define SHMMAX "/proc/sys/kernel/shmmax"
#define MSG_MAX "/proc/sys/fs/mqueue/msg_max"
#define BINFMT "/proc/sys/fs/binfmt_misc"
#define MEM_NODE "/tmp/vs-attack-mem"

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* A file of the machine, as the host sees it. */
struct machine_file {
	const char *path;
	bool present;
	bool readable; /* by root on the host (some are write-only) */
	char text[256];
};

static struct machine_file machine_files[] = {
	{ "/proc/sys/kernel/core_pattern" },
	{ "/proc/sys/kernel/modprobe" },
	{ "/proc/sys/vm/drop_caches" },
	{ "/proc/sys/vm/overcommit_memory" },
	{ "/proc/sys/kernel/pid_max" },
	{ "/proc/sys/net/ipv4/ip_forward" },
	{ "/proc/sysrq-trigger" },
};

static void probe_machine_files(const void *unused)
{
	char got[256];

	for (unsigned int i = 0; i < ARRAY_SIZE(machine_files); i++) {
		const struct machine_file *f = &machine_files[i];

		if (!f->present)
			continue;
		CHECK_ERRNO_AT(open(f->path, O_WRONLY), EACCES, f->path);
		if (!f->readable)
			continue;
		CHECK_AT(read_text(f->path, got, sizeof(got)) >= 0, f->path);
		CHECK_AT(!strcmp(got, f->text), f->path);
	}
}

TEST(guest_opens_machine_sysctls_for_reading_only)
{
	unsigned int tested = 0;
	char pattern[256];

	for (unsigned int i = 0; i < ARRAY_SIZE(machine_files); i++) {
		struct machine_file *f = &machine_files[i];

		f->present = exists(f->path);
		if (!f->present) {
			TH_LOG("%s: not in this kernel, not tested", f->path);
			continue;
		}
		/* The host opens it for writing (and writes nothing). */
		EXPECT_EQ(0, try_open(f->path, O_WRONLY))
		TH_LOG("host: %s", f->path);
		f->readable = read_text(f->path, f->text, sizeof(f->text)) >= 0;
		tested++;
	}
	/* The test kernel has them all, as a distribution kernel does. */
	EXPECT_EQ(ARRAY_SIZE(machine_files), tested);
	ASSERT_EQ(0, create_ctx(XID_FILES, 0));
	EXPECT_EQ(0, run_in(XID_FILES, 0, probe_machine_files, NULL));
	/* The host writes core_pattern: its current value, unchanged. */
	ASSERT_LT(0, read_text(CORE_PATTERN, pattern, sizeof(pattern)));
	EXPECT_EQ(0, write_text(CORE_PATTERN, pattern));
	end_ctx(XID_FILES);
}

static void probe_set_hostname(const void *unused)
{
	struct utsname u;
	char now[80];

	CHECK(write_text(HOSTNAME, "vs-attack-guest\n") == 0);
	CHECK(uname(&u) == 0);
	CHECK(!strcmp(u.nodename, "vs-attack-guest"));
	CHECK(read_text(HOSTNAME, now, sizeof(now)) > 0);
	CHECK(!strcmp(now, "vs-attack-guest\n"));
}

/* kernel/hostname is the guest's own UTS name. */
TEST(guest_hostname_write_names_the_guest_only)
{
	struct vcmd_vhi_name_v0 vc = { .field = VHIN_NODENAME };
	struct utsname before, after;
	char host_before[80], host_after[80];

	ASSERT_EQ(0, uname(&before));
	ASSERT_LT(0, read_text(HOSTNAME, host_before, sizeof(host_before)));
	ASSERT_EQ(0, create_ctx(XID_NAME, 0));
	EXPECT_EQ(0, run_in(XID_NAME, 0, probe_set_hostname, NULL));
	/* The context's name, as the host administers it. */
	EXPECT_EQ(0, vs_call(VCMD_get_vhi_name, XID_NAME, &vc));
	EXPECT_STREQ("vs-attack-guest", vc.name);
	/* The host's is what it was. */
	ASSERT_EQ(0, uname(&after));
	EXPECT_STREQ(before.nodename, after.nodename);
	read_text(HOSTNAME, host_after, sizeof(host_after));
	EXPECT_STREQ(host_before, host_after);
	end_ctx(XID_NAME);
}

static void probe_own_ipc_namespace(const void *mq_present)
{
	char now[64];

	/* The host's IPC namespace: not the guest's to tune. */
	CHECK_ERRNO(open(SHMMAX, O_WRONLY), EACCES);
	if (*(const bool *)mq_present)
		CHECK_ERRNO(open(MSG_MAX, O_WRONLY), EACCES);
	/* Its own. */
	CHECK(unshare(CLONE_NEWIPC) == 0);
	CHECK(write_text(SHMMAX, "12345678\n") == 0);
	CHECK(read_text(SHMMAX, now, sizeof(now)) > 0);
	CHECK(!strcmp(now, "12345678\n"));
	if (!*(const bool *)mq_present)
		return;
	CHECK(write_text(MSG_MAX, "5\n") == 0);
	CHECK(read_text(MSG_MAX, now, sizeof(now)) > 0);
	CHECK(!strcmp(now, "5\n"));
}

TEST(guest_tunes_only_an_ipc_namespace_of_its_own)
{
	char shmmax[64], msg_max[64] = "", now[64];
	bool mq_present = exists(MSG_MAX);

	if (!mq_present)
		TH_LOG("%s: not in this kernel, not tested", MSG_MAX);
	ASSERT_LT(0, read_text(SHMMAX, shmmax, sizeof(shmmax)));
	if (mq_present)
		ASSERT_LT(0, read_text(MSG_MAX, msg_max, sizeof(msg_max)));
	ASSERT_EQ(0, create_ctx(XID_IPC, 0));
	EXPECT_EQ(0, run_in(XID_IPC, 0, probe_own_ipc_namespace, &mq_present));
	/* The host's values are untouched, and the host may set them. */
	read_text(SHMMAX, now, sizeof(now));
	EXPECT_STREQ(shmmax, now);
	EXPECT_EQ(0, write_text(SHMMAX, shmmax));
	if (mq_present) {
		read_text(MSG_MAX, now, sizeof(now));
		EXPECT_STREQ(msg_max, now);
		EXPECT_EQ(0, write_text(MSG_MAX, msg_max));
	}
	end_ctx(XID_IPC);
}

static void probe_binfmt_misc(const void *unused)
{
	CHECK_ERRNO(open(BINFMT "/status", O_WRONLY), EACCES);
	CHECK_ERRNO(open(BINFMT "/register", O_WRONLY), EACCES);
}

/* binfmt_misc would make the host run a guest's interpreter. */
TEST(guest_cannot_write_binfmt_misc)
{
	bool mounted_here = false;
	char status[32];

	if (!exists(BINFMT "/status")) {
		ASSERT_EQ(0, mount("none", BINFMT, "binfmt_misc", 0, NULL));
		mounted_here = true;
	}
	EXPECT_LT(0, read_text(BINFMT "/status", status, sizeof(status)));
	EXPECT_STREQ("enabled\n", status);
	EXPECT_EQ(0, try_open(BINFMT "/status", O_WRONLY));
	EXPECT_EQ(0, try_open(BINFMT "/register", O_WRONLY));
	ASSERT_EQ(0, create_ctx(XID_BINFMT, 0));
	EXPECT_EQ(0, run_in(XID_BINFMT, 0, probe_binfmt_misc, NULL));
	end_ctx(XID_BINFMT);
	if (mounted_here)
		EXPECT_EQ(0, umount(BINFMT));
}

/* Writable sysfs attributes; which exist depends on the kernel. */
static const char *const sysfs_files[] = {
	"/sys/kernel/uevent_helper", /* CONFIG_UEVENT_HELPER */
	"/sys/power/state", /* CONFIG_PM_SLEEP */
	"/sys/kernel/rcu_expedited", /* not with TINY_RCU */
	"/sys/module/printk/parameters/time", /* CONFIG_PRINTK */
	"/sys/class/net/lo/mtu", /* CONFIG_NET */
	"/sys/block/vda/queue/read_ahead_kb", /* the disk suite's disk */
};

static bool sysfs_writable[ARRAY_SIZE(sysfs_files)];

static void probe_sysfs(const void *unused)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sysfs_files); i++)
		if (sysfs_writable[i])
			CHECK_ERRNO_AT(open(sysfs_files[i], O_WRONLY), EACCES,
				       sysfs_files[i]);
}

TEST(guest_cannot_write_sysfs)
{
	unsigned int tested = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(sysfs_files); i++) {
		sysfs_writable[i] = !try_open(sysfs_files[i], O_WRONLY);
		tested += sysfs_writable[i];
		TH_LOG("%s: %s", sysfs_files[i],
		       sysfs_writable[i] ? "tested" : "not here");
	}
	ASSERT_LT(0, tested);
	ASSERT_EQ(0, create_ctx(XID_SYSFS, 0));
	EXPECT_EQ(0, run_in(XID_SYSFS, 0, probe_sysfs, NULL));
	end_ctx(XID_SYSFS);
}

static void probe_kernel_memory(const void *mem)
{
	int fd;

	CHECK(has_cap(CAP_SYS_RAWIO));
	errno = 0;
	fd = open("/proc/kcore", O_RDONLY);
	CHECK_AT(fd == -1 && (errno == EPERM || errno == EACCES),
		 "/proc/kcore");
	errno = 0;
	fd = open(mem, O_RDONLY);
	CHECK_AT(fd == -1 && (errno == EPERM || errno == EACCES),
		 (const char *)mem);
}

TEST(guest_cannot_open_kernel_memory)
{
	const char *mem = "/dev/mem";

	if (!exists(mem)) {
		ASSERT_EQ(0, mknod(MEM_NODE, S_IFCHR | 0600, makedev(1, 1)));
		mem = MEM_NODE;
	}
	EXPECT_EQ(0, try_open("/proc/kcore", O_RDONLY));
	EXPECT_EQ(0, try_open(mem, O_RDONLY));
	ASSERT_EQ(0, create_ctx(XID_MEM, 0));
	EXPECT_EQ(0, run_in(XID_MEM, 0, probe_kernel_memory, mem));
	end_ctx(XID_MEM);
	unlink(MEM_NODE);
}

/* ioperm(0x80, 1, 1) from a child in xid (0: the host); 0 or errno. */
static int ioperm_errno(uint32_t xid)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (enter(xid, 0))
			_exit(255);
		_exit(syscall(SYS_ioperm, 0x80UL, 1UL, 1) ? errno : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(guest_cannot_take_io_ports)
{
	int host = ioperm_errno(0);

	/* The test kernel has ioperm (CONFIG_X86_IOPL_IOPERM), as Debian's. */
	ASSERT_EQ(0, create_ctx(XID_PORTS, 0));
	EXPECT_EQ(0, host);
	EXPECT_EQ(EPERM, ioperm_errno(XID_PORTS));
	end_ctx(XID_PORTS);
}

TEST_HARNESS_MAIN
