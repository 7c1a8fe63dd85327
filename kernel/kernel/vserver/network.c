// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - network contexts: objects, ids, addresses, commands
 *
 * A network context (nid) is independent of the security context: chbind
 * can pin a host daemon to one address.  Its lifecycle is that of a
 * security context (claims by tasks and PERSISTENT, unhashing from a
 * workqueue, freeing after RCU).  Its IPv4 addresses form an immutable,
 * RCU-replaced array, because socket lookups read them in softirq.
 */

#include <linux/in.h>
#include <linux/jump_label.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vserver.h>
#include <linux/xarray.h>
#include <uapi/vserver/network_cmd.h>

#include "cmds.h"
#include "context.h"
#include "network.h"
#include "task.h"

struct nx_global_stats nx_global_stats;

/* Hashed network contexts by id; readers use RCU. */
static DEFINE_XARRAY(nx_ids);

/* Serialises create against create, so EEXIST is exact. */
static DEFINE_MUTEX(nx_create_mutex);

DEFINE_STATIC_KEY_FALSE(vs_net_active);
/* The diag modules and a modular IPv6 test it too. */
EXPORT_SYMBOL_GPL(vs_net_active);

static struct vs_key_off vs_net_active_off = {
	.key = &vs_net_active,
	.pending = ATOMIC_INIT(0),
	.work = __DELAYED_WORK_INITIALIZER(vs_net_active_off.work,
					   vs_key_off_work, 0),
};

/* vs2.3's NXF_INIT_SET with CONFIG_VSERVER_AUTO_LBACK (its default). */
#define NXF_INIT_SET                                                           \
	(NXF_STATE_ADMIN | NXF_HIDE_NETIF | NXF_LBACK_REMAP | NXF_HIDE_LBACK | \
	 (IS_ENABLED(CONFIG_VSERVER_AUTO_SINGLE) ? NXF_SINGLE_IP : 0))

bool nx_valid_id(u32 nid)
{
	return nid >= NX_ID_MIN && nid <= NX_ID_MAX;
}

/**
 * nx_default_lback - the loopback address a new network context gets
 * @nid: its id
 *
 * Return: 127.<nid / 256>.<nid % 256>.1, e.g. 127.0.42.1 for nid 42.
 */
__be32 nx_default_lback(u32 nid)
{
	return htonl(INADDR_LOOPBACK ^ ((nid & 0xFFFF) << 8));
}

struct nx_info *nx_get(struct nx_info *nxi)
{
	refcount_inc(&nxi->usecnt);
	return nxi;
}

/* Safe in any context, including RCU callbacks (socket frees). */
void nx_put(struct nx_info *nxi)
{
	if (refcount_dec_and_test(&nxi->usecnt)) {
		atomic_dec(&nx_global_stats.contexts_total);
		kfree_rcu(rcu_dereference_protected(nxi->v4, true), rcu);
		kfree_rcu(nxi, rcu);
	}
}

static struct nx_info *nx_lookup_any(u32 nid)
{
	struct nx_info *nxi;

	rcu_read_lock();
	nxi = xa_load(&nx_ids, nid);
	if (nxi && !refcount_inc_not_zero(&nxi->usecnt))
		nxi = NULL;
	rcu_read_unlock();
	return nxi;
}

bool nx_is_hashed(const struct nx_info *nxi)
{
	return atomic_read(&nxi->tasks) > 0;
}

/**
 * nx_lookup - find a hashed network context by id
 * @nid: the id
 *
 * Return: the context with a reference the caller must put, or NULL.
 */
struct nx_info *nx_lookup(u32 nid)
{
	struct nx_info *nxi = nx_lookup_any(nid);

	if (nxi && !nx_is_hashed(nxi)) {
		nx_put(nxi);
		nxi = NULL;
	}
	return nxi;
}

bool nx_claim(struct nx_info *nxi)
{
	return atomic_inc_not_zero(&nxi->tasks);
}

void nx_release(struct nx_info *nxi)
{
	if (atomic_dec_and_test(&nxi->tasks))
		schedule_work(&nxi->unhash_work);
}

static void nx_unhash_work(struct work_struct *work)
{
	struct nx_info *nxi = container_of(work, struct nx_info, unhash_work);

	xa_erase(&nx_ids, nxi->nid);
	atomic_dec(&nx_global_stats.contexts_active);
	vs_proc_remove_network(nxi);
	vs_key_put(&vs_net_active_off);
	nx_put(nxi);
}

static struct nx_info *nx_alloc(u32 nid, u64 flags)
{
	struct nx_info *nxi = kzalloc(sizeof(*nxi), GFP_KERNEL_ACCOUNT);
	struct nx_v4_set *none = kzalloc(sizeof(*none), GFP_KERNEL_ACCOUNT);

	if (!nxi || !none) {
		kfree(nxi);
		kfree(none);
		return NULL;
	}
	nxi->nid = nid;
	refcount_set(&nxi->usecnt, 1);
	atomic_set(&nxi->tasks, 1);
	spin_lock_init(&nxi->lock);
	nxi->flags = flags;
	RCU_INIT_POINTER(nxi->v4, none);
	nxi->v4_bcast = htonl(INADDR_BROADCAST);
	nxi->v4_lback = nx_default_lback(nid);
	INIT_WORK(&nxi->unhash_work, nx_unhash_work);
	atomic_inc(&nx_global_stats.contexts_total);
	return nxi;
}

static void nx_persistent_changed(struct nx_info *nxi, u64 old, u64 next)
{
	if ((next & ~old) & NXF_PERSISTENT)
		WARN_ON_ONCE(!nx_claim(nxi));
	else if ((old & ~next) & NXF_PERSISTENT)
		nx_release(nxi);
}

static long nx_create(u32 nid, u64 flags)
{
	struct nx_info *nxi, *old;
	int err;

	if (!nx_valid_id(nid))
		return -EINVAL;
	/* As for security contexts: a guest cannot leave its own. */
	if (vs_task_xid(current) != VX_ID_HOST)
		return -EPERM;
	nxi = nx_alloc(nid, flags);
	if (!nxi)
		return -ENOMEM;

	mutex_lock(&nx_create_mutex);
	old = nx_lookup_any(nid);
	if (old && nx_is_hashed(old)) {
		nx_put(old);
		mutex_unlock(&nx_create_mutex);
		nx_put(nxi);
		return -EEXIST;
	}
	if (old) {
		flush_work(&old->unhash_work);
		nx_put(old);
	}
	err = xa_insert(&nx_ids, nid, nxi, GFP_KERNEL);
	mutex_unlock(&nx_create_mutex);
	if (err) {
		nx_put(nxi);
		return err;
	}

	static_branch_inc(&vs_net_active);
	atomic_inc(&nx_global_stats.contexts_active);
	err = vs_proc_add_network(nxi);
	if (!err)
		err = vs_task_enter_network(nxi);
	if (!err && (flags & NXF_PERSISTENT))
		nx_persistent_changed(nxi, 0, NXF_PERSISTENT);
	nx_release(nxi);
	return err ? err : nid;
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
	return vs_task_enter_network(call->nxi);
}

long vc_net_migrate_spectator(const struct vs_call *call)
{
	vs_task_enter_network_spectator();
	return 1;
}

long vc_task_nid(const struct vs_call *call)
{
	return vs_task_id(call->id, vs_task_nid);
}

long vc_nx_info(const struct vs_call *call)
{
	struct vcmd_nx_info_v0 vc = { .nid = call->nxi->nid };

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
	next = vx_masked_update(old, vc.flagword, mask);
	WRITE_ONCE(nxi->flags, next);
	spin_unlock(&nxi->lock);
	nx_persistent_changed(nxi, old, next);
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
		   vx_masked_update(nxi->ncaps, vc.ncaps, vc.cmask));
	spin_unlock(&nxi->lock);
	return 0;
}

/* Address sets ------------------------------------------------------------ */

static bool nx_v4_same(const struct nx_addr_v4 *a, const struct nx_addr_v4 *b)
{
	return a->ip[0] == b->ip[0] && a->ip[1] == b->ip[1] &&
	       a->mask == b->mask && a->type == b->type;
}

/*
 * Replaces @nxi's set with @old plus @add (if any) less the entries
 * @remove says.  Called with nxi->lock held; allocates atomically.
 */
static struct nx_v4_set *nx_v4_rebuild(const struct nx_v4_set *old,
				       const struct nx_addr_v4 *add,
				       const struct nx_addr_v4 *remove_one,
				       bool remove_all)
{
	unsigned int n = 0, i, size = remove_all ? 0 : old->count;
	struct nx_v4_set *set;

	set = kzalloc(struct_size(set, addr, size + !!add), GFP_ATOMIC);
	if (!set)
		return NULL;
	set->count = size + !!add;
	for (i = 0; i < size; i++)
		if (!remove_one || !nx_v4_same(&old->addr[i], remove_one))
			set->addr[n++] = old->addr[i];
	if (add)
		set->addr[n++] = *add;
	set->count = n;
	return set;
}

/**
 * nx_v4_add - add one IPv4 entry, or set the broadcast/loopback address
 * @nxi: the network context
 * @a: the entry; its type may carry %NXA_MOD_BCAST or %NXA_MOD_LBACK
 *
 * Adding a second address clears %NXF_SINGLE_IP, as in vs2.3.
 *
 * Return: 0, -EINVAL (bad type or range), -EEXIST (the same entry is
 * there), -ENOSPC (%NX_V4_MAX entries), -ENOMEM.
 */
static int nx_v4_add(struct nx_info *nxi, struct nx_addr_v4 a)
{
	struct nx_v4_set *old, *set;
	u16 kind = a.type & NXA_MASK_ALL;
	unsigned int i;
	int err = 0;

	if (a.type & NXA_MOD_BCAST) {
		if (kind != NXA_TYPE_ADDR)
			return -EINVAL;
		WRITE_ONCE(nxi->v4_bcast, a.ip[0]);
		return 0;
	}
	if (a.type & NXA_MOD_LBACK) {
		if (kind != NXA_TYPE_ADDR)
			return -EINVAL;
		WRITE_ONCE(nxi->v4_lback, a.ip[0]);
		return 0;
	}
	if (a.type != NXA_TYPE_ADDR && a.type != NXA_TYPE_MASK &&
	    a.type != NXA_TYPE_RANGE)
		return -EINVAL;
	if (a.type == NXA_TYPE_RANGE && ntohl(a.ip[0]) >= ntohl(a.ip[1]))
		return -EINVAL;
	if (a.type != NXA_TYPE_RANGE)
		a.ip[1] = 0;
	/* A network is stored as its network address. */
	if (a.type == NXA_TYPE_MASK)
		a.ip[0] &= a.mask;

	spin_lock(&nxi->lock);
	old = rcu_dereference_protected(nxi->v4, lockdep_is_held(&nxi->lock));
	for (i = 0; i < old->count; i++)
		if (nx_v4_same(&old->addr[i], &a))
			err = -EEXIST;
	if (!err && old->count >= NX_V4_MAX)
		err = -ENOSPC;
	set = err ? NULL : nx_v4_rebuild(old, &a, NULL, false);
	if (!err && !set)
		err = -ENOMEM;
	if (!err) {
		rcu_assign_pointer(nxi->v4, set);
		if (set->count > 1)
			WRITE_ONCE(nxi->flags, nxi->flags & ~NXF_SINGLE_IP);
	}
	spin_unlock(&nxi->lock);
	if (!err)
		kfree_rcu(old, rcu);
	return err;
}

/*
 * Removes the entry equal to @a, or with type %NXA_TYPE_ANY every IPv4
 * entry.  Return: 0, -EINVAL, -ESRCH (no such entry), -ENOMEM.
 */
static int nx_v4_remove(struct nx_info *nxi, struct nx_addr_v4 a)
{
	bool all = a.type == NXA_TYPE_ANY;
	struct nx_v4_set *old, *set;
	unsigned int i;
	int err = all ? 0 : -ESRCH;

	if (!all && a.type != NXA_TYPE_ADDR && a.type != NXA_TYPE_MASK &&
	    a.type != NXA_TYPE_RANGE)
		return -EINVAL;
	if (a.type != NXA_TYPE_RANGE)
		a.ip[1] = 0;
	if (a.type == NXA_TYPE_MASK)
		a.ip[0] &= a.mask;

	spin_lock(&nxi->lock);
	old = rcu_dereference_protected(nxi->v4, lockdep_is_held(&nxi->lock));
	for (i = 0; !all && i < old->count; i++)
		if (nx_v4_same(&old->addr[i], &a))
			err = 0;
	set = err ? NULL : nx_v4_rebuild(old, NULL, all ? NULL : &a, all);
	if (!err && !set)
		err = -ENOMEM;
	if (!err)
		rcu_assign_pointer(nxi->v4, set);
	spin_unlock(&nxi->lock);
	if (!err)
		kfree_rcu(old, rcu);
	return err;
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

/* Address matching (vs2.3 §3.1) -------------------------------------------- */

/**
 * nx_v4_addr_match - does @addr match one entry?
 * @a: the entry
 * @addr: the address
 * @tmask: which entry types count (NXA_TYPE_*, plus %NXA_MOD_BCAST to
 *	match an entry's subnet broadcast address)
 */
bool nx_v4_addr_match(const struct nx_addr_v4 *a, __be32 addr, u16 tmask)
{
	switch (a->type & tmask) {
	case NXA_TYPE_MASK:
		return a->ip[0] == (addr & a->mask);
	case NXA_TYPE_ADDR:
		return addr == a->ip[0] || ((tmask & NXA_MOD_BCAST) &&
					    addr == (a->ip[0] | ~a->mask));
	case NXA_TYPE_RANGE:
		return ntohl(a->ip[0]) <= ntohl(addr) &&
		       ntohl(addr) < ntohl(a->ip[1]);
	}
	return false;
}

/**
 * nx_v4_addr_in - is @addr one of @nxi's addresses?
 * @nxi: the network context; NULL (the host) has every address
 * @addr: the address
 * @tmask: NXA_* bits: entry types, %NXA_MOD_BCAST and %NXA_MOD_LBACK for
 *	the context's broadcast and loopback addresses, %NXA_LOOPBACK for
 *	127.0.0.1 under %NXF_LBACK_REMAP
 *
 * Callers hold rcu_read_lock().
 */
bool nx_v4_addr_in(const struct nx_info *nxi, __be32 addr, u16 tmask)
{
	const struct nx_v4_set *set;
	unsigned int i;

	if (!nxi)
		return true;
	if ((tmask & NXA_LOOPBACK) && addr == htonl(INADDR_LOOPBACK) &&
	    (READ_ONCE(nxi->flags) & NXF_LBACK_REMAP))
		return true;
	if ((tmask & NXA_MOD_LBACK) && addr == READ_ONCE(nxi->v4_lback))
		return true;
	if ((tmask & NXA_MOD_BCAST) && addr == READ_ONCE(nxi->v4_bcast))
		return true;
	set = rcu_dereference(nxi->v4);
	for (i = 0; i < set->count; i++)
		if (nx_v4_addr_match(&set->addr[i], addr, tmask))
			return true;
	return false;
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/network_kunit.c"
#endif
