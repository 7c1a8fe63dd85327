// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - a context's bounding set binds at
 * once
 *
 * Every capability check of a task in a context is masked with the
 * context's bcaps as they are at the time of the check: in the setup
 * phase too, for tasks that entered before the bcaps changed (whose
 * creds still hold the capability), and in any user namespace.  The
 * switch stays usable in the setup phase for a task whose own creds hold
 * CAP_SYS_ADMIN; past it, a context without bit 63 (CAP_CONTEXT) gets
 * ENOSYS from every command.
 *
 *   2054: drops CAP_NET_RAW itself in its setup phase
 *   2055, 2056: the host drops it for tasks entering later / running
 *   2057: takes util-vserver's secure set and ends its setup phase,
 *         from inside; then no switch, mount, mknod, modules, clock,
 *         raw socket, also not as root of a user namespace of its own
 *   2058: full bcaps, setup ended: the switch still answers
 *   2059: "vattribute --secure" then "vcontext --endsetup", from inside
 *
 * The host (and 2058) doing the same things successfully is the control.
 */

#define _GNU_SOURCE
#include <netinet/in.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <time.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_SELF 2054
#define XID_LATER 2055
#define XID_RUNNING 2056
#define XID_SECURE 2057
#define XID_FULL 2058
#define XID_VATTR 2059

#define MNT_DIR "/tmp/vs-attack-caps-mnt"
#define NODE "/tmp/vs-attack-null"

#define CAPBIT(cap) (1ULL << (cap))

/* util-vserver's default bcaps of a guest; no CAP_CONTEXT (bit 63). */
#define SECURE_BCAPS                                                  \
	(CAPBIT(CAP_CHOWN) | CAPBIT(CAP_DAC_OVERRIDE) |               \
	 CAPBIT(CAP_DAC_READ_SEARCH) | CAPBIT(CAP_FOWNER) |           \
	 CAPBIT(CAP_FSETID) | CAPBIT(CAP_KILL) | CAPBIT(CAP_SETGID) | \
	 CAPBIT(CAP_SETUID) | CAPBIT(CAP_NET_BIND_SERVICE) |          \
	 CAPBIT(CAP_SYS_CHROOT) | CAPBIT(CAP_SYS_PTRACE) |            \
	 CAPBIT(CAP_SYS_TTY_CONFIG) | CAPBIT(CAP_LEASE) |             \
	 CAPBIT(CAP_SYS_BOOT) | CAPBIT(CAP_AUDIT_WRITE))

static const int works = 0, refused = EPERM;

static long set_bcaps(uint32_t xid, uint64_t bcaps, uint64_t bmask)
{
	struct vcmd_bcaps vc = { .bcaps = bcaps, .bmask = bmask };

	return vs_call(VCMD_set_bcaps, xid, &vc);
}

static long end_setup(uint32_t xid)
{
	struct vcmd_ctx_flags_v0 vc = { .flagword = 0,
					.mask = VXF_STATE_SETUP };

	return vs_call(VCMD_set_cflags, xid, &vc);
}

/* A raw ICMP socket (CAP_NET_RAW), closed again; 0 or errno. */
static int raw_socket(void)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void probe_raw(const void *want)
{
	CHECK(raw_socket() == *(const int *)want);
}

static void probe_drops_net_raw_itself(const void *unused)
{
	CHECK(raw_socket() == 0);
	CHECK(set_bcaps(VX_ID_SELF, 0, CAPBIT(CAP_NET_RAW)) == 0);
	CHECK(raw_socket() == EPERM);
}

TEST(a_context_drops_a_capability_in_its_setup_phase)
{
	ASSERT_EQ(0, create_ctx(XID_SELF, 0));
	EXPECT_EQ(0, on_host(probe_raw, &works));
	EXPECT_EQ(0, run_in(XID_SELF, 0, probe_drops_net_raw_itself, NULL));
	/* The next task to enter is bound as well. */
	EXPECT_EQ(0, run_in(XID_SELF, 0, probe_raw, &refused));
	end_ctx(XID_SELF);
}

TEST(the_hosts_set_bcaps_binds_tasks_that_enter_later)
{
	ASSERT_EQ(0, create_ctx(XID_LATER, 0));
	EXPECT_EQ(0, run_in(XID_LATER, 0, probe_raw, &works));
	ASSERT_EQ(0, set_bcaps(XID_LATER, 0, CAPBIT(CAP_NET_RAW)));
	/* Still in the setup phase. */
	EXPECT_EQ(0, run_in(XID_LATER, 0, probe_raw, &refused));
	EXPECT_EQ(0, on_host(probe_raw, &works));
	end_ctx(XID_LATER);
}

/* A task that entered before the host removed CAP_NET_RAW. */
TEST(the_hosts_set_bcaps_binds_running_tasks)
{
	int ready[2], go[2], status = -1;
	pid_t pid;
	char c;

	ASSERT_EQ(0, create_ctx(XID_RUNNING, 0));
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		CHECK(enter(XID_RUNNING, 0) == 0);
		CHECK(raw_socket() == 0);
		CHECK(write(ready[1], "r", 1) == 1);
		CHECK(read(go[0], &c, 1) == 1);
		/* Its creds still hold it: the check is the live one. */
		CHECK(has_cap(CAP_NET_RAW));
		CHECK(raw_socket() == EPERM);
		_exit(0);
	}
	ASSERT_LT(0, pid);
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) == 1) {
		EXPECT_EQ(0, set_bcaps(XID_RUNNING, 0, CAPBIT(CAP_NET_RAW)));
		EXPECT_EQ(1, write(go[1], "g", 1));
	}
	close(go[1]);
	close(ready[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_EQ(0, on_host(probe_raw, &works));
	end_ctx(XID_RUNNING);
}

/* CLOCK_REALTIME set to what it is; 0 or errno. */
static int set_clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) ||
	    clock_settime(CLOCK_REALTIME, &ts))
		return errno;
	return 0;
}

/* The same through settimeofday(2). */
static int set_time_of_day(void)
{
	struct timeval tv;

	if (gettimeofday(&tv, NULL) || settimeofday(&tv, NULL))
		return errno;
	return 0;
}

/* The host control: mount, mknod, module loading, time, raw sockets. */
static void probe_host_privileged(const void *unused)
{
	CHECK(raw_socket() == 0);
	CHECK(mount("none", MNT_DIR, "tmpfs", 0, NULL) == 0);
	CHECK(umount(MNT_DIR) == 0);
	CHECK(mknod(NODE, S_IFCHR | 0600, makedev(1, 3)) == 0);
	CHECK(unlink(NODE) == 0);
	/* Past the capability check: the image is too short, the fd bad. */
	CHECK_ERRNO(syscall(SYS_init_module, "", 0UL, ""), ENOEXEC);
	CHECK_ERRNO(syscall(SYS_finit_module, -1, "", 0), EBADF);
	CHECK(set_clock() == 0);
	CHECK(set_time_of_day() == 0);
}

/* Root of a fresh user namespace mapped onto root. */
static int enter_userns(void)
{
	int err;

	if (unshare(CLONE_NEWUSER))
		return errno;
	err = write_text("/proc/self/setgroups", "deny");
	if (!err)
		err = write_text("/proc/self/uid_map", "0 0 1");
	if (!err)
		err = write_text("/proc/self/gid_map", "0 0 1");
	return err ? -err : 0;
}

static void probe_host_userns(const void *unused)
{
	CHECK(enter_userns() == 0);
	CHECK(has_cap(CAP_SYS_ADMIN));
	CHECK(unshare(CLONE_NEWNS) == 0);
	CHECK(mount("none", MNT_DIR, "tmpfs", 0, NULL) == 0);
	CHECK(unshare(CLONE_NEWNET) == 0);
	CHECK(raw_socket() == 0);
}

static void probe_full_after_setup(const void *unused)
{
	CHECK(end_setup(VX_ID_SELF) == 0);
	CHECK(vs_call(VCMD_task_xid, 0, NULL) == XID_FULL);
	CHECK(raw_socket() == 0);
}

static void probe_secured(const void *unused)
{
	struct vcmd_ctx_flags_v0 fl;
	struct vcmd_bcaps bc;
	int err;

	/*
	 * As "vattribute --set --secure; vcontext --endsetup" do it: in the
	 * setup phase the switch answers the task's own credentials.
	 */
	CHECK(set_bcaps(VX_ID_SELF, SECURE_BCAPS, ~0ULL) == 0);
	CHECK(end_setup(VX_ID_SELF) == 0);
	CHECK(vs_call(VCMD_task_xid, 0, NULL) == -ENOSYS);
	CHECK(vs_call(VCMD_task_xid, getpid(), NULL) == -ENOSYS);
	CHECK(vs_call(VCMD_get_cflags, VX_ID_SELF, &fl) == -ENOSYS);
	CHECK(vs_call(VCMD_get_bcaps, VX_ID_SELF, &bc) == -ENOSYS);
	CHECK(end_setup(VX_ID_SELF) == -ENOSYS);

	CHECK(raw_socket() == EPERM);
	CHECK_ERRNO(mount("none", MNT_DIR, "tmpfs", 0, NULL), EPERM);
	CHECK_ERRNO(mknod(NODE, S_IFCHR | 0600, makedev(1, 3)), EPERM);
	CHECK_ERRNO(syscall(SYS_init_module, "", 0UL, ""), EPERM);
	CHECK_ERRNO(syscall(SYS_finit_module, -1, "", 0), EPERM);
	CHECK(set_clock() == EPERM);
	CHECK(set_time_of_day() == EPERM);

	/*
	 * A user namespace of its own may be allowed; its full set of
	 * capabilities there is still masked with the context's bcaps.
	 * Writing the id maps may fail: nothing below depends on them.
	 */
	err = enter_userns();
	if (err > 0) {
		CHECK(err == EPERM);
		return;
	}
	CHECK(has_cap(CAP_SYS_ADMIN));
	CHECK_ERRNO(unshare(CLONE_NEWNS), EPERM);
	CHECK_ERRNO(mount("none", MNT_DIR, "tmpfs", 0, NULL), EPERM);
	CHECK_ERRNO(unshare(CLONE_NEWNET), EPERM);
	CHECK(raw_socket() == EPERM);
}

TEST(a_secured_guest_past_its_setup_phase)
{
	struct vcmd_bcaps bc;

	mkdir(MNT_DIR, 0755);
	unlink(NODE);
	ASSERT_EQ(0, create_ctx(XID_SECURE, 0));
	ASSERT_EQ(0, create_ctx(XID_FULL, 0));

	EXPECT_EQ(0, on_host(probe_host_privileged, NULL));
	EXPECT_EQ(0, on_host(probe_host_userns, NULL));
	EXPECT_EQ(0, run_in(XID_FULL, 0, probe_full_after_setup, NULL));
	EXPECT_EQ(0, run_in(XID_SECURE, 0, probe_secured, NULL));
	EXPECT_EQ(0, vs_call(VCMD_get_bcaps, XID_SECURE, &bc));
	EXPECT_EQ(SECURE_BCAPS, bc.bcaps);

	end_ctx(XID_SECURE);
	end_ctx(XID_FULL);
	umount2(MNT_DIR, MNT_DETACH);
	rmdir(MNT_DIR);
	unlink(NODE);
}

/*
 * util-vserver's "vattribute --set --secure" (set_ccaps, set_bcaps,
 * set_cflags HIDE_NETIF) and "vcontext --endsetup", run inside: each
 * works in the setup phase although the bcaps just lost CAP_CONTEXT.
 */
static void probe_vattribute_secure(const void *unused)
{
	struct vcmd_ctx_caps_v1 cc = { .ccaps = VXC_SET_UTSNAME,
				       .cmask = ~0ULL };
	struct vcmd_ctx_flags_v0 fl = { .flagword = VXF_HIDE_NETIF,
					.mask = VXF_HIDE_NETIF };

	CHECK(vs_call(VCMD_set_ccaps, VX_ID_SELF, &cc) == 0);
	CHECK(set_bcaps(VX_ID_SELF, SECURE_BCAPS, ~0ULL) == 0);
	CHECK(vs_call(VCMD_task_xid, 0, NULL) == XID_VATTR);
	CHECK(vs_call(VCMD_set_cflags, VX_ID_SELF, &fl) == 0);
	CHECK(end_setup(VX_ID_SELF) == 0);
	CHECK(vs_call(VCMD_task_xid, 0, NULL) == -ENOSYS);
}

TEST(vattribute_secure_then_endsetup_from_inside)
{
	struct vcmd_ctx_flags_v0 fl;
	struct vcmd_bcaps bc;

	ASSERT_EQ(0, create_ctx(XID_VATTR, 0));
	EXPECT_EQ(0, run_in(XID_VATTR, 0, probe_vattribute_secure, NULL));
	/* The host sees what the calls did. */
	EXPECT_EQ(0, vs_call(VCMD_get_cflags, XID_VATTR, &fl));
	EXPECT_EQ(VXF_HIDE_NETIF, fl.flagword & VXF_HIDE_NETIF);
	EXPECT_EQ(0, fl.flagword & VXF_STATE_SETUP);
	EXPECT_EQ(0, vs_call(VCMD_get_bcaps, XID_VATTR, &bc));
	EXPECT_EQ(SECURE_BCAPS, bc.bcaps);
	end_ctx(XID_VATTR);
}

TEST_HARNESS_MAIN
