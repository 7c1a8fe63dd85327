// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - security contexts (struct vx_info): the object
 *
 * Its id, references and claims are a vs_object's (object.c); creating,
 * entering and ending a context are commands (context_cmd.c).
 */

#include <linux/ktime.h>
#include <linux/memcontrol.h>
#include <linux/slab.h>
#include <linux/utsname.h>
#include <linux/vserver.h>

#include "context.h"

struct vs_object_table vx_table = {
	.ids = XARRAY_INIT(vx_table.ids, 0),
	.create_mutex = __MUTEX_INITIALIZER(vx_table.create_mutex),
	.key = &vs_active_off,
};

/**
 * vx_alloc - a new security context, not yet hashed
 * @xid: its id
 * @flags: its VXF_* flags
 * @ops: what it does when unhashed (context_cmd.c)
 *
 * Return: the context, with one reference and the creator's claim, or
 * NULL.
 */
struct vx_info *vx_alloc(u32 xid, u64 flags, const struct vs_object_ops *ops)
{
	struct vx_info *vxi = kzalloc(sizeof(*vxi), GFP_KERNEL_ACCOUNT);

	if (!vxi)
		return NULL;
	vs_object_init(&vxi->obj, &vx_table, ops, xid);
	spin_lock_init(&vxi->lock);
	vxi->flags = flags;
	vxi->bcaps = VX_BCAPS_FULL;
	vx_limits_init(&vxi->limits);
	vxi->created = ktime_get_boottime_ns();
	mutex_init(&vxi->load_lock);
	mutex_init(&vxi->space_lock);
	vxi->load_last = jiffies;
	init_waitqueue_head(&vxi->exit_wq);
	return vxi;
}

/* The last reference is gone: from vx_put(), in any context. */
void __vx_free(struct vx_info *vxi)
{
	vs_object_freed(&vxi->obj);
	/* Set only if the context was never hashed: unhashing drops it. */
	if (vxi->uts)
		put_uts_ns(vxi->uts);
	mem_cgroup_put(vxi->memcg);
	kfree_rcu(vxi, rcu);
}
