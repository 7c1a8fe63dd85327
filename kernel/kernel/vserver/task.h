/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the task blob: which context a task is in
 */

#ifndef _VSERVER_TASK_H
#define _VSERVER_TASK_H

#include <linux/sched.h>
#include <uapi/vserver/switch.h>

#include "setup.h"

struct nx_info;
struct vx_info;

/**
 * struct vs_task - per-task state, the LSM task blob
 * @vxi: the task's context, or NULL on the host and for the spectator;
 *	holds a reference (usecnt) until the blob is freed.  Written only by
 *	the task itself (migration) or before it runs (fork); others read it
 *	with READ_ONCE() under RCU, vx_info being freed after a grace period.
 * @claim: the context in which the task counts as a task (@vxi's claim),
 *	until the task exits or leaves; taken with xchg() so that do_exit()
 *	and the blob's free never both drop it
 * @xid: 0 on the host, 1 for the spectator, else @vxi's id
 * @nxi: the task's network context, or NULL (every address); referenced
 *	and published like @vxi
 * @nclaim: the network context in which the task counts, like @claim
 * @nid: 0 on the host, 1 for the spectator, else @nxi's id
 * @tag: what the files the task creates on a tagged filesystem carry and
 *	which of them it may open: @xid when it enters a context, 0 on the
 *	host and for the spectator, or what tag_migrate set
 * @lock_resv: lock records the task reserved under @lock_resv_vxi's
 *	LOCKS limit and is about to insert, under the inode's flc_lock
 * @lock_resv_vxi: the context of that reservation
 */
struct vs_task {
	struct vx_info *vxi;
	struct vx_info *claim;
	u32 xid;
	u32 nid;
	u32 tag;
	struct nx_info *nxi;
	struct nx_info *nclaim;
	unsigned int lock_resv;
	struct vx_info *lock_resv_vxi;
};

static inline struct vs_task *vs_task(const struct task_struct *p)
{
	return p->security + vs_blob_sizes.lbs_task;
}

/* The xid of a task; safe for any task the caller holds or RCU-protects. */
static inline u32 vs_task_xid(const struct task_struct *p)
{
	return READ_ONCE(vs_task(p)->xid);
}

/* The tag of a task, as for vs_task_xid(). */
static inline u32 vs_task_tag(const struct task_struct *p)
{
	return READ_ONCE(vs_task(p)->tag);
}

static inline struct vx_info *vs_current_vxi(void)
{
	return vs_task(current)->vxi;
}

/* The nid of a task; safe for any task the caller holds or RCU-protects. */
static inline u32 vs_task_nid(const struct task_struct *p)
{
	return READ_ONCE(vs_task(p)->nid);
}

static inline struct nx_info *vs_current_nxi(void)
{
	return vs_task(current)->nxi;
}

int vs_task_apply_bcaps(u64 bcaps);
long vs_task_id(u32 pid, u32 (*id_of)(const struct task_struct *p));
int vs_task_enter(struct vx_info *vxi);
int vs_task_enter_spectator(void);
int vs_task_enter_network(struct nx_info *nxi);
void vs_task_enter_network_spectator(void);

#endif /* _VSERVER_TASK_H */
