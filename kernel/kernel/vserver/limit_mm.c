// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - memory limits of a context
 *
 * VM counts the pages of the context's address spaces, ANON their
 * anonymous resident pages and MAPPED (the "RMAP" row) their file and
 * shmem resident pages; RSS is ANON + MAPPED, as in Linux-VServer.  Each
 * mm is charged to the context of the task that created it, for its whole
 * life: a task that migrates takes its memory along only when it next
 * execs.  VML (locked pages) is summed over the context's processes when
 * a lock is requested or the value is read.
 */

#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/vserver_mm.h>

#include "context.h"
#include "limit.h"
#include "task.h"

static struct vx_limit *vs_lim(struct vx_info *vxi, unsigned int id)
{
	return &vxi->limits.res[id];
}

void __vs_mm_init(struct mm_struct *mm)
{
	struct vx_info *vxi = vs_current_vxi();

	if (vxi)
		mm->vs_vxi = vx_get(vxi);
}

/*
 * After exit_mmap(): the rss counters have dropped to 0 charge by charge;
 * the virtual size was never unaccounted page by page.
 */
void __vs_mm_release(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->vs_vxi;

	vx_lim_add(vs_lim(vxi, RLIMIT_AS), -mm->vs_vm);
	mm->vs_vm = 0;
	mm->vs_vxi = NULL;
	vx_put(vxi);
}

/* What was charged is recorded in the mm: exec's direct total_vm = 1 is not. */
void __vs_vm_account(struct mm_struct *mm, long npages)
{
	vx_lim_add(vs_lim(mm->vs_vxi, RLIMIT_AS), npages);
	mm->vs_vm += npages;
}

bool __vs_vm_avail(struct mm_struct *mm, unsigned long npages)
{
	return vx_lim_avail(vs_lim(mm->vs_vxi, RLIMIT_AS), npages);
}

void __vs_rss_account(struct mm_struct *mm, int member, long value)
{
	switch (member) {
	case MM_ANONPAGES:
		vx_lim_add(vs_lim(mm->vs_vxi, VLIMIT_ANON), value);
		break;
	case MM_FILEPAGES:
	case MM_SHMEMPAGES:
		vx_lim_add(vs_lim(mm->vs_vxi, VLIMIT_MAPPED), value);
		break;
	}
}

/* The next resident page would cross the hard limit. */
static bool vs_at_hard(struct vx_limit *l, long val)
{
	unsigned long hard = READ_ONCE(l->hard);

	return hard != RLIM_INFINITY && val >= 0 && (unsigned long)val >= hard;
}

/* Like a memory cgroup's OOM kill, aimed at the faulting process only. */
static void vs_kill_at_limit(struct vx_info *vxi, struct vx_limit *hit)
{
	atomic_inc(&hit->hits);
	pr_info_ratelimited("vserver: xid %u memory limit: killing pid %d\n",
			    vxi->xid, task_tgid_nr(current));
	do_send_sig_info(SIGKILL, SEND_SIG_PRIV, current, PIDTYPE_TGID);
}

bool __vs_rss_fault_ok(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->vs_vxi;
	long anon = atomic_long_read(&vs_lim(vxi, VLIMIT_ANON)->cur);
	long rss = anon + atomic_long_read(&vs_lim(vxi, VLIMIT_MAPPED)->cur);
	struct vx_limit *hit;

	if (vs_at_hard(vs_lim(vxi, RLIMIT_RSS), rss))
		hit = vs_lim(vxi, RLIMIT_RSS);
	else if (vs_at_hard(vs_lim(vxi, VLIMIT_ANON), anon))
		hit = vs_lim(vxi, VLIMIT_ANON);
	else
		return true;
	/* Never punish a task of another context reaching into this mm. */
	if (current->mm != mm || vs_current_vxi() != vxi)
		return true;
	if (!fatal_signal_pending(current))
		vs_kill_at_limit(vxi, hit);
	return false;
}

/* Locked pages of the context's processes (thread-group leaders). */
static long vx_memlock_pages(struct vx_info *vxi)
{
	struct task_struct *p;
	long pages = 0;

	rcu_read_lock();
	for_each_process(p) {
		if (READ_ONCE(vs_task(p)->vxi) != vxi)
			continue;
		task_lock(p);
		if (p->mm && !(p->flags & PF_KTHREAD))
			pages += READ_ONCE(p->mm->locked_vm);
		task_unlock(p);
	}
	rcu_read_unlock();
	return pages;
}

bool __vs_memlock_avail(unsigned long npages)
{
	struct vx_info *vxi = vs_current_vxi();
	struct vx_limit *l;

	if (!vxi)
		return true;
	l = vs_lim(vxi, RLIMIT_MEMLOCK);
	if (READ_ONCE(l->hard) == RLIM_INFINITY)
		return true;
	vx_lim_add(l, vx_memlock_pages(vxi) - atomic_long_read(&l->cur));
	return vx_lim_avail(l, npages);
}

/**
 * vx_limit_refresh - bring a derived memory value up to date
 * @vxi: the context
 * @id: the limit about to be shown
 *
 * RSS is ANON + MAPPED; VML is summed over the context's processes, which
 * walks them all, so only when VML itself is asked for.
 */
void vx_limit_refresh(struct vx_info *vxi, unsigned int id)
{
	struct vx_limit *l = vs_lim(vxi, id);
	long val;

	switch (id) {
	case RLIMIT_RSS:
		val = atomic_long_read(&vs_lim(vxi, VLIMIT_ANON)->cur) +
		      atomic_long_read(&vs_lim(vxi, VLIMIT_MAPPED)->cur);
		break;
	case RLIMIT_MEMLOCK:
		val = vx_memlock_pages(vxi);
		break;
	default:
		return;
	}
	vx_lim_add(l, val - atomic_long_read(&l->cur));
}
