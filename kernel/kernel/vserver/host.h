/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - what of the host a guest cannot reach
 */

#ifndef _VSERVER_HOST_H
#define _VSERVER_HOST_H

#include <linux/init.h>

struct inode;

/* Whose a sysctl is, as far as a guest's writes are concerned. */
enum vs_sysctl_owner {
	VS_SYSCTL_MACHINE, /* the whole machine's: the host's */
	VS_SYSCTL_UTS, /* the writer's UTS namespace's */
	VS_SYSCTL_IPC, /* the writer's IPC namespace's (SysV, mqueue) */
	VS_SYSCTL_NET, /* the writer's network namespace's */
};

int vs_machine_write_denied(const struct inode *inode, int mask);
void __init vs_add_host_hooks(void);

#endif /* _VSERVER_HOST_H */
