/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - what a guest sees of the machine: its UTS names, its
 * uptime and load (the core's hooks are <linux/vserver_cvirt.h>)
 */

#ifndef _VSERVER_CVIRT_H
#define _VSERVER_CVIRT_H

#include <linux/types.h>

struct task_struct;
struct uts_namespace;
struct vx_info;

/**
 * struct vx_task_counts - a context's tasks, counted at one moment
 * @threads: its tasks, threads included
 * @running: those runnable
 * @unintr: those in uninterruptible sleep that count as load
 */
struct vx_task_counts {
	int threads;
	unsigned int running;
	unsigned int unintr;
};

/**
 * struct vx_usage - what a context's processes use, counted at one moment
 * @processes: its processes (thread groups)
 * @vm_kb: their virtual memory, KiB
 * @rss_kb: their resident memory, KiB
 * @utime_ns: user time of its tasks, the exited ones included
 * @stime_ns: system time likewise
 */
struct vx_usage {
	unsigned int processes;
	unsigned long vm_kb;
	unsigned long rss_kb;
	u64 utime_ns;
	u64 stime_ns;
};

void vx_count_tasks(struct vx_info *vxi, struct vx_task_counts *c);
void vx_count_usage(struct vx_info *vxi, struct vx_usage *u);
void vs_account_exit(struct vx_info *vxi, struct task_struct *p);
void vx_update_load(struct vx_info *vxi, struct vx_task_counts *c);
int vx_uts_create(struct vx_info *vxi);
int vx_uts_enter(struct vx_info *vxi);
void vx_uts_release(struct vx_info *vxi);
void vx_uts_replace(struct vx_info *vxi, struct uts_namespace *uts);

#endif /* _VSERVER_CVIRT_H */
