/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - System V IPC objects: their blob
 */

#ifndef _VSERVER_IPC_H
#define _VSERVER_IPC_H

#include <linux/init.h>
#include <linux/ipc.h>

#include "setup.h"

struct vx_info;

/**
 * struct vs_ipc - per SysV object state, the LSM ipc blob
 * @vxi: the context charged, referenced; NULL if none
 * @id: the limit @n is charged to (%VLIMIT_SHMEM, %VLIMIT_NSEMS)
 * @n: pages or semaphores charged
 *
 * A semaphore array with @vxi set is also charged one %VLIMIT_SEMARY.
 */
struct vs_ipc {
	struct vx_info *vxi;
	unsigned int id;
	unsigned long n;
};

static inline struct vs_ipc *vs_ipc(const struct kern_ipc_perm *perm)
{
	return perm->security + vs_blob_sizes.lbs_ipc;
}

void __init vs_add_ipc_hooks(void);

#endif /* _VSERVER_IPC_H */
