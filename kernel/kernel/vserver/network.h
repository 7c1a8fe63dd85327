/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - network contexts (struct nx_info)
 */

#ifndef _VSERVER_NETWORK_H
#define _VSERVER_NETWORK_H

#include <linux/atomic.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/vserver/network.h>

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
 * @nid: the id, 2..65535
 * @usecnt: references: the id table's, one per task blob and socket blob
 *	pointing here, one per lookup in progress
 * @tasks: claims: one per task counted in the context, plus one while
 *	%NXF_PERSISTENT is set; the context is unhashed when it drops to 0
 * @lock: serialises writers of @flags, @ncaps, @v4, @v4_bcast, @v4_lback
 * @flags: NXF_* flags
 * @ncaps: NXC_* capabilities
 * @v4: the IPv4 addresses (RCU)
 * @v4_bcast: the broadcast address the context may use
 * @v4_lback: the context's own loopback address
 * @unhash_work: unhashes from process context when @tasks reaches 0
 * @proc_dir: /proc/virtnet/<nid>
 * @rcu: frees the object after readers of task and socket blobs are done
 */
struct nx_info {
	u32 nid;
	refcount_t usecnt;
	atomic_t tasks;
	spinlock_t lock; /* serialises the writers listed above */
	u64 flags;
	u64 ncaps;
	struct nx_v4_set __rcu *v4;
	__be32 v4_bcast;
	__be32 v4_lback;
	struct work_struct unhash_work;
	struct proc_dir_entry *proc_dir;
	struct rcu_head rcu;
};

/**
 * struct nx_global_stats - counters shown in /proc/virtnet/status
 * @contexts_total: network context objects allocated and not yet freed
 * @contexts_active: network contexts that can be looked up by id
 */
struct nx_global_stats {
	atomic_t contexts_total;
	atomic_t contexts_active;
};

extern struct nx_global_stats nx_global_stats;

bool nx_valid_id(u32 nid);
__be32 nx_default_lback(u32 nid);
struct nx_info *nx_lookup(u32 nid);
struct nx_info *nx_get(struct nx_info *nxi);
void nx_put(struct nx_info *nxi);
bool nx_claim(struct nx_info *nxi);
void nx_release(struct nx_info *nxi);
bool nx_is_hashed(const struct nx_info *nxi);

/*
 * Does a reader of network context @viewer see a socket of @owner in
 * /proc/net and sock_diag?  Its own nid's only; the spectator sees all.
 * The host (0) is a nid like the others here: it sees host sockets.
 */
static inline bool nx_nid_sees(u32 viewer, u32 owner)
{
	return viewer == NX_ID_SPECTATOR || viewer == owner;
}

bool nx_v4_addr_match(const struct nx_addr_v4 *a, __be32 addr, u16 tmask);
bool nx_v4_addr_in(const struct nx_info *nxi, __be32 addr, u16 tmask);

int vs_proc_add_network(struct nx_info *nxi);
void vs_proc_remove_network(struct nx_info *nxi);

#endif /* _VSERVER_NETWORK_H */
