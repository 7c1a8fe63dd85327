// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - security contexts: objects, ids, lifecycle, commands
 *
 * Lifecycle: a context is created hashed (findable by id) with one claim
 * held by the creating command.  Every task in it holds a claim; so does
 * VXF_PERSISTENT.  When the last claim goes, the context is unhashed (its
 * id is free again, wait_exit sleepers wake) and can never be claimed
 * again; the object itself lives until its last reference is put.
 */

#include <linux/jump_label.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vserver.h>
#include <linux/xarray.h>
#include <uapi/vserver/context_cmd.h>

#include "cmds.h"
#include "context.h"
#include "memcg.h"
#include "task.h"

struct vx_global_stats vx_global_stats;

/* Hashed contexts by id; readers use RCU, writers the xarray's lock. */
static DEFINE_XARRAY(vx_ids);

/* Serialises create against create, so EEXIST/EBUSY are exact. */
static DEFINE_MUTEX(vx_create_mutex);

/**
 * vx_valid_id - is @xid a valid id for a new context?
 * @xid: the id
 *
 * Return: true for 2..65535; 0 is the host and 1 the spectator.
 */
bool vx_valid_id(u32 xid)
{
	return xid >= VX_ID_MIN && xid <= VX_ID_MAX;
}

/**
 * vs_one_time_mask - which flag bits a set_cflags or set_nflags may change
 * @cur: the context's current flags
 * @mask: the caller's mask
 * @one_time: the bits that can only be cleared (%VXF_ONE_TIME, %NXF_ONE_TIME)
 *
 * Return: @mask, less the one-time bits already cleared.
 */
u64 vs_one_time_mask(u64 cur, u64 mask, u64 one_time)
{
	return (mask & ~one_time) | (mask & cur & one_time);
}

/* The same for security contexts (%VXF_ONE_TIME). */
u64 vx_flags_mask(u64 cur, u64 mask)
{
	return vs_one_time_mask(cur, mask, VXF_ONE_TIME);
}

/**
 * vx_masked_update - apply a masked write
 * @old: the old value
 * @val: the requested value
 * @mask: the bits to take from @val
 *
 * Return: @old with the bits of @mask taken from @val.
 */
u64 vx_masked_update(u64 old, u64 val, u64 mask)
{
	return (old & ~mask) | (val & mask);
}

struct vx_info *vx_get(struct vx_info *vxi)
{
	refcount_inc(&vxi->usecnt);
	return vxi;
}

void vx_put(struct vx_info *vxi)
{
	if (refcount_dec_and_test(&vxi->usecnt)) {
		atomic_dec(&vx_global_stats.contexts_total);
		vs_memcg_put(vxi);
		kfree_rcu(vxi, rcu);
	}
}

/**
 * vx_lookup - find a hashed context by id
 * @xid: the id
 *
 * Return: the context with a reference the caller must put, or NULL.
 */
static struct vx_info *vx_lookup_any(u32 xid)
{
	struct vx_info *vxi;

	rcu_read_lock();
	vxi = xa_load(&vx_ids, xid);
	if (vxi && !refcount_inc_not_zero(&vxi->usecnt))
		vxi = NULL;
	rcu_read_unlock();
	return vxi;
}

struct vx_info *vx_lookup(u32 xid)
{
	struct vx_info *vxi = vx_lookup_any(xid);

	/* A context whose last claim is gone is being unhashed: absent. */
	if (vxi && !vx_is_hashed(vxi)) {
		vx_put(vxi);
		vxi = NULL;
	}
	return vxi;
}

bool vx_is_hashed(const struct vx_info *vxi)
{
	return atomic_read(&vxi->tasks) > 0;
}

/**
 * vx_claim - count one more task (or the persistent flag) in a context
 * @vxi: the context
 *
 * Return: false if the context has already lost its last claim.
 */
bool vx_claim(struct vx_info *vxi)
{
	return atomic_inc_not_zero(&vxi->tasks);
}

/**
 * vx_release - drop a claim; the last one unhashes the context
 * @vxi: the context
 *
 * Safe in any context: the unhashing itself runs from a workqueue.
 */
void vx_release(struct vx_info *vxi)
{
	if (atomic_dec_and_test(&vxi->tasks))
		schedule_work(&vxi->unhash_work);
}

/* Process context: the id becomes free, sleepers wake, /proc entry goes. */
static void vx_unhash_work(struct work_struct *work)
{
	struct vx_info *vxi = container_of(work, struct vx_info, unhash_work);

	xa_erase(&vx_ids, vxi->xid);
	atomic_dec(&vx_global_stats.contexts_active);
	vs_proc_remove_context(vxi);
	vx_uts_release(vxi);
	vs_memcg_remove(vxi);
	WRITE_ONCE(vxi->unhashed, true);
	wake_up_all(&vxi->exit_wq);
	vs_key_put(&vs_active_off);
	/* The id table's reference. */
	vx_put(vxi);
}

static struct vx_info *vx_alloc(u32 xid, u64 flags)
{
	struct vx_info *vxi = kzalloc(sizeof(*vxi), GFP_KERNEL_ACCOUNT);

	if (!vxi)
		return NULL;
	vxi->xid = xid;
	refcount_set(&vxi->usecnt, 1);
	/* The creating command's claim. */
	atomic_set(&vxi->tasks, 1);
	spin_lock_init(&vxi->lock);
	vxi->flags = flags;
	vxi->bcaps = VX_BCAPS_FULL;
	vx_limits_init(&vxi->limits);
	vxi->created = ktime_get_boottime_ns();
	mutex_init(&vxi->load_lock);
	vxi->load_last = jiffies;
	init_waitqueue_head(&vxi->exit_wq);
	INIT_WORK(&vxi->unhash_work, vx_unhash_work);
	atomic_inc(&vx_global_stats.contexts_total);
	return vxi;
}

/* Takes or drops the persistent claim when VXF_PERSISTENT changes. */
static void vx_persistent_changed(struct vx_info *vxi, u64 old, u64 next)
{
	if ((next & ~old) & VXF_PERSISTENT)
		WARN_ON_ONCE(!vx_claim(vxi));
	else if ((old & ~next) & VXF_PERSISTENT)
		vx_release(vxi);
}

static long vx_create(u32 xid, u64 flags)
{
	struct vx_info *vxi, *old;
	int err;

	if (!vx_valid_id(xid))
		return -EINVAL;
	/*
	 * Unlike vs2.3, a guest cannot create a context: it would leave its
	 * own, and with it its limits and isolation.
	 */
	if (vs_task_xid(current) != VX_ID_HOST)
		return -EPERM;
	vxi = vx_alloc(xid, flags);
	if (!vxi)
		return -ENOMEM;
	err = vx_uts_create(vxi);
	if (err)
		goto out_free;

	mutex_lock(&vx_create_mutex);
	old = vx_lookup_any(xid);
	if (old && vx_is_hashed(old)) {
		err = (READ_ONCE(old->flags) & VXF_STATE_SETUP) ? -EBUSY :
								  -EEXIST;
		vx_put(old);
		mutex_unlock(&vx_create_mutex);
		goto out_free;
	}
	if (old) {
		/* Its last task is gone but it still holds the id: wait. */
		flush_work(&old->unhash_work);
		vx_put(old);
	}
	err = xa_insert(&vx_ids, xid, vxi, GFP_KERNEL);
	mutex_unlock(&vx_create_mutex);
	if (err)
		goto out_free;

	static_branch_inc(&vs_active);
	atomic_inc(&vx_global_stats.contexts_active);
	err = vs_proc_add_context(vxi);
	if (!err)
		err = vx_uts_enter(vxi);
	if (!err)
		err = vs_task_enter(vxi);
	if (!err)
		vs_memcg_enter(vxi);
	if (!err && (flags & VXF_PERSISTENT))
		vx_persistent_changed(vxi, 0, VXF_PERSISTENT);
	/* Drop the creating command's claim: the caller's now holds it. */
	vx_release(vxi);
	return err ? err : xid;

out_free:
	vx_uts_release(vxi);
	atomic_dec(&vx_global_stats.contexts_total);
	kfree(vxi);
	return err;
}

long vc_ctx_create_v0(const struct vs_call *call)
{
	return vx_create(call->id, VXF_INIT_SET);
}

long vc_ctx_create(const struct vs_call *call)
{
	struct vcmd_ctx_create vc = { .flagword = VXF_INIT_SET };

	if (call->data && copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	return vx_create(call->id, vc.flagword);
}

static long vx_migrate(struct vx_info *vxi, u64 vxm)
{
	u64 flags = READ_ONCE(vxi->flags);
	int err;

	if ((flags & VXF_INFO_PRIVATE) && !(flags & VXF_STATE_SETUP))
		return -EACCES;
	/* Before vs_task_enter() bounds the caller's capabilities. */
	err = vx_uts_enter(vxi);
	if (err)
		return err;
	err = vs_task_enter(vxi);
	if (err)
		return err;
	vs_memcg_enter(vxi);
	if (vxm & VXM_SET_INIT)
		WRITE_ONCE(vxi->initpid, task_tgid_nr(current));
	if (vxm & VXM_SET_REAPER)
		current->signal->is_child_subreaper = 1;
	return 0;
}

long vc_ctx_migrate_v0(const struct vs_call *call)
{
	return vx_migrate(call->vxi, 0);
}

long vc_ctx_migrate(const struct vs_call *call)
{
	struct vcmd_ctx_migrate vc = { 0 };

	if (call->data && copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	return vx_migrate(call->vxi, vc.flagword);
}

/* The spectator is no context: migrate to id 1 only flags the task. */
long vc_ctx_migrate_spectator(const struct vs_call *call)
{
	vs_task_enter_spectator();
	return 1;
}

/**
 * vs_task_id - an id of a task, for task_xid, task_nid and task_tag
 * @pid: the task's pid in the initial namespace, 0 for the caller
 * @id_of: reads the id
 *
 * A guest asks only about its own tasks: others look absent, as for every
 * other lookup by pid (vs_lookup_task()).
 *
 * Return: the id, or -ESRCH.
 */
long vs_task_id(u32 pid, u32 (*id_of)(const struct task_struct *p))
{
	struct task_struct *p;
	long id;

	if (!pid)
		return id_of(current);
	rcu_read_lock();
	p = vs_lookup_task(find_task_by_pid_ns(pid, &init_pid_ns));
	id = p ? (long)id_of(p) : -ESRCH;
	rcu_read_unlock();
	return id;
}

long vc_task_xid(const struct vs_call *call)
{
	return vs_task_id(call->id, vs_task_xid);
}

long vc_vx_info(const struct vs_call *call)
{
	struct vcmd_vx_info_v0 vc = {
		.xid = call->vxi->xid,
		.initpid = READ_ONCE(call->vxi->initpid),
	};

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_ctx_stat(const struct vs_call *call)
{
	struct vcmd_ctx_stat_v0 vc = {
		/* Less the lookup reference this command holds. */
		.usecnt = refcount_read(&call->vxi->usecnt) - 1,
		.tasks = atomic_read(&call->vxi->tasks),
	};

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_get_cflags(const struct vs_call *call)
{
	u64 flags = READ_ONCE(call->vxi->flags);
	struct vcmd_ctx_flags_v0 vc = {
		.flagword = flags,
		/* Everything, less the one-time bits already cleared. */
		.mask = vx_flags_mask(flags, ~0ULL),
	};

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_set_cflags(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_ctx_flags_v0 vc;
	u64 old, next, mask;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	spin_lock(&vxi->lock);
	old = vxi->flags;
	mask = vx_flags_mask(old, vc.mask);
	next = vx_masked_update(old, vc.flagword, mask);
	WRITE_ONCE(vxi->flags, next);
	spin_unlock(&vxi->lock);

	vx_persistent_changed(vxi, old, next);
	/* The end of the setup phase bounds the caller, if inside. */
	if ((old & ~next & VXF_STATE_SETUP) && vs_current_vxi() == vxi) {
		int err = vs_task_apply_bcaps(READ_ONCE(vxi->bcaps));

		if (err)
			return err;
	}
	/* Clearing STATE_INIT from inside makes the caller the init. */
	if ((old & ~next & VXF_STATE_INIT) && vs_current_vxi() == vxi) {
		WRITE_ONCE(vxi->initpid, task_tgid_nr(current));
		current->signal->is_child_subreaper = 1;
	}
	return 0;
}

/* get/set of a masked 64-bit field: ccaps, umask and wmask. */
static long vx_get_masked(const struct vs_call *call, const u64 *field)
{
	u64 vc[2] = { READ_ONCE(*field), ~0ULL };

	return copy_to_user(call->data, vc, sizeof(vc)) ? -EFAULT : 0;
}

static long vx_set_masked(const struct vs_call *call, u64 *field)
{
	struct vx_info *vxi = call->vxi;
	u64 vc[2];

	if (copy_from_user(vc, call->data, sizeof(vc)))
		return -EFAULT;
	spin_lock(&vxi->lock);
	WRITE_ONCE(*field, vx_masked_update(*field, vc[0], vc[1]));
	spin_unlock(&vxi->lock);
	return 0;
}

long vc_get_ccaps(const struct vs_call *call)
{
	return vx_get_masked(call, &call->vxi->ccaps);
}

long vc_set_ccaps(const struct vs_call *call)
{
	return vx_set_masked(call, &call->vxi->ccaps);
}

long vc_get_umask(const struct vs_call *call)
{
	return vx_get_masked(call, &call->vxi->umask);
}

long vc_set_umask(const struct vs_call *call)
{
	return vx_set_masked(call, &call->vxi->umask);
}

long vc_get_wmask(const struct vs_call *call)
{
	return vx_get_masked(call, &call->vxi->wmask);
}

long vc_set_wmask(const struct vs_call *call)
{
	return vx_set_masked(call, &call->vxi->wmask);
}

long vc_get_bcaps(const struct vs_call *call)
{
	return vx_get_masked(call, &call->vxi->bcaps);
}

long vc_set_bcaps(const struct vs_call *call)
{
	long err = vx_set_masked(call, &call->vxi->bcaps);

	/*
	 * Tasks entering later are bounded at entry, the setup phase's at its
	 * end; a caller inside a bounded context is bounded now.  Running
	 * tasks are held by the capable hook.
	 */
	if (!err && vs_current_vxi() == call->vxi && vx_bounded(call->vxi))
		err = vs_task_apply_bcaps(READ_ONCE(call->vxi->bcaps));
	return err;
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/context_kunit.c"
#endif
