// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - the life of a context, security or network alike
 *
 * Ids, references, claims and unhashing are the same for both kinds;
 * what a kind does when its id is freed and how it is freed are its
 * vs_object_ops.
 */

#include <linux/jump_label.h>
#include <linux/rcupdate.h>

#include "object.h"

/* Process context: the id becomes free, the kind tidies up, the key may go. */
static void vs_object_unhash_work(struct work_struct *work)
{
	struct vs_object *obj =
		container_of(work, struct vs_object, unhash_work);

	xa_erase(&obj->table->ids, obj->id);
	atomic_dec(&obj->table->active);
	obj->ops->unhashed(obj);
	vs_key_put(obj->table->key);
	/* The id table's reference. */
	obj->ops->put(obj);
}

/**
 * vs_object_init - set up a new object, not yet hashed
 * @obj: the object
 * @table: where vs_object_hash() will hash it
 * @ops: its kind's ops
 * @id: its id
 *
 * The object starts with one reference and the creating command's claim.
 */
void vs_object_init(struct vs_object *obj, struct vs_object_table *table,
		    const struct vs_object_ops *ops, u32 id)
{
	obj->id = id;
	refcount_set(&obj->usecnt, 1);
	atomic_set(&obj->tasks, 1);
	INIT_WORK(&obj->unhash_work, vs_object_unhash_work);
	obj->table = table;
	obj->ops = ops;
	atomic_inc(&table->total);
}

/* The kind's free: the object no longer counts. */
void vs_object_freed(struct vs_object *obj)
{
	atomic_dec(&obj->table->total);
}

/* The object under @id, hashed or being unhashed, referenced; or NULL. */
static struct vs_object *vs_object_lookup_any(struct vs_object_table *table,
					      u32 id)
{
	struct vs_object *obj;

	rcu_read_lock();
	obj = xa_load(&table->ids, id);
	if (obj && !refcount_inc_not_zero(&obj->usecnt))
		obj = NULL;
	rcu_read_unlock();
	return obj;
}

/**
 * vs_object_lookup - find a hashed object by id
 * @table: the kind's table
 * @id: the id
 *
 * Return: the object with a reference the caller must put, or NULL.
 */
struct vs_object *vs_object_lookup(struct vs_object_table *table, u32 id)
{
	struct vs_object *obj = vs_object_lookup_any(table, id);

	/* An object whose last claim is gone is being unhashed: absent. */
	if (obj && !vs_object_is_hashed(obj)) {
		obj->ops->put(obj);
		obj = NULL;
	}
	return obj;
}

/**
 * vs_object_hash - make a new object findable by its id
 * @obj: from vs_object_init()
 *
 * An object whose last claim went but which still holds the id is waited
 * for.  On success the kind's static key is on.
 *
 * Return: 0, the kind's errno for an id in use (-EEXIST by default), or
 * -ENOMEM.
 */
int vs_object_hash(struct vs_object *obj)
{
	struct vs_object_table *table = obj->table;
	struct vs_object *old;
	int err;

	mutex_lock(&table->create_mutex);
	old = vs_object_lookup_any(table, obj->id);
	if (old && vs_object_is_hashed(old)) {
		err = old->ops->in_use ? old->ops->in_use(old) : -EEXIST;
		old->ops->put(old);
		mutex_unlock(&table->create_mutex);
		return err;
	}
	if (old) {
		flush_work(&old->unhash_work);
		old->ops->put(old);
	}
	err = xa_insert(&table->ids, obj->id, obj, GFP_KERNEL);
	mutex_unlock(&table->create_mutex);
	if (err)
		return err;
	static_branch_inc(table->key->key);
	atomic_inc(&table->active);
	return 0;
}

/**
 * vs_object_persistent_changed - take or drop the persistent claim
 * @obj: the object
 * @old: its flags before a change
 * @next: its flags after
 * @persistent: the kind's PERSISTENT bit
 */
void vs_object_persistent_changed(struct vs_object *obj, u64 old, u64 next,
				  u64 persistent)
{
	if ((next & ~old) & persistent)
		WARN_ON_ONCE(!vs_object_claim(obj));
	else if ((old & ~next) & persistent)
		vs_object_release(obj);
}
