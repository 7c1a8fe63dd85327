/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer integration tests - per-context limits from the host and
 * from inside: set, read, wait for a value to settle, enter, kill.
 */

#ifndef _VS_LIMITS_H
#define _VS_LIMITS_H

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <vserver/context_cmd.h>
#include <vserver/limit_cmd.h>
#include <vserver/signal_cmd.h>

#include "vs_common.h"

static inline long set_limit(uint32_t xid, uint32_t id, uint64_t soft,
			     uint64_t hard)
{
	struct vcmd_ctx_rlimit_v0 vc = {
		.id = id,
		.minimum = CRLIM_KEEP,
		.softlimit = soft,
		.maximum = hard,
	};

	return vs_call(VCMD_set_rlimit, xid, &vc);
}

static inline long limit_stat(uint32_t xid, uint32_t id,
			      struct vcmd_rlimit_stat_v0 *st)
{
	memset(st, 0, sizeof(*st));
	st->id = id;
	return vs_call(VCMD_rlimit_stat, xid, st);
}

/* The current value of a limit, or -1. */
static inline long long limit_value(uint32_t xid, uint32_t id)
{
	struct vcmd_rlimit_stat_v0 st;

	return limit_stat(xid, id, &st) ? -1 : (long long)st.value;
}

/* Waits up to 5 s for a limit's value to drop to 0 (exit, __fput). */
static inline long long limit_settles(uint32_t xid, uint32_t id)
{
	long long v = -1;
	int i;

	for (i = 0; i < 500; i++) {
		v = limit_value(xid, id);
		if (v == 0)
			break;
		usleep(10000);
	}
	return v;
}

/*
 * RSS is the memory cgroup's usage, which keeps the per-cpu batches it
 * charged ahead (up to 64 pages a cpu) after the tasks are gone: waits up
 * to 5 s for it to drop below @below pages.
 */
static inline long long limit_settles_below(uint32_t xid, uint32_t id,
					    long long below)
{
	long long v = -1;
	int i;

	for (i = 0; i < 500; i++) {
		v = limit_value(xid, id);
		if (v >= 0 && v < below)
			break;
		usleep(10000);
	}
	return v;
}

/* The current value of a limit of the caller's own context. */
static inline long own_value(uint32_t id)
{
	struct vcmd_rlimit_stat_v0 st = { .id = id };

	return vs_call(VCMD_rlimit_stat, -1, &st) ? -1 : (long)st.value;
}

static inline void kill_ctx(uint32_t xid)
{
	struct vcmd_ctx_kill_v0 vc = { .pid = 0, .sig = SIGKILL };

	vs_call(VCMD_ctx_kill, xid, &vc);
}

static inline int enter_ctx(uint32_t xid)
{
	struct vcmd_ctx_migrate vc = { 0 };

	return vs_call(VCMD_ctx_migrate, xid, &vc) ? -1 : 0;
}

#endif /* _VS_LIMITS_H */
