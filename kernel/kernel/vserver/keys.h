/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the static keys that switch the hooks on
 */

#ifndef _VSERVER_KEYS_H
#define _VSERVER_KEYS_H

#include <linux/atomic.h>
#include <linux/jump_label.h>
#include <linux/workqueue.h>

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

/* vs_active (<linux/vserver.h>) while a security context exists. */
extern struct vs_key_off vs_active_off;
/* vs_net_active while a network context exists. */
extern struct vs_key_off vs_net_active_off;

void vs_key_put(struct vs_key_off *off);

#endif /* _VSERVER_KEYS_H */
