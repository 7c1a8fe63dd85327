/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - what of the host a guest cannot reach
 */

#ifndef _VSERVER_HOST_H
#define _VSERVER_HOST_H

#include <linux/fs.h>
#include <linux/init.h>

struct inode;

/* Whose a sysctl is, as far as a guest's writes are concerned. */
enum vs_sysctl_owner {
	VS_SYSCTL_MACHINE, /* the whole machine's: the host's */
	VS_SYSCTL_UTS, /* the writer's UTS namespace's */
	VS_SYSCTL_IPC, /* the writer's IPC namespace's (SysV, mqueue) */
	VS_SYSCTL_NET, /* the writer's network namespace's */
};

int __vs_machine_write_denied(const struct inode *inode);

/**
 * vs_machine_write_denied - a guest writes a file of the machine
 * @inode: from inode_permission, after the key test
 * @mask: its MAY_* mask; path walks (MAY_EXEC) return at once
 *
 * Return: -EACCES for a write from a guest, else 0.
 */
static inline int vs_machine_write_denied(const struct inode *inode, int mask)
{
	if (!(mask & (MAY_WRITE | MAY_APPEND)))
		return 0;
	return __vs_machine_write_denied(inode);
}

void __init vs_add_host_hooks(void);

#endif /* _VSERVER_HOST_H */
