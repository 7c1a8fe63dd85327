// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - sock_diag (what `ss` reads)
 *
 * Netlink sock_diag answers like /proc/net/tcp: a socket shows to a
 * reader of its own network context, the spectator (nid 1) sees all, the
 * host (nid 0) sees host sockets only.
 *
 *   host: 127.0.0.1:P1   guest A (nid 2070): 192.0.2.70:P2 (vsatk0)
 *                        guest B (nid 2071): 198.51.100.71:P3 (vsatk1)
 *   dump TCP, UDP from A: P2 only; spectator: all; host: P1 only
 *   exact query for B's listener from A or the host: ENOENT
 *   AF_INET6, raw (ICMP) and AF_UNIX dumps: the same rule
 *
 * Sockets are recognised by their inode numbers.  Every refusal stands
 * next to a reader that sees the same socket with the same request.
 */

#define _GNU_SOURCE
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stddef.h>
#include <sys/un.h>

#include "attack_net.h"
#include "kselftest_harness.h"

#define NID_A 2070
#define NID_B 2071
#define ID_UNIX 2072 /* xid and nid */

#define P1 27001
#define P2 27002
#define P3 27003

#define HOST_NAME "vsatk-diag-host"
#define GUEST_NAME "vsatk-diag-guest"

/* Bits of a dump's result: which of up to three sockets it showed. */
#define SEEN_HOST 1
#define SEEN_A 2
#define SEEN_B 4
#define BAD_DUMP 99

struct inet_dump {
	struct inet_diag_req_v2 req;
	uint32_t ino[3]; /* SEEN_HOST, SEEN_A, SEEN_B */
	int seen;
};

static void note_inet(const struct nlmsghdr *nlh, void *ctx)
{
	const struct inet_diag_msg *m = NLMSG_DATA(nlh);
	struct inet_dump *d = ctx;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return;
	for (int i = 0; i < 3; i++)
		if (d->ino[i] && m->idiag_inode == d->ino[i])
			d->seen |= 1 << i;
}

/* Which of d->ino a NLM_F_DUMP of d->req shows; BAD_DUMP on an error. */
static int dump_inet(const void *arg)
{
	struct inet_dump d = *(const struct inet_dump *)arg;
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg = {
		.nlh = { .nlmsg_len = sizeof(msg),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_DUMP },
		.req = d.req,
	};
	int fd = nl_open(NETLINK_SOCK_DIAG);

	if (fd < 0 || nl_talk(fd, &msg.nlh, note_inet, &d))
		return BAD_DUMP;
	return d.seen;
}

static struct inet_dump dump_of(int family, int protocol, int host, int a,
				int b)
{
	struct inet_dump d = {
		.req = { .sdiag_family = family,
			 .sdiag_protocol = protocol,
			 .idiag_states = ~0U },
		.ino = { host >= 0 ? inode_of(host) : 0,
			 a >= 0 ? inode_of(a) : 0, b >= 0 ? inode_of(b) : 0 },
	};

	return d;
}

FIXTURE(diag)
{
	int fd[3]; /* the host's, A's and B's socket */
};

FIXTURE_SETUP(diag)
{
	for (int i = 0; i < 3; i++)
		self->fd[i] = -1;
	/* What a failed setup left (its teardown does not run). */
	end_ctx(ID_UNIX);
	for (uint32_t nid = NID_A; nid <= ID_UNIX; nid++)
		vs_end_persistent_net(nid);
	ASSERT_EQ(0, add_dummy("vsatk0", "192.0.2.70/24"));
	ASSERT_EQ(0, add_dummy("vsatk1", "198.51.100.71/24"));
	/* A may make raw ICMP sockets, for a socket of its own to see. */
	ASSERT_EQ(0, make_guest(NID_A, 0, NXC_RAW_ICMP, "192.0.2.70"));
	ASSERT_EQ(0, make_guest(NID_B, 0, 0, "198.51.100.71"));
	ASSERT_EQ(0, make_guest(ID_UNIX, 0, 0, NULL));
	ASSERT_EQ(0, create_ctx(ID_UNIX, 0));
}

FIXTURE_TEARDOWN(diag)
{
	for (int i = 0; i < 3; i++)
		if (self->fd[i] >= 0)
			close(self->fd[i]);
	end_ctx(ID_UNIX);
	for (uint32_t nid = NID_A; nid <= ID_UNIX; nid++)
		vs_end_persistent_net(nid);
	del_dummy("vsatk0");
	del_dummy("vsatk1");
}

/* The host's, A's and B's sockets of @type on their addresses. */
static void open_three(int *fd, int type)
{
	fd[0] = socket_in(0, AF_INET, type, 0, "127.0.0.1", P1);
	fd[1] = socket_in(NID_A, AF_INET, type, 0, "192.0.2.70", P2);
	fd[2] = socket_in(NID_B, AF_INET, type, 0, "198.51.100.71", P3);
}

/* A dump of @protocol seen from A, B, the spectator and the host. */
static void check_dumps(struct __test_metadata *_metadata, const int *fd,
			int protocol)
{
	struct inet_dump d = dump_of(AF_INET, protocol, fd[0], fd[1], fd[2]);

	ASSERT_LE(0, fd[0]);
	ASSERT_LE(0, fd[1]);
	ASSERT_LE(0, fd[2]);
	EXPECT_EQ(SEEN_HOST | SEEN_A | SEEN_B,
		  in_nid(NX_ID_SPECTATOR, dump_inet, &d));
	EXPECT_EQ(SEEN_A, in_nid(NID_A, dump_inet, &d));
	EXPECT_EQ(SEEN_B, in_nid(NID_B, dump_inet, &d));
	EXPECT_EQ(SEEN_HOST, in_nid(0, dump_inet, &d));
}

TEST_F(diag, tcp_dump_shows_the_readers_own_sockets)
{
	open_three(self->fd, SOCK_STREAM);
	check_dumps(_metadata, self->fd, IPPROTO_TCP);
}

TEST_F(diag, udp_dump_shows_the_readers_own_sockets)
{
	open_three(self->fd, SOCK_DGRAM);
	check_dumps(_metadata, self->fd, IPPROTO_UDP);
}

/*
 * An exact query (no NLM_F_DUMP) for a listener: 0 if it answered with
 * that socket, else the errno of the answer (BAD_DUMP: anything else).
 */
struct query {
	__be32 addr;
	int port;
	uint32_t ino;
};

static void note_answer(const struct nlmsghdr *nlh, void *ctx)
{
	const struct inet_diag_msg *m = NLMSG_DATA(nlh);

	if (nlh->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
	    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*m)))
		*(uint32_t *)ctx = m->idiag_inode;
}

static int query_listener(const void *arg)
{
	const struct query *q = arg;
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg = {
		.nlh = { .nlmsg_len = sizeof(msg),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY },
		.req = {
			.sdiag_family = AF_INET,
			.sdiag_protocol = IPPROTO_TCP,
			.idiag_states = ~0U,
			.id = {
				.idiag_sport = htons(q->port),
				.idiag_src = { q->addr },
				.idiag_cookie = { INET_DIAG_NOCOOKIE,
						  INET_DIAG_NOCOOKIE },
			},
		},
	};
	int fd = nl_open(NETLINK_SOCK_DIAG), err;
	uint32_t ino = 0;

	if (fd < 0)
		return BAD_DUMP;
	err = nl_talk(fd, &msg.nlh, note_answer, &ino);
	if (err)
		return err < 0 && -err < BAD_DUMP ? -err : BAD_DUMP;
	return ino == q->ino ? 0 : BAD_DUMP;
}

TEST_F(diag, exact_query_finds_only_own_sockets)
{
	struct query a = { .port = P2 }, b = { .port = P3 };

	open_three(self->fd, SOCK_STREAM);
	ASSERT_LE(0, self->fd[1]);
	ASSERT_LE(0, self->fd[2]);
	inet_pton(AF_INET, "192.0.2.70", &a.addr);
	inet_pton(AF_INET, "198.51.100.71", &b.addr);
	a.ino = inode_of(self->fd[1]);
	b.ino = inode_of(self->fd[2]);
	/* The request is exact: the spectator and B get B's listener. */
	EXPECT_EQ(0, in_nid(NX_ID_SPECTATOR, query_listener, &b));
	EXPECT_EQ(0, in_nid(NID_B, query_listener, &b));
	EXPECT_EQ(ENOENT, in_nid(NID_A, query_listener, &b));
	EXPECT_EQ(ENOENT, in_nid(0, query_listener, &b));
	EXPECT_EQ(0, in_nid(NID_A, query_listener, &a));
}

TEST_F(diag, ipv6_dump_shows_the_readers_own_sockets)
{
	struct inet_dump d;

	self->fd[0] = socket_in(0, AF_INET6, SOCK_STREAM, 0, "::1", P1);
	/* A's own: a dual-stack wildcard listener, the one it may bind. */
	self->fd[1] = socket_in(NID_A, AF_INET6, SOCK_STREAM, 0, "::", P2);
	ASSERT_LE(0, self->fd[0]);
	ASSERT_LE(0, self->fd[1]);
	d = dump_of(AF_INET6, IPPROTO_TCP, self->fd[0], self->fd[1], -1);
	EXPECT_EQ(SEEN_HOST | SEEN_A, in_nid(NX_ID_SPECTATOR, dump_inet, &d));
	EXPECT_EQ(SEEN_A, in_nid(NID_A, dump_inet, &d));
	EXPECT_EQ(SEEN_HOST, in_nid(0, dump_inet, &d));
}

TEST_F(diag, raw_dump_shows_the_readers_own_sockets)
{
	struct inet_dump d;
	/*
	 * sdiag_protocol IPPROTO_RAW selects raw_diag, the raw protocol goes
	 * in sdiag_raw_protocol (struct inet_diag_req_raw).  Not the
	 * INET_DIAG_REQ_PROTOCOL attribute: that selects the handler, and
	 * ICMP has none (ENOENT even for the host).
	 */
	struct inet_diag_req_raw *raw = (struct inet_diag_req_raw *)&d.req;

	self->fd[0] = socket_in(0, AF_INET, SOCK_RAW, IPPROTO_ICMP, NULL, 0);
	self->fd[1] =
		socket_in(NID_A, AF_INET, SOCK_RAW, IPPROTO_ICMP, NULL, 0);
	ASSERT_LE(0, self->fd[0]);
	ASSERT_LE(0, self->fd[1]);
	d = dump_of(AF_INET, IPPROTO_RAW, self->fd[0], self->fd[1], -1);
	raw->sdiag_raw_protocol = IPPROTO_ICMP;
	EXPECT_EQ(SEEN_HOST | SEEN_A, in_nid(NX_ID_SPECTATOR, dump_inet, &d));
	EXPECT_EQ(SEEN_A, in_nid(NID_A, dump_inet, &d));
	EXPECT_EQ(SEEN_HOST, in_nid(0, dump_inet, &d));
}

/*
 * Unix sockets: which of two names and two inodes the reader saw in a
 * dump, and which inodes an exact query (by inode) found.
 */
#define HOST_NAME_SEEN 1
#define HOST_INO_SEEN 2
#define OWN_NAME_SEEN 4
#define OWN_INO_SEEN 8
#define HOST_INO_FOUND 16
#define OWN_INO_FOUND 32

struct unix_dump {
	uint32_t host_ino;
	bool bind_own; /* bind GUEST_NAME before the dump */
	uint32_t own_ino;
	int seen;
};

static bool has_name(const struct rtattr *rta, const char *name)
{
	size_t len = strlen(name);

	/* An abstract name: its leading NUL, then the name, no NUL after. */
	return rta->rta_type == UNIX_DIAG_NAME && RTA_PAYLOAD(rta) == len + 1 &&
	       !((const char *)RTA_DATA(rta))[0] &&
	       !memcmp((const char *)RTA_DATA(rta) + 1, name, len);
}

static void note_unix(const struct nlmsghdr *nlh, void *ctx)
{
	const struct unix_diag_msg *m = NLMSG_DATA(nlh);
	struct unix_dump *u = ctx;
	const struct rtattr *rta;
	int len;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return;
	if (m->udiag_ino == u->host_ino)
		u->seen |= HOST_INO_SEEN;
	if (u->own_ino && m->udiag_ino == u->own_ino)
		u->seen |= OWN_INO_SEEN;
	len = nlh->nlmsg_len - NLMSG_LENGTH(sizeof(*m));
	rta = (const struct rtattr *)((const char *)m +
				      NLMSG_ALIGN(sizeof(*m)));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (has_name(rta, HOST_NAME))
			u->seen |= HOST_NAME_SEEN;
		if (has_name(rta, GUEST_NAME))
			u->seen |= OWN_NAME_SEEN;
	}
}

/* A listening unix stream socket on the abstract @name, or -1. */
static int abstract_listener(const char *name)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len =
		offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memcpy(sun.sun_path + 1, name, strlen(name));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, len) || listen(fd, 1))
		return -1;
	return fd;
}

/* A unix_diag request: a dump, or (@ino not 0) the socket of that inode. */
static int ask_unix(struct unix_dump *u, uint32_t ino)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} msg = {
		.nlh = { .nlmsg_len = sizeof(msg),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = ino ? 0 : NLM_F_DUMP },
		.req = { .sdiag_family = AF_UNIX,
			 .udiag_states = ~0U,
			 .udiag_ino = ino,
			 .udiag_show = UDIAG_SHOW_NAME,
			 .udiag_cookie = { INET_DIAG_NOCOOKIE,
					   INET_DIAG_NOCOOKIE } },
	};
	int fd = nl_open(NETLINK_SOCK_DIAG), err;

	if (fd < 0)
		return -EBADF;
	err = nl_talk(fd, &msg.nlh, note_unix, u);
	close(fd);
	return err;
}

/*
 * What a reader sees of HOST_NAME and GUEST_NAME (bound first if
 * bind_own) in a dump, and finds by inode; BAD_DUMP on another error.
 */
static int probe_unix(const void *arg)
{
	struct unix_dump u = *(const struct unix_dump *)arg;
	int own, err;

	if (u.bind_own) {
		own = abstract_listener(GUEST_NAME);
		if (own < 0)
			return BAD_DUMP;
		u.own_ino = inode_of(own);
	}
	if (ask_unix(&u, 0))
		return BAD_DUMP;
	/* Exact queries answer the socket, or ENOENT if not the reader's. */
	err = ask_unix(&u, u.host_ino);
	if (!err)
		u.seen |= HOST_INO_FOUND;
	else if (err != -ENOENT)
		return BAD_DUMP;
	if (u.own_ino && !ask_unix(&u, u.own_ino))
		u.seen |= OWN_INO_FOUND;
	return u.seen;
}

TEST_F(diag, unix_diag_shows_the_readers_own_sockets)
{
	struct unix_dump host = { 0 }, guest = { .bind_own = true };

	self->fd[0] = abstract_listener(HOST_NAME);
	ASSERT_LE(0, self->fd[0]);
	host.host_ino = guest.host_ino = inode_of(self->fd[0]);
	EXPECT_EQ(HOST_NAME_SEEN | HOST_INO_SEEN | HOST_INO_FOUND,
		  in_nid(0, probe_unix, &host));
	/* A security and network context: neither the name nor the inode. */
	EXPECT_EQ(OWN_NAME_SEEN | OWN_INO_SEEN | OWN_INO_FOUND,
		  in_ids(ID_UNIX, ID_UNIX, probe_unix, &guest));
}

/*
 * /proc/net/tcp and a sock_diag socket opened on the host before a
 * migration: what they show is the reader's view at the time it reads.
 */
static int read_after_migrating(const void *arg)
{
	const int *fd = arg;
	struct inet_dump d = dump_of(AF_INET, IPPROTO_TCP, fd[0], fd[1], -1);
	char buf[8192];
	int tcp = open("/proc/net/tcp", O_RDONLY);
	ssize_t n;

	if (tcp < 0)
		return 10;
	n = pread(tcp, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 11;
	buf[n] = '\0';
	/* The host's own view first: its listener, not A's. */
	if (!strstr(buf, ":6979 ") || strstr(buf, ":697A "))
		return 12;
	if (vs_call(VCMD_net_migrate, NID_A, NULL))
		return NOT_ENTERED;
	n = pread(tcp, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 13;
	buf[n] = '\0';
	if (strstr(buf, ":6979 ") || !strstr(buf, ":697A "))
		return 14;
	return dump_inet(&d) == SEEN_A ? 0 : 15;
}

TEST_F(diag, files_opened_before_a_migration_show_the_new_view)
{
	pid_t pid;
	int status;

	self->fd[0] = socket_in(0, AF_INET, SOCK_STREAM, 0, "127.0.0.1", P1);
	self->fd[1] =
		socket_in(NID_A, AF_INET, SOCK_STREAM, 0, "192.0.2.70", P2);
	ASSERT_LE(0, self->fd[0]);
	ASSERT_LE(0, self->fd[1]);
	pid = fork();
	if (pid == 0)
		_exit(read_after_migrating(self->fd));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
