// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - process isolation: /proc, pid lookups, signals, ptrace
 *
 * A foreign task must look absent, so lookups by pid fail with ESRCH
 * before any permission check: the core calls in kernel/pid.c,
 * kernel/signal.c and fs/proc/base.c filter there.  The LSM hooks below
 * are the second line, for paths that iterate over tasks instead of
 * looking one up (kill(-1), process groups, PRIO_USER) or that hold a
 * task from before a migration (a pidfd); those may only say -EPERM,
 * because kill_pid_info_type() retries forever on -ESRCH.
 */

#include <linux/lsm_hooks.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/vserver.h>

#include "context.h"
#include "isolation.h"
#include "setup.h"
#include "task.h"

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

static struct security_hook_list vs_isolation_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_kill, vs_hook_task_kill),
	LSM_HOOK_INIT(ptrace_access_check, vs_hook_ptrace_access_check),
	LSM_HOOK_INIT(task_setnice, vs_hook_task_setnice),
	LSM_HOOK_INIT(task_setioprio, vs_hook_task_setioprio),
	LSM_HOOK_INIT(task_getioprio, vs_hook_task_getioprio),
};

void __init vs_add_isolation_hooks(void)
{
	security_add_hooks(vs_isolation_hooks, ARRAY_SIZE(vs_isolation_hooks),
			   &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/isolation_kunit.c"
#endif
