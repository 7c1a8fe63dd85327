/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - files and inodes: their blobs, tags and attributes
 */

#ifndef _VSERVER_FS_H
#define _VSERVER_FS_H

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/types.h>

#include "setup.h"

struct path;
struct vx_info;

/**
 * struct vs_file - per-file state, the LSM file blob
 * @vxi: the context charged for this struct file (FILES), referenced;
 *	NULL if nobody was charged
 */
struct vs_file {
	struct vx_info *vxi;
};

static inline struct vs_file *vs_file(const struct file *file)
{
	return file->f_security + vs_blob_sizes.lbs_file;
}

/**
 * struct vs_inode - per-inode state, the LSM inode blob
 * @vxi: the context charged for what the inode holds, referenced: a
 *	POSIX message queue, or a socket reserved by accept()
 * @lim_id: the limit charged (%RLIMIT_MSGQUEUE, %VLIMIT_NSOCK)
 * @charged: how much, given back when the inode is freed
 * @iattr: %IATTR_BARRIER, %IATTR_IXUNLINK and %IATTR_COW as kept in the
 *	security.vserver xattr, read the first time they are needed
 */
struct vs_inode {
	struct vx_info *vxi;
	unsigned int lim_id;
	unsigned long charged;
	u32 iattr;
};

static inline struct vs_inode *vs_inode(const struct inode *inode)
{
	return inode->i_security + vs_blob_sizes.lbs_inode;
}

/**
 * struct vs_iattr_arg - the argument of get/set_iattr, in either ABI
 * @name: the path (get/set_iattr), NULL for the fd commands
 * @tag: the tag read or to write
 * @flags: IATTR_* flags read or to write
 * @mask: which of @flags a set changes; what a get supports
 */
struct vs_iattr_arg {
	const char __user *name;
	u32 tag;
	u32 flags;
	u32 mask;
};

u32 vs_inode_tag(struct inode *inode);
int vs_tag_check(struct inode *inode);
int vs_barrier_check(struct inode *inode, int mask);
int vs_iattr_read(const struct path *path, struct vs_iattr_arg *arg);
int vs_iattr_write(const struct path *path, struct vs_iattr_arg *arg);
void vs_files_migrate(struct vx_info *vxi);

void __init vs_add_fs_hooks(void);

#endif /* _VSERVER_FS_H */
