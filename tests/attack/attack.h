/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer integration tests - what the attack suite shares
 *
 * A guest is a child that entered a network context (when nid is not 0)
 * and then a security context (when xid is not 0).  A probe runs in such
 * a child, or in a plain child on the host as the positive control, and
 * checks with CHECK(): it exits 0 when every check held, or reports the
 * first failed check on stderr and exits 1.
 *
 * The suite uses context ids 2000-2099 only.
 */

#ifndef VS_ATTACK_H
#define VS_ATTACK_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/network.h>
#include <vserver/network_cmd.h>
#include <vserver/signal_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"

/* In a probe: report a failed check, naming @what, and exit 1. */
#define CHECK_AT(cond, what)                                                \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: %s failed (errno %d) %s\n", \
				__func__, __LINE__, #cond, errno, (what));  \
			_exit(1);                                           \
		}                                                           \
	} while (0)

#define CHECK(cond) CHECK_AT(cond, "")

/* In a probe: the call fails with exactly this errno. */
#define CHECK_ERRNO_AT(call, err, what)                         \
	do {                                                    \
		errno = 0;                                      \
		CHECK_AT((call) == -1 && errno == (err), what); \
	} while (0)

#define CHECK_ERRNO(call, err) CHECK_ERRNO_AT(call, err, "")

/* Whether the caller holds @cap in its effective set. */
static inline bool has_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return false;
	return data[cap / 32].effective & (1U << (cap % 32));
}

/* Enters network context @nid, then security context @xid (0: neither). */
static inline int enter(uint32_t xid, uint32_t nid)
{
	struct vcmd_ctx_migrate vc = { 0 };

	if (nid && vs_call(VCMD_net_migrate, nid, NULL))
		return -1;
	if (xid && vs_call(VCMD_ctx_migrate, xid, &vc))
		return -1;
	return 0;
}

/*
 * Runs probe(arg) in a child inside xid/nid (0, 0: on the host).
 * Return: 0 when every check held, 1 when one failed, 2 when the child
 * could not enter, 128 + the signal that killed it.
 */
static inline int run_in(uint32_t xid, uint32_t nid,
			 void (*probe)(const void *), const void *arg)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (enter(xid, nid))
			_exit(2);
		probe(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static inline int on_host(void (*probe)(const void *), const void *arg)
{
	return run_in(0, 0, probe, arg);
}

/* A persistent security context in its setup phase, with extra flags. */
static inline int create_ctx(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_create vc = {
		.flagword = VXF_INIT_SET | VXF_PERSISTENT | flags,
	};

	return vs_create_in_child(VCMD_ctx_create, xid, &vc);
}

/* A persistent network context with the given NXC_* capabilities. */
static inline int create_net(uint32_t nid, uint64_t ncaps)
{
	struct vcmd_net_caps_v0 caps = { .ncaps = ncaps, .cmask = ncaps };

	if (vs_create_persistent_net(nid, NXF_STATE_ADMIN))
		return -1;
	return ncaps && vs_call(VCMD_set_ncaps, nid, &caps) ? -1 : 0;
}

/* Kills every task of xid and ends it; harmless if it is gone. */
static inline void end_ctx(uint32_t xid)
{
	struct vcmd_ctx_kill_v0 kill_all = { .pid = 0, .sig = SIGKILL };

	vs_call(VCMD_ctx_kill, xid, &kill_all);
	vs_end_persistent_ctx(xid);
}

/* A child that enters @xid and @nid and sleeps until it is killed. */
static inline pid_t sleeper_in_ids(uint32_t xid, uint32_t nid)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		if (enter(xid, nid))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

/* A child that enters xid and sleeps until it is killed. */
static inline pid_t sleeper_in(uint32_t xid)
{
	return sleeper_in_ids(xid, 0);
}

/* Whether child @pid ends by @sig within @ms milliseconds (reaps it). */
static inline bool dies_by(pid_t pid, int sig, int ms)
{
	int status;

	for (; ms > 0; ms -= 10) {
		pid_t ret = waitpid(pid, &status, WNOHANG);

		if (ret == pid)
			return WIFSIGNALED(status) && WTERMSIG(status) == sig;
		if (ret < 0)
			return false;
		usleep(10000);
	}
	return false;
}

/* Whether child @pid is still running after @ms milliseconds. */
static inline bool lives_on(pid_t pid, int ms)
{
	usleep(ms * 1000);
	return waitpid(pid, NULL, WNOHANG) == 0;
}

/* Reads a small file whole; its length, or -errno. */
static inline ssize_t read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	if (n < 0)
		len = -errno;
	buf[len > 0 ? len : 0] = '\0';
	close(fd);
	return len;
}

/* Opens an existing file for writing and writes @text; 0 or errno. */
static inline int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return errno;
	n = write(fd, text, strlen(text));
	if (n < 0) {
		n = errno;
		close(fd);
		return (int)n;
	}
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : EIO;
}

/* Opens @path with @flags and closes it again; 0 or errno. */
static inline int try_open(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

#endif /* VS_ATTACK_H */
