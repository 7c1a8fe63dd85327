// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - tasks: their contexts from fork to reaping, and whom
 * they see, signal and control
 *
 * A foreign task must look absent, so lookups by pid fail with ESRCH
 * before any permission check: the core calls in kernel/pid.c,
 * kernel/signal.c and fs/proc/base.c filter there (the __vs_*() entry
 * points below).  The LSM hooks are the second line, for paths that
 * iterate over tasks instead of looking one up (kill(-1), process
 * groups, PRIO_USER) or that hold a task from before a migration (a
 * pidfd); those may only say -EPERM, because kill_pid_info_type()
 * retries forever on -ESRCH.  The rules themselves are isolation.h's.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/vserver.h>

#include "context.h"
#include "cvirt.h"
#include "isolation.h"
#include "network.h"
#include "setup.h"
#include "task.h"

/* Memberships ------------------------------------------------------------ */

/*
 * A task stops counting in a security context (exit, migration, failed
 * fork): its claim and its PROC charge go together.
 */
static void vs_drop_vx_claim(struct vs_object *claim)
{
	vx_lim_add(&vx_of(claim)->limits.res[RLIMIT_NPROC], -1);
	vs_object_release(claim);
}

/*
 * Moves one membership of the calling thread to @obj, whose claim the
 * caller took (NULL: the spectator, or the host), then drops the old
 * claim with @drop_claim and the old reference.  Other threads of the
 * process stay where they are.
 */
static void vs_member_move(struct vs_member *m, struct vs_object *obj, u32 id,
			   void (*drop_claim)(struct vs_object *claim))
{
	struct vs_object *old = m->obj, *old_claim;

	WRITE_ONCE(m->obj, obj ? vs_object_get(obj) : NULL);
	WRITE_ONCE(m->id, id);
	old_claim = xchg(&m->claim, obj);
	if (old_claim)
		drop_claim(old_claim);
	if (old)
		old->ops->put(old);
}

/**
 * vs_task_set_context - move the calling thread's security membership
 * @vxi: the context, claimed and charged one PROC by the caller; NULL
 *	for the spectator
 * @xid: its id, or %VX_ID_SPECTATOR
 */
void vs_task_set_context(struct vx_info *vxi, u32 xid)
{
	vs_member_move(&vs_task(current)->vx, vxi ? &vxi->obj : NULL, xid,
		       vs_drop_vx_claim);
}

/**
 * vs_task_set_network - move the calling thread's network membership
 * @nxi: the network context, claimed by the caller; NULL for the
 *	spectator
 * @nid: its id, or %NX_ID_SPECTATOR
 */
void vs_task_set_network(struct nx_info *nxi, u32 nid)
{
	vs_member_move(&vs_task(current)->nx, nxi ? &nxi->obj : NULL, nid,
		       vs_object_release);
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

/* Called by do_exit(): the task stops counting in its contexts. */
void __vs_exit_task(struct task_struct *p)
{
	struct vs_task *t = vs_task(p);
	struct vs_object *nclaim = xchg(&t->nx.claim, NULL);
	struct vs_object *claim = xchg(&t->vx.claim, NULL);
	struct vx_info *vxi;

	if (nclaim)
		vs_object_release(nclaim);
	if (!claim)
		return;
	vxi = vx_of(claim);
	vs_account_exit(vxi, p);
	/* The end of the context's init is what wait_exit reports. */
	if (p->pid == READ_ONCE(vxi->initpid)) {
		WRITE_ONCE(vxi->exit_code, p->exit_code);
		WRITE_ONCE(vxi->initpid, 0);
	}
	vs_drop_vx_claim(claim);
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

/* Signals every process of @vxi but pid 1 and @spare; -ESRCH if none. */
long vx_kill_all(struct vx_info *vxi, int sig, pid_t spare)
{
	struct task_struct *p;
	long ret = -ESRCH;

	rcu_read_lock();
	for_each_process(p) {
		pid_t pid = task_tgid_nr(p);

		if (vs_task_vxi(p) != vxi || pid <= 1 || pid == spare)
			continue;
		if (!group_send_sig_info(sig, SEND_SIG_PRIV, p, PIDTYPE_TGID))
			ret = 0;
	}
	rcu_read_unlock();
	return ret;
}

/* Who sees whom ----------------------------------------------------------- */

static inline u32 vs_current_xid(void)
{
	return vs_task_xid(current);
}

/*
 * A pid is foreign when its first task - the process, else the leader
 * of the thread group, process group or session it names - belongs to
 * another context.
 */
bool __vs_pid_visible(struct pid *pid)
{
	u32 me = vs_current_xid();
	bool visible = true;
	enum pid_type type;

	if (me <= VX_ID_SPECTATOR)
		return true;
	rcu_read_lock();
	for (type = PIDTYPE_PID; type < PIDTYPE_MAX; type++) {
		struct task_struct *p = pid_task(pid, type);

		if (p) {
			visible = vs_xid_finds(me, vs_task_xid(p));
			break;
		}
	}
	rcu_read_unlock();
	return visible;
}

bool __vs_task_visible(struct task_struct *p)
{
	return vs_xid_finds(vs_current_xid(), vs_task_xid(p));
}

/*
 * "Blend-through init": a guest with VXF_INFO_INIT that has no init of
 * its own yet (VXF_STATE_INIT still set) sees the real init as pid 1.
 */
static bool vs_blends_init(struct task_struct *p)
{
	const u64 both = VXF_INFO_INIT | VXF_STATE_INIT;
	const struct vx_info *vxi;

	if (!is_global_init(p))
		return false;
	vxi = vs_current_vxi();
	return vxi && (READ_ONCE(vxi->flags) & both) == both;
}

bool __vs_proc_task_visible(struct task_struct *p)
{
	return vs_xid_sees(vs_current_xid(), vs_task_xid(p)) ||
	       vs_blends_init(p);
}

struct task_struct *__vs_proc_task_get(struct task_struct *p)
{
	if (__vs_proc_task_visible(p))
		return p;
	put_task_struct(p);
	return NULL;
}

/* Special siginfo values are kernel-generated unless SEND_SIG_NOINFO. */
static bool vs_si_fromuser(const struct kernel_siginfo *info)
{
	return info == SEND_SIG_NOINFO ||
	       (info != SEND_SIG_PRIV && SI_FROMUSER(info));
}

struct task_struct *__vs_signal_target(struct task_struct *p,
				       struct kernel_siginfo *info)
{
	/* From interrupts current is a bystander; kernel signals pass. */
	if (!in_task() || !vs_si_fromuser(info))
		return p;
	return vs_xid_signals_pid(vs_current_xid(), vs_task_xid(p)) ? p : NULL;
}

/* Hooks ------------------------------------------------------------------ */

static int vs_hook_task_alloc(struct task_struct *task,
			      unsigned long clone_flags)
{
	const struct vs_task *parent = vs_task(current);
	struct vs_task *child = vs_task(task);
	struct vs_object *vx = parent->vx.obj, *nx = parent->nx.obj;
	struct vx_info *vxi;

	child->vx.id = parent->vx.id;
	child->nx.id = parent->nx.id;
	child->tag = parent->tag;
	/* The parent's own claims keep its contexts alive: these hold. */
	if (nx) {
		if (WARN_ON_ONCE(!vs_object_claim(nx)))
			return -EAGAIN;
		child->nx.obj = vs_object_get(nx);
		child->nx.claim = nx;
	}
	if (!vx)
		return 0;
	if (WARN_ON_ONCE(!vs_object_claim(vx)))
		return -EAGAIN;
	vxi = vx_of(vx);
	/* A fork bomb stops here, with fork's own errno for RLIMIT_NPROC. */
	if (!vx_lim_charge(&vxi->limits.res[RLIMIT_NPROC], 1)) {
		vs_object_release(vx);
		return -EAGAIN;
	}
	child->vx.obj = vs_object_get(vx);
	child->vx.claim = vx;
	atomic_inc(&vxi->total_forks);
	return 0;
}

/*
 * Runs late and possibly in RCU callback context: it only drops counts,
 * and releasing a claim defers the unhashing to process context.
 */
static void vs_hook_task_free(struct task_struct *task)
{
	struct vs_task *t = vs_task(task);
	struct vs_object *nclaim = xchg(&t->nx.claim, NULL);
	struct vs_object *claim = xchg(&t->vx.claim, NULL);

	/* Still claimed: the fork failed after task_alloc. */
	if (nclaim)
		vs_object_release(nclaim);
	if (t->nx.obj)
		t->nx.obj->ops->put(t->nx.obj);
	if (claim)
		vs_drop_vx_claim(claim);
	if (t->vx.obj)
		t->vx.obj->ops->put(t->vx.obj);
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

/*
 * Atomic: under RCU, for kill(-1) also under tasklist_lock.  @cred is set
 * only for USB async I/O, whose sender is not current: it passes.
 */
static int vs_hook_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			     int sig, const struct cred *cred)
{
	if (!static_branch_unlikely(&vs_active) || cred || !in_task())
		return 0;
	return vs_xid_signals_group(vs_current_xid(), vs_task_xid(p)) ? 0 :
									-EPERM;
}

static int vs_may_control(const struct task_struct *p)
{
	if (!static_branch_unlikely(&vs_active))
		return 0;
	return vs_xid_controls(vs_current_xid(), vs_task_xid(p)) ? 0 : -EPERM;
}

static int vs_hook_ptrace_access_check(struct task_struct *child,
				       unsigned int mode)
{
	return vs_may_control(child);
}

/*
 * PRIO_USER and IOPRIO_WHO_USER loop over tasks without a lookup by pid;
 * sched_* always look up by pid, which the core filter already covers.
 */
static int vs_hook_task_setnice(struct task_struct *p, int nice)
{
	return vs_may_control(p);
}

static int vs_hook_task_setioprio(struct task_struct *p, int ioprio)
{
	return vs_may_control(p);
}

/*
 * ioprio_get(IOPRIO_WHO_USER or _PGRP) loops over tasks and skips those
 * this refuses, so a guest reads only its own tasks' I/O priorities.
 */
static int vs_hook_task_getioprio(struct task_struct *p)
{
	if (!static_branch_unlikely(&vs_active))
		return 0;
	return vs_xid_finds(vs_current_xid(), vs_task_xid(p)) ? 0 : -EPERM;
}

static struct security_hook_list vs_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, vs_hook_task_alloc),
	LSM_HOOK_INIT(task_free, vs_hook_task_free),
	LSM_HOOK_INIT(capable, vs_hook_capable),
	LSM_HOOK_INIT(task_kill, vs_hook_task_kill),
	LSM_HOOK_INIT(ptrace_access_check, vs_hook_ptrace_access_check),
	LSM_HOOK_INIT(task_setnice, vs_hook_task_setnice),
	LSM_HOOK_INIT(task_setioprio, vs_hook_task_setioprio),
	LSM_HOOK_INIT(task_getioprio, vs_hook_task_getioprio),
};

void __init vs_add_task_hooks(void)
{
	security_add_hooks(vs_task_hooks, ARRAY_SIZE(vs_task_hooks), &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/task_kunit.c"
#include "tests/isolation_kunit.c"
#endif
