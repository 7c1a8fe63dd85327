/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - what a guest sees of the machine: its UTS names, its
 * uptime and load (the core's hooks are <linux/vserver_cvirt.h>)
 */

#ifndef _VSERVER_CVIRT_H
#define _VSERVER_CVIRT_H

#include <linux/types.h>

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

void vx_count_tasks(struct vx_info *vxi, struct vx_task_counts *c);
void vx_update_load(struct vx_info *vxi, struct vx_task_counts *c);
int vx_uts_create(struct vx_info *vxi);
int vx_uts_enter(struct vx_info *vxi);
void vx_uts_release(struct vx_info *vxi);

#endif /* _VSERVER_CVIRT_H */
