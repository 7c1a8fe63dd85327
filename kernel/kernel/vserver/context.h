/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - security contexts (struct vx_info): the object
 */

#ifndef _VSERVER_CONTEXT_H
#define _VSERVER_CONTEXT_H

#include <linux/bits.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/vserver/context.h>
#include <uapi/vserver/cvirt_cmd.h>

#include "limit.h"
#include "object.h"
#include "space.h"

struct mem_cgroup;
struct proc_dir_entry;
struct uts_namespace;

/**
 * struct vx_info - a security context
 * @obj: id, references, claims (object.h); first, so that vx_of(NULL)
 *	is NULL
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
 * @proc_dir: /proc/virtual/<xid>
 * @load_lock: serialises updates of @load and @load_last
 * @load: the context's load averages (1, 5, 15 minutes), fixed point
 *	like avenrun, brought up to date when read (cvirt.c)
 * @load_last: jiffies of the last period @load counts
 * @load_updates: how often @load was brought up to date
 * @memcg: the context's memory cgroup (memcg.c), referenced; NULL
 *	without the memory controller
 * @rss_events_base: its "max" events at the last reset_hits
 * @space_lock: serialises saving, entering and dropping @space
 * @space: the saved namespace sets (space.c)
 * @space_released: set once @space is dropped; nothing is saved after
 * @exited_utime: user time (ns) of the context's tasks that have exited
 * @exited_stime: system time (ns) of those tasks
 * @rcu: frees the object after readers of task blobs are done
 */
struct vx_info {
	struct vs_object obj;
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
	struct proc_dir_entry *proc_dir;
	struct mutex load_lock; /* serialises the load update */
	unsigned long load[3];
	unsigned long load_last;
	unsigned int load_updates;
	struct mem_cgroup *memcg;
	unsigned long rss_events_base;
	struct mutex space_lock; /* serialises the saved sets */
	struct vx_space space[VX_SPACES];
	bool space_released;
	atomic64_t exited_utime;
	atomic64_t exited_stime;
	struct rcu_head rcu;
};

static_assert(offsetof(struct vx_info, obj) == 0);

/* The hashed security contexts; its counters are /proc/virtual/status. */
extern struct vs_object_table vx_table;

/* The full bounding set of a new context: every capability, CAP_CONTEXT. */
#define VX_BCAPS_FULL (~0ULL)

struct vx_info *vx_alloc(u32 xid, u64 flags, const struct vs_object_ops *ops);
void __vx_free(struct vx_info *vxi);

static inline struct vx_info *vx_of(struct vs_object *obj)
{
	return container_of_const(obj, struct vx_info, obj);
}

/* Is @xid a valid id for a new context?  0 is the host, 1 the spectator. */
static inline bool vx_valid_id(u32 xid)
{
	return xid >= VX_ID_MIN && xid <= VX_ID_MAX;
}

static inline struct vx_info *vx_get(struct vx_info *vxi)
{
	refcount_inc(&vxi->obj.usecnt);
	return vxi;
}

/* Safe in any context, including RCU callbacks. */
static inline void vx_put(struct vx_info *vxi)
{
	if (refcount_dec_and_test(&vxi->obj.usecnt))
		__vx_free(vxi);
}

/* The hashed context @xid, referenced, or NULL. */
static inline struct vx_info *vx_lookup(u32 xid)
{
	struct vs_object *obj = vs_object_lookup(&vx_table, xid);

	return obj ? vx_of(obj) : NULL;
}

static inline bool vx_is_hashed(const struct vx_info *vxi)
{
	return vs_object_is_hashed(&vxi->obj);
}

static inline bool vx_claim(struct vx_info *vxi)
{
	return vs_object_claim(&vxi->obj);
}

static inline void vx_release(struct vx_info *vxi)
{
	vs_object_release(&vxi->obj);
}

/* Which flag bits a set_cflags may change (%VXF_ONE_TIME). */
static inline u64 vx_flags_mask(u64 cur, u64 mask)
{
	return vs_one_time_mask(cur, mask, VXF_ONE_TIME);
}

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

#endif /* _VSERVER_CONTEXT_H */
