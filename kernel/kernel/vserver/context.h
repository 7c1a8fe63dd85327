/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - security contexts: global counters
 */

#ifndef _VSERVER_CONTEXT_H
#define _VSERVER_CONTEXT_H

#include <linux/atomic.h>

/**
 * struct vx_global_stats - counters shown in /proc/virtual/status
 * @contexts_total: context objects allocated and not yet freed
 * @contexts_active: contexts that can be looked up by id
 */
struct vx_global_stats {
	atomic_t contexts_total;
	atomic_t contexts_active;
};

extern struct vx_global_stats vx_global_stats;

#endif /* _VSERVER_CONTEXT_H */
