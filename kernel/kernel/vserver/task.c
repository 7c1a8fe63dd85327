// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - task hooks: a task's context, from fork to reaping
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/vserver.h>

#include "context.h"
#include "network.h"
#include "setup.h"
#include "task.h"

/*
 * A task stops counting in a context (exit, migration, failed fork): its
 * claim and its PROC charge go together.
 */
static void vs_drop_task_claim(struct vx_info *claim)
{
	vx_lim_add(&claim->limits.res[RLIMIT_NPROC], -1);
	vx_release(claim);
}

/* Narrows every capability set of @cred to the bounding set @bcaps. */
static void vs_bound_cred(struct cred *cred, u64 bcaps)
{
	kernel_cap_t bound = { .val = bcaps & CAP_VALID_MASK };

	cred->cap_bset = cap_intersect(cred->cap_bset, bound);
	cred->cap_permitted = cap_intersect(cred->cap_permitted, bound);
	cred->cap_effective = cap_intersect(cred->cap_effective, bound);
	cred->cap_inheritable = cap_intersect(cred->cap_inheritable, bound);
	cred->cap_ambient = cap_intersect(cred->cap_ambient, bound);
}

/* Narrows the caller's capability sets to a context's bounding set. */
int vs_task_apply_bcaps(u64 bcaps)
{
	struct cred *new = prepare_creds();

	if (!new)
		return -ENOMEM;
	vs_bound_cred(new, bcaps);
	return commit_creds(new);
}

/**
 * vs_task_enter - move the calling thread into a context
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
int vs_task_enter(struct vx_info *vxi)
{
	struct vs_task *t = vs_task(current);
	struct vx_info *old = t->vxi, *old_claim;
	int err;

	if (old == vxi)
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
	WRITE_ONCE(t->vxi, vx_get(vxi));
	WRITE_ONCE(t->xid, vxi->xid);
	WRITE_ONCE(t->tag, vxi->xid);
	old_claim = xchg(&t->claim, vxi);
	if (old_claim)
		vs_drop_task_claim(old_claim);
	if (old)
		vx_put(old);
	return 0;
}

/**
 * vs_task_enter_spectator - make the calling thread the spectator (xid 1)
 *
 * The spectator belongs to no context and sees every task.
 *
 * Return: 0.
 */
int vs_task_enter_spectator(void)
{
	struct vs_task *t = vs_task(current);
	struct vx_info *old = t->vxi, *old_claim;

	WRITE_ONCE(t->vxi, NULL);
	WRITE_ONCE(t->xid, VX_ID_SPECTATOR);
	/* The spectator watches: what it creates is the host's. */
	WRITE_ONCE(t->tag, 0);
	vs_files_migrate(NULL);
	old_claim = xchg(&t->claim, NULL);
	if (old_claim)
		vs_drop_task_claim(old_claim);
	if (old)
		vx_put(old);
	return 0;
}

/**
 * vs_task_enter_network - move the calling thread into a network context
 * @nxi: the network context
 *
 * Return: 0, or -EFAULT if @nxi is shutting down.
 */
int vs_task_enter_network(struct nx_info *nxi)
{
	struct vs_task *t = vs_task(current);
	struct nx_info *old = t->nxi, *old_claim;

	if (old == nxi)
		return 0;
	if (!nx_claim(nxi))
		return -EFAULT;
	WRITE_ONCE(t->nxi, nx_get(nxi));
	WRITE_ONCE(t->nid, nxi->nid);
	old_claim = xchg(&t->nclaim, nxi);
	if (old_claim)
		nx_release(old_claim);
	if (old)
		nx_put(old);
	return 0;
}

/* The network spectator (nid 1) is bound to no address set. */
void vs_task_enter_network_spectator(void)
{
	struct vs_task *t = vs_task(current);
	struct nx_info *old = t->nxi, *old_claim;

	WRITE_ONCE(t->nxi, NULL);
	WRITE_ONCE(t->nid, NX_ID_SPECTATOR);
	old_claim = xchg(&t->nclaim, NULL);
	if (old_claim)
		nx_release(old_claim);
	if (old)
		nx_put(old);
}

/* Called by do_exit(): the task stops counting in its contexts. */
void __vs_exit_task(struct task_struct *p)
{
	struct vs_task *t = vs_task(p);
	struct nx_info *nclaim = xchg(&t->nclaim, NULL);
	struct vx_info *claim = xchg(&t->claim, NULL);

	if (nclaim)
		nx_release(nclaim);
	if (!claim)
		return;
	/* The end of the context's init is what wait_exit reports. */
	if (p->pid == READ_ONCE(claim->initpid)) {
		WRITE_ONCE(claim->exit_code, p->exit_code);
		WRITE_ONCE(claim->initpid, 0);
	}
	vs_drop_task_claim(claim);
}

static int vs_hook_task_alloc(struct task_struct *task,
			      unsigned long clone_flags)
{
	const struct vs_task *parent = vs_task(current);
	struct vs_task *child = vs_task(task);
	struct vx_info *vxi = parent->vxi;
	struct nx_info *nxi = parent->nxi;

	child->xid = parent->xid;
	child->nid = parent->nid;
	child->tag = parent->tag;
	/* The parent's own claims keep its contexts alive: these hold. */
	if (nxi) {
		if (WARN_ON_ONCE(!nx_claim(nxi)))
			return -EAGAIN;
		child->nxi = nx_get(nxi);
		child->nclaim = nxi;
	}
	if (!vxi)
		return 0;
	if (WARN_ON_ONCE(!vx_claim(vxi)))
		return -EAGAIN;
	/* A fork bomb stops here, with fork's own errno for RLIMIT_NPROC. */
	if (!vx_lim_charge(&vxi->limits.res[RLIMIT_NPROC], 1)) {
		vx_release(vxi);
		return -EAGAIN;
	}
	child->vxi = vx_get(vxi);
	child->claim = vxi;
	atomic_inc(&vxi->total_forks);
	return 0;
}

/*
 * Runs late and possibly in RCU callback context: it only drops counts,
 * and vx_release() defers the unhashing to process context.
 */
static void vs_hook_task_free(struct task_struct *task)
{
	struct vs_task *t = vs_task(task);
	struct nx_info *nclaim = xchg(&t->nclaim, NULL);
	struct vx_info *claim = xchg(&t->claim, NULL);

	/* Still claimed: the fork failed after task_alloc. */
	if (nclaim)
		nx_release(nclaim);
	if (t->nxi)
		nx_put(t->nxi);
	if (claim)
		vs_drop_task_claim(claim);
	if (t->vxi)
		vx_put(t->vxi);
}

/*
 * The bounding set binds at every check: tasks whose credentials were not
 * narrowed (the setup phase's, those running when the set shrank) and
 * tasks that regained a full set in a new user namespace.
 */
static int vs_hook_capable(const struct cred *cred, struct user_namespace *ns,
			   int cap, unsigned int opts)
{
	if (!static_branch_unlikely(&vs_active))
		return 0;
	/* Only current's context is known; creds of others pass. */
	if (cred != current_cred())
		return 0;
	return vx_cap_allowed(vs_current_vxi(), cap) ? 0 : -EPERM;
}

static struct security_hook_list vs_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, vs_hook_task_alloc),
	LSM_HOOK_INIT(task_free, vs_hook_task_free),
	LSM_HOOK_INIT(capable, vs_hook_capable),
};

void __init vs_add_task_hooks(void)
{
	security_add_hooks(vs_task_hooks, ARRAY_SIZE(vs_task_hooks), &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/task_kunit.c"
#endif
