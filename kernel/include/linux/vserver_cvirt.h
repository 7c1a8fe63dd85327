/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - what a guest sees of the machine: the calls /proc and
 * sysinfo() make
 *
 * A guest with %VXF_VIRT_MEM sees its memory cgroup as the machine's
 * memory, with %VXF_VIRT_UPTIME the time since its context was created as
 * the uptime, with %VXF_VIRT_LOAD its own load average and tasks.  The
 * host, and guests without the flags, see the machine.  Static-key nops
 * until a context exists.
 */

#ifndef _LINUX_VSERVER_CVIRT_H
#define _LINUX_VSERVER_CVIRT_H

#include <linux/time64.h>
#include <linux/vserver.h>

struct sysinfo;

#ifdef CONFIG_VSERVER

void __vs_virt_sysinfo(struct sysinfo *si);
void __vs_virt_meminfo(struct sysinfo *si, long *available, long *cached,
		       unsigned long *sreclaimable);
void __vs_virt_uptime(struct timespec64 *uptime, struct timespec64 *idle);
void __vs_virt_loadavg(unsigned long *loads, unsigned long offset,
		       unsigned int *running, int *threads);

/**
 * vs_virt_sysinfo - sysinfo() of a guest
 * @si: filled in for the machine (memory, swap, uptime, loads, procs);
 *	what the guest's flags virtualise is replaced
 */
static inline void vs_virt_sysinfo(struct sysinfo *si)
{
	if (static_branch_unlikely(&vs_active))
		__vs_virt_sysinfo(si);
}

/**
 * vs_virt_meminfo - /proc/meminfo of a guest with %VXF_VIRT_MEM
 * @si: the machine's memory and swap, from si_meminfo() and si_swapinfo()
 * @available: MemAvailable, in pages
 * @cached: Cached, in pages
 * @sreclaimable: SReclaimable, in pages
 */
static inline void vs_virt_meminfo(struct sysinfo *si, long *available,
				   long *cached, unsigned long *sreclaimable)
{
	if (static_branch_unlikely(&vs_active))
		__vs_virt_meminfo(si, available, cached, sreclaimable);
}

/**
 * vs_virt_uptime - /proc/uptime of a guest with %VXF_VIRT_UPTIME
 * @uptime: the machine's boot time, in the caller's time namespace
 * @idle: the machine's idle time, summed over its cpus
 */
static inline void vs_virt_uptime(struct timespec64 *uptime,
				  struct timespec64 *idle)
{
	if (static_branch_unlikely(&vs_active))
		__vs_virt_uptime(uptime, idle);
}

/**
 * vs_virt_loadavg - /proc/loadavg of a guest with %VXF_VIRT_LOAD
 * @loads: the machine's three load averages, as get_avenrun() gave them
 * @offset: the offset get_avenrun() added to each
 * @running: runnable tasks
 * @threads: tasks
 */
static inline void vs_virt_loadavg(unsigned long *loads, unsigned long offset,
				   unsigned int *running, int *threads)
{
	if (static_branch_unlikely(&vs_active))
		__vs_virt_loadavg(loads, offset, running, threads);
}

#else /* !CONFIG_VSERVER */

static inline void vs_virt_sysinfo(struct sysinfo *si)
{
}

static inline void vs_virt_meminfo(struct sysinfo *si, long *available,
				   long *cached, unsigned long *sreclaimable)
{
}

static inline void vs_virt_uptime(struct timespec64 *uptime,
				  struct timespec64 *idle)
{
}

static inline void vs_virt_loadavg(unsigned long *loads, unsigned long offset,
				   unsigned int *running, int *threads)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_CVIRT_H */
