// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - System V IPC and POSIX message queues: the limits they
 * count in (SEMA, SEMS, SHM, MSGQ)
 *
 * Each object remembers the context it was charged to, in its blob, so
 * that whoever removes it uncharges the right context.
 */

#include <linux/ipc.h>
#include <linux/lsm_hooks.h>
#include <linux/vserver_limit.h>

#include "fs.h"
#include "ipc.h"
#include "task.h"

bool __vs_ipc_charge(struct kern_ipc_perm *perm, unsigned int id,
		     unsigned long n)
{
	struct vs_ipc *ipc = vs_ipc(perm);
	struct vx_info *vxi = ipc->vxi ?: vs_current_vxi();

	if (!vxi)
		return true;
	if (!vx_lim_charge(&vxi->limits.res[id], n))
		return false;
	if (!ipc->vxi)
		ipc->vxi = vx_get(vxi);
	ipc->id = id;
	ipc->n = n;
	return true;
}

/* semget() at the SEMA limit: ENOSPC, like the namespace's semmni. */
static int vs_hook_sem_alloc_security(struct kern_ipc_perm *perm)
{
	return vs_charge_current(VLIMIT_SEMARY, &vs_ipc(perm)->vxi) ? 0 :
								      -ENOSPC;
}

/* RCU callbacks: atomics and puts only. */
static void vs_ipc_uncharge(struct vs_ipc *ipc)
{
	if (ipc->n)
		vx_lim_add(&ipc->vxi->limits.res[ipc->id], -(long)ipc->n);
	vx_put(ipc->vxi);
}

static void vs_hook_sem_free_security(struct kern_ipc_perm *perm)
{
	struct vs_ipc *ipc = vs_ipc(perm);

	if (!ipc->vxi)
		return;
	vx_lim_add(&ipc->vxi->limits.res[VLIMIT_SEMARY], -1);
	vs_ipc_uncharge(ipc);
}

static void vs_hook_shm_free_security(struct kern_ipc_perm *perm)
{
	struct vs_ipc *ipc = vs_ipc(perm);

	if (ipc->vxi)
		vs_ipc_uncharge(ipc);
}

bool __vs_mq_charge(struct inode *inode, unsigned long bytes)
{
	struct vx_info *vxi = vs_current_vxi();

	if (!vxi)
		return true;
	if (!vx_lim_charge(&vxi->limits.res[RLIMIT_MSGQUEUE], bytes))
		return false;
	vs_inode(inode)->vxi = vx_get(vxi);
	vs_inode(inode)->lim_id = RLIMIT_MSGQUEUE;
	vs_inode(inode)->charged = bytes;
	return true;
}

static struct security_hook_list vs_ipc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(sem_alloc_security, vs_hook_sem_alloc_security),
	LSM_HOOK_INIT(sem_free_security, vs_hook_sem_free_security),
	LSM_HOOK_INIT(shm_free_security, vs_hook_shm_free_security),
};

void __init vs_add_ipc_hooks(void)
{
	security_add_hooks(vs_ipc_hooks, ARRAY_SIZE(vs_ipc_hooks), &vs_lsmid);
}
