/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - LSM registration
 */

#ifndef _VSERVER_SETUP_H
#define _VSERVER_SETUP_H

#include <linux/atomic.h>
#include <linux/jump_label.h>
#include <linux/lsm_hooks.h>
#include <linux/workqueue.h>

extern struct lsm_blob_sizes vs_blob_sizes;
extern const struct lsm_id vs_lsmid;

/**
 * struct vs_key_off - turns a static key off a while after its last user
 * @key: the key, on while its count is above 0
 * @pending: decrements waiting for @work
 * @work: applies them, %VS_KEY_OFF_DELAY after the last one came
 *
 * Turning a key on or off patches the code of every site (text_poke on
 * every cpu), which takes milliseconds; a host that makes and ends
 * contexts one at a time would patch twice per context.
 */
struct vs_key_off {
	struct static_key_false *key;
	atomic_t pending;
	struct delayed_work work;
};

#define VS_KEY_OFF_DELAY HZ

void vs_key_off_work(struct work_struct *work);

void vs_key_put(struct vs_key_off *off);

extern struct vs_key_off vs_active_off;

void __init vs_add_task_hooks(void);
void __init vs_add_inet_hooks(void);
void __init vs_add_limit_hooks(void);
void __init vs_add_tag_hooks(void);
void __init vs_add_inode_hooks(void);

#endif /* _VSERVER_SETUP_H */
