// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - security context commands: create, migrate, flags,
 * capabilities and masks (uapi/vserver/context_cmd.h)
 *
 * A context is created hashed, with the creating command's claim; the
 * creator enters it, which takes a claim of its own, and the command's
 * goes.  When the last claim goes (object.c), vx_unhashed() below ends
 * what the context holds besides its memory.
 */

#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/vserver.h>
#include <uapi/vserver/context_cmd.h>

#include "cmds.h"
#include "context.h"
#include "cvirt.h"
#include "fs.h"
#include "helper.h"
#include "memcg.h"
#include "proc.h"
#include "task.h"

/* A second create of a context still in its setup phase is -EBUSY. */
static int vx_in_use(struct vs_object *old)
{
	return (READ_ONCE(vx_of(old)->flags) & VXF_STATE_SETUP) ? -EBUSY :
								  -EEXIST;
}

/* Process context: the id is free again; wait_exit sleepers wake. */
static void vx_unhashed(struct vs_object *obj)
{
	struct vx_info *vxi = vx_of(obj);

	vs_proc_remove_context(vxi);
	vs_helper_shutdown(vxi);
	vs_space_release(vxi);
	vx_uts_release(vxi);
	vs_memcg_remove(vxi);
	WRITE_ONCE(vxi->unhashed, true);
	wake_up_all(&vxi->exit_wq);
}

static void vx_put_object(struct vs_object *obj)
{
	vx_put(vx_of(obj));
}

static const struct vs_object_ops vx_ops = {
	.in_use = vx_in_use,
	.unhashed = vx_unhashed,
	.put = vx_put_object,
};

/**
 * vx_enter - move the calling thread into a context
 * @vxi: the context
 *
 * The thread takes a claim and a reference on @vxi, drops those on its old
 * context and loses the capabilities outside @vxi's bounding set, in the
 * setup phase too (the capable hook would refuse them anyway; without
 * them in the credentials exec and capget tell the truth).  Other threads
 * of the process stay where they are.
 *
 * Return: 0, or -EFAULT if @vxi is shutting down (Linux-VServer's errno),
 * or -ENOMEM.
 */
static int vx_enter(struct vx_info *vxi)
{
	int err;

	if (vs_current_vxi() == vxi)
		return 0;
	if (!vx_claim(vxi))
		return -EFAULT;
	err = vs_task_apply_bcaps(READ_ONCE(vxi->bcaps));
	if (err) {
		vx_release(vxi);
		return err;
	}
	/* An administrator moves the task: its limits cannot refuse. */
	vx_lim_add(&vxi->limits.res[RLIMIT_NPROC], 1);
	vs_files_migrate(vxi);
	WRITE_ONCE(vs_task(current)->tag, vxi->obj.id);
	vs_task_set_context(vxi, vxi->obj.id);
	return 0;
}

/* The spectator (xid 1) belongs to no context and sees every task. */
static void vx_enter_spectator(void)
{
	/* The spectator watches: what it creates is the host's. */
	WRITE_ONCE(vs_task(current)->tag, 0);
	vs_files_migrate(NULL);
	vs_task_set_context(NULL, VX_ID_SPECTATOR);
}

static long vx_create(u32 xid, u64 flags)
{
	struct vx_info *vxi;
	int err;

	if (!vx_valid_id(xid))
		return -EINVAL;
	/*
	 * Unlike vs2.3, a guest cannot create a context: it would leave its
	 * own, and with it its limits and isolation.
	 */
	if (vs_task_xid(current) != VX_ID_HOST)
		return -EPERM;
	vxi = vx_alloc(xid, flags, &vx_ops);
	if (!vxi)
		return -ENOMEM;
	err = vx_uts_create(vxi);
	if (!err)
		err = vs_object_hash(&vxi->obj);
	if (err) {
		vx_put(vxi);
		return err;
	}

	vs_space_init(vxi);
	err = vs_proc_add_context(vxi);
	if (!err)
		err = vs_helper_startup(vxi);
	if (!err)
		err = vx_uts_enter(vxi);
	if (!err)
		err = vx_enter(vxi);
	if (!err)
		vs_memcg_enter(vxi);
	if (!err && (flags & VXF_PERSISTENT))
		vs_object_persistent_changed(&vxi->obj, 0, VXF_PERSISTENT,
					     VXF_PERSISTENT);
	/* Drop the creating command's claim: the caller's now holds it. */
	vx_release(vxi);
	/* Not "err ? err : xid": that is unsigned, and -errno would be too. */
	if (err)
		return err;
	return xid;
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
	/* Before vx_enter() bounds the caller's capabilities. */
	err = vx_uts_enter(vxi);
	if (err)
		return err;
	err = vx_enter(vxi);
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
	vx_enter_spectator();
	return 1;
}

long vc_task_xid(const struct vs_call *call)
{
	return vs_task_id(call->id, vs_task_xid);
}

long vc_vx_info(const struct vs_call *call)
{
	struct vcmd_vx_info_v0 vc = {
		.xid = call->vxi->obj.id,
		.initpid = READ_ONCE(call->vxi->initpid),
	};

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_ctx_stat(const struct vs_call *call)
{
	struct vcmd_ctx_stat_v0 vc = {
		/* Less the lookup reference this command holds. */
		.usecnt = refcount_read(&call->vxi->obj.usecnt) - 1,
		.tasks = atomic_read(&call->vxi->obj.tasks),
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
	next = vs_masked_update(old, vc.flagword, mask);
	WRITE_ONCE(vxi->flags, next);
	spin_unlock(&vxi->lock);

	vs_object_persistent_changed(&vxi->obj, old, next, VXF_PERSISTENT);
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
	WRITE_ONCE(*field, vs_masked_update(*field, vc[0], vc[1]));
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
