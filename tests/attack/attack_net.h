/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer integration tests - what the network attack tests share
 *
 * Guests get their addresses on dummy interfaces (vsatk*) the test makes
 * and deletes.  A socket belongs to the network context of the task that
 * created it, so socket_in() makes one in a child inside the context and
 * passes it back over SCM_RIGHTS: the test process holds guests' sockets
 * and accepts, receives or fstat()s them itself.
 *
 * Probes that answer more than pass or fail run with in_ids(): their
 * result (0..99) is the child's exit status.
 */

#ifndef VS_ATTACK_NET_H
#define VS_ATTACK_NET_H

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "attack.h"

/* in_ids(): the child could not enter its contexts. */
#define NOT_ENTERED 100

/* Enters @nid (1: the network spectator), then security context @xid. */
static inline int enter_ids(uint32_t xid, uint32_t nid)
{
	/* Entering the spectator answers its id, 1, not 0. */
	if (nid == NX_ID_SPECTATOR)
		return vs_call(VCMD_net_migrate, nid, NULL) == NX_ID_SPECTATOR ?
			       enter(xid, 0) :
			       -1;
	return enter(xid, nid);
}

/* fn(arg) in a child inside xid/nid: its result, NOT_ENTERED, 128 + sig. */
static inline int in_ids(uint32_t xid, uint32_t nid, int (*fn)(const void *),
			 const void *arg)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (enter_ids(xid, nid))
			_exit(NOT_ENTERED);
		_exit(fn(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static inline int in_nid(uint32_t nid, int (*fn)(const void *), const void *arg)
{
	return in_ids(0, nid, fn, arg);
}

/* A persistent network context with @flags, @ncaps and @addr/24 (or none). */
static inline int make_guest(uint32_t nid, uint64_t flags, uint64_t ncaps,
			     const char *addr)
{
	struct vcmd_net_caps_v0 caps = { .ncaps = ncaps, .cmask = ncaps };
	struct vcmd_net_addr_ipv4_v1 vc = { .type = NXA_TYPE_ADDR };

	if (vs_create_persistent_net(nid, NXF_STATE_ADMIN | flags))
		return -1;
	if (ncaps && vs_call(VCMD_set_ncaps, nid, &caps))
		return -1;
	if (!addr)
		return 0;
	inet_pton(AF_INET, addr, &vc.ip);
	vc.mask = htonl(0xffffff00);
	return vs_call(VCMD_net_add_ipv4_v1, nid, &vc) ? -1 : 0;
}

/* Dummy interface @name, up, with @addrs ("ADDR/LEN" ...); 0 if it worked. */
static inline int add_dummy(const char *name, const char *addrs)
{
	char cmd[512];
	int n;

	n = snprintf(cmd, sizeof(cmd),
		     "ip link set lo up && ip link del %s 2>/dev/null;"
		     " ip link add %s type dummy && ip link set %s up",
		     name, name, name);
	for (const char *a = addrs; *a;) {
		size_t len = strcspn(a, " ");

		n += snprintf(cmd + n, sizeof(cmd) - n,
			      " && ip addr add %.*s dev %s", (int)len, a, name);
		a += len + strspn(a + len, " ");
	}
	return n < (int)sizeof(cmd) ? system(cmd) : -1;
}

static inline void del_dummy(const char *name)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "ip link del %s 2>/dev/null", name);
	system(cmd);
}

/* @addr (IPv4 or IPv6 text) and @port in *ss; the address length. */
static inline socklen_t sockaddr_of(struct sockaddr_storage *ss,
				    const char *addr, int port)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (strchr(addr, ':')) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		inet_pton(AF_INET6, addr, &sin6->sin6_addr);
		return sizeof(*sin6);
	}
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
	return sizeof(*sin);
}

/*
 * A socket bound to addr:port (no bind if @addr is NULL), listening if a
 * stream; IPv6 ones are dual-stack (IPV6_V6ONLY 0).  -errno on failure.
 */
static inline int make_socket(int family, int type, int protocol,
			      const char *addr, int port)
{
	struct sockaddr_storage ss;
	int zero = 0, one = 1, err;
	int fd = socket(family, type, protocol);

	if (fd < 0)
		return -errno;
	if (family == AF_INET6 && type != SOCK_RAW)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (type == SOCK_STREAM)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (addr &&
	    bind(fd, (struct sockaddr *)&ss, sockaddr_of(&ss, addr, port)))
		goto fail;
	if (addr && type == SOCK_STREAM && listen(fd, 8))
		goto fail;
	return fd;
fail:
	err = errno;
	close(fd);
	return -err;
}

/* Sends @fd, or the error -@fd, over the unix socket @via. */
static inline void send_fd(int via, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	int err = fd < 0 ? -fd : 0;
	struct iovec iov = { .iov_base = &err, .iov_len = sizeof(err) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	if (sendmsg(via, &msg, 0) != sizeof(err))
		_exit(1);
}

/* What send_fd() sent: a descriptor, or -errno. */
static inline int recv_fd(int via)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	int err = EIO, fd = -1;
	struct iovec iov = { .iov_base = &err, .iov_len = sizeof(err) };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;

	if (recvmsg(via, &msg, 0) != sizeof(err))
		return -EIO;
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return err ? -err : fd >= 0 ? fd : -EIO;
}

/* make_socket() in network context @nid (0: here): the socket, or -errno. */
static inline int socket_in(uint32_t nid, int family, int type, int protocol,
			    const char *addr, int port)
{
	int sv[2], fd;
	pid_t pid;

	if (!nid)
		return make_socket(family, type, protocol, addr, port);
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		send_fd(sv[1], enter_ids(0, nid) ?
				       -ENOTTY :
				       make_socket(family, type, protocol, addr,
						   port));
		_exit(0);
	}
	close(sv[1]);
	fd = pid < 0 ? -errno : recv_fd(sv[0]);
	close(sv[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return fd;
}

/* The inode number of the socket @fd (what sock_diag reports), or 0. */
static inline uint32_t inode_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : (uint32_t)st.st_ino;
}

/* Whether @fd becomes readable (a connection, a datagram) within @ms. */
static inline bool readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

/* A connection accepted on @fd within @ms, or -1 (errno EAGAIN: none). */
static inline int accept_within(int fd, int ms)
{
	if (!readable(fd, ms)) {
		errno = EAGAIN;
		return -1;
	}
	return accept4(fd, NULL, NULL, SOCK_NONBLOCK);
}

/* A netlink socket of @proto that gives up waiting after 2 s. */
static inline int nl_open(int proto)
{
	struct timeval tv = { .tv_sec = 2 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static char nl_buf[1 << 16] __attribute__((aligned(NLMSG_ALIGNTO)));

/*
 * Sends @req (a complete message) on @fd and hands every answer to
 * each(nlh, ctx) until the dump is done or a single answer came.
 * Return: 0, the negative error of NLMSG_ERROR (or of NLMSG_DONE), or
 * -errno of send/recv.
 */
static inline int nl_talk(int fd, struct nlmsghdr *req,
			  void (*each)(const struct nlmsghdr *, void *),
			  void *ctx)
{
	ssize_t n;

	req->nlmsg_flags |= NLM_F_REQUEST;
	req->nlmsg_seq = 4711;
	if (send(fd, req, req->nlmsg_len, 0) != (ssize_t)req->nlmsg_len)
		return -errno;
	for (;;) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)nl_buf;

		n = recv(fd, nl_buf, sizeof(nl_buf), 0);
		if (n < 0)
			return -errno;
		for (; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != req->nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(nlh))
					->error;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return nlh->nlmsg_len >= NLMSG_LENGTH(
								 sizeof(int)) ?
					       *(int *)NLMSG_DATA(nlh) :
					       0;
			each(nlh, ctx);
			if (!(nlh->nlmsg_flags & NLM_F_MULTI))
				return 0;
		}
	}
}

#endif /* VS_ATTACK_NET_H */
