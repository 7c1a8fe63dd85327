// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - the static keys that switch the hooks on
 *
 * Every hook tests vs_active (security contexts) or vs_net_active
 * (network contexts) first: off until the first context of the kind
 * exists, and again a while after the last one has ended.
 */

#include <linux/export.h>
#include <linux/vserver.h>

#include "keys.h"

static void vs_key_off_work(struct work_struct *work)
{
	struct vs_key_off *off =
		container_of(to_delayed_work(work), struct vs_key_off, work);
	int n = atomic_xchg(&off->pending, 0);

	while (n-- > 0)
		static_branch_dec(off->key);
}

DEFINE_STATIC_KEY_FALSE(vs_active);
/* ext4 may be a module: its tagging hook tests the key. */
EXPORT_SYMBOL_GPL(vs_active);
struct vs_key_off vs_active_off = {
	.key = &vs_active,
	.pending = ATOMIC_INIT(0),
	.work = __DELAYED_WORK_INITIALIZER(vs_active_off.work, vs_key_off_work,
					   0),
};

DEFINE_STATIC_KEY_FALSE(vs_net_active);
/* The diag modules and a modular IPv6 test it too. */
EXPORT_SYMBOL_GPL(vs_net_active);
struct vs_key_off vs_net_active_off = {
	.key = &vs_net_active,
	.pending = ATOMIC_INIT(0),
	.work = __DELAYED_WORK_INITIALIZER(vs_net_active_off.work,
					   vs_key_off_work, 0),
};

/**
 * vs_key_put - drop a user of a static key, turning it off only later
 * @off: the key's deferred decrements
 *
 * A user that comes meanwhile (static_branch_inc()) keeps the key on
 * without any patching.  Process context.
 */
void vs_key_put(struct vs_key_off *off)
{
	atomic_inc(&off->pending);
	mod_delayed_work(system_wq, &off->work, VS_KEY_OFF_DELAY);
}
