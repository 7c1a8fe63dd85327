// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - LSM registration
 */

#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/lsm_hooks.h>
#include <linux/vserver.h>
#include <uapi/linux/lsm.h>

#include "setup.h"
#include "host.h"
#include "inet.h"
#include "isolation.h"
#include "limit.h"
#include "task.h"

/* On while at least one context exists; see <linux/vserver.h>. */
DEFINE_STATIC_KEY_FALSE(vs_active);
/* ext4 may be a module: its tagging hook tests the key. */
EXPORT_SYMBOL_GPL(vs_active);
struct vs_key_off vs_active_off = {
	.key = &vs_active,
	.pending = ATOMIC_INIT(0),
	.work = __DELAYED_WORK_INITIALIZER(vs_active_off.work, vs_key_off_work,
					   0),
};

void vs_key_off_work(struct work_struct *work)
{
	struct vs_key_off *off =
		container_of(to_delayed_work(work), struct vs_key_off, work);
	int n = atomic_xchg(&off->pending, 0);

	while (n-- > 0)
		static_branch_dec(off->key);
}

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

struct lsm_blob_sizes vs_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct vs_task),
	.lbs_sock = sizeof(struct vs_sock),
	.lbs_file = sizeof(struct vs_file),
	.lbs_ipc = sizeof(struct vs_ipc),
	.lbs_inode = sizeof(struct vs_inode),
};

const struct lsm_id vs_lsmid = {
	.name = "vserver",
	.id = LSM_ID_VSERVER,
};

static int __init vs_init(void)
{
	vs_add_task_hooks();
	vs_add_isolation_hooks();
	vs_add_inet_hooks();
	vs_add_limit_hooks();
	vs_add_tag_hooks();
	vs_add_inode_hooks();
	vs_add_host_hooks();
	pr_info("Linux-VServer: security and network contexts ready\n");
	return 0;
}

DEFINE_LSM(vserver) = {
	.name = "vserver",
	.init = vs_init,
	.blobs = &vs_blob_sizes,
};
