/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the life of a context, security or network alike
 */

#ifndef _VSERVER_OBJECT_H
#define _VSERVER_OBJECT_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "keys.h"

struct vs_object;

/**
 * struct vs_object_ops - what differs between the kinds of context
 * @in_use: the errno for creating an id still in use; NULL for -EEXIST
 * @unhashed: the object's id is free again (process context)
 * @put: drops one reference; the last frees the object
 */
struct vs_object_ops {
	int (*in_use)(struct vs_object *old);
	void (*unhashed)(struct vs_object *obj);
	void (*put)(struct vs_object *obj);
};

/**
 * struct vs_object_table - the hashed objects of one kind, by id
 * @ids: readers use RCU, writers the xarray's lock
 * @create_mutex: serialises create against create, so EEXIST is exact
 * @key: the static key that is on while an object of the kind exists
 * @total: objects allocated and not yet freed (/proc/virtual/status)
 * @active: objects that can be looked up by id
 */
struct vs_object_table {
	struct xarray ids;
	struct mutex create_mutex; /* serialises create against create */
	struct vs_key_off *key;
	atomic_t total;
	atomic_t active;
};

/**
 * struct vs_object - what every context has
 * @id: 2..65535
 * @usecnt: references: the id table's while hashed, one per task, socket
 *	or charged object blob pointing here, one per lookup in progress
 * @tasks: claims: one per task counted in the context, plus one while
 *	the PERSISTENT flag is set; the object is unhashed when it drops to
 *	0 and can never be claimed again
 * @unhash_work: unhashes from process context when @tasks reaches 0
 * @table: where it is hashed
 * @ops: its kind's ops
 *
 * Lifecycle: an object is created hashed (findable by id) with one claim
 * held by the creating command.  When the last claim goes, it is
 * unhashed (its id is free again) and can never be claimed again; it
 * lives until its last reference is put.
 */
struct vs_object {
	u32 id;
	refcount_t usecnt;
	atomic_t tasks;
	struct work_struct unhash_work;
	struct vs_object_table *table;
	const struct vs_object_ops *ops;
};

void vs_object_init(struct vs_object *obj, struct vs_object_table *table,
		    const struct vs_object_ops *ops, u32 id);
void vs_object_freed(struct vs_object *obj);
struct vs_object *vs_object_lookup(struct vs_object_table *table, u32 id);
int vs_object_hash(struct vs_object *obj);
void vs_object_persistent_changed(struct vs_object *obj, u64 old, u64 next,
				  u64 persistent);

static inline struct vs_object *vs_object_get(struct vs_object *obj)
{
	refcount_inc(&obj->usecnt);
	return obj;
}

static inline bool vs_object_is_hashed(const struct vs_object *obj)
{
	return atomic_read(&obj->tasks) > 0;
}

/* Counts one more task (or PERSISTENT); false once the last claim went. */
static inline bool vs_object_claim(struct vs_object *obj)
{
	return atomic_inc_not_zero(&obj->tasks);
}

/* Drops a claim; the last one unhashes, from a workqueue: any context. */
static inline void vs_object_release(struct vs_object *obj)
{
	if (atomic_dec_and_test(&obj->tasks))
		schedule_work(&obj->unhash_work);
}

/**
 * vs_one_time_mask - which flag bits a set_cflags or set_nflags may change
 * @cur: the context's current flags
 * @mask: the caller's mask
 * @one_time: the bits that can only be cleared (%VXF_ONE_TIME, %NXF_ONE_TIME)
 *
 * Return: @mask, less the one-time bits already cleared.
 */
static inline u64 vs_one_time_mask(u64 cur, u64 mask, u64 one_time)
{
	return (mask & ~one_time) | (mask & cur & one_time);
}

/**
 * vs_masked_update - apply a masked write
 * @old: the old value
 * @val: the requested value
 * @mask: the bits to take from @val
 *
 * Return: @old with the bits of @mask taken from @val.
 */
static inline u64 vs_masked_update(u64 old, u64 val, u64 mask)
{
	return (old & ~mask) | (val & mask);
}

#endif /* _VSERVER_OBJECT_H */
