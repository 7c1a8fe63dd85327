/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - a context's saved namespaces ("spaces")
 */

#ifndef _VSERVER_SPACE_H
#define _VSERVER_SPACE_H

#include <linux/errno.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <uapi/vserver/space_cmd.h>

struct ns_common;
struct vx_info;

/* The spaces util-vserver's "vspace --default" asks for (get_space_default). */
#define VS_SPACE_DEFAULT \
	((u64)(CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC))

/*
 * What get_space_mask advertises: the default.  util-vserver unshares
 * every advertised space but the mount and fs ones when it creates a
 * context; a network namespace would take the guest's addresses away
 * and a user namespace its root.  Those are saved only when named.
 */
#define VS_SPACE_ADVERTISED VS_SPACE_DEFAULT

/* Namespace kinds a set can hold: user, mount, uts, ipc, pid, net. */
#define VS_SPACE_KINDS 6

/**
 * struct vx_space - one saved set
 * @mask: CLONE_FS and the CLONE_NEW* bits saved so far
 * @ns: the saved namespaces, referenced, by kind (space.c's table)
 * @root: with CLONE_FS, the saved root directory
 * @pwd: with CLONE_FS, the saved working directory
 */
struct vx_space {
	u64 mask;
	struct ns_common *ns[VS_SPACE_KINDS];
	struct path root;
	struct path pwd;
};

u64 vs_space_allowed(void);
void vs_space_init(struct vx_info *vxi);
int vs_space_save(struct vx_info *vxi, u64 mask, u32 index);
int vs_space_enter(struct vx_info *vxi, u64 mask, u32 index);
void vs_space_release(struct vx_info *vxi);
u64 vs_space_mask(struct vx_info *vxi, u32 index);

/**
 * vs_space_set_mask - the spaces set_space saves
 * @req: the requested mask; 0 means the default
 * @index: the saved set
 * @allowed: the spaces this kernel can save
 *
 * Return: the mask, or -EINVAL for an index other than 0 and 1 or a bit
 * outside @allowed.
 */
static inline long vs_space_set_mask(u64 req, u32 index, u64 allowed)
{
	if (index >= VX_SPACES)
		return -EINVAL;
	if (!req)
		req = VS_SPACE_DEFAULT & allowed;
	if (req & ~allowed)
		return -EINVAL;
	return (long)req;
}

/**
 * vs_space_enter_mask - the spaces enter_space enters
 * @req: the requested mask; 0 means every saved one
 * @saved: what the set holds
 * @index: the saved set
 *
 * Return: the mask, or -EINVAL for an index other than 0 and 1, a set
 * never saved, or a requested space the set does not hold.
 */
static inline long vs_space_enter_mask(u64 req, u64 saved, u32 index)
{
	if (index >= VX_SPACES)
		return -EINVAL;
	if (!req)
		req = saved;
	if (!req || (req & ~saved))
		return -EINVAL;
	return (long)req;
}

#endif /* _VSERVER_SPACE_H */
