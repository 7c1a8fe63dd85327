/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - a memory cgroup per context (memcg.c)
 */

#ifndef _VSERVER_MEMCG_H
#define _VSERVER_MEMCG_H

#include <linux/types.h>

struct vx_info;

bool vs_memcg_available(void);
bool vs_memcg_writing(void);
int vs_memcg_ensure(struct vx_info *vxi);
int vs_memcg_enter(struct vx_info *vxi);
void vs_memcg_remove(struct vx_info *vxi);
int vs_memcg_set_rss(struct vx_info *vxi, unsigned long soft,
		     unsigned long hard);
unsigned long vs_memcg_usage(struct vx_info *vxi);
unsigned long vs_memcg_max(struct vx_info *vxi);
void vs_memcg_swap(struct vx_info *vxi, unsigned long *used,
		   unsigned long *max);
unsigned long vs_memcg_stat(struct vx_info *vxi, int item, bool flush);
unsigned long vs_memcg_max_events(struct vx_info *vxi);

#endif /* _VSERVER_MEMCG_H */
