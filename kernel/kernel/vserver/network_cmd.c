// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - network context commands: create, migrate, flags,
 * capabilities and addresses (uapi/vserver/network_cmd.h)
 */

#include <linux/uaccess.h>
#include <linux/vserver.h>
#include <uapi/vserver/network_cmd.h>

#include "cmds.h"
#include "network.h"
#include "proc.h"
#include "task.h"

/* vs2.3's NXF_INIT_SET with CONFIG_VSERVER_AUTO_LBACK (its default). */
#define NXF_INIT_SET                                                           \
	(NXF_STATE_ADMIN | NXF_HIDE_NETIF | NXF_LBACK_REMAP | NXF_HIDE_LBACK | \
	 (IS_ENABLED(CONFIG_VSERVER_AUTO_SINGLE) ? NXF_SINGLE_IP : 0))

/* Process context: the id is free again. */
static void nx_unhashed(struct vs_object *obj)
{
	vs_proc_remove_network(nx_of(obj));
}

static void nx_put_object(struct vs_object *obj)
{
	nx_put(nx_of(obj));
}

static const struct vs_object_ops nx_ops = {
	.unhashed = nx_unhashed,
	.put = nx_put_object,
};

/**
 * nx_enter - move the calling thread into a network context
 * @nxi: the network context
 *
 * Return: 0, or -EFAULT if @nxi is shutting down.
 */
static int nx_enter(struct nx_info *nxi)
{
	if (vs_current_nxi() == nxi)
		return 0;
	if (!nx_claim(nxi))
		return -EFAULT;
	vs_task_set_network(nxi, nxi->obj.id);
	return 0;
}

static long nx_create(u32 nid, u64 flags)
{
	struct nx_info *nxi;
	int err;

	if (!nx_valid_id(nid))
		return -EINVAL;
	/* As for security contexts: a guest cannot leave its own. */
	if (vs_task_xid(current) != VX_ID_HOST)
		return -EPERM;
	nxi = nx_alloc(nid, flags, &nx_ops);
	if (!nxi)
		return -ENOMEM;
	err = vs_object_hash(&nxi->obj);
	if (err) {
		nx_put(nxi);
		return err;
	}

	err = vs_proc_add_network(nxi);
	if (!err)
		err = nx_enter(nxi);
	if (!err && (flags & NXF_PERSISTENT))
		vs_object_persistent_changed(&nxi->obj, 0, NXF_PERSISTENT,
					     NXF_PERSISTENT);
	nx_release(nxi);
	/* Not "err ? err : nid": that is unsigned, and -errno would be too. */
	if (err)
		return err;
	return nid;
}

long vc_net_create_v0(const struct vs_call *call)
{
	return nx_create(call->id, NXF_INIT_SET);
}

long vc_net_create(const struct vs_call *call)
{
	struct vcmd_net_create vc = { .flagword = NXF_INIT_SET };

	/* util-vserver sends NULL for the default flags. */
	if (call->data && copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	return nx_create(call->id, vc.flagword);
}

long vc_net_migrate(const struct vs_call *call)
{
	u64 flags = READ_ONCE(call->nxi->flags);

	if ((flags & NXF_INFO_PRIVATE) && !(flags & NXF_STATE_SETUP))
		return -EACCES;
	return nx_enter(call->nxi);
}

long vc_net_migrate_spectator(const struct vs_call *call)
{
	vs_task_set_network(NULL, NX_ID_SPECTATOR);
	return 1;
}

long vc_task_nid(const struct vs_call *call)
{
	return vs_task_id(call->id, vs_task_nid);
}

long vc_nx_info(const struct vs_call *call)
{
	struct vcmd_nx_info_v0 vc = { .nid = call->nxi->obj.id };

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_get_nflags(const struct vs_call *call)
{
	u64 flags = READ_ONCE(call->nxi->flags);
	struct vcmd_net_flags_v0 vc = {
		.flagword = flags,
		.mask = vs_one_time_mask(flags, ~0ULL, NXF_ONE_TIME),
	};

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_set_nflags(const struct vs_call *call)
{
	struct nx_info *nxi = call->nxi;
	struct vcmd_net_flags_v0 vc;
	u64 old, next, mask;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	spin_lock(&nxi->lock);
	old = nxi->flags;
	mask = vs_one_time_mask(old, vc.mask, NXF_ONE_TIME);
	next = vs_masked_update(old, vc.flagword, mask);
	WRITE_ONCE(nxi->flags, next);
	spin_unlock(&nxi->lock);
	vs_object_persistent_changed(&nxi->obj, old, next, NXF_PERSISTENT);
	return 0;
}

long vc_get_ncaps(const struct vs_call *call)
{
	struct vcmd_net_caps_v0 vc = {
		.ncaps = READ_ONCE(call->nxi->ncaps),
		.cmask = ~0ULL,
	};

	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}

long vc_set_ncaps(const struct vs_call *call)
{
	struct nx_info *nxi = call->nxi;
	struct vcmd_net_caps_v0 vc;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	spin_lock(&nxi->lock);
	WRITE_ONCE(nxi->ncaps,
		   vs_masked_update(nxi->ncaps, vc.ncaps, vc.cmask));
	spin_unlock(&nxi->lock);
	return 0;
}

long vc_net_add(const struct vs_call *call)
{
	struct vcmd_net_addr_v0 vc;
	u16 mod;
	int i, err;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	if ((vc.type & ~(NXA_MOD_BCAST | NXA_MOD_LBACK)) != NXA_TYPE_IPV4 ||
	    vc.count < 1 || vc.count > NET_MAX_ADDR_V0)
		return -EINVAL;
	mod = vc.type & (NXA_MOD_BCAST | NXA_MOD_LBACK);
	for (i = 0; i < vc.count; i++) {
		struct nx_addr_v4 a = {
			.ip = { vc.ip[i] },
			.mask = vc.mask[i],
			.type = NXA_TYPE_ADDR | mod,
		};

		err = nx_v4_add(call->nxi, a);
		if (err)
			return err;
	}
	return vc.count;
}

long vc_net_remove(const struct vs_call *call)
{
	struct vcmd_net_addr_v0 vc;
	struct nx_addr_v4 all = { .type = NXA_TYPE_ANY };

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	/* v0 removes only everything (vs2.3). */
	if (vc.type != NXA_TYPE_ANY)
		return -EINVAL;
	return nx_v4_remove(call->nxi, all);
}

long vc_net_add_ipv4_v1(const struct vs_call *call)
{
	struct vcmd_net_addr_ipv4_v1 vc;
	struct nx_addr_v4 a;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	/* v1 knows single addresses and networks, not ranges. */
	if ((vc.type & NXA_MASK_ALL) == NXA_TYPE_RANGE)
		return -EINVAL;
	a = (struct nx_addr_v4){ .ip = { vc.ip },
				 .mask = vc.mask,
				 .type = vc.type,
				 .flags = vc.flags };
	return nx_v4_add(call->nxi, a);
}

long vc_net_rem_ipv4_v1(const struct vs_call *call)
{
	struct vcmd_net_addr_ipv4_v1 vc;
	struct nx_addr_v4 a;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	if (vc.type == NXA_TYPE_RANGE)
		return -EINVAL;
	a = (struct nx_addr_v4){ .ip = { vc.ip },
				 .mask = vc.mask,
				 .type = vc.type };
	return nx_v4_remove(call->nxi, a);
}

long vc_net_add_ipv4(const struct vs_call *call)
{
	struct vcmd_net_addr_ipv4_v2 vc;
	struct nx_addr_v4 a;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	a = (struct nx_addr_v4){ .ip = { vc.ip, vc.ip2 },
				 .mask = vc.mask,
				 .type = vc.type,
				 .flags = vc.flags };
	return nx_v4_add(call->nxi, a);
}

long vc_net_rem_ipv4(const struct vs_call *call)
{
	struct vcmd_net_addr_ipv4_v2 vc;
	struct nx_addr_v4 a;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	a = (struct nx_addr_v4){ .ip = { vc.ip, vc.ip2 },
				 .mask = vc.mask,
				 .type = vc.type };
	return nx_v4_remove(call->nxi, a);
}
