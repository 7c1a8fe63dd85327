/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the task blob: which contexts a task is in
 */

#ifndef _VSERVER_TASK_H
#define _VSERVER_TASK_H

#include <linux/jump_label.h>
#include <linux/sched.h>
#include <linux/vserver.h>
#include <uapi/vserver/switch.h>

#include "context.h"
#include "network.h"
#include "setup.h"

/**
 * struct vs_member - a task's place in one kind of context
 * @obj: the context, or NULL on the host and for the spectator; holds a
 *	reference until the blob is freed.  Written only by the task
 *	itself (migration) or before it runs (fork); others read it with
 *	READ_ONCE() under RCU, contexts being freed after a grace period.
 * @claim: the context in which the task counts as a task (@obj's
 *	claim), until the task exits or leaves; taken with xchg() so that
 *	do_exit() and the blob's free never both drop it
 * @id: 0 on the host, 1 for the spectator, else @obj's id
 */
struct vs_member {
	struct vs_object *obj;
	struct vs_object *claim;
	u32 id;
};

/**
 * struct vs_task - per-task state, the LSM task blob
 * @vx: the security context (xid)
 * @nx: the network context (nid); NULL means every address
 * @tag: what the files the task creates on a tagged filesystem carry and
 *	which of them it may open: the xid when it enters a context, 0 on
 *	the host and for the spectator, or what tag_migrate set
 * @lock_resv: lock records the task reserved under @lock_resv_vxi's
 *	LOCKS limit and is about to insert, under the inode's flc_lock
 * @lock_resv_vxi: the context of that reservation
 */
struct vs_task {
	struct vs_member vx;
	struct vs_member nx;
	u32 tag;
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
	return READ_ONCE(vs_task(p)->vx.id);
}

/* The nid of a task, as for vs_task_xid(). */
static inline u32 vs_task_nid(const struct task_struct *p)
{
	return READ_ONCE(vs_task(p)->nx.id);
}

/* The tag of a task, as for vs_task_xid(). */
static inline u32 vs_task_tag(const struct task_struct *p)
{
	return READ_ONCE(vs_task(p)->tag);
}

/* The security context of a task, under RCU or for current. */
static inline struct vx_info *vs_task_vxi(const struct task_struct *p)
{
	struct vs_object *obj = READ_ONCE(vs_task(p)->vx.obj);

	return obj ? vx_of(obj) : NULL;
}

static inline struct vx_info *vs_current_vxi(void)
{
	return vs_task_vxi(current);
}

/* The network context of a task, as for vs_task_vxi(). */
static inline struct nx_info *vs_task_nxi(const struct task_struct *p)
{
	struct vs_object *obj = READ_ONCE(vs_task(p)->nx.obj);

	return obj ? nx_of(obj) : NULL;
}

static inline struct nx_info *vs_current_nxi(void)
{
	return vs_task_nxi(current);
}

/**
 * vs_charge_current - charge one object to current's context
 * @id: the limit
 * @owner: where the object remembers whom to uncharge: a reference to
 *	the context, or NULL for a host task
 *
 * Each charged object remembers the context it was charged to, so that
 * the uncharge goes to the same context even when another task (or a
 * kworker) frees it, or the creator has migrated since.
 *
 * Return: false at the hard limit (@owner untouched).
 */
static inline bool vs_charge_current(unsigned int id, struct vx_info **owner)
{
	struct vx_info *vxi;

	if (!static_branch_unlikely(&vs_active))
		return true;
	vxi = vs_current_vxi();
	if (!vxi)
		return true;
	if (!vx_lim_charge(&vxi->limits.res[id], 1))
		return false;
	*owner = vx_get(vxi);
	return true;
}

void vs_task_set_context(struct vx_info *vxi, u32 xid);
void vs_task_set_network(struct nx_info *nxi, u32 nid);
int vs_task_apply_bcaps(u64 bcaps);
long vs_task_id(u32 pid, u32 (*id_of)(const struct task_struct *p));
long vx_kill_all(struct vx_info *vxi, int sig, pid_t spare);

void __init vs_add_task_hooks(void);

#endif /* _VSERVER_TASK_H */
