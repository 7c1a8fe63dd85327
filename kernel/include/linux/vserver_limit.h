/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the calls core kernel code makes to charge per-context
 * limits where no LSM hook sees the resource: descriptors (OFD), file
 * locks, SysV shared memory and semaphores, POSIX message queues.
 *
 * Charges test vs_active first, so a host that never creates a context
 * pays a nop.  Uncharges test the record the charge left, never the key:
 * the key may go off while charged objects still exist.
 */

#ifndef _LINUX_VSERVER_LIMIT_H
#define _LINUX_VSERVER_LIMIT_H

#include <linux/fdtable.h>
#include <linux/vserver.h>
#include <uapi/vserver/limit.h>

struct file_lock_core;
struct inode;
struct kern_ipc_perm;

#ifdef CONFIG_VSERVER

void __vs_files_dup(struct files_struct *files);
void __vs_files_release(struct files_struct *files);
bool __vs_ofd_charge(struct files_struct *files);
void __vs_ofd_uncharge(struct files_struct *files);
bool __vs_lock_reserve(struct file_lock_core *flc, unsigned int n);
void __vs_lock_inserted(struct file_lock_core *flc);
void __vs_lock_removed(struct file_lock_core *flc);
void __vs_lock_unreserve(void);
bool __vs_ipc_charge(struct kern_ipc_perm *perm, unsigned int id,
		     unsigned long n);
bool __vs_mq_charge(struct inode *inode, unsigned long bytes);

/**
 * vs_files_dup - a new descriptor table was copied from current's
 * @files: the copy, not yet visible to anyone
 *
 * The copy belongs to current's context and charges its descriptors.
 */
static inline void vs_files_dup(struct files_struct *files)
{
	files->vs_vxi = NULL;
	if (static_branch_unlikely(&vs_active))
		__vs_files_dup(files);
}

/* The last reference to @files is going: its descriptors uncharge. */
static inline void vs_files_release(struct files_struct *files)
{
	if (files->vs_vxi)
		__vs_files_release(files);
}

/**
 * vs_ofd_charge - one more descriptor in @files, under files->file_lock
 * @files: the descriptor table
 *
 * Return: false if its context's OFD limit refuses (EMFILE).
 */
static inline bool vs_ofd_charge(struct files_struct *files)
{
	if (static_branch_unlikely(&vs_active) && files->vs_vxi)
		return __vs_ofd_charge(files);
	return true;
}

/* One descriptor less in @files, under files->file_lock. */
static inline void vs_ofd_uncharge(struct files_struct *files)
{
	if (files->vs_vxi)
		__vs_ofd_uncharge(files);
}

/* A lock joined or left its inode's list, under flc_lock. */
static inline void vs_lock_inserted(struct file_lock_core *flc)
{
	if (static_branch_unlikely(&vs_active))
		__vs_lock_inserted(flc);
}

static inline void vs_lock_removed(struct file_lock_core *flc)
{
	if (static_branch_unlikely(&vs_active))
		__vs_lock_removed(flc);
}

/**
 * vs_lock_reserve - room for @n lock records about to be inserted
 * @flc: the request; its file's context is charged
 * @n: how many records the request inserts (0, 1 or 2: unlocking the
 *	middle of a lock splits it in two)
 *
 * Under flc_lock.  The room is charged at once, so that racing lockers
 * cannot pass the LOCKS limit together; the insertions that follow use it
 * up, and vs_lock_unreserve() gives back what they did not.
 *
 * Return: false at the limit (ENOLCK, a full lock table).
 */
static inline bool vs_lock_reserve(struct file_lock_core *flc, unsigned int n)
{
	if (static_branch_unlikely(&vs_active) && n)
		return __vs_lock_reserve(flc, n);
	return true;
}

static inline void vs_lock_unreserve(struct file_lock_core *flc, unsigned int n)
{
	if (static_branch_unlikely(&vs_active) && n)
		__vs_lock_unreserve();
}

/**
 * vs_ipc_charge - charge a new SysV object to current's context
 * @perm: the object, set up with its LSM blob but not yet visible; the
 *	blob records the charge, given back when the object is freed
 * @id: %VLIMIT_SHMEM (pages) or %VLIMIT_NSEMS (semaphores)
 * @n: how many
 *
 * Return: false if the context's limit refuses (ENOSPC, as the
 * namespace's own shmall and semmns limits).
 */
static inline bool vs_ipc_charge(struct kern_ipc_perm *perm, unsigned int id,
				 unsigned long n)
{
	if (static_branch_unlikely(&vs_active))
		return __vs_ipc_charge(perm, id, n);
	return true;
}

/**
 * vs_mq_charge - charge a new POSIX message queue's bytes
 * @inode: the queue's inode; it records the charge
 * @bytes: what RLIMIT_MSGQUEUE counts for it
 *
 * Return: false if current's context's MSGQUEUE limit refuses (EMFILE,
 * as the per-user RLIMIT_MSGQUEUE check).
 */
static inline bool vs_mq_charge(struct inode *inode, unsigned long bytes)
{
	if (static_branch_unlikely(&vs_active))
		return __vs_mq_charge(inode, bytes);
	return true;
}

#else /* !CONFIG_VSERVER */

static inline void vs_files_dup(struct files_struct *files)
{
}

static inline void vs_files_release(struct files_struct *files)
{
}

static inline bool vs_ofd_charge(struct files_struct *files)
{
	return true;
}

static inline void vs_ofd_uncharge(struct files_struct *files)
{
}

static inline void vs_lock_inserted(struct file_lock_core *flc)
{
}

static inline void vs_lock_removed(struct file_lock_core *flc)
{
}

static inline bool vs_lock_reserve(struct file_lock_core *flc, unsigned int n)
{
	return true;
}

static inline void vs_lock_unreserve(struct file_lock_core *flc, unsigned int n)
{
}

static inline bool vs_ipc_charge(struct kern_ipc_perm *perm, unsigned int id,
				 unsigned long n)
{
	return true;
}

static inline bool vs_mq_charge(struct inode *inode, unsigned long bytes)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_LIMIT_H */
