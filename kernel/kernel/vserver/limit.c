// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - per-context resource limits: arithmetic and commands
 *
 * vx_lim_charge() adds to the current value first and takes the charge
 * back if that crossed the hard limit, so concurrent chargers never
 * overshoot; near the limit one of them may fail early, which errs on the
 * safe side.  Where the object cannot be refused when it is counted (a
 * lock record inserted, an address space grown, a connection grafted),
 * the room is charged beforehand, as a reservation the counting then uses
 * up or gives back: the check and the charge stay one atomic step.  Only
 * VML still checks a sum (vx_lim_avail()) ahead of the locking it bounds.
 */

#include <linux/compat.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <uapi/vserver/limit_cmd.h>

#include "cmds.h"
#include "context.h"
#include "limit.h"
#include "memcg.h"

/* The limits this kernel accounts and enforces (set_rlimit accepts). */
#define VX_LIM_ENFORCED                                                 \
	(BIT(RLIMIT_NPROC) | BIT(RLIMIT_NOFILE) | BIT(VLIMIT_OPENFD) |  \
	 BIT(RLIMIT_LOCKS) | BIT(VLIMIT_NSOCK) | BIT(RLIMIT_MSGQUEUE) | \
	 BIT(VLIMIT_SHMEM) | BIT(VLIMIT_SEMARY) | BIT(VLIMIT_NSEMS) |   \
	 BIT(RLIMIT_AS) | BIT(RLIMIT_MEMLOCK) | BIT(RLIMIT_RSS) |       \
	 BIT(VLIMIT_ANON))

/*
 * DENTRY is neither accounted nor enforced, but vs2.3 accepted it: guest
 * configurations with an rlimits/dentry file keep starting.  It is kept
 * and shown, and left out of the mask, which claims only what holds.
 */
#define VX_LIM_SETTABLE (VX_LIM_ENFORCED | BIT(VLIMIT_DENTRY))

/* The limits rlimit_stat answers: MAPPED is the RMAP row, DENTRY is 0. */
#define VX_LIM_STAT (VX_LIM_SETTABLE | BIT(VLIMIT_MAPPED))

void vx_limits_init(struct vx_limits *lims)
{
	int i;

	for (i = 0; i < NUM_LIMITS; i++) {
		struct vx_limit *l = &lims->res[i];

		atomic_long_set(&l->cur, 0);
		atomic_long_set(&l->rmin, 0);
		atomic_long_set(&l->rmax, 0);
		l->soft = RLIM_INFINITY;
		l->hard = RLIM_INFINITY;
		atomic_set(&l->hits, 0);
	}
}

/**
 * vx_lim_exceeds - would a charge cross a hard limit?
 * @cur: the value after the charge
 * @n: the charge
 * @hard: the hard limit, %RLIM_INFINITY for none
 *
 * Return: true if @n is positive and @cur is above @hard.
 */
bool vx_lim_exceeds(unsigned long cur, long n, unsigned long hard)
{
	return n > 0 && hard != RLIM_INFINITY && (long)cur >= 0 && cur > hard;
}

static void vx_lim_watermarks(struct vx_limit *l, long val)
{
	long old = atomic_long_read(&l->rmax);

	while (val > old && !atomic_long_try_cmpxchg(&l->rmax, &old, val))
		;
	old = atomic_long_read(&l->rmin);
	while (val < old && !atomic_long_try_cmpxchg(&l->rmin, &old, val))
		;
}

/**
 * vx_lim_charge - charge a resource unless that crosses its hard limit
 * @l: the resource
 * @n: how much
 *
 * A refused charge counts a hit.
 *
 * Return: true if charged.
 */
bool vx_lim_charge(struct vx_limit *l, long n)
{
	long val = atomic_long_add_return(n, &l->cur);

	if (vx_lim_exceeds(val, n, READ_ONCE(l->hard))) {
		atomic_long_sub(n, &l->cur);
		atomic_inc(&l->hits);
		return false;
	}
	vx_lim_watermarks(l, val);
	return true;
}

/**
 * vx_lim_avail - would a charge fit under the hard limit?
 * @l: the resource
 * @n: how much
 *
 * For checks ahead of a charge that cannot be refused later; a "no"
 * counts a hit.
 *
 * Return: true if @n more fits.
 */
bool vx_lim_avail(struct vx_limit *l, long n)
{
	if (!vx_lim_exceeds(atomic_long_read(&l->cur) + n, n,
			    READ_ONCE(l->hard)))
		return true;
	atomic_inc(&l->hits);
	return false;
}

/**
 * vx_lim_add - charge or uncharge a resource without a limit check
 * @l: the resource
 * @n: how much; negative to uncharge
 *
 * For what was already charged, and for what an administrator moves into
 * a context (migration), which a limit must not refuse.
 */
void vx_lim_add(struct vx_limit *l, long n)
{
	vx_lim_watermarks(l, atomic_long_add_return(n, &l->cur));
}

static unsigned long vx_lim_from_user(u64 val)
{
	return val == CRLIM_INFINITY ? RLIM_INFINITY : (unsigned long)val;
}

/* The user ABI spells "no limit" %CRLIM_INFINITY. */
u64 vx_lim_to_user(unsigned long val)
{
	return val == RLIM_INFINITY ? CRLIM_INFINITY : val;
}

/**
 * vx_lim_set - the set_rlimit arithmetic
 * @l: the resource
 * @soft: the new soft limit, or %CRLIM_KEEP
 * @hard: the new hard limit, or %CRLIM_KEEP
 *
 * The soft limit never exceeds the hard one.  Writers hold the context's
 * lock; chargers read each limit once.
 */
void vx_lim_set(struct vx_limit *l, u64 soft, u64 hard)
{
	unsigned long s = l->soft, h = l->hard;

	if (hard != CRLIM_KEEP)
		h = vx_lim_from_user(hard);
	if (soft != CRLIM_KEEP)
		s = vx_lim_from_user(soft);
	if (s > h)
		s = h;
	WRITE_ONCE(l->hard, h);
	WRITE_ONCE(l->soft, s);
}

/* reset_minmax: both watermarks become the current value. */
void vx_lim_reset_minmax(struct vx_limit *l)
{
	long val = atomic_long_read(&l->cur);

	atomic_long_set(&l->rmin, val);
	atomic_long_set(&l->rmax, val);
}

/* RSS and ANON need the memory controller, which a boot may lack. */
static u32 vx_lim_enforced(void)
{
	u32 mask = VX_LIM_ENFORCED;

	if (!vs_memcg_available())
		mask &= ~(BIT(RLIMIT_RSS) | BIT(VLIMIT_ANON));
	return mask;
}

bool vx_lim_valid_set(unsigned int id)
{
	return id < NUM_LIMITS &&
	       ((vx_lim_enforced() | BIT(VLIMIT_DENTRY)) & BIT(id));
}

bool vx_lim_valid_stat(unsigned int id)
{
	return id < NUM_LIMITS && (VX_LIM_STAT & BIT(id));
}

/*
 * A 32-bit (ia32) caller aligns the u64 fields to 4 bytes: 28 bytes with
 * no padding after the id, where x86_64 has 32.
 */
struct vcmd_ctx_rlimit_v0_x32 {
	u32 id;
	u64 minimum;
	u64 softlimit;
	u64 maximum;
} __packed;
static_assert(sizeof(struct vcmd_ctx_rlimit_v0_x32) == 28);

static int vx_rlimit_copy_in(struct vcmd_ctx_rlimit_v0 *vc, void __user *data)
{
	struct vcmd_ctx_rlimit_v0_x32 x;

	if (!in_compat_syscall())
		return copy_from_user(vc, data, sizeof(*vc)) ? -EFAULT : 0;
	if (copy_from_user(&x, data, sizeof(x)))
		return -EFAULT;
	vc->id = x.id;
	vc->minimum = x.minimum;
	vc->softlimit = x.softlimit;
	vc->maximum = x.maximum;
	return 0;
}

/* The argument of get/set_rlimit, in either ABI, for a settable id. */
static int vx_rlimit_from_user(struct vcmd_ctx_rlimit_v0 *vc, void __user *data)
{
	int ret = vx_rlimit_copy_in(vc, data);

	if (!ret && !vx_lim_valid_set(vc->id))
		ret = -EINVAL;
	return ret;
}

static int vx_rlimit_to_user(void __user *data,
			     const struct vcmd_ctx_rlimit_v0 *vc)
{
	struct vcmd_ctx_rlimit_v0_x32 x = {
		.id = vc->id,
		.minimum = vc->minimum,
		.softlimit = vc->softlimit,
		.maximum = vc->maximum,
	};

	if (!in_compat_syscall())
		return copy_to_user(data, vc, sizeof(*vc)) ? -EFAULT : 0;
	return copy_to_user(data, &x, sizeof(x)) ? -EFAULT : 0;
}

long vc_get_rlimit(const struct vs_call *call)
{
	struct vcmd_ctx_rlimit_v0 vc;
	struct vx_limit *l;
	int ret;

	ret = vx_rlimit_from_user(&vc, call->data);
	if (ret)
		return ret;
	l = &call->vxi->limits.res[vc.id];
	vc.minimum = CRLIM_UNSET;
	vc.softlimit = vx_lim_to_user(READ_ONCE(l->soft));
	vc.maximum = vx_lim_to_user(READ_ONCE(l->hard));
	return vx_rlimit_to_user(call->data, &vc);
}

long vc_set_rlimit(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_ctx_rlimit_v0 vc;
	int ret;

	ret = vx_rlimit_from_user(&vc, call->data);
	if (ret)
		return ret;
	spin_lock(&vxi->lock);
	vx_lim_set(&vxi->limits.res[vc.id], vc.softlimit, vc.maximum);
	spin_unlock(&vxi->lock);
	if (vc.id != RLIMIT_RSS && vc.id != VLIMIT_ANON)
		return 0;
	/* The first memory limit gives the context its memory cgroup. */
	if (READ_ONCE(vxi->limits.res[vc.id].hard) != RLIM_INFINITY ||
	    READ_ONCE(vxi->limits.res[vc.id].soft) != RLIM_INFINITY) {
		ret = vs_memcg_ensure(vxi);
		if (ret)
			return ret;
	}
	if (vc.id != RLIMIT_RSS || !vxi->memcg)
		return 0;
	/* Racing setters: the cgroup gets the last values, under no lock. */
	return vs_memcg_set_rss(vxi, READ_ONCE(vxi->limits.res[vc.id].soft),
				READ_ONCE(vxi->limits.res[vc.id].hard));
}

long vc_get_rlimit_mask(const struct vs_call *call)
{
	struct vcmd_ctx_rlimit_mask_v0 vc = {
		.minimum = 0,
		.softlimit = vx_lim_enforced(),
		.maximum = vx_lim_enforced(),
	};

	if (copy_to_user(call->data, &vc, sizeof(vc)))
		return -EFAULT;
	return 0;
}

long vc_rlimit_stat(const struct vs_call *call)
{
	struct vcmd_rlimit_stat_v0 vc;
	struct vx_limit *l;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	if (!vx_lim_valid_stat(vc.id))
		return -EINVAL;
	l = &call->vxi->limits.res[vc.id];
	if (vc.id == RLIMIT_RSS || vc.id == VLIMIT_ANON ||
	    vc.id == VLIMIT_MAPPED || vc.id == RLIMIT_MEMLOCK)
		vx_limit_refresh(call->vxi);
	vx_lim_watermarks(l, atomic_long_read(&l->cur));
	vc.hits = atomic_read(&l->hits);
	vc.value = atomic_long_read(&l->cur);
	vc.minimum = atomic_long_read(&l->rmin);
	vc.maximum = atomic_long_read(&l->rmax);
	if (copy_to_user(call->data, &vc, sizeof(vc)))
		return -EFAULT;
	return 0;
}

long vc_reset_hits(const struct vs_call *call)
{
	int i;

	for (i = 0; i < NUM_LIMITS; i++)
		atomic_set(&call->vxi->limits.res[i].hits, 0);
	WRITE_ONCE(call->vxi->rss_events_base, vs_memcg_max_events(call->vxi));
	return 0;
}

long vc_reset_minmax(const struct vs_call *call)
{
	int i;

	for (i = 0; i < NUM_LIMITS; i++)
		vx_lim_reset_minmax(&call->vxi->limits.res[i]);
	return 0;
}

/* Rows of /proc/virtual/<xid>/limit, in Linux-VServer's order. */
static const struct {
	const char *name;
	unsigned int id;
} vx_limit_rows[] = {
	{ "PROC", RLIMIT_NPROC },    { "VM", RLIMIT_AS },
	{ "VML", RLIMIT_MEMLOCK },   { "RSS", RLIMIT_RSS },
	{ "ANON", VLIMIT_ANON },     { "RMAP", VLIMIT_MAPPED },
	{ "FILES", RLIMIT_NOFILE },  { "OFD", VLIMIT_OPENFD },
	{ "LOCKS", RLIMIT_LOCKS },   { "SOCK", VLIMIT_NSOCK },
	{ "MSGQ", RLIMIT_MSGQUEUE }, { "SHM", VLIMIT_SHMEM },
	{ "SEMA", VLIMIT_SEMARY },   { "SEMS", VLIMIT_NSEMS },
	{ "DENT", VLIMIT_DENTRY },
};

/* Limits print as in vs2.3: "no limit" is -1. */
static long long vx_lim_show_val(unsigned long val)
{
	return val == RLIM_INFINITY ? -1LL : (long long)val;
}

/**
 * vx_limit_show - /proc/virtual/<xid>/limit
 * @m: the seq_file; its private data is the context
 * @v: unused
 *
 * Return: 0.
 */
int vx_limit_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	int i;

	vx_limit_refresh(vxi);
	seq_puts(m, "Limit\t current\t     min/max\t\t    soft/hard\t\thits\n");
	for (i = 0; i < ARRAY_SIZE(vx_limit_rows); i++) {
		struct vx_limit *l = &vxi->limits.res[vx_limit_rows[i].id];
		long cur = atomic_long_read(&l->cur);

		vx_lim_watermarks(l, cur);
		seq_printf(m, "%s:\t%8ld\t%8ld/%8ld\t%8lld/%8lld\t%6d\n",
			   vx_limit_rows[i].name, cur,
			   atomic_long_read(&l->rmin),
			   atomic_long_read(&l->rmax),
			   vx_lim_show_val(READ_ONCE(l->soft)),
			   vx_lim_show_val(READ_ONCE(l->hard)),
			   atomic_read(&l->hits));
	}
	return 0;
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/limit_kunit.c"
#endif
