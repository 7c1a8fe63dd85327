// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - files and inodes: tags, attributes, the barrier, and
 * the limits a file, its descriptors and its locks count in
 *
 * Tags.  On a filesystem mounted with "tag" (SB_I_VS_TAGGED; ext4 keeps
 * the tag as the inode's project id), a new inode carries the tag of the
 * task that creates it: its context's xid, 0 on the host, or what
 * tag_migrate set.  A task of a context may use only inodes of its own
 * tag and of tag 0 (the host's, shared with every guest); the host and
 * the spectator use all.
 *
 * Attributes.  IATTR_TAG is the inode's tag and IATTR_IMMUTABLE the
 * filesystem's own immutable flag, both read and written as fileattr.
 * IATTR_BARRIER, IATTR_IXUNLINK and IATTR_COW are kept in the xattr
 * security.vserver, a little-endian u32, so that they persist and travel
 * with cp -a, rsync -X and tar --xattrs run on the host.  Only the host
 * writes that xattr.  Its bits are cached in the inode blob the first
 * time a guest needs them, and again whenever the xattr changes.
 *
 * Limits.  Every struct file counts in FILES, every descriptor in OFD,
 * every lock record in LOCKS, each in the context it was charged to.
 */

#define pr_fmt(fmt) "vserver: " fmt

#include <linux/bitmap.h>
#include <linux/compat.h>
#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fileattr.h>
#include <linux/filelock.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/quota.h>
#include <linux/vserver.h>
#include <linux/vserver_limit.h>
#include <linux/xattr.h>
#include <uapi/vserver/inode_cmd.h>

#include "fs.h"
#include "host.h"
#include "task.h"

/* Tags ------------------------------------------------------------------- */

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
 * and so are a barrier (below) and a guest's write to a file of the
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

/**
 * __vs_tag_mount_check - may a filesystem be mounted with "tag"?
 * @quota_and_project: it has the quota and project features
 *
 * A context's tag is kept as the inode's project id, which the quota
 * operations read; the disk limits are project quotas.
 *
 * Return: 0, or -EINVAL.
 */
int __vs_tag_mount_check(bool quota_and_project)
{
	if (!IS_ENABLED(CONFIG_QUOTA)) {
		pr_err("tag needs CONFIG_QUOTA\n");
		return -EINVAL;
	}
	if (!quota_and_project) {
		pr_err("tag needs the quota and project features (tune2fs -O quota,project)\n");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(__vs_tag_mount_check);

/* Attributes and the barrier --------------------------------------------- */

static const char vs_xattr[] = XATTR_SECURITY_PREFIX "vserver";

/* The bits kept in the xattr. */
#define VS_IATTR_KEPT (IATTR_BARRIER | IATTR_IXUNLINK | IATTR_COW)

/* The blob's iattr once loaded: the kept bits and this marker. */
#define VS_IATTR_LOADED 0x80000000U

static u32 vs_iattr_decode(const void *value, size_t size)
{
	__le32 raw;

	if (!value || size != sizeof(raw))
		return VS_IATTR_LOADED;
	memcpy(&raw, value, sizeof(raw));
	return (le32_to_cpu(raw) & VS_IATTR_KEPT) | VS_IATTR_LOADED;
}

/*
 * What a set_iattr changes of the kept bits: those in @mask, the barrier
 * on directories only and COW on regular files only (ignored elsewhere,
 * as in vs2.3).
 */
static u32 vs_iattr_change(u32 mask, umode_t mode)
{
	u32 change = mask & VS_IATTR_KEPT;

	if (!S_ISDIR(mode))
		change &= ~IATTR_BARRIER;
	if (!S_ISREG(mode))
		change &= ~IATTR_COW;
	return change;
}

static u32 vs_iattr_merge(u32 old, u32 flags, u32 change)
{
	return (old & ~change) | (flags & change);
}

/**
 * vs_iattr_from_xattr - the kept bits, from the result of reading the xattr
 * @len: what __vfs_getxattr() returned (-ENOENT when the inode had no
 *	dentry to read it through)
 * @raw: the value read, when @len is its size
 * @iattr: the bits, with %VS_IATTR_LOADED
 *
 * No xattr, or a filesystem without xattrs, means no bits.  Anything else
 * (an I/O error, a value of the wrong size, no dentry) means the bits are
 * unknown: the caller must fail closed, so that a barrier it cannot read
 * still stops a guest.
 *
 * Return: 0, or -EIO when the bits are unknown.
 */
static int vs_iattr_from_xattr(ssize_t len, const __le32 *raw, u32 *iattr)
{
	if (len == sizeof(*raw)) {
		*iattr = vs_iattr_decode(raw, len);
		return 0;
	}
	if (len == -ENODATA || len == -EOPNOTSUPP) {
		*iattr = VS_IATTR_LOADED;
		return 0;
	}
	return -EIO;
}

/* Reads the xattr into the blob; may sleep.  Errors are not cached. */
static int vs_iattr_load(struct inode *inode, u32 *iattr)
{
	struct dentry *dentry;
	__le32 raw;
	ssize_t len = -EOPNOTSUPP;
	int err;

	if (inode->i_opflags & IOP_XATTR) {
		len = -ENOENT;
		dentry = d_find_alias(inode);
		if (dentry) {
			len = __vfs_getxattr(dentry, inode, vs_xattr, &raw,
					     sizeof(raw));
			dput(dentry);
		}
	}
	err = vs_iattr_from_xattr(len, &raw, iattr);
	if (!err)
		WRITE_ONCE(vs_inode(inode)->iattr, *iattr);
	return err;
}

/**
 * vs_iattr_get - the kept attribute bits of an inode
 * @inode: the inode
 * @may_sleep: false under RCU path walk
 * @iattr: the bits
 *
 * Return: 0, -ECHILD when they are not cached yet and @may_sleep is
 * false (the walk is retried in ref-walk mode), or -EIO when they cannot
 * be read.
 */
static int vs_iattr_get(struct inode *inode, bool may_sleep, u32 *iattr)
{
	u32 cached = READ_ONCE(vs_inode(inode)->iattr);
	int err;

	if (!(cached & VS_IATTR_LOADED)) {
		if (!may_sleep)
			return -ECHILD;
		err = vs_iattr_load(inode, &cached);
		if (err)
			return err;
	}
	*iattr = cached & VS_IATTR_KEPT;
	return 0;
}

/*
 * A task of a context (xid >= 2) does not pass a barrier directory, in
 * any direction: the walk checks each directory it goes through, and
 * chdir() and chroot() check where they land.  A directory whose
 * attributes cannot be read counts as a barrier.
 */
int vs_barrier_check(struct inode *inode, int mask)
{
	u32 iattr;
	int err;

	if (!S_ISDIR(inode->i_mode) || vs_task_xid(current) < VX_ID_MIN)
		return 0;
	err = vs_iattr_get(inode, !(mask & MAY_NOT_BLOCK), &iattr);
	if (err == -ECHILD)
		return err;
	return (err || (iattr & IATTR_BARRIER)) ? -EACCES : 0;
}

/**
 * vs_ixunlink - may an immutable inode still be unlinked or replaced?
 * @inode: the victim of unlink, rmdir or rename
 *
 * Called by may_delete() for immutable inodes only; may sleep.
 *
 * Return: true if the inode has %IATTR_IXUNLINK.
 */
bool vs_ixunlink(struct inode *inode)
{
	u32 iattr;

	return !vs_iattr_get(inode, true, &iattr) && (iattr & IATTR_IXUNLINK);
}
EXPORT_SYMBOL_GPL(vs_ixunlink);

static bool vs_is_our_xattr(const char *name)
{
	return !strcmp(name, vs_xattr);
}

/* Only the host, with CAP_LINUX_IMMUTABLE, changes the attributes. */
static int vs_xattr_write_permitted(const void *value, size_t size)
{
	if (vs_task_xid(current) != VX_ID_HOST || !capable(CAP_LINUX_IMMUTABLE))
		return -EPERM;
	if (value && size != sizeof(__le32))
		return -EINVAL;
	return 0;
}

/* Another guest's inode keeps its xattrs too (its tag, above). */
static int vs_hook_inode_setxattr(struct mnt_idmap *idmap,
				  struct dentry *dentry, const char *name,
				  const void *value, size_t size, int flags)
{
	int err = vs_tag_check(d_inode(dentry));

	if (!err && vs_is_our_xattr(name))
		err = vs_xattr_write_permitted(value, size);
	return err;
}

static void vs_hook_inode_post_setxattr(struct dentry *dentry, const char *name,
					const void *value, size_t size,
					int flags)
{
	if (vs_is_our_xattr(name))
		WRITE_ONCE(vs_inode(d_inode(dentry))->iattr,
			   vs_iattr_decode(value, size));
}

static int vs_hook_inode_removexattr(struct mnt_idmap *idmap,
				     struct dentry *dentry, const char *name)
{
	int err = vs_tag_check(d_inode(dentry));

	if (!err && vs_is_our_xattr(name))
		err = vs_xattr_write_permitted(NULL, 0);
	return err;
}

static void vs_hook_inode_post_removexattr(struct dentry *dentry,
					   const char *name)
{
	if (vs_is_our_xattr(name))
		WRITE_ONCE(vs_inode(d_inode(dentry))->iattr, VS_IATTR_LOADED);
}

static bool vs_sb_tagged(const struct inode *inode)
{
	return inode->i_sb->s_iflags & SB_I_VS_TAGGED;
}

/* get_iattr: what the inode has, and what it supports. */
int vs_iattr_read(const struct path *path, struct vs_iattr_arg *arg)
{
	struct dentry *dentry = path->dentry;
	struct inode *inode = d_inode(dentry);
	struct fileattr fa = {};
	u32 kept;
	int err;

	err = vs_iattr_get(inode, true, &kept);
	if (err)
		return err;
	arg->flags = IATTR_TAG | kept;
	arg->mask = IATTR_IXUNLINK | IATTR_IMMUTABLE | IATTR_COW;
	if (S_ISDIR(inode->i_mode))
		arg->mask |= IATTR_BARRIER;
	if (IS_IMMUTABLE(inode))
		arg->flags |= IATTR_IMMUTABLE;
	arg->tag = 0;
	if (vs_sb_tagged(inode)) {
		err = vfs_fileattr_get(dentry, &fa);
		if (err)
			return err;
		arg->mask |= IATTR_TAG;
		arg->tag = fa.fsx_projid;
	}
	return 0;
}

/* The tag and the immutable flag, through the filesystem's fileattr. */
static int vs_iattr_write_fileattr(struct mnt_idmap *idmap,
				   struct dentry *dentry,
				   const struct vs_iattr_arg *arg)
{
	struct fileattr old = {}, fa = {};
	u32 xflags;
	int err;

	err = vfs_fileattr_get(dentry, &old);
	if (err)
		return err == -ENOIOCTLCMD ? -EOPNOTSUPP : err;
	xflags = old.fsx_xflags;
	if (arg->mask & IATTR_IMMUTABLE) {
		if (arg->flags & IATTR_IMMUTABLE)
			xflags |= FS_XFLAG_IMMUTABLE;
		else
			xflags &= ~FS_XFLAG_IMMUTABLE;
	}
	fileattr_fill_xflags(&fa, xflags);
	fa.fsx_extsize = old.fsx_extsize;
	fa.fsx_cowextsize = old.fsx_cowextsize;
	fa.fsx_projid = (arg->mask & IATTR_TAG) ? arg->tag : old.fsx_projid;
	err = vfs_fileattr_set(idmap, dentry, &fa);
	return err == -ENOIOCTLCMD ? -EOPNOTSUPP : err;
}

/*
 * The kept bits, in the xattr; dropped when none is left.  @old gets
 * what was kept before, for the rollback.
 */
static int vs_iattr_write_xattr(struct mnt_idmap *idmap, struct dentry *dentry,
				u32 flags, u32 change, u32 *old)
{
	struct inode *inode = d_inode(dentry);
	u32 kept;
	__le32 raw;
	int err;

	inode_lock(inode);
	err = vs_iattr_get(inode, true, old);
	if (err)
		goto out;
	kept = vs_iattr_merge(*old, flags, change);
	if (kept) {
		raw = cpu_to_le32(kept);
		err = __vfs_setxattr_noperm(idmap, dentry, vs_xattr, &raw,
					    sizeof(raw), 0);
	} else {
		err = __vfs_removexattr(idmap, dentry, vs_xattr);
		if (err == -ENODATA)
			err = 0;
		if (!err)
			WRITE_ONCE(vs_inode(inode)->iattr, VS_IATTR_LOADED);
	}
out:
	inode_unlock(inode);
	return err;
}

/*
 * set_iattr: CAP_LINUX_IMMUTABLE for any change; a tag only on a tagged
 * filesystem and only from the host (a guest must not move files into
 * another guest's tag); the barrier only on directories and COW only on
 * regular files (ignored elsewhere, as in vs2.3); the /proc visibility
 * flags are not supported.
 */
int vs_iattr_write(const struct path *path, struct vs_iattr_arg *arg)
{
	struct inode *inode = d_inode(path->dentry);
	struct mnt_idmap *idmap = mnt_idmap(path->mnt);
	u32 change = vs_iattr_change(arg->mask, inode->i_mode);
	u32 old = 0;
	int err;

	if (!capable(CAP_LINUX_IMMUTABLE))
		return -EPERM;
	if (arg->mask & IATTR_FLAGS)
		return -EINVAL;
	if (arg->mask & IATTR_TAG) {
		if (!vs_sb_tagged(inode))
			return -EINVAL;
		if (vs_task_xid(current) != VX_ID_HOST)
			return -EPERM;
	}
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	/* All or nothing: the xattr goes back if the fileattr fails. */
	if (change)
		err = vs_iattr_write_xattr(idmap, path->dentry, arg->flags,
					   change, &old);
	if (!err && (arg->mask & (IATTR_TAG | IATTR_IMMUTABLE))) {
		err = vs_iattr_write_fileattr(idmap, path->dentry, arg);
		if (err && change)
			vs_iattr_write_xattr(idmap, path->dentry, old, change,
					     &old);
	}
	mnt_drop_write(path->mnt);
	return err;
}

/* Files, descriptors, locks ---------------------------------------------- */

/*
 * Every struct file counts (open, pipe, socket, epoll, ...); refused with
 * ENFILE, the errno of a full file table: the context's table is full.
 */
static int vs_hook_file_alloc_security(struct file *file)
{
	return vs_charge_current(RLIMIT_NOFILE, &vs_file(file)->vxi) ? 0 :
								       -ENFILE;
}

/* From __fput(), task work or a kworker: only atomics and a put. */
static void vs_hook_file_free_security(struct file *file)
{
	struct vx_info *vxi = vs_file(file)->vxi;

	if (!vxi)
		return;
	vx_lim_add(&vxi->limits.res[RLIMIT_NOFILE], -1);
	vx_put(vxi);
}

/* The descriptors of a table; the caller holds its lock or its last ref. */
static long vs_files_count(struct fdtable *fdt)
{
	return bitmap_weight(fdt->open_fds, fdt->max_fds);
}

static struct vx_limit *vs_ofd(struct vx_info *vxi)
{
	return &vxi->limits.res[VLIMIT_OPENFD];
}

/* dup_fd(): the copy is not visible yet, so no lock is needed. */
void __vs_files_dup(struct files_struct *files)
{
	struct vx_info *vxi = vs_current_vxi();

	if (!vxi)
		return;
	/* fork() is no place to refuse descriptors the parent holds. */
	vx_lim_add(vs_ofd(vxi),
		   vs_files_count(rcu_dereference_raw(files->fdt)));
	files->vs_vxi = vx_get(vxi);
}

/* put_files_struct(): the last reference, before the files close. */
void __vs_files_release(struct files_struct *files)
{
	struct vx_info *vxi = files->vs_vxi;

	vx_lim_add(vs_ofd(vxi),
		   -vs_files_count(rcu_dereference_raw(files->fdt)));
	files->vs_vxi = NULL;
	vx_put(vxi);
}

bool __vs_ofd_charge(struct files_struct *files)
{
	return vx_lim_charge(vs_ofd(files->vs_vxi), 1);
}

void __vs_ofd_uncharge(struct files_struct *files)
{
	vx_lim_add(vs_ofd(files->vs_vxi), -1);
}

/**
 * vs_files_migrate - current's descriptors follow it into a context
 * @vxi: the new context, NULL for none
 *
 * A table shared with other threads stays with the context it was
 * charged to: they may not follow.
 */
void vs_files_migrate(struct vx_info *vxi)
{
	struct files_struct *files = current->files;
	struct vx_info *old;
	long n;

	if (!files || atomic_read(&files->count) != 1)
		return;
	spin_lock(&files->file_lock);
	old = files->vs_vxi;
	if (old == vxi) {
		spin_unlock(&files->file_lock);
		return;
	}
	n = vs_files_count(files_fdtable(files));
	if (old)
		vx_lim_add(vs_ofd(old), -n);
	if (vxi)
		vx_lim_add(vs_ofd(vxi), n);
	files->vs_vxi = vxi ? vx_get(vxi) : NULL;
	spin_unlock(&files->file_lock);
	if (old)
		vx_put(old);
}

/*
 * Locks count in the context charged for the locked file: insert and
 * removal may run in different tasks, the file stays the same.
 */
static struct vx_info *vs_lock_vxi(struct file_lock_core *flc)
{
	return flc->flc_file ? vs_file(flc->flc_file)->vxi : NULL;
}

/*
 * The room for the records a lock request inserts is charged before the
 * first of them goes in, and each insertion by the same task uses it up:
 * the value never passes the limit, not even for a moment.
 */
bool __vs_lock_reserve(struct file_lock_core *flc, unsigned int n)
{
	struct vx_info *vxi = vs_lock_vxi(flc);
	struct vs_task *t = vs_task(current);

	if (!vxi)
		return true;
	if (!vx_lim_charge(&vxi->limits.res[RLIMIT_LOCKS], n))
		return false;
	t->lock_resv = n;
	t->lock_resv_vxi = vxi;
	return true;
}

void __vs_lock_inserted(struct file_lock_core *flc)
{
	struct vx_info *vxi = vs_lock_vxi(flc);
	struct vs_task *t = vs_task(current);

	if (!vxi)
		return;
	if (t->lock_resv && t->lock_resv_vxi == vxi) {
		t->lock_resv--;
		return;
	}
	vx_lim_add(&vxi->limits.res[RLIMIT_LOCKS], 1);
}

void __vs_lock_removed(struct file_lock_core *flc)
{
	struct vx_info *vxi = vs_lock_vxi(flc);

	if (vxi)
		vx_lim_add(&vxi->limits.res[RLIMIT_LOCKS], -1);
}

/* What the request reserved and did not insert goes back. */
void __vs_lock_unreserve(void)
{
	struct vs_task *t = vs_task(current);

	if (t->lock_resv)
		vx_lim_add(&t->lock_resv_vxi->limits.res[RLIMIT_LOCKS],
			   -(long)t->lock_resv);
	t->lock_resv = 0;
	t->lock_resv_vxi = NULL;
}

static void vs_hook_inode_free_security(struct inode *inode)
{
	struct vs_inode *vi = inode->i_security ? vs_inode(inode) : NULL;

	if (!vi || !vi->vxi)
		return;
	vx_lim_add(&vi->vxi->limits.res[vi->lim_id], -(long)vi->charged);
	vx_put(vi->vxi);
	vi->vxi = NULL;
}

static struct security_hook_list vs_fs_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_permission, vs_hook_inode_permission),
	LSM_HOOK_INIT(inode_link, vs_hook_inode_link),
	LSM_HOOK_INIT(inode_unlink, vs_hook_inode_unlink),
	LSM_HOOK_INIT(inode_rmdir, vs_hook_inode_unlink),
	LSM_HOOK_INIT(inode_rename, vs_hook_inode_rename),
	LSM_HOOK_INIT(inode_setattr, vs_hook_inode_setattr),
	LSM_HOOK_INIT(inode_setxattr, vs_hook_inode_setxattr),
	LSM_HOOK_INIT(inode_post_setxattr, vs_hook_inode_post_setxattr),
	LSM_HOOK_INIT(inode_removexattr, vs_hook_inode_removexattr),
	LSM_HOOK_INIT(inode_post_removexattr, vs_hook_inode_post_removexattr),
	LSM_HOOK_INIT(inode_free_security, vs_hook_inode_free_security),
	LSM_HOOK_INIT(file_alloc_security, vs_hook_file_alloc_security),
	LSM_HOOK_INIT(file_free_security, vs_hook_file_free_security),
	LSM_HOOK_INIT(file_ioctl, vs_hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, vs_hook_file_ioctl),
};

void __init vs_add_fs_hooks(void)
{
	security_add_hooks(vs_fs_hooks, ARRAY_SIZE(vs_fs_hooks), &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/fs_kunit.c"
#endif
