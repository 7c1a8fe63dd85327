// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - space commands: set_space, enter_space and the masks
 * (uapi/vserver/space_cmd.h)
 */

#include <linux/compat.h>
#include <linux/uaccess.h>
#include <uapi/vserver/space_cmd.h>

#include "cmds.h"
#include "compat.h"
#include "space.h"

/* Reads the v1 or v2 argument; without data, mask 0 in set 0. */
static int vc_space_arg(const struct vs_call *call, bool v2,
			struct vcmd_space_mask_v2 *vc)
{
	struct vcmd_space_mask_v1 v1 = { 0 };

	memset(vc, 0, sizeof(*vc));
	if (!call->data)
		return 0;
	if (v2) {
		/* i386 has no tail padding: the same fields in 12 bytes. */
		size_t size = in_compat_syscall() ?
				      sizeof(struct vcmd_space_mask_v2_x32) :
				      sizeof(*vc);

		return copy_from_user(vc, call->data, size) ? -EFAULT : 0;
	}
	if (copy_from_user(&v1, call->data, sizeof(v1)))
		return -EFAULT;
	vc->mask = v1.mask;
	return 0;
}

static long vc_enter(const struct vs_call *call, bool v2)
{
	struct vcmd_space_mask_v2 vc;
	int err = vc_space_arg(call, v2, &vc);

	return err ?: vs_space_enter(call->vxi, vc.mask, vc.index);
}

long vc_enter_space_v0(const struct vs_call *call)
{
	return vs_space_enter(call->vxi, 0, 0);
}

long vc_enter_space_v1(const struct vs_call *call)
{
	return vc_enter(call, false);
}

long vc_enter_space(const struct vs_call *call)
{
	return vc_enter(call, true);
}

static long vc_set(const struct vs_call *call, bool v2)
{
	struct vcmd_space_mask_v2 vc;
	int err = vc_space_arg(call, v2, &vc);
	long mask;

	if (err)
		return err;
	mask = vs_space_set_mask(vc.mask, vc.index, vs_space_allowed());
	if (mask < 0)
		return mask;
	return vs_space_save(call->vxi, mask, vc.index);
}

long vc_set_space_v1(const struct vs_call *call)
{
	return vc_set(call, false);
}

long vc_set_space(const struct vs_call *call)
{
	return vc_set(call, true);
}

static long vc_put_mask(const struct vs_call *call, u64 mask)
{
	struct vcmd_space_mask_v1 vc = { .mask = mask };

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_get_space_mask(const struct vs_call *call)
{
	return vc_put_mask(call, VS_SPACE_ADVERTISED & vs_space_allowed());
}

long vc_get_space_default(const struct vs_call *call)
{
	return vc_put_mask(call, VS_SPACE_DEFAULT & vs_space_allowed());
}
