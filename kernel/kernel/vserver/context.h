/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - security contexts (struct vx_info)
 */

#ifndef _VSERVER_CONTEXT_H
#define _VSERVER_CONTEXT_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/vserver/context.h>
#include <uapi/vserver/cvirt_cmd.h>

#include "limit.h"

struct mem_cgroup;
struct seq_file;
struct uts_namespace;

/**
 * struct vx_info - a security context
 * @xid: the context id, 2..65535
 * @usecnt: references: the id table's while hashed, one per task blob
 *	pointing here, one per lookup in progress
 * @tasks: claims: one per task counted in the context, plus one while
 *	%VXF_PERSISTENT is set; the context is unhashed when it drops to 0
 *	and can never be claimed again
 * @lock: serialises read-modify-write of @flags, @ccaps, @bcaps, @umask,
 *	@wmask and @name
 * @flags: VXF_* flags
 * @ccaps: VXC_* context capabilities
 * @bcaps: capability bounding set; bit %VXC_BCAP_CONTEXT is CAP_CONTEXT
 * @umask: CLONE_NEW* bits the context may still unshare
 * @wmask: warning mask
 * @initpid: pid of the context's init, 0 if none
 * @exit_code: exit code of the context's init
 * @reboot_cmd: reboot(2) command issued inside the context
 * @created: boot time (ns) at creation, for the uptime bias
 * @total_forks: tasks ever forked inside the context
 * @limits: resource accounting and limits
 * @name: the context's name (%VHIN_CONTEXT)
 * @uts: the context's UTS namespace (uname inside), until unhashed;
 *	read and cleared under @lock, used with a reference of one's own
 * @unhashed: set once the id is free again; wait_exit waits for it
 * @exit_wq: wait_exit sleepers, woken when the context is unhashed
 * @unhash_work: unhashes from process context when @tasks reaches 0
 * @proc_dir: /proc/virtual/<xid>
 * @load_lock: serialises updates of @load and @load_last
 * @load: the context's load averages (1, 5, 15 minutes), fixed point
 *	like avenrun, brought up to date when read (cvirt.c)
 * @load_last: jiffies of the last period @load counts
 * @load_updates: how often @load was brought up to date
 * @memcg: the context's memory cgroup (memcg.c), referenced; NULL
 *	without the memory controller
 * @rss_events_base: its "max" events at the last reset_hits
 * @rcu: frees the object after readers of task blobs are done
 */
struct vx_info {
	u32 xid;
	refcount_t usecnt;
	atomic_t tasks;
	spinlock_t lock; /* serialises the masked updates below */
	u64 flags;
	u64 ccaps;
	u64 bcaps;
	u64 umask;
	u64 wmask;
	pid_t initpid;
	int exit_code;
	int reboot_cmd;
	u64 created;
	atomic_t total_forks;
	struct vx_limits limits;
	char name[VHI_NAME_LEN];
	struct uts_namespace *uts;
	bool unhashed;
	wait_queue_head_t exit_wq;
	struct work_struct unhash_work;
	struct proc_dir_entry *proc_dir;
	struct mutex load_lock; /* serialises the load update */
	unsigned long load[3];
	unsigned long load_last;
	unsigned int load_updates;
	struct mem_cgroup *memcg;
	unsigned long rss_events_base;
	struct rcu_head rcu;
};

/**
 * struct vx_global_stats - counters shown in /proc/virtual/status
 * @contexts_total: context objects allocated and not yet freed
 * @contexts_active: contexts that can be looked up by id
 */
struct vx_global_stats {
	atomic_t contexts_total;
	atomic_t contexts_active;
};

extern struct vx_global_stats vx_global_stats;

/* The full bounding set of a new context: every capability, CAP_CONTEXT. */
#define VX_BCAPS_FULL (~0ULL)

struct vx_info *vx_lookup(u32 xid);
struct vx_info *vx_get(struct vx_info *vxi);
void vx_put(struct vx_info *vxi);
bool vx_claim(struct vx_info *vxi);

/*
 * Past the setup phase ("vcontext --endsetup") a context's tasks hold no
 * capability outside its bounding set in their credentials either, and
 * the syscall switch needs CAP_CONTEXT (bit 63) in the set.
 */
static inline bool vx_bounded(const struct vx_info *vxi)
{
	return !(READ_ONCE(vxi->flags) & VXF_STATE_SETUP);
}

/*
 * May a task of a context whose bounding set is @bcaps use @cap?  The set
 * binds every capability check at the time of the check, in the setup
 * phase too and in any user namespace, whatever the task's credentials
 * (vs2.3's vx_cap_raised()).  A NULL @vxi is no context.
 */
static inline bool vx_cap_allowed(const struct vx_info *vxi, int cap)
{
	return !vxi ||
	       (cap >= 0 && cap < 64 && (READ_ONCE(vxi->bcaps) & BIT_ULL(cap)));
}

void vx_release(struct vx_info *vxi);
long vx_kill_all(struct vx_info *vxi, int sig, pid_t spare);
bool vx_is_hashed(const struct vx_info *vxi);

u64 vs_one_time_mask(u64 cur, u64 mask, u64 one_time);
u64 vx_flags_mask(u64 cur, u64 mask);
u64 vx_masked_update(u64 old, u64 new, u64 mask);
bool vx_valid_id(u32 xid);

/**
 * struct vx_task_counts - a context's tasks, counted at one moment
 * @threads: its tasks, threads included
 * @running: those runnable
 * @unintr: those in uninterruptible sleep that count as load
 */
struct vx_task_counts {
	int threads;
	unsigned int running;
	unsigned int unintr;
};

void vx_count_tasks(struct vx_info *vxi, struct vx_task_counts *c);
void vx_update_load(struct vx_info *vxi, struct vx_task_counts *c);
int vx_uts_create(struct vx_info *vxi);
int vx_uts_enter(struct vx_info *vxi);
void vx_uts_release(struct vx_info *vxi);

int vx_limit_show(struct seq_file *m, void *v);
int vs_proc_add_context(struct vx_info *vxi);
void vs_proc_remove_context(struct vx_info *vxi);

#endif /* _VSERVER_CONTEXT_H */
