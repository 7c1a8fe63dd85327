/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - per-context resource limits
 *
 * Each resource of a context has a current value, low and high
 * watermarks, a soft and a hard limit and a hit counter.  Only the hard
 * limit refuses; the soft limit is advisory (shown, never enforced), as
 * in Linux-VServer 2.3.  Values are counts, pages for memory and bytes for
 * POSIX message queues.
 */

#ifndef _VSERVER_LIMIT_H
#define _VSERVER_LIMIT_H

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/resource.h>
#include <linux/types.h>
#include <uapi/vserver/limit.h>

#include "setup.h"

struct sysinfo;
struct vx_info;

/**
 * struct vx_limit - one resource of one context
 * @cur: the current value
 * @rmin: lowest value since creation or the last reset_minmax
 * @rmax: highest value since creation or the last reset_minmax
 * @soft: advisory limit, %RLIM_INFINITY for none
 * @hard: the limit charges may not cross, %RLIM_INFINITY for none
 * @hits: how often the hard limit refused a charge
 */
struct vx_limit {
	atomic_long_t cur;
	atomic_long_t rmin;
	atomic_long_t rmax;
	unsigned long soft;
	unsigned long hard;
	atomic_t hits;
};

/**
 * struct vx_limits - every resource of one context
 * @res: indexed by RLIMIT_* and VLIMIT_* ids
 */
struct vx_limits {
	struct vx_limit res[NUM_LIMITS];
};

/**
 * struct vs_file - per-file state, the LSM file blob
 * @vxi: the context charged for this struct file (FILES), referenced;
 *	NULL if nobody was charged
 */
struct vs_file {
	struct vx_info *vxi;
};

/**
 * struct vs_ipc - per SysV object state, the LSM ipc blob
 * @vxi: the context charged, referenced; NULL if none
 * @id: the limit @n is charged to (%VLIMIT_SHMEM, %VLIMIT_NSEMS)
 * @n: pages or semaphores charged
 *
 * A semaphore array with @vxi set is also charged one %VLIMIT_SEMARY.
 */
struct vs_ipc {
	struct vx_info *vxi;
	unsigned int id;
	unsigned long n;
};

/**
 * struct vs_inode - per-inode state, the LSM inode blob
 * @vxi: the context charged for what the inode holds, referenced: a
 *	POSIX message queue, or a socket reserved by accept()
 * @lim_id: the limit charged (%RLIMIT_MSGQUEUE, %VLIMIT_NSOCK)
 * @charged: how much, given back when the inode is freed
 * @iattr: %IATTR_BARRIER, %IATTR_IXUNLINK and %IATTR_COW as kept in the
 *	security.vserver xattr, read the first time they are needed (inode.c)
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

void vx_limits_init(struct vx_limits *lims);
bool vx_lim_exceeds(unsigned long cur, long n, unsigned long hard);
bool vx_lim_charge(struct vx_limit *l, long n);
bool vx_lim_avail(struct vx_limit *l, long n);
void vx_lim_add(struct vx_limit *l, long n);
void vx_lim_set(struct vx_limit *l, u64 soft, u64 hard);
void vx_lim_reset_minmax(struct vx_limit *l);
bool vx_lim_valid_set(unsigned int id);
bool vx_lim_valid_stat(unsigned int id);
u64 vx_lim_to_user(unsigned long val);
void vs_files_migrate(struct vx_info *vxi);
bool vx_virt_mem(struct vx_info *vxi, struct sysinfo *si);
void vx_limit_refresh(struct vx_info *vxi);

#endif /* _VSERVER_LIMIT_H */
