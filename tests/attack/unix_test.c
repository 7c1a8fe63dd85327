// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - the abstract unix socket namespace
 *
 * An abstract name belongs to the (security, network) context pair it
 * was bound in: xid >= 2 or 0, nid >= 2 or 0.  So
 *
 *   host: listen on @vs-attack-host <--connect-- guest: ECONNREFUSED
 *   host, guest A, guest B: each bind @vs-attack-same, each client
 *                           reaches the server of its own context
 *   /proc/net/unix lists the abstract names of the reader's context only
 *
 * Sockets bound to a path are files: a guest that can reach the file
 * connects as before.
 */

#define _GNU_SOURCE
#include <stddef.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "attack.h"
#include "kselftest_harness.h"

#define XID_A 2030
#define XID_B 2031
#define NID_B 2031
#define NID_ONLY 2032

#define HOST_NAME "vs-attack-host"
#define HOST_DGRAM "vs-attack-host-dgram"
#define SAME_NAME "vs-attack-same"
#define HOST_LISTED "vs-attack-host-listed"
#define GUEST_LISTED "vs-attack-guest-listed"
#define SOCK_PATH "/tmp/vs-attack-unix.sock"

struct peer {
	uint32_t xid;
	uint32_t nid;
	const char *token; /* what its server answers */
};

static const struct peer host = { 0, 0, "host" };

/* Tasks of other contexts than the host's. */
static const struct peer guests[] = {
	{ XID_A, 0, "guest A (security context)" },
	{ XID_B, NID_B, "guest B (security and network context)" },
	{ 0, NID_ONLY, "network context only" },
};

/* @name in the abstract namespace, or a path if it starts with '/'. */
static socklen_t unix_addr(struct sockaddr_un *sun, const char *name)
{
	size_t len = strlen(name);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (name[0] == '/') {
		memcpy(sun->sun_path, name, len + 1);
		return offsetof(struct sockaddr_un, sun_path) + len + 1;
	}
	memcpy(sun->sun_path + 1, name, len);
	return offsetof(struct sockaddr_un, sun_path) + 1 + len;
}

/* A socket of @type bound to @name (listening if a stream), or -1. */
static int bound_socket(int type, const char *name)
{
	struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, name);
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sun, len) ||
	    (type == SOCK_STREAM && listen(fd, 8))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A stream socket connected to @name, or -1 with errno. */
static int connect_to(const char *name)
{
	struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, name);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	int err;

	if (fd < 0 || !connect(fd, (struct sockaddr *)&sun, len))
		return fd;
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

static ssize_t send_to(const char *name)
{
	struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, name);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	if (fd < 0)
		return -1;
	return sendto(fd, "x", 1, 0, (struct sockaddr *)&sun, len);
}

static void probe_connects(const void *name)
{
	CHECK_AT(connect_to(name) >= 0, (const char *)name);
}

static void probe_connect_refused(const void *name)
{
	CHECK_ERRNO_AT(connect_to(name), ECONNREFUSED, (const char *)name);
}

static void probe_sends(const void *name)
{
	CHECK_AT(send_to(name) == 1, (const char *)name);
}

static void probe_send_refused(const void *name)
{
	CHECK_ERRNO_AT(send_to(name), ECONNREFUSED, (const char *)name);
}

FIXTURE(contexts)
{
	pid_t servers[4];
};

FIXTURE_SETUP(contexts)
{
	ASSERT_EQ(0, create_ctx(XID_A, 0));
	ASSERT_EQ(0, create_ctx(XID_B, 0));
	ASSERT_EQ(0, create_net(NID_B, 0));
	ASSERT_EQ(0, create_net(NID_ONLY, 0));
}

FIXTURE_TEARDOWN(contexts)
{
	end_ctx(XID_A);
	end_ctx(XID_B);
	for (unsigned int i = 0; i < ARRAY_SIZE(self->servers); i++) {
		if (self->servers[i] > 0) {
			kill(self->servers[i], SIGKILL);
			waitpid(self->servers[i], NULL, 0);
		}
	}
	vs_end_persistent_net(NID_B);
	vs_end_persistent_net(NID_ONLY);
	unlink(SOCK_PATH);
}

TEST_F(contexts, guests_do_not_reach_a_host_abstract_listener)
{
	int srv = bound_socket(SOCK_STREAM, HOST_NAME);

	ASSERT_LE(0, srv);
	EXPECT_EQ(0, on_host(probe_connects, HOST_NAME));
	for (unsigned int i = 0; i < ARRAY_SIZE(guests); i++) {
		EXPECT_EQ(0, run_in(guests[i].xid, guests[i].nid,
				    probe_connect_refused, HOST_NAME))
		TH_LOG("%s", guests[i].token);
	}
	close(srv);
}

TEST_F(contexts, guests_do_not_send_to_a_host_abstract_datagram_socket)
{
	int srv = bound_socket(SOCK_DGRAM, HOST_DGRAM);
	char c;

	ASSERT_LE(0, srv);
	EXPECT_EQ(0, on_host(probe_sends, HOST_DGRAM));
	EXPECT_EQ(1, recv(srv, &c, 1, MSG_DONTWAIT));
	for (unsigned int i = 0; i < ARRAY_SIZE(guests); i++) {
		EXPECT_EQ(0, run_in(guests[i].xid, guests[i].nid,
				    probe_send_refused, HOST_DGRAM))
		TH_LOG("%s", guests[i].token);
	}
	/* Nothing more arrived. */
	EXPECT_EQ(-1, recv(srv, &c, 1, MSG_DONTWAIT));
	close(srv);
}

/*
 * A server in @p's contexts on SAME_NAME that answers one client with
 * its token.  *err gets the errno of bind or listen (0: serving).
 */
static pid_t serve(const struct peer *p, int *err)
{
	int ready[2];
	pid_t pid;
	char e = -1;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		int srv, conn;

		close(ready[0]);
		if (enter(p->xid, p->nid))
			_exit(2);
		srv = bound_socket(SOCK_STREAM, SAME_NAME);
		e = srv < 0 ? errno : 0;
		if (write(ready[1], &e, 1) != 1 || srv < 0)
			_exit(1);
		conn = accept(srv, NULL, NULL);
		if (conn < 0 || write(conn, p->token, strlen(p->token)) < 0)
			_exit(1);
		close(conn);
		_exit(0);
	}
	close(ready[1]);
	if (read(ready[0], &e, 1) != 1)
		e = -1;
	close(ready[0]);
	*err = e;
	return pid;
}

static void probe_reaches_own_server(const void *token)
{
	char answer[64] = "";
	int fd = connect_to(SAME_NAME);

	CHECK(fd >= 0);
	CHECK(read(fd, answer, sizeof(answer) - 1) > 0);
	CHECK_AT(!strcmp(answer, token), answer);
}

/* The exit status of a server that should be done by now, -1 if not. */
static int served(pid_t pid)
{
	int status;

	for (int i = 0; i < 200; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		usleep(10000);
	}
	return -1;
}

TEST_F(contexts, each_context_binds_the_same_abstract_name)
{
	const struct peer *peers[] = { &host, &guests[0], &guests[1],
				       &guests[2] };
	int err, status;

	for (unsigned int i = 0; i < ARRAY_SIZE(peers); i++) {
		self->servers[i] = serve(peers[i], &err);
		ASSERT_LT(0, self->servers[i]);
		EXPECT_EQ(0, err)
		TH_LOG("bind in %s", peers[i]->token);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(peers); i++) {
		EXPECT_EQ(0, run_in(peers[i]->xid, peers[i]->nid,
				    probe_reaches_own_server, peers[i]->token))
		TH_LOG("client in %s", peers[i]->token);
		status = served(self->servers[i]);
		EXPECT_EQ(0, status)
		TH_LOG("server in %s", peers[i]->token);
		if (status >= 0)
			self->servers[i] = 0;
	}
}

/* /proc/net/unix, read whole. */
static void read_proc_net_unix(char *buf, size_t size)
{
	int fd = open("/proc/net/unix", O_RDONLY);
	size_t len = 0;
	ssize_t n;

	while (fd >= 0 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	if (fd >= 0)
		close(fd);
}

static bool lists(const char *table, const char *name)
{
	char line_end[64];

	snprintf(line_end, sizeof(line_end), " @%s\n", name);
	return strstr(table, line_end);
}

static char table[1 << 18];

TEST_F(contexts, proc_net_unix_lists_the_readers_own_names)
{
	int host_fd = bound_socket(SOCK_STREAM, HOST_LISTED);
	int ready[2], done[2], status;
	pid_t guest;
	char c;

	ASSERT_LE(0, host_fd);
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(done));
	guest = fork();
	if (guest == 0) {
		close(ready[0]);
		close(done[1]);
		CHECK(enter(XID_A, 0) == 0);
		CHECK(bound_socket(SOCK_STREAM, GUEST_LISTED) >= 0);
		read_proc_net_unix(table, sizeof(table));
		CHECK(lists(table, GUEST_LISTED));
		CHECK(!lists(table, HOST_LISTED));
		CHECK(write(ready[1], "r", 1) == 1);
		/* Keeps its socket until the host has looked. */
		CHECK(read(done[0], &c, 1) == 0);
		_exit(0);
	}
	close(ready[1]);
	close(done[0]);
	EXPECT_EQ(1, read(ready[0], &c, 1));
	read_proc_net_unix(table, sizeof(table));
	EXPECT_TRUE(lists(table, HOST_LISTED));
	EXPECT_FALSE(lists(table, GUEST_LISTED));
	close(done[1]);
	ASSERT_EQ(guest, waitpid(guest, &status, 0));
	EXPECT_EQ(0, status);
	close(ready[0]);
	close(host_fd);
}

TEST_F(contexts, guests_connect_to_pathname_sockets)
{
	int srv;

	unlink(SOCK_PATH);
	srv = bound_socket(SOCK_STREAM, SOCK_PATH);
	ASSERT_LE(0, srv);
	EXPECT_EQ(0, on_host(probe_connects, SOCK_PATH));
	for (unsigned int i = 0; i < ARRAY_SIZE(guests); i++) {
		EXPECT_EQ(0, run_in(guests[i].xid, guests[i].nid,
				    probe_connects, SOCK_PATH))
		TH_LOG("%s", guests[i].token);
	}
	close(srv);
}

TEST_HARNESS_MAIN
