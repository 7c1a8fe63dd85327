// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - what a guest sees of the machine
 *
 * Each context owns a UTS namespace, created as a copy of its creator's;
 * every task entering the context switches to it, so uname(2) inside a
 * guest shows the guest's names and the host's stay unchanged.
 *
 * With VXF_VIRT_UPTIME a guest's uptime counts from the creation of its
 * context; with VXF_VIRT_LOAD its load average and task counts are its
 * own.  The load is not followed by the scheduler: when it is read, the
 * context's runnable and uninterruptible tasks are counted and applied to
 * each LOAD_FREQ period (5 s) since the last reading, with the kernel's
 * own calc_load(), as Linux-VServer 2.3 did with counts it kept.
 */

#include <linux/cred.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/nsproxy.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/sysinfo.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <linux/vserver_cvirt.h>
#include <uapi/vserver/cvirt_cmd.h>

#include "cmds.h"
#include "context.h"
#include "cvirt.h"
#include "mm.h"
#include "task.h"

/**
 * vx_uts_create - give a new context its own UTS namespace
 * @vxi: the context
 *
 * Return: 0 or a negative errno (-ENOMEM, -ENOSPC at the namespace limit).
 */
int vx_uts_create(struct vx_info *vxi)
{
	struct uts_namespace *uts;

	uts = copy_utsname(CLONE_NEWUTS, current_user_ns(),
			   current->nsproxy->uts_ns);
	if (IS_ERR(uts))
		return PTR_ERR(uts);
	vxi->uts = uts;
	return 0;
}

/*
 * Drops the context's own reference when it ends; tasks keep theirs.
 * Commands may still be reading the names: they hold their own (below).
 */
void vx_uts_release(struct vx_info *vxi)
{
	struct uts_namespace *uts;

	spin_lock(&vxi->lock);
	uts = vxi->uts;
	vxi->uts = NULL;
	spin_unlock(&vxi->lock);
	if (uts)
		put_uts_ns(uts);
}

/**
 * vx_uts_replace - make another UTS namespace the context's
 * @vxi: the context, not yet ended
 * @uts: the namespace; the context takes a reference of its own
 *
 * set_space saved it: from now on vuname writes it and tasks entering
 * the context switch to it.
 */
void vx_uts_replace(struct vx_info *vxi, struct uts_namespace *uts)
{
	struct uts_namespace *old;

	get_uts_ns(uts);
	spin_lock(&vxi->lock);
	old = vxi->uts;
	vxi->uts = uts;
	spin_unlock(&vxi->lock);
	if (old)
		put_uts_ns(old);
}

/* The context's UTS namespace, referenced, or NULL once it has ended. */
static struct uts_namespace *vx_uts_get(struct vx_info *vxi)
{
	struct uts_namespace *uts;

	spin_lock(&vxi->lock);
	uts = vxi->uts;
	if (uts)
		get_uts_ns(uts);
	spin_unlock(&vxi->lock);
	return uts;
}

/**
 * vx_uts_enter - switch the calling task to the context's UTS namespace
 * @vxi: the context being entered
 *
 * Must run before the task's capabilities are bounded: it needs
 * CAP_SYS_ADMIN like setns(2).
 *
 * Return: 0 or a negative errno.
 */
int vx_uts_enter(struct vx_info *vxi)
{
	struct uts_namespace *uts = vx_uts_get(vxi);
	struct nsproxy *nsp;
	int err = 0;

	/* Without one the context has ended: entering it fails next. */
	if (!uts || current->nsproxy->uts_ns == uts)
		goto out;
	err = unshare_nsproxy_namespaces(CLONE_NEWUTS, &nsp, NULL, NULL);
	if (err)
		goto out;
	/* Replace the fresh copy by the context's own before publishing. */
	put_uts_ns(nsp->uts_ns);
	nsp->uts_ns = uts;
	switch_task_namespaces(current, nsp);
	return 0;
out:
	if (uts)
		put_uts_ns(uts);
	return err;
}

/* The utsname field a VHIN_* id names, or NULL for VHIN_CONTEXT/unknown. */
static char *vx_uts_field(struct new_utsname *name, u32 field)
{
	switch (field) {
	case VHIN_SYSNAME:
		return name->sysname;
	case VHIN_NODENAME:
		return name->nodename;
	case VHIN_RELEASE:
		return name->release;
	case VHIN_VERSION:
		return name->version;
	case VHIN_MACHINE:
		return name->machine;
	case VHIN_DOMAINNAME:
		return name->domainname;
	}
	return NULL;
}

/*
 * The commands hold the UTS namespace while they use it: the context
 * may end meanwhile and drop its own reference (-ESRCH then).
 */
long vc_set_vhi_name(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_vhi_name_v0 vc;
	struct uts_namespace *uts;
	char *field;
	long ret = 0;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	vc.name[VHI_NAME_LEN - 1] = '\0';
	if (vc.field == VHIN_CONTEXT) {
		spin_lock(&vxi->lock);
		strscpy(vxi->name, vc.name, sizeof(vxi->name));
		spin_unlock(&vxi->lock);
		return 0;
	}
	uts = vx_uts_get(vxi);
	if (!uts)
		return -ESRCH;
	field = vx_uts_field(&uts->name, vc.field);
	if (field) {
		down_write(&uts_sem);
		strscpy(field, vc.name, __NEW_UTS_LEN + 1);
		up_write(&uts_sem);
	} else {
		ret = -EINVAL;
	}
	put_uts_ns(uts);
	return ret;
}

long vc_get_vhi_name(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_vhi_name_v0 vc;
	char *field;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	memset(vc.name, 0, sizeof(vc.name));
	if (vc.field == VHIN_CONTEXT) {
		spin_lock(&vxi->lock);
		strscpy(vc.name, vxi->name, sizeof(vc.name));
		spin_unlock(&vxi->lock);
	} else {
		struct uts_namespace *uts = vx_uts_get(vxi);

		if (!uts)
			return -ESRCH;
		field = vx_uts_field(&uts->name, vc.field);
		if (field) {
			down_read(&uts_sem);
			strscpy(vc.name, field, sizeof(vc.name));
			up_read(&uts_sem);
		}
		put_uts_ns(uts);
		if (!field)
			return -EINVAL;
	}
	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

/**
 * vx_count_tasks - count a context's tasks now
 * @vxi: the context
 * @c: where the counts go
 */
void vx_count_tasks(struct vx_info *vxi, struct vx_task_counts *c)
{
	struct task_struct *g, *p;

	memset(c, 0, sizeof(*c));
	rcu_read_lock();
	for_each_process_thread(g, p) {
		unsigned int state = READ_ONCE(p->__state);

		if (vs_task_vxi(p) != vxi)
			continue;
		c->threads++;
		/* A reader in the context counts itself out: it runs to read. */
		c->running += state == TASK_RUNNING && p != current;
		c->unintr += (state & TASK_UNINTERRUPTIBLE) &&
			     !(state & TASK_NOLOAD);
	}
	rcu_read_unlock();
}

/**
 * vx_count_usage - add up what a context's tasks use now
 * @vxi: the context
 * @u: where the sums go
 *
 * For /proc/virtual/<xid>/cvirt: vserver-stat reads one file per guest
 * instead of every /proc/<pid>.  CPU time counts the tasks that have
 * exited too (vs_account_exit()).
 */
void vx_count_usage(struct vx_info *vxi, struct vx_usage *u)
{
	struct task_struct *g, *p;

	memset(u, 0, sizeof(*u));
	u->utime_ns = atomic64_read(&vxi->exited_utime);
	u->stime_ns = atomic64_read(&vxi->exited_stime);
	rcu_read_lock();
	for_each_process_thread(g, p) {
		u64 utime, stime;

		if (vs_task_vxi(p) != vxi)
			continue;
		task_cputime(p, &utime, &stime);
		u->utime_ns += utime;
		u->stime_ns += stime;
		if (p != g)
			continue;
		u->processes++;
		task_lock(p);
		if (p->mm) {
			u->vm_kb += p->mm->total_vm << (PAGE_SHIFT - 10);
			u->rss_kb += get_mm_rss(p->mm) << (PAGE_SHIFT - 10);
		}
		task_unlock(p);
	}
	rcu_read_unlock();
}

/**
 * vs_account_exit - an exiting task's CPU time stays with its context
 * @vxi: the task's context
 * @p: the task, in do_exit()
 */
void vs_account_exit(struct vx_info *vxi, struct task_struct *p)
{
	u64 utime, stime;

	task_cputime(p, &utime, &stime);
	atomic64_add(utime, &vxi->exited_utime);
	atomic64_add(stime, &vxi->exited_stime);
}

/**
 * vc_virt_stat - VCMD_virt_stat: a context's uptime, tasks and load
 * @call: the command; @call->vxi is the context
 *
 * util-vserver's vserver-stat takes the UPTIME column from here.
 *
 * Return: 0 or -EFAULT.
 */
long vc_virt_stat(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_virt_stat_v0 vc = { 0 };
	struct vx_task_counts c;
	u64 now = ktime_get_boottime_ns();
	int i;

	vx_update_load(vxi, &c);
	vc.offset = vxi->created;
	vc.uptime = now > vxi->created ? now - vxi->created : 0;
	vc.nr_threads = c.threads;
	vc.nr_running = c.running;
	vc.nr_uninterruptible = c.unintr;
	vc.nr_forks = atomic_read(&vxi->total_forks);
	for (i = 0; i < 3; i++)
		vc.load[i] = READ_ONCE(vxi->load[i]);
	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

/* An hour of periods: older load has decayed out of even the 15 minutes. */
#define VX_LOAD_MAX_PERIODS 720

/**
 * vx_update_load - bring a context's load average up to date
 * @vxi: the context
 * @c: where the context's tasks, counted now, go
 *
 * Each LOAD_FREQ period since the last update counts the tasks found now.
 */
void vx_update_load(struct vx_info *vxi, struct vx_task_counts *c)
{
	unsigned long active, periods, now, i;

	vx_count_tasks(vxi, c);
	active = (c->running + c->unintr) * FIXED_1;
	mutex_lock(&vxi->load_lock);
	now = jiffies;
	periods = (now - vxi->load_last) / LOAD_FREQ;
	vxi->load_last += periods * LOAD_FREQ;
	if (periods)
		vxi->load_updates++;
	periods = min_t(unsigned long, periods, VX_LOAD_MAX_PERIODS);
	for (i = 0; i < periods; i++) {
		vxi->load[0] = calc_load(vxi->load[0], EXP_1, active);
		vxi->load[1] = calc_load(vxi->load[1], EXP_5, active);
		vxi->load[2] = calc_load(vxi->load[2], EXP_15, active);
	}
	mutex_unlock(&vxi->load_lock);
}

/* current's context if it has @flag set, else NULL. */
static struct vx_info *vx_virt(u64 flag)
{
	struct vx_info *vxi = vs_current_vxi();

	return vxi && (READ_ONCE(vxi->flags) & flag) ? vxi : NULL;
}

/* Time since the context was created, as a timespec64. */
static struct timespec64 vx_uptime(const struct vx_info *vxi)
{
	u64 now = ktime_get_boottime_ns();

	return ns_to_timespec64(now > vxi->created ? now - vxi->created : 0);
}

/*
 * The idle time is scaled by the share of the machine's uptime the
 * context has lived: the machine's idle time has no per-context part.
 */
void __vs_virt_uptime(struct timespec64 *uptime, struct timespec64 *idle)
{
	struct vx_info *vxi = vx_virt(VXF_VIRT_UPTIME);
	struct timespec64 up;
	u64 up_ns, machine_ns, idle_ns;

	if (!vxi)
		return;
	up = vx_uptime(vxi);
	up_ns = timespec64_to_ns(&up);
	machine_ns = timespec64_to_ns(uptime);
	idle_ns = timespec64_to_ns(idle);
	if (machine_ns && up_ns < machine_ns) {
		idle_ns = mul_u64_u64_div_u64(idle_ns, up_ns, machine_ns);
		*idle = ns_to_timespec64(idle_ns);
	}
	*uptime = up;
}

void __vs_virt_loadavg(unsigned long *loads, unsigned long offset,
		       unsigned int *running, int *threads)
{
	struct vx_info *vxi = vx_virt(VXF_VIRT_LOAD);
	struct vx_task_counts c;
	int i;

	if (!vxi)
		return;
	vx_update_load(vxi, &c);
	for (i = 0; i < 3; i++)
		loads[i] = READ_ONCE(vxi->load[i]) + offset;
	*running = c.running;
	*threads = c.threads;
}

void __vs_virt_sysinfo(struct sysinfo *si)
{
	struct vx_info *vxi = vs_current_vxi();
	struct vx_task_counts c;
	int i;

	if (!vxi)
		return;
	vx_virt_mem(vxi, si);
	if (READ_ONCE(vxi->flags) & VXF_VIRT_UPTIME) {
		struct timespec64 up = vx_uptime(vxi);

		si->uptime = up.tv_sec + (up.tv_nsec ? 1 : 0);
	}
	if (READ_ONCE(vxi->flags) & VXF_VIRT_LOAD) {
		vx_update_load(vxi, &c);
		/* do_sysinfo()'s scaling: avenrun's FSHIFT to SI_LOAD_SHIFT. */
		for (i = 0; i < 3; i++)
			si->loads[i] = READ_ONCE(vxi->load[i])
				       << (SI_LOAD_SHIFT - FSHIFT);
		si->procs = c.threads;
	}
}
