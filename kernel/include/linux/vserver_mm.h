/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - memory limits of a context: the calls core mm code makes
 *
 * An address space (mm) is charged to the context of the task that
 * created it (fork or exec), for its whole life.  Its virtual size (VM)
 * is charged as it changes; resident memory (RSS) is the context's memory
 * cgroup's, which bounds it; anonymous pages (ANON) are checked at
 * faults; locked memory (VML) is summed over the context's processes when
 * asked, since mlock is rare.  Static-key nops until a context exists.
 */

#ifndef _LINUX_VSERVER_MM_H
#define _LINUX_VSERVER_MM_H

#include <linux/mm_types.h>
#include <linux/vserver.h>

#ifdef CONFIG_VSERVER

void __vs_mm_init(struct mm_struct *mm);
void __vs_mm_release(struct mm_struct *mm);
void __vs_vm_account(struct mm_struct *mm, long npages);
bool __vs_vm_reserve(struct mm_struct *mm, unsigned long npages);
bool __vs_anon_fault_ok(struct mm_struct *mm);
bool __vs_memlock_avail(unsigned long npages);
bool __vs_mlock_fits(struct mm_struct *mm, unsigned long start, size_t len);
bool __vs_mlockall_fits(struct mm_struct *mm, int flags);

/* A new mm (fork, exec) belongs to current's context. */
static inline void vs_mm_init(struct mm_struct *mm)
{
	/* dup_mm() copied the parent's fields: never inherit its charge. */
	mm->vs_vxi = NULL;
	mm->vs_vm = 0;
	mm->vs_vm_resv = 0;
	if (static_branch_unlikely(&vs_active))
		__vs_mm_init(mm);
}

/* The mm's mappings are gone: what it still has charged goes. */
static inline void vs_mm_release(struct mm_struct *mm)
{
	if (mm->vs_vxi)
		__vs_mm_release(mm);
}

/* mm->total_vm changed by @npages, under the mmap lock. */
static inline void vs_vm_account(struct mm_struct *mm, long npages)
{
	if (static_branch_unlikely(&vs_active) && mm->vs_vxi)
		__vs_vm_account(mm, npages);
}

/**
 * vs_vm_reserve - reserve @npages of growth under @mm's context's VM limit
 * @mm: the address space, its mmap lock held for writing
 * @npages: the growth about to be accounted by vs_vm_account()
 *
 * The reservation is charged at once, so that racing address spaces
 * cannot pass the limit together; the growth uses it up, and a growth
 * that does not happen leaves it to be given back by the next
 * reservation or the release of @mm.
 *
 * Return: false to refuse, as RLIMIT_AS does (ENOMEM).
 */
static inline bool vs_vm_reserve(struct mm_struct *mm, unsigned long npages)
{
	if (static_branch_unlikely(&vs_active) && mm->vs_vxi)
		return __vs_vm_reserve(mm, npages);
	return true;
}

/**
 * vs_anon_fault_ok - may a fault in @mm add anonymous pages?
 * @mm: the faulting address space
 *
 * Return: false when @mm's context is at its ANON hard limit and the
 * faulting task is one of its own: that task has been sent SIGKILL, as a
 * memory cgroup's OOM killer would, and the fault fails with
 * VM_FAULT_OOM.  Faults by others (ptrace, process_vm_*) pass.
 */
static inline bool vs_anon_fault_ok(struct mm_struct *mm)
{
	if (static_branch_unlikely(&vs_active) && mm->vs_vxi)
		return __vs_anon_fault_ok(mm);
	return true;
}

/**
 * vs_memlock_avail - may current lock @npages more under its VML limit?
 * @npages: pages about to be locked
 *
 * Applies with CAP_IPC_LOCK too: the capability lifts the per-process
 * rlimit, not the context's.
 *
 * Return: false to refuse (mlock: ENOMEM, mmap MAP_LOCKED: EAGAIN).
 */
static inline bool vs_memlock_avail(unsigned long npages)
{
	if (static_branch_unlikely(&vs_active))
		return __vs_memlock_avail(npages);
	return true;
}

/**
 * vs_mlock_fits - may current mlock() [@start, @start + @len) of @mm?
 * @mm: current's address space, its mmap lock held for writing
 * @start: page aligned
 * @len: page aligned
 *
 * Pages of the range that are locked already take no more of the
 * context's VML limit, as for RLIMIT_MEMLOCK.
 *
 * Return: false to refuse (ENOMEM).
 */
static inline bool vs_mlock_fits(struct mm_struct *mm, unsigned long start,
				 size_t len)
{
	if (static_branch_unlikely(&vs_active))
		return __vs_mlock_fits(mm, start, len);
	return true;
}

/**
 * vs_mlockall_fits - may current mlockall(@flags) @mm?
 * @mm: current's address space, its mmap lock held for writing
 * @flags: MCL_* flags; only MCL_CURRENT locks pages now
 *
 * Return: false to refuse (ENOMEM).
 */
static inline bool vs_mlockall_fits(struct mm_struct *mm, int flags)
{
	if (static_branch_unlikely(&vs_active))
		return __vs_mlockall_fits(mm, flags);
	return true;
}

#else /* !CONFIG_VSERVER */

static inline void vs_mm_init(struct mm_struct *mm)
{
}

static inline void vs_mm_release(struct mm_struct *mm)
{
}

static inline void vs_vm_account(struct mm_struct *mm, long npages)
{
}

static inline bool vs_vm_reserve(struct mm_struct *mm, unsigned long npages)
{
	return true;
}

static inline bool vs_anon_fault_ok(struct mm_struct *mm)
{
	return true;
}

static inline bool vs_memlock_avail(unsigned long npages)
{
	return true;
}

static inline bool vs_mlock_fits(struct mm_struct *mm, unsigned long start,
				 size_t len)
{
	return true;
}

static inline bool vs_mlockall_fits(struct mm_struct *mm, int flags)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_MM_H */
