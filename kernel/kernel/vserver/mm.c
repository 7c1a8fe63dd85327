// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - memory limits of a context
 *
 * VM counts the pages of the context's address spaces: each mm is charged
 * to the context of the task that created it, for its whole life (a task
 * that migrates takes its address space along only when it next execs).
 * RSS, ANON and MAPPED (the "RMAP" row) are read from the context's
 * memory cgroup (memcg.c), which it gets with its first memory limit:
 * what it holds, its anonymous pages and its mapped file pages; before
 * that, they are the resident pages of its processes.  RSS is enforced by
 * the cgroup itself; ANON by a check at page faults of the context's own
 * tasks.  VML (locked pages) is summed over the context's processes when
 * a lock is requested or the value is read.
 */

#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/signal.h>
#include <linux/sysinfo.h>
#include <linux/sched/task.h>
#include <linux/vserver_cvirt.h>
#include <linux/vserver_mm.h>

#include "context.h"
#include "limit.h"
#include "memcg.h"
#include "mm.h"
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

/* After exit_mmap(), which does not give the virtual size back. */
void __vs_mm_release(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->vs_vxi;

	vx_lim_add(vs_lim(vxi, RLIMIT_AS), -(mm->vs_vm + mm->vs_vm_resv));
	mm->vs_vm = 0;
	mm->vs_vm_resv = 0;
	mm->vs_vxi = NULL;
	vx_put(vxi);
}

/*
 * The context's VM value is the sum over its address spaces of what each
 * has charged (vs_vm, following total_vm) and reserved (vs_vm_resv, taken
 * by may_expand_vm() for a growth about to happen).  Growth first uses up
 * the reservation, so the check and the charge are one atomic step and
 * racing address spaces cannot pass the limit together.  exec's direct
 * "total_vm = 1" is never charged, nor given back.
 */
void __vs_vm_account(struct mm_struct *mm, long npages)
{
	long charge = npages;

	if (npages > 0 && mm->vs_vm_resv) {
		long used = min(npages, mm->vs_vm_resv);

		mm->vs_vm_resv -= used;
		charge -= used;
	}
	if (charge)
		vx_lim_add(vs_lim(mm->vs_vxi, RLIMIT_AS), charge);
	mm->vs_vm += npages;
}

bool __vs_vm_reserve(struct mm_struct *mm, unsigned long npages)
{
	struct vx_limit *l = vs_lim(mm->vs_vxi, RLIMIT_AS);

	/* A reservation still here belongs to a growth that did not happen. */
	if (mm->vs_vm_resv) {
		vx_lim_add(l, -mm->vs_vm_resv);
		mm->vs_vm_resv = 0;
	}
	if (!npages)
		return true;
	if (!vx_lim_charge(l, npages))
		return false;
	mm->vs_vm_resv = npages;
	return true;
}

/* Like a memory cgroup's OOM kill, aimed at the faulting process only. */
static void vs_kill_at_limit(struct vx_info *vxi, struct vx_limit *hit)
{
	atomic_inc(&hit->hits);
	pr_info_ratelimited("vserver: xid %u memory limit: killing pid %d\n",
			    vxi->obj.id, task_tgid_nr(current));
	do_send_sig_info(SIGKILL, SEND_SIG_PRIV, current, PIDTYPE_TGID);
}

/*
 * The memory cgroup bounds all the context holds; ANON, its anonymous
 * pages, has no cgroup knob and is checked here.
 */
bool __vs_anon_fault_ok(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->vs_vxi;
	struct vx_limit *l = vs_lim(vxi, VLIMIT_ANON);
	unsigned long hard = READ_ONCE(l->hard);

	if (hard == RLIM_INFINITY)
		return true;
	/* Never punish a task of another context reaching into this mm. */
	if (current->mm != mm || vs_current_vxi() != vxi)
		return true;
	if (vs_memcg_stat(vxi, NR_ANON_MAPPED, true) < hard)
		return true;
	if (!fatal_signal_pending(current))
		vs_kill_at_limit(vxi, l);
	return false;
}

/* A derived value: the counter follows what was summed or read. */
static void vx_lim_track(struct vx_limit *l, long val)
{
	vx_lim_add(l, val - atomic_long_read(&l->cur));
}

/* What the context's processes (thread-group leaders) hold, in pages. */
struct vx_mm_sums {
	long locked;
	long anon;
	long file;
};

static void vx_mm_sum(struct vx_info *vxi, struct vx_mm_sums *sum)
{
	struct task_struct *p;

	memset(sum, 0, sizeof(*sum));
	rcu_read_lock();
	for_each_process(p) {
		if (vs_task_vxi(p) != vxi)
			continue;
		task_lock(p);
		if (p->mm && !(p->flags & PF_KTHREAD)) {
			sum->locked += READ_ONCE(p->mm->locked_vm);
			sum->anon += get_mm_counter(p->mm, MM_ANONPAGES);
			sum->file += get_mm_counter(p->mm, MM_FILEPAGES) +
				     get_mm_counter(p->mm, MM_SHMEMPAGES);
		}
		task_unlock(p);
	}
	rcu_read_unlock();
}

static long vx_memlock_pages(struct vx_info *vxi)
{
	struct vx_mm_sums sum;

	vx_mm_sum(vxi, &sum);
	return sum.locked;
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
	vx_lim_track(l, vx_memlock_pages(vxi));
	return vx_lim_avail(l, npages);
}

/* Pages of [start, start + len) that are locked already. */
static unsigned long vs_mlocked_pages(struct mm_struct *mm, unsigned long start,
				      size_t len)
{
	VMA_ITERATOR(vmi, mm, start);
	unsigned long end = len > ULONG_MAX - start ? ULONG_MAX : start + len;
	unsigned long bytes = 0;
	struct vm_area_struct *vma;

	for_each_vma_range(vmi, vma, end)
		if (vma->vm_flags & VM_LOCKED)
			bytes += min(end, vma->vm_end) -
				 max(start, vma->vm_start);
	return bytes >> PAGE_SHIFT;
}

bool __vs_mlock_fits(struct mm_struct *mm, unsigned long start, size_t len)
{
	if (!vs_current_vxi())
		return true;
	return __vs_memlock_avail((len >> PAGE_SHIFT) -
				  vs_mlocked_pages(mm, start, len));
}

bool __vs_mlockall_fits(struct mm_struct *mm, int flags)
{
	return !(flags & MCL_CURRENT) ||
	       __vs_memlock_avail(mm->total_vm - mm->locked_vm);
}

/**
 * vx_virt_mem - a guest's memory cgroup as the machine's memory
 * @vxi: the guest's context
 * @si: the machine's memory and swap (si_meminfo(), si_swapinfo())
 *
 * With %VXF_VIRT_MEM, MemTotal becomes the cgroup's memory.max where that
 * is below the machine's, MemFree what the cgroup has left of it;
 * SwapTotal and SwapFree likewise from memory.swap.max.
 *
 * Return: whether the memory was replaced.
 */
bool vx_virt_mem(struct vx_info *vxi, struct sysinfo *si)
{
	unsigned long max, used, swap_used, swap_max;
	bool mem;

	if (!(READ_ONCE(vxi->flags) & VXF_VIRT_MEM) || !vxi->memcg)
		return false;
	max = vs_memcg_max(vxi);
	mem = max < si->totalram;

	if (mem) {
		used = vs_memcg_usage(vxi);
		si->totalram = max;
		si->freeram = max > used ? max - used : 0;
		si->sharedram = min(vs_memcg_stat(vxi, NR_SHMEM, true), max);
		si->bufferram = 0;
		si->totalhigh = 0;
		si->freehigh = 0;
	}
	vs_memcg_swap(vxi, &swap_used, &swap_max);
	if (swap_max < si->totalswap) {
		si->totalswap = swap_max;
		si->freeswap = swap_max > swap_used ? swap_max - swap_used : 0;
	}
	return mem;
}

/*
 * Cached and SReclaimable are the cgroup's page cache and reclaimable
 * slab; MemAvailable is what is free plus what reclaim could give back
 * (page cache that is not shmem, reclaimable slab), within the limit.
 * The other rows stay the machine's.
 */
void __vs_virt_meminfo(struct sysinfo *si, long *available, long *cached,
		       unsigned long *sreclaimable)
{
	struct vx_info *vxi = vs_current_vxi();
	unsigned long file, shmem, slab, avail;

	if (!vxi || !vx_virt_mem(vxi, si))
		return;
	file = vs_memcg_stat(vxi, NR_FILE_PAGES, false);
	shmem = vs_memcg_stat(vxi, NR_SHMEM, false);
	slab = vs_memcg_stat(vxi, NR_SLAB_RECLAIMABLE_B, false) >> PAGE_SHIFT;
	*cached = min(file, si->totalram);
	*sreclaimable = min(slab, si->totalram);
	avail = si->freeram + (file > shmem ? file - shmem : 0) + slab;
	*available = min(avail, si->totalram);
}

/**
 * vx_limit_refresh - bring the derived memory values up to date
 * @vxi: the context
 *
 * One walk over the context's processes gives VML, and RSS, ANON and
 * MAPPED while the context has no memory cgroup; with one, those three
 * and RSS's hits (its "max" events) come from the cgroup.  Called only
 * when a memory value is read.
 */
void vx_limit_refresh(struct vx_info *vxi)
{
	struct vx_limit *rss = vs_lim(vxi, RLIMIT_RSS);
	struct vx_mm_sums sum;

	vx_mm_sum(vxi, &sum);
	vx_lim_track(vs_lim(vxi, RLIMIT_MEMLOCK), sum.locked);
	if (!vxi->memcg) {
		vx_lim_track(rss, sum.anon + sum.file);
		vx_lim_track(vs_lim(vxi, VLIMIT_ANON), sum.anon);
		vx_lim_track(vs_lim(vxi, VLIMIT_MAPPED), sum.file);
		return;
	}
	vx_lim_track(rss, vs_memcg_usage(vxi));
	atomic_set(&rss->hits,
		   vs_memcg_max_events(vxi) - READ_ONCE(vxi->rss_events_base));
	vx_lim_track(vs_lim(vxi, VLIMIT_ANON),
		     vs_memcg_stat(vxi, NR_ANON_MAPPED, true));
	vx_lim_track(vs_lim(vxi, VLIMIT_MAPPED),
		     vs_memcg_stat(vxi, NR_FILE_MAPPED, false));
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/mm_kunit.c"
#endif
