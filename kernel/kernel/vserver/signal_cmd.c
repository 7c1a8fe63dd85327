// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - signal commands: signalling a context (ctx_kill) and
 * waiting for its end (uapi/vserver/signal_cmd.h)
 */

#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <uapi/vserver/signal_cmd.h>

#include "cmds.h"
#include "context.h"
#include "task.h"

/* Signals process @pid if it belongs to @vxi; -ESRCH otherwise. */
static long vx_kill_pid(struct vx_info *vxi, pid_t pid, int sig)
{
	struct task_struct *p;
	long ret = -ESRCH;

	rcu_read_lock();
	p = find_task_by_pid_ns(pid, &init_pid_ns);
	if (p && vs_task_vxi(p) == vxi)
		ret = group_send_sig_info(sig, SEND_SIG_PRIV, p, PIDTYPE_TGID);
	rcu_read_unlock();
	return ret;
}

/**
 * vc_ctx_kill - signal tasks of a context
 * @call: id = the context, data = &struct vcmd_ctx_kill_v0
 *
 * pid 0 or -1 signals every process of the context except pid 1 (and,
 * for -1, the context's init); pid 1 signals the context's init; any
 * other pid signals that process if it belongs to the context.  Without
 * %VXF_STATE_ADMIN only a shutdown is allowed: all processes while the
 * context has no init, or the init itself, which then gets SIGINT
 * instead when other tasks remain.
 *
 * Return: 0, -EFAULT, -EINVAL (bad signal), -ESRCH (nothing to signal),
 * -EACCES (not allowed without %VXF_STATE_ADMIN).
 */
long vc_ctx_kill(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	bool admin = READ_ONCE(vxi->flags) & VXF_STATE_ADMIN;
	pid_t initpid = READ_ONCE(vxi->initpid);
	struct vcmd_ctx_kill_v0 vc;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	if (!valid_signal(vc.sig))
		return -EINVAL;

	switch (vc.pid) {
	case 0:
	case -1:
		if (!admin && initpid)
			return -EACCES;
		return vx_kill_all(vxi, vc.sig, vc.pid == -1 ? initpid : 0);
	case 1:
		if (!initpid)
			return -ESRCH;
		if (!admin && atomic_read(&vxi->obj.tasks) > 1)
			vc.sig = SIGINT;
		return vx_kill_pid(vxi, initpid, vc.sig);
	default:
		if (!admin)
			return -EACCES;
		return vx_kill_pid(vxi, vc.pid, vc.sig);
	}
}

/**
 * vc_wait_exit - sleep until a context ends
 * @call: id = the context, data = &struct vcmd_wait_exit_v0 (out)
 *
 * Return: 0 once the context is unhashed, with the reboot command and
 * the exit code of its init; -ERESTARTSYS on a signal; -EFAULT.
 */
long vc_wait_exit(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_wait_exit_v0 vc;
	int err;

	err = wait_event_interruptible(vxi->exit_wq, READ_ONCE(vxi->unhashed));
	if (err)
		return err;
	vc.reboot_cmd = READ_ONCE(vxi->reboot_cmd);
	vc.exit_code = READ_ONCE(vxi->exit_code);
	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}
