// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - limit commands: get/set_rlimit, the mask, rlimit_stat
 * and the resets (uapi/vserver/limit_cmd.h)
 */

#include <linux/compat.h>
#include <linux/uaccess.h>
#include <uapi/vserver/limit_cmd.h>

#include "cmds.h"
#include "compat.h"
#include "context.h"
#include "limit.h"
#include "memcg.h"
#include "mm.h"

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

/* RSS and ANON need the memory controller, which a boot may lack. */
static u32 vx_lim_enforced(void)
{
	u32 mask = VX_LIM_ENFORCED;

	if (!vs_memcg_available())
		mask &= ~(BIT(RLIMIT_RSS) | BIT(VLIMIT_ANON));
	return mask;
}

static bool vx_lim_valid_set(unsigned int id)
{
	return id < NUM_LIMITS &&
	       ((vx_lim_enforced() | BIT(VLIMIT_DENTRY)) & BIT(id));
}

static bool vx_lim_valid_stat(unsigned int id)
{
	return id < NUM_LIMITS && (VX_LIM_STAT & BIT(id));
}

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

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/limit_kunit.c"
#endif
