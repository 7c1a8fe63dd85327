// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - LSM registration: the blobs and the hooked objects
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "fs.h"
#include "host.h"
#include "inet.h"
#include "ipc.h"
#include "setup.h"
#include "task.h"

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
	vs_add_fs_hooks();
	vs_add_ipc_hooks();
	vs_add_inet_hooks();
	vs_add_host_hooks();
	pr_info("Linux-VServer: security and network contexts ready\n");
	return 0;
}

DEFINE_LSM(vserver) = {
	.name = "vserver",
	.init = vs_init,
	.blobs = &vs_blob_sizes,
};
