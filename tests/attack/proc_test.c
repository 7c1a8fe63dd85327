// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - /proc of another guest
 *
 *   guest A (xid 2041): a sleeper; A itself and the spectator (xid 1)
 *                       find /proc/<pid>, its files, links and threads
 *   guest B (xid 2042): ENOENT for all of them, also once A's and the
 *                       spectator's lookups left the dentries cached
 *   host task --open /proc/<host pid>--> migrate into 2043: the open
 *                       directory and file no longer reach the task
 *   chroot with its own /proc (2044, and 2045 with VXF_INFO_INIT): a
 *                       plain chroot on the host escapes through
 *                       /proc/1/root, a guest does not
 *   getpriority(PRIO_USER) counts only the caller's own context's tasks
 *
 * Foreign tasks must look absent.  The host itself lists only host tasks
 * in /proc, so the positive controls are the owner and the spectator.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <limits.h>
#include <linux/ioprio.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/resource.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_A 2041
#define XID_B 2042
#define XID_MOVED 2043
#define XID_ROOT 2044
#define XID_FAKEINIT 2045

#define JAIL "/tmp/vs-attack-chroot"
#define SECRET "/tmp/vs-attack-host-secret"
#define SECRET_TEXT "the host's secret\n"

#define PRIO_UID 4242
#define HOST_NICE 2
#define GUEST_NICE 9

#define PATH_LEN 96

/* "/proc/<pid><rest>", in @buf (PATH_LEN bytes). */
static const char *at(char *buf, pid_t pid, const char *rest)
{
	snprintf(buf, PATH_LEN, "/proc/%d%s", pid, rest);
	return buf;
}

/* In a probe: @call fails as for a task that does not exist. */
#define CHECK_GONE(call, what)                                                \
	do {                                                                  \
		errno = 0;                                                    \
		CHECK_AT((call) == -1 && (errno == ENOENT || errno == ESRCH), \
			 what);                                               \
	} while (0)

struct spawned {
	pid_t pid;
	pid_t tid; /* a second thread of @pid, or 0 */
};

struct spawn_args {
	uint32_t xid; /* 0: stays on the host */
	uid_t uid; /* 0: stays root */
	int nice;
	bool thread;
};

static int ready_fd = -1;

static void *thread_sleeps(void *unused)
{
	pid_t tid = gettid();

	if (write(ready_fd, &tid, sizeof(tid)) != sizeof(tid))
		_exit(1);
	for (;;)
		pause();
	return NULL;
}

/*
 * A child that enters @a->xid, sets its nice value and uid, optionally
 * starts a second thread, and sleeps until it is killed.
 */
static struct spawned spawn(const struct spawn_args *a)
{
	struct spawned s = { -1, 0 };
	pid_t tid;
	int ready[2];

	if (pipe(ready))
		return s;
	s.pid = fork();
	if (s.pid == 0) {
		pthread_t th;

		close(ready[0]);
		ready_fd = ready[1];
		if (enter(a->xid, 0) ||
		    (a->nice && setpriority(PRIO_PROCESS, 0, a->nice)))
			_exit(1);
		if (a->uid && setresuid(a->uid, a->uid, a->uid))
			_exit(1);
		tid = 0;
		if (a->thread) {
			if (pthread_create(&th, NULL, thread_sleeps, NULL))
				_exit(1);
		} else if (write(ready[1], &tid, sizeof(tid)) != sizeof(tid)) {
			_exit(1);
		}
		for (;;)
			pause();
	}
	close(ready[1]);
	if (s.pid > 0 && read(ready[0], &tid, sizeof(tid)) != sizeof(tid)) {
		kill(s.pid, SIGKILL);
		waitpid(s.pid, NULL, 0);
		s.pid = -1;
	}
	s.tid = tid;
	close(ready[0]);
	return s;
}

/* The owner finds its task, its files and links. */
static void probe_owner_sees(const void *arg)
{
	const struct spawned *s = arg;
	char path[PATH_LEN], buf[4096];
	struct stat st;

	CHECK_AT(stat(at(path, s->pid, ""), &st) == 0, path);
	CHECK_AT(read_text(at(path, s->pid, "/status"), buf, sizeof(buf)) > 0,
		 path);
	CHECK_AT(readlink(at(path, s->pid, "/cwd"), buf, sizeof(buf)) > 0,
		 path);
	CHECK_AT(readlink(at(path, s->pid, "/exe"), buf, sizeof(buf)) > 0,
		 path);
	snprintf(path, sizeof(path), "/proc/%d/task/%d", s->pid, s->pid);
	CHECK_AT(access(path, F_OK) == 0, path);
}

static void probe_spectator_sees(const void *arg)
{
	const struct spawned *s = arg;
	struct vcmd_ctx_migrate vc = { 0 };
	char path[PATH_LEN], buf[4096];
	struct stat st;

	CHECK(vs_call(VCMD_ctx_migrate, VX_ID_SPECTATOR, &vc) ==
	      VX_ID_SPECTATOR);
	CHECK_AT(stat(at(path, s->pid, ""), &st) == 0, path);
	CHECK_AT(read_text(at(path, s->pid, "/status"), buf, sizeof(buf)) > 0,
		 path);
}

/* Another guest finds nothing, by any path. */
static void probe_hidden(const void *arg)
{
	const struct spawned *s = arg;
	char path[PATH_LEN], buf[PATH_MAX];
	struct stat st;

	CHECK_ERRNO_AT(stat(at(path, s->pid, ""), &st), ENOENT, path);
	CHECK_ERRNO_AT(open(at(path, s->pid, "/status"), O_RDONLY), ENOENT,
		       path);
	CHECK_ERRNO_AT(readlink(at(path, s->pid, "/exe"), buf, sizeof(buf)),
		       ENOENT, path);
	CHECK_ERRNO_AT(readlink(at(path, s->pid, "/cwd"), buf, sizeof(buf)),
		       ENOENT, path);
	snprintf(path, sizeof(path), "/proc/%d/task/%d", s->pid, s->pid);
	CHECK_ERRNO_AT(access(path, F_OK), ENOENT, path);
}

/* A thread: by /proc/<pid>/task/<tid> and by the unlisted /proc/<tid>. */
static void probe_owner_sees_thread(const void *arg)
{
	const struct spawned *s = arg;
	char path[PATH_LEN], buf[4096], tgid[32];
	struct stat st;

	snprintf(tgid, sizeof(tgid), "Tgid:\t%d\n", s->pid);
	snprintf(path, sizeof(path), "/proc/%d/task/%d", s->pid, s->tid);
	CHECK_AT(stat(path, &st) == 0, path);
	strcat(path, "/status");
	CHECK_AT(read_text(path, buf, sizeof(buf)) > 0, path);
	CHECK_AT(strstr(buf, tgid), buf);
	CHECK_AT(stat(at(path, s->tid, ""), &st) == 0, path);
	CHECK_AT(read_text(at(path, s->tid, "/status"), buf, sizeof(buf)) > 0,
		 path);
	CHECK_AT(strstr(buf, tgid), buf);
}

static void probe_spectator_sees_thread(const void *arg)
{
	struct vcmd_ctx_migrate vc = { 0 };

	CHECK(vs_call(VCMD_ctx_migrate, VX_ID_SPECTATOR, &vc) ==
	      VX_ID_SPECTATOR);
	probe_owner_sees_thread(arg);
}

static void probe_thread_hidden(const void *arg)
{
	const struct spawned *s = arg;
	char path[PATH_LEN];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/task/%d", s->pid, s->tid);
	CHECK_ERRNO_AT(stat(path, &st), ENOENT, path);
	strcat(path, "/status");
	CHECK_ERRNO_AT(open(path, O_RDONLY), ENOENT, path);
	CHECK_ERRNO_AT(stat(at(path, s->tid, ""), &st), ENOENT, path);
	CHECK_ERRNO_AT(open(at(path, s->tid, "/status"), O_RDONLY), ENOENT,
		       path);
}

FIXTURE(guests)
{
	struct spawned spawned[2];
};

FIXTURE_SETUP(guests)
{
	ASSERT_EQ(0, create_ctx(XID_A, 0));
	ASSERT_EQ(0, create_ctx(XID_B, 0));
}

FIXTURE_TEARDOWN(guests)
{
	end_ctx(XID_A);
	end_ctx(XID_B);
	for (unsigned int i = 0; i < ARRAY_SIZE(self->spawned); i++) {
		if (self->spawned[i].pid > 0) {
			/* ESRCH for guest tasks: end_ctx killed those. */
			kill(self->spawned[i].pid, SIGKILL);
			waitpid(self->spawned[i].pid, NULL, 0);
		}
	}
}

/*
 * The owner's and the spectator's lookups come first, so that B's run
 * into cached dentries: those used to be found without the filter.
 */
TEST_F(guests, another_guest_does_not_find_a_task_in_proc)
{
	const struct spawn_args a = { .xid = XID_A };
	struct spawned *s = &self->spawned[0];

	*s = spawn(&a);
	ASSERT_LT(0, s->pid);
	EXPECT_EQ(0, run_in(XID_A, 0, probe_owner_sees, s));
	EXPECT_EQ(0, on_host(probe_spectator_sees, s));
	EXPECT_EQ(0, run_in(XID_B, 0, probe_hidden, s));
	EXPECT_EQ(0, run_in(XID_B, 0, probe_hidden, s));
	/* Still there for the owner. */
	EXPECT_EQ(0, run_in(XID_A, 0, probe_owner_sees, s));
}

TEST_F(guests, another_guest_does_not_find_a_thread_in_proc)
{
	const struct spawn_args a = { .xid = XID_A, .thread = true };
	struct spawned *s = &self->spawned[0];

	*s = spawn(&a);
	ASSERT_LT(0, s->pid);
	ASSERT_LT(0, s->tid);
	ASSERT_NE(s->pid, s->tid);
	EXPECT_EQ(0, run_in(XID_A, 0, probe_owner_sees_thread, s));
	EXPECT_EQ(0, on_host(probe_spectator_sees_thread, s));
	EXPECT_EQ(0, run_in(XID_B, 0, probe_thread_hidden, s));
	EXPECT_EQ(0, run_in(XID_B, 0, probe_thread_hidden, s));
}

/* The best-effort I/O priority a task of nice value @nice has by default. */
static int ioprio_of_nice(int nice)
{
	return IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, (nice + 20) / 5);
}

/*
 * getpriority(PRIO_USER, PRIO_UID), as root, gives the nice value @arg,
 * and ioprio_get(IOPRIO_WHO_USER) the I/O priority that follows from it.
 */
static void probe_prio_user(const void *arg)
{
	int want = *(const int *)arg;

	errno = 0;
	CHECK(getpriority(PRIO_USER, PRIO_UID) == want && errno == 0);
	CHECK(syscall(SYS_ioprio_get, IOPRIO_WHO_USER, PRIO_UID) ==
	      ioprio_of_nice(want));
}

static void probe_prio_user_none(const void *unused)
{
	CHECK_ERRNO(getpriority(PRIO_USER, PRIO_UID), ESRCH);
	CHECK_ERRNO(syscall(SYS_ioprio_get, IOPRIO_WHO_USER, PRIO_UID), ESRCH);
}

/*
 * The host's task of the uid has the lower nice value, so a guest that
 * counted it would get HOST_NICE instead of its own GUEST_NICE.
 */
TEST_F(guests, prio_user_counts_the_callers_context_only)
{
	const struct spawn_args host = { .uid = PRIO_UID, .nice = HOST_NICE };
	const struct spawn_args guest = { .xid = XID_A,
					  .uid = PRIO_UID,
					  .nice = GUEST_NICE };
	const int host_nice = HOST_NICE, guest_nice = GUEST_NICE;

	self->spawned[0] = spawn(&host);
	self->spawned[1] = spawn(&guest);
	ASSERT_LT(0, self->spawned[0].pid);
	ASSERT_LT(0, self->spawned[1].pid);
	EXPECT_EQ(0, on_host(probe_prio_user, &host_nice));
	EXPECT_EQ(0, run_in(XID_A, 0, probe_prio_user, &guest_nice));
	EXPECT_EQ(0, run_in(XID_B, 0, probe_prio_user_none, NULL));
}

/* getdents64 on @fd from its start: names besides . and .., or -1. */
static int count_entries(int fd)
{
	char buf[4096];
	int names = 0;
	long n, off;

	if (lseek(fd, 0, SEEK_SET))
		return -1;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				names++;
			off += d->d_reclen;
		}
	}
	return n < 0 ? -1 : names;
}

/*
 * A host task opens /proc/<the test's pid> and its status, then migrates
 * into a guest: what it holds open no longer reaches the host task.
 */
static void probe_open_proc_then_migrate(const void *unused)
{
	pid_t host = getppid();
	char path[PATH_LEN], buf[4096];
	struct stat st;
	int dir, status, fd, names;

	dir = open(at(path, host, ""), O_RDONLY | O_DIRECTORY);
	CHECK_AT(dir >= 0, path);
	status = open(at(path, host, "/status"), O_RDONLY);
	CHECK_AT(status >= 0, path);
	/* The control: all of it works before the move. */
	CHECK(read(status, buf, sizeof(buf)) > 0);
	fd = openat(dir, "status", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	CHECK(fstatat(dir, "cmdline", &st, 0) == 0);
	CHECK(readlinkat(dir, "cwd", buf, sizeof(buf)) > 0);
	CHECK(count_entries(dir) > 0);

	CHECK(enter(XID_MOVED, 0) == 0);
	CHECK_GONE(openat(dir, "status", O_RDONLY), "openat status");
	CHECK_GONE(fstatat(dir, "cmdline", &st, 0), "fstatat cmdline");
	CHECK(readlinkat(dir, "cwd", buf, sizeof(buf)) == -1);
	names = count_entries(dir);
	CHECK_AT(names == 0 ||
			 (names == -1 && (errno == ENOENT || errno == ESRCH)),
		 "getdents64");
	CHECK(lseek(status, 0, SEEK_SET) == 0);
	CHECK_GONE(read(status, buf, sizeof(buf)), "read status");
	CHECK_ERRNO_AT(stat(at(path, host, ""), &st), ENOENT, path);
	close(status);
	close(dir);
}

TEST(proc_fds_opened_before_a_migration_lose_the_task)
{
	ASSERT_EQ(0, create_ctx(XID_MOVED, 0));
	EXPECT_EQ(0, on_host(probe_open_proc_then_migrate, NULL));
	end_ctx(XID_MOVED);
}

/* A chroot at JAIL with a proc mounted at JAIL/proc. */
FIXTURE(jail)
{
	int unused;
};

FIXTURE_VARIANT(jail)
{
	uint32_t xid;
	uint64_t flags;
	bool init_shows; /* the real init blends in as /proc/1 */
};

FIXTURE_VARIANT_ADD(jail, plain){
	.xid = XID_ROOT,
	.flags = 0,
	.init_shows = false,
};

/* VXF_INFO_INIT while VXF_STATE_INIT is set: pid 1 is the real init. */
FIXTURE_VARIANT_ADD(jail, fakeinit){
	.xid = XID_FAKEINIT,
	.flags = VXF_INFO_INIT,
	.init_shows = true,
};

FIXTURE_SETUP(jail)
{
	int fd;

	mkdir(JAIL, 0755);
	mkdir(JAIL "/proc", 0555);
	umount2(JAIL "/proc", MNT_DETACH);
	ASSERT_EQ(0, mount("proc", JAIL "/proc", "proc", 0, NULL))
	TH_LOG("mount proc: %s", strerror(errno));
	fd = open(SECRET, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(strlen(SECRET_TEXT),
		  write(fd, SECRET_TEXT, strlen(SECRET_TEXT)));
	close(fd);
	ASSERT_EQ(0, create_ctx(variant->xid, variant->flags));
}

FIXTURE_TEARDOWN(jail)
{
	end_ctx(variant->xid);
	umount2(JAIL "/proc", MNT_DETACH);
	rmdir(JAIL "/proc");
	rmdir(JAIL);
	unlink(SECRET);
}

struct jail_args {
	pid_t host; /* the test process */
	bool init_shows;
};

static void enter_jail(void)
{
	char buf[64];

	/* Before the chroot the secret is there to be read. */
	CHECK(read_text(SECRET, buf, sizeof(buf)) > 0);
	CHECK(!strcmp(buf, SECRET_TEXT));
	CHECK(chroot(JAIL) == 0);
	CHECK(chdir("/") == 0);
}

/* The positive control: /proc leads a plain chroot out of it. */
static void probe_jail_escapes(const void *arg)
{
	const struct jail_args *a = arg;
	char path[PATH_LEN], buf[64];
	DIR *fds;

	enter_jail();
	CHECK(read_text("/proc/1/root" SECRET, buf, sizeof(buf)) > 0);
	CHECK(!strcmp(buf, SECRET_TEXT));
	CHECK(read_text(at(path, a->host, "/root" SECRET), buf, sizeof(buf)) >
	      0);
	CHECK_AT(readlink(at(path, a->host, "/cwd"), buf, sizeof(buf)) > 0,
		 path);
	fds = opendir(at(path, a->host, "/fd"));
	CHECK_AT(fds, path);
	closedir(fds);
}

static void check_link(const char *path, const char *want)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	CHECK_AT(n > 0, path);
	buf[n] = '\0';
	CHECK_AT(!strcmp(buf, want), buf);
}

static void probe_jail_sealed(const void *arg)
{
	const struct jail_args *a = arg;
	char path[PATH_LEN], buf[PATH_MAX];
	struct stat st;
	int fd;

	enter_jail();
	/* Its own task resolves, relative to its root. */
	check_link("/proc/self/root", "/");
	check_link("/proc/self/cwd", "/");
	check_link(at(path, getpid(), "/cwd"), "/");
	CHECK(stat("/proc/1", &st) == (a->init_shows ? 0 : -1));
	/* ENOENT where pid 1 is hidden, EACCES where it blends in. */
	errno = 0;
	fd = open("/proc/1/root" SECRET, O_RDONLY);
	CHECK(fd == -1 && (errno == ENOENT || errno == EACCES));
	CHECK_ERRNO_AT(open(at(path, a->host, "/root" SECRET), O_RDONLY),
		       ENOENT, path);
	CHECK_ERRNO_AT(readlink(at(path, a->host, "/cwd"), buf, sizeof(buf)),
		       ENOENT, path);
	errno = 0;
	CHECK_AT(!opendir(at(path, a->host, "/fd")) && errno == ENOENT, path);
}

TEST_F(jail, proc_in_a_guests_chroot_does_not_lead_out)
{
	const struct jail_args a = { getpid(), variant->init_shows };

	/* The host first: its lookups also fill the dcache. */
	EXPECT_EQ(0, on_host(probe_jail_escapes, &a));
	EXPECT_EQ(0, run_in(variant->xid, 0, probe_jail_sealed, &a));
}

TEST_HARNESS_MAIN
