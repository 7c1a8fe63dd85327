/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - network contexts (struct nx_info): the object and its
 * addresses
 */

#ifndef _VSERVER_NETWORK_H
#define _VSERVER_NETWORK_H

#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/vserver/network.h>

#include "object.h"

struct proc_dir_entry;

/**
 * struct nx_addr_v4 - one IPv4 entry of a network context
 * @ip: the address; for %NXA_TYPE_RANGE @ip[0] up to, not including, @ip[1]
 * @mask: the netmask
 * @type: NXA_TYPE_ADDR, NXA_TYPE_MASK or NXA_TYPE_RANGE
 * @flags: as given by user space, kept for display
 */
struct nx_addr_v4 {
	__be32 ip[2];
	__be32 mask;
	u16 type;
	u16 flags;
};

/**
 * struct nx_v4_set - the IPv4 addresses of a network context
 * @count: entries in @addr
 * @rcu: the set is replaced, never changed: freed after readers are done
 * @addr: the entries, in the order they were added
 *
 * Readers (socket lookups in softirq) see a consistent set under RCU.
 */
struct nx_v4_set {
	unsigned int count;
	struct rcu_head rcu;
	struct nx_addr_v4 addr[] __counted_by(count);
};

/* The most IPv4 entries one network context may carry. */
#define NX_V4_MAX 256

/**
 * struct nx_info - a network context
 * @obj: id, references, claims (object.h); first, so that nx_of(NULL)
 *	is NULL
 * @lock: serialises writers of @flags, @ncaps, @v4, @v4_bcast, @v4_lback
 * @flags: NXF_* flags
 * @ncaps: NXC_* capabilities
 * @v4: the IPv4 addresses (RCU)
 * @v4_bcast: the broadcast address the context may use
 * @v4_lback: the context's own loopback address
 * @proc_dir: /proc/virtnet/<nid>
 * @rcu: frees the object after readers of task and socket blobs are done
 */
struct nx_info {
	struct vs_object obj;
	spinlock_t lock; /* serialises the writers listed above */
	u64 flags;
	u64 ncaps;
	struct nx_v4_set __rcu *v4;
	__be32 v4_bcast;
	__be32 v4_lback;
	struct proc_dir_entry *proc_dir;
	struct rcu_head rcu;
};

static_assert(offsetof(struct nx_info, obj) == 0);

/* The hashed network contexts; its counters are /proc/virtnet/status. */
extern struct vs_object_table nx_table;

struct nx_info *nx_alloc(u32 nid, u64 flags, const struct vs_object_ops *ops);
void __nx_free(struct nx_info *nxi);

static inline struct nx_info *nx_of(struct vs_object *obj)
{
	return container_of_const(obj, struct nx_info, obj);
}

static inline bool nx_valid_id(u32 nid)
{
	return nid >= NX_ID_MIN && nid <= NX_ID_MAX;
}

static inline struct nx_info *nx_get(struct nx_info *nxi)
{
	refcount_inc(&nxi->obj.usecnt);
	return nxi;
}

/* Safe in any context, including RCU callbacks (socket frees). */
static inline void nx_put(struct nx_info *nxi)
{
	if (refcount_dec_and_test(&nxi->obj.usecnt))
		__nx_free(nxi);
}

/* The hashed network context @nid, referenced, or NULL. */
static inline struct nx_info *nx_lookup(u32 nid)
{
	struct vs_object *obj = vs_object_lookup(&nx_table, nid);

	return obj ? nx_of(obj) : NULL;
}

static inline bool nx_is_hashed(const struct nx_info *nxi)
{
	return vs_object_is_hashed(&nxi->obj);
}

static inline bool nx_claim(struct nx_info *nxi)
{
	return vs_object_claim(&nxi->obj);
}

static inline void nx_release(struct nx_info *nxi)
{
	vs_object_release(&nxi->obj);
}

__be32 nx_default_lback(u32 nid);

/*
 * Does a reader of network context @viewer see a socket of @owner in
 * /proc/net and sock_diag?  Its own nid's only; the spectator sees all.
 * The host (0) is a nid like the others here: it sees host sockets.
 */
static inline bool nx_nid_sees(u32 viewer, u32 owner)
{
	return viewer == NX_ID_SPECTATOR || viewer == owner;
}

int nx_v4_add(struct nx_info *nxi, struct nx_addr_v4 a);
int nx_v4_remove(struct nx_info *nxi, struct nx_addr_v4 a);
bool nx_v4_addr_match(const struct nx_addr_v4 *a, __be32 addr, u16 tmask);
bool nx_v4_addr_in(const struct nx_info *nxi, __be32 addr, u16 tmask);

#endif /* _VSERVER_NETWORK_H */
