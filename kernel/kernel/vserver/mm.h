/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - memory of a context: what the commands and /proc read
 * (the core's hooks are <linux/vserver_mm.h>)
 */

#ifndef _VSERVER_MM_H
#define _VSERVER_MM_H

#include <linux/types.h>

struct sysinfo;
struct vx_info;

bool vx_virt_mem(struct vx_info *vxi, struct sysinfo *si);
void vx_limit_refresh(struct vx_info *vxi);

#endif /* _VSERVER_MM_H */
