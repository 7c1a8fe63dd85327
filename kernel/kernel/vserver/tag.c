// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - tags: which context owns an inode
 *
 * On a filesystem mounted with "tag" (SB_I_VS_TAGGED; ext4 keeps the tag
 * as the inode's project id), a new inode carries the tag of the task
 * that creates it: its context's xid, 0 on the host, or what tag_migrate
 * set.  A task of a context may use only inodes of its own tag and of
 * tag 0 (the host's, shared with every guest); the host and the
 * spectator use all.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/quota.h>
#include <linux/vserver.h>

#include "cmds.h"
#include "host.h"
#include "setup.h"
#include "tag.h"
#include "task.h"

u32 __vs_current_tag(void)
{
	return vs_task_tag(current);
}
EXPORT_SYMBOL_GPL(__vs_current_tag);

/**
 * vs_inode_tag - the tag of an inode on a tagged filesystem
 * @inode: the inode
 *
 * Reads the project id through the filesystem's quota operations; that
 * only reads a field, so it is safe in RCU path walk.
 *
 * Return: the tag, or 0 when the filesystem cannot say.
 */
u32 vs_inode_tag(struct inode *inode)
{
	const struct dquot_operations *ops = inode->i_sb->dq_op;
	kprojid_t projid;

	if (!ops || !ops->get_projid || ops->get_projid(inode, &projid))
		return 0;
	return from_kprojid(&init_user_ns, projid);
}

/* Whether current, a task of a context, may use @inode. */
static bool vs_tag_permitted(struct inode *inode)
{
	u32 tag;

	if (!(inode->i_sb->s_iflags & SB_I_VS_TAGGED))
		return true;
	if (vs_task_xid(current) < VX_ID_MIN)
		return true;
	tag = vs_inode_tag(inode);
	return !tag || tag == vs_task_tag(current);
}

/**
 * vs_tag_check - may current use @inode, by its tag?
 * @inode: the inode, or NULL (nothing to check)
 *
 * Return: 0, or -EACCES for a task of a context and an inode of another
 * context's tag.
 */
int vs_tag_check(struct inode *inode)
{
	if (!static_branch_unlikely(&vs_active) || !inode)
		return 0;
	return vs_tag_permitted(inode) ? 0 : -EACCES;
}

/*
 * Changes by name, which check only the directory's permission: another
 * guest's file in a shared directory is not unlinked, renamed, linked or
 * changed either.  (stat stays allowed.)
 */
static int vs_hook_inode_link(struct dentry *old_dentry, struct inode *dir,
			      struct dentry *new_dentry)
{
	return vs_tag_check(d_inode(old_dentry));
}

static int vs_hook_inode_unlink(struct inode *dir, struct dentry *dentry)
{
	return vs_tag_check(d_inode(dentry));
}

static int vs_hook_inode_rename(struct inode *old_dir,
				struct dentry *old_dentry,
				struct inode *new_dir,
				struct dentry *new_dentry)
{
	return vs_tag_check(d_inode(old_dentry)) ?:
		       vs_tag_check(d_inode(new_dentry));
}

static int vs_hook_inode_setattr(struct mnt_idmap *idmap, struct dentry *dentry,
				 struct iattr *attr)
{
	return vs_tag_check(d_inode(dentry));
}

/*
 * Every path component and every open comes here (MAY_NOT_BLOCK under
 * RCU walk).  Another guest's inode is refused as a permission failure,
 * and so are a barrier (inode.c) and a guest's write to a file of the
 * machine (host.c).
 */
static int vs_hook_inode_permission(struct inode *inode, int mask)
{
	if (!static_branch_unlikely(&vs_active))
		return 0;
	if (!vs_tag_permitted(inode))
		return -EACCES;
	return vs_barrier_check(inode, mask) ?:
		       vs_machine_write_denied(inode, mask);
}

/*
 * The project id is the tag: a guest owning a file could otherwise move
 * it out of its tag, and out of its disk limit, with FS_IOC_FSSETXATTR
 * (chattr -p).  The immutable flag needs CAP_LINUX_IMMUTABLE anyway.
 */
static int vs_hook_file_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	if (cmd != FS_IOC_FSSETXATTR || !static_branch_unlikely(&vs_active))
		return 0;
	if (vs_task_xid(current) < VX_ID_MIN ||
	    !(file_inode(file)->i_sb->s_iflags & SB_I_VS_TAGGED))
		return 0;
	return -EPERM;
}

long vc_task_tag(const struct vs_call *call)
{
	return vs_task_id(call->id, vs_task_tag);
}

/* tag_migrate: the caller's tag, apart from its xid (id & 0xFFFF). */
long vc_tag_migrate(const struct vs_call *call)
{
	WRITE_ONCE(vs_task(current)->tag, call->id & 0xFFFF);
	return 0;
}

static struct security_hook_list vs_tag_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_permission, vs_hook_inode_permission),
	LSM_HOOK_INIT(inode_link, vs_hook_inode_link),
	LSM_HOOK_INIT(inode_unlink, vs_hook_inode_unlink),
	LSM_HOOK_INIT(inode_rmdir, vs_hook_inode_unlink),
	LSM_HOOK_INIT(inode_rename, vs_hook_inode_rename),
	LSM_HOOK_INIT(inode_setattr, vs_hook_inode_setattr),
	LSM_HOOK_INIT(file_ioctl, vs_hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, vs_hook_file_ioctl),
};

void __init vs_add_tag_hooks(void)
{
	security_add_hooks(vs_tag_hooks, ARRAY_SIZE(vs_tag_hooks), &vs_lsmid);
}
