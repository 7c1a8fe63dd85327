// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - charging per-context limits from LSM hooks
 *
 * Each charged object remembers the context it was charged to, so that
 * the uncharge goes to the same context even when another task (or a
 * kworker) frees it, or the creator has migrated since.
 */

#include <linux/bitmap.h>
#include <linux/fdtable.h>
#include <linux/filelock.h>
#include <linux/fs.h>
#include <linux/ipc.h>
#include <linux/lsm_hooks.h>
#include <linux/vserver_limit.h>

#include "context.h"
#include "limit.h"
#include "setup.h"
#include "task.h"

static inline struct vs_file *vs_file(const struct file *file)
{
	return file->f_security + vs_blob_sizes.lbs_file;
}

/**
 * vs_charge_one - charge one object to current's context
 * @id: the limit
 * @owner: where the object remembers whom to uncharge: a reference to
 *	the context, or NULL for a host task
 *
 * Return: false at the hard limit (@owner untouched).
 */
static bool vs_charge_one(unsigned int id, struct vx_info **owner)
{
	struct vx_info *vxi;

	if (!static_branch_unlikely(&vs_active))
		return true;
	vxi = vs_current_vxi();
	if (!vxi)
		return true;
	if (!vx_lim_charge(&vxi->limits.res[id], 1))
		return false;
	*owner = vx_get(vxi);
	return true;
}

/*
 * Every struct file counts (open, pipe, socket, epoll, ...); refused with
 * ENFILE, the errno of a full file table: the context's table is full.
 */
static int vs_hook_file_alloc_security(struct file *file)
{
	return vs_charge_one(RLIMIT_NOFILE, &vs_file(file)->vxi) ? 0 : -ENFILE;
}

/* From __fput(), task work or a kworker: only atomics and a put. */
static void vs_hook_file_free_security(struct file *file)
{
	struct vx_info *vxi = vs_file(file)->vxi;

	if (!vxi)
		return;
	vx_lim_add(&vxi->limits.res[RLIMIT_NOFILE], -1);
	vx_put(vxi);
}

/* The descriptors of a table; the caller holds its lock or its last ref. */
static long vs_files_count(struct fdtable *fdt)
{
	return bitmap_weight(fdt->open_fds, fdt->max_fds);
}

static struct vx_limit *vs_ofd(struct vx_info *vxi)
{
	return &vxi->limits.res[VLIMIT_OPENFD];
}

/* dup_fd(): the copy is not visible yet, so no lock is needed. */
void __vs_files_dup(struct files_struct *files)
{
	struct vx_info *vxi = vs_current_vxi();

	if (!vxi)
		return;
	/* fork() is no place to refuse descriptors the parent holds. */
	vx_lim_add(vs_ofd(vxi),
		   vs_files_count(rcu_dereference_raw(files->fdt)));
	files->vs_vxi = vx_get(vxi);
}

/* put_files_struct(): the last reference, before the files close. */
void __vs_files_release(struct files_struct *files)
{
	struct vx_info *vxi = files->vs_vxi;

	vx_lim_add(vs_ofd(vxi),
		   -vs_files_count(rcu_dereference_raw(files->fdt)));
	files->vs_vxi = NULL;
	vx_put(vxi);
}

bool __vs_ofd_charge(struct files_struct *files)
{
	return vx_lim_charge(vs_ofd(files->vs_vxi), 1);
}

void __vs_ofd_uncharge(struct files_struct *files)
{
	vx_lim_add(vs_ofd(files->vs_vxi), -1);
}

/**
 * vs_files_migrate - current's descriptors follow it into a context
 * @vxi: the new context, NULL for none
 *
 * A table shared with other threads stays with the context it was
 * charged to: they may not follow.
 */
void vs_files_migrate(struct vx_info *vxi)
{
	struct files_struct *files = current->files;
	struct vx_info *old;
	long n;

	if (!files || atomic_read(&files->count) != 1)
		return;
	spin_lock(&files->file_lock);
	old = files->vs_vxi;
	if (old == vxi) {
		spin_unlock(&files->file_lock);
		return;
	}
	n = vs_files_count(files_fdtable(files));
	if (old)
		vx_lim_add(vs_ofd(old), -n);
	if (vxi)
		vx_lim_add(vs_ofd(vxi), n);
	files->vs_vxi = vxi ? vx_get(vxi) : NULL;
	spin_unlock(&files->file_lock);
	if (old)
		vx_put(old);
}

/*
 * Locks count in the context charged for the locked file: insert and
 * removal may run in different tasks, the file stays the same.
 */
static struct vx_info *vs_lock_vxi(struct file_lock_core *flc)
{
	return flc->flc_file ? vs_file(flc->flc_file)->vxi : NULL;
}

/*
 * The room for the records a lock request inserts is charged before the
 * first of them goes in, and each insertion by the same task uses it up:
 * the value never passes the limit, not even for a moment.
 */
bool __vs_lock_reserve(struct file_lock_core *flc, unsigned int n)
{
	struct vx_info *vxi = vs_lock_vxi(flc);
	struct vs_task *t = vs_task(current);

	if (!vxi)
		return true;
	if (!vx_lim_charge(&vxi->limits.res[RLIMIT_LOCKS], n))
		return false;
	t->lock_resv = n;
	t->lock_resv_vxi = vxi;
	return true;
}

void __vs_lock_inserted(struct file_lock_core *flc)
{
	struct vx_info *vxi = vs_lock_vxi(flc);
	struct vs_task *t = vs_task(current);

	if (!vxi)
		return;
	if (t->lock_resv && t->lock_resv_vxi == vxi) {
		t->lock_resv--;
		return;
	}
	vx_lim_add(&vxi->limits.res[RLIMIT_LOCKS], 1);
}

void __vs_lock_removed(struct file_lock_core *flc)
{
	struct vx_info *vxi = vs_lock_vxi(flc);

	if (vxi)
		vx_lim_add(&vxi->limits.res[RLIMIT_LOCKS], -1);
}

/* What the request reserved and did not insert goes back. */
void __vs_lock_unreserve(void)
{
	struct vs_task *t = vs_task(current);

	if (t->lock_resv)
		vx_lim_add(&t->lock_resv_vxi->limits.res[RLIMIT_LOCKS],
			   -(long)t->lock_resv);
	t->lock_resv = 0;
	t->lock_resv_vxi = NULL;
}

static inline struct vs_ipc *vs_ipc(const struct kern_ipc_perm *perm)
{
	return perm->security + vs_blob_sizes.lbs_ipc;
}

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
	return vs_charge_one(VLIMIT_SEMARY, &vs_ipc(perm)->vxi) ? 0 : -ENOSPC;
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

static void vs_hook_inode_free_security(struct inode *inode)
{
	struct vs_inode *vi = inode->i_security ? vs_inode(inode) : NULL;

	if (!vi || !vi->vxi)
		return;
	vx_lim_add(&vi->vxi->limits.res[vi->lim_id], -(long)vi->charged);
	vx_put(vi->vxi);
	vi->vxi = NULL;
}

static struct security_hook_list vs_limit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_alloc_security, vs_hook_file_alloc_security),
	LSM_HOOK_INIT(file_free_security, vs_hook_file_free_security),
	LSM_HOOK_INIT(sem_alloc_security, vs_hook_sem_alloc_security),
	LSM_HOOK_INIT(sem_free_security, vs_hook_sem_free_security),
	LSM_HOOK_INIT(shm_free_security, vs_hook_shm_free_security),
	LSM_HOOK_INIT(inode_free_security, vs_hook_inode_free_security),
};

void __init vs_add_limit_hooks(void)
{
	security_add_hooks(vs_limit_hooks, ARRAY_SIZE(vs_limit_hooks),
			   &vs_lsmid);
}
