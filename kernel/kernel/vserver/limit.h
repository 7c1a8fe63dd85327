/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - per-context resource limits
 *
 * Each resource of a context has a current value, low and high
 * watermarks, a soft and a hard limit and a hit counter.  Only the hard
 * limit refuses; the soft limit is advisory (shown, never enforced), as
 * in Linux-VServer 2.3.  Values are counts, pages for memory and bytes for
 * POSIX message queues.
 */

#ifndef _VSERVER_LIMIT_H
#define _VSERVER_LIMIT_H

#include <linux/atomic.h>
#include <linux/resource.h>
#include <linux/types.h>
#include <uapi/vserver/limit.h>

/**
 * struct vx_limit - one resource of one context
 * @cur: the current value
 * @rmin: lowest value since creation or the last reset_minmax
 * @rmax: highest value since creation or the last reset_minmax
 * @soft: advisory limit, %RLIM_INFINITY for none
 * @hard: the limit charges may not cross, %RLIM_INFINITY for none
 * @hits: how often the hard limit refused a charge
 */
struct vx_limit {
	atomic_long_t cur;
	atomic_long_t rmin;
	atomic_long_t rmax;
	unsigned long soft;
	unsigned long hard;
	atomic_t hits;
};

/**
 * struct vx_limits - every resource of one context
 * @res: indexed by RLIMIT_* and VLIMIT_* ids
 */
struct vx_limits {
	struct vx_limit res[NUM_LIMITS];
};

void vx_limits_init(struct vx_limits *lims);
bool vx_lim_exceeds(unsigned long cur, long n, unsigned long hard);
bool vx_lim_charge(struct vx_limit *l, long n);
bool vx_lim_avail(struct vx_limit *l, long n);
void vx_lim_add(struct vx_limit *l, long n);
void vx_lim_set(struct vx_limit *l, u64 soft, u64 hard);
void vx_lim_reset_minmax(struct vx_limit *l);
void vx_lim_watermarks(struct vx_limit *l, long val);
u64 vx_lim_to_user(unsigned long val);

#endif /* _VSERVER_LIMIT_H */
