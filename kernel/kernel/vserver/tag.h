/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - tags and attributes of inodes
 */

#ifndef _VSERVER_TAG_H
#define _VSERVER_TAG_H

#include <linux/types.h>

struct inode;

u32 vs_inode_tag(struct inode *inode);
int vs_barrier_check(struct inode *inode, int mask);
int vs_tag_check(struct inode *inode);

#endif /* _VSERVER_TAG_H */
