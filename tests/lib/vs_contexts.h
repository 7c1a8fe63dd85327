/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer integration tests - persistent contexts for a fixture
 *
 * ctx_create and net_create move the caller into the new context, so
 * these create it from a child: the test process stays on the host.
 */

#ifndef VS_CONTEXTS_H
#define VS_CONTEXTS_H

#include <sys/wait.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include "vs_common.h"

/* Runs cmd(id, data) in a child; 0 if it returned id. */
static inline int vs_create_in_child(uint32_t cmd, uint32_t id, void *data)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(vs_call(cmd, id, data) == id ? 0 : 1);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/*
 * Runs fn(arg) in a child that entered the context @xid; returns fn's
 * result (an errno or 0), or -1 if the child could not enter.
 */
static inline int vs_in_ctx(uint32_t xid, int (*fn)(const char *),
			    const char *arg)
{
	struct vcmd_ctx_migrate vc = { 0 };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (vs_call(VCMD_ctx_migrate, xid, &vc))
			_exit(255);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 255 ? -1 : WEXITSTATUS(status);
}

/* A persistent security context in its setup phase (VXF_INIT_SET). */
static inline int vs_create_persistent_ctx(uint32_t xid)
{
	struct vcmd_ctx_create vc = {
		.flagword = VXF_INIT_SET | VXF_PERSISTENT,
	};

	return vs_create_in_child(VCMD_ctx_create, xid, &vc);
}

/* Clears VXF_PERSISTENT: the context ends with its last task. */
static inline long vs_end_persistent_ctx(uint32_t xid)
{
	struct vcmd_ctx_flags_v0 vc = { .flagword = 0, .mask = VXF_PERSISTENT };

	return vs_call(VCMD_set_cflags, xid, &vc);
}

/* A persistent network context with the given flags. */
static inline int vs_create_persistent_net(uint32_t nid, uint64_t flags)
{
	struct vcmd_net_create vc = { .flagword = flags | NXF_PERSISTENT };

	return vs_create_in_child(VCMD_net_create, nid, &vc);
}

static inline long vs_end_persistent_net(uint32_t nid)
{
	struct vcmd_net_flags_v0 vc = { .flagword = 0, .mask = NXF_PERSISTENT };

	return vs_call(VCMD_set_nflags, nid, &vc);
}

#endif /* VS_CONTEXTS_H */
