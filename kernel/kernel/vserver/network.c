// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - network contexts (struct nx_info): the object and its
 * addresses
 *
 * A network context (nid) is independent of the security context: chbind
 * can pin a host daemon to one address.  Its lifecycle is a vs_object's
 * (object.c), like a security context's.  Its IPv4 addresses form an
 * immutable, RCU-replaced array, because socket lookups read them in
 * softirq.
 */

#include <linux/in.h>
#include <linux/slab.h>
#include <linux/vserver.h>

#include "network.h"

struct vs_object_table nx_table = {
	.ids = XARRAY_INIT(nx_table.ids, 0),
	.create_mutex = __MUTEX_INITIALIZER(nx_table.create_mutex),
	.key = &vs_net_active_off,
};

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

/**
 * nx_alloc - a new network context, not yet hashed
 * @nid: its id
 * @flags: its NXF_* flags
 * @ops: what it does when unhashed (network_cmd.c)
 *
 * Return: the context, with one reference and the creator's claim, or
 * NULL.
 */
struct nx_info *nx_alloc(u32 nid, u64 flags, const struct vs_object_ops *ops)
{
	struct nx_info *nxi = kzalloc(sizeof(*nxi), GFP_KERNEL_ACCOUNT);
	struct nx_v4_set *none = kzalloc(sizeof(*none), GFP_KERNEL_ACCOUNT);

	if (!nxi || !none) {
		kfree(nxi);
		kfree(none);
		return NULL;
	}
	vs_object_init(&nxi->obj, &nx_table, ops, nid);
	spin_lock_init(&nxi->lock);
	nxi->flags = flags;
	RCU_INIT_POINTER(nxi->v4, none);
	nxi->v4_bcast = htonl(INADDR_BROADCAST);
	nxi->v4_lback = nx_default_lback(nid);
	return nxi;
}

/* The last reference is gone: from nx_put(), in any context. */
void __nx_free(struct nx_info *nxi)
{
	vs_object_freed(&nxi->obj);
	kfree_rcu(rcu_dereference_protected(nxi->v4, true), rcu);
	kfree_rcu(nxi, rcu);
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
int nx_v4_add(struct nx_info *nxi, struct nx_addr_v4 a)
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
int nx_v4_remove(struct nx_info *nxi, struct nx_addr_v4 a)
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
