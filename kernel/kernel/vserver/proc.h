/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - /proc/virtual and /proc/virtnet
 */

#ifndef _VSERVER_PROC_H
#define _VSERVER_PROC_H

struct nx_info;
struct vx_info;

int vs_proc_add_context(struct vx_info *vxi);
void vs_proc_remove_context(struct vx_info *vxi);
int vs_proc_add_network(struct nx_info *nxi);
void vs_proc_remove_network(struct nx_info *nxi);

#endif /* _VSERVER_PROC_H */
