// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - inode attributes: get/set_iattr, the barrier, iunlink
 *
 * IATTR_TAG is the inode's tag (tag.c) and IATTR_IMMUTABLE the
 * filesystem's own immutable flag, both read and written as fileattr.
 * IATTR_BARRIER, IATTR_IXUNLINK and IATTR_COW are kept in the xattr
 * security.vserver, a little-endian u32, so that they persist and travel
 * with cp -a, rsync -X and tar --xattrs run on the host.  Only the host
 * writes that xattr.  Its bits are cached in the inode blob the first
 * time a guest needs them, and again whenever the xattr changes.
 */

#include <linux/compat.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fileattr.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/vserver.h>
#include <linux/xattr.h>
#include <uapi/vserver/inode_cmd.h>

#include "cmds.h"
#include "limit.h"
#include "setup.h"
#include "tag.h"
#include "task.h"

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

/* Another guest's inode keeps its xattrs too (tag.c). */
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

/* The argument of get/set_iattr in either ABI. */
struct vs_iattr_arg {
	const char __user *name;
	u32 tag;
	u32 flags;
	u32 mask;
};

/* i386: a 4-byte pointer, 16 bytes in all. */
struct vcmd_ctx_iattr_v1_x32 {
	compat_uptr_t name;
	u32 tag;
	u32 flags;
	u32 mask;
};

static int vs_iattr_copy_in(struct vs_iattr_arg *arg, void __user *data)
{
	struct vcmd_ctx_iattr_v1 vc;

	if (in_compat_syscall()) {
		struct vcmd_ctx_iattr_v1_x32 x;

		if (copy_from_user(&x, data, sizeof(x)))
			return -EFAULT;
		*arg = (struct vs_iattr_arg){ compat_ptr(x.name), x.tag,
					      x.flags, x.mask };
		return 0;
	}
	if (copy_from_user(&vc, data, sizeof(vc)))
		return -EFAULT;
	*arg = (struct vs_iattr_arg){ (const char __user *)vc.name, vc.tag,
				      vc.flags, vc.mask };
	return 0;
}

/* Tag, flags and mask, the layout of vcmd_ctx_fiattr_v0. */
static int vs_iattr_put(void __user *dst, const struct vs_iattr_arg *arg)
{
	struct vcmd_ctx_fiattr_v0 out = { arg->tag, arg->flags, arg->mask };

	return copy_to_user(dst, &out, sizeof(out)) ? -EFAULT : 0;
}

/* Writes tag, flags and mask back; the name stays as it was. */
static int vs_iattr_copy_out(void __user *data, const struct vs_iattr_arg *arg)
{
	size_t at = in_compat_syscall() ?
			    offsetof(struct vcmd_ctx_iattr_v1_x32, tag) :
			    offsetof(struct vcmd_ctx_iattr_v1, tag);

	return vs_iattr_put(data + at, arg);
}

static bool vs_sb_tagged(const struct inode *inode)
{
	return inode->i_sb->s_iflags & SB_I_VS_TAGGED;
}

/* get_iattr: what the inode has, and what it supports. */
static int vs_iattr_read(const struct path *path, struct vs_iattr_arg *arg)
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
static int vs_iattr_write(const struct path *path, struct vs_iattr_arg *arg)
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

/* get or set on a path or an open file: the frames of the four commands. */
typedef int (*vs_iattr_op)(const struct path *path, struct vs_iattr_arg *arg);

static int vs_iattr_at_name(const struct vs_call *call, vs_iattr_op op,
			    struct vs_iattr_arg *arg)
{
	struct path path;
	int err;

	err = vs_iattr_copy_in(arg, call->data);
	if (err)
		return err;
	err = user_path_at(AT_FDCWD, arg->name, 0, &path);
	if (err)
		return err;
	err = op(&path, arg);
	path_put(&path);
	return err;
}

/* fget/fset_iattr: the id is the descriptor, the data has no name. */
static int vs_iattr_at_fd(const struct vs_call *call, vs_iattr_op op,
			  struct vs_iattr_arg *arg)
{
	struct vcmd_ctx_fiattr_v0 vc;
	struct fd f;
	int err;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	*arg = (struct vs_iattr_arg){ NULL, vc.tag, vc.flags, vc.mask };
	f = fdget(call->id);
	if (!fd_file(f))
		return -EBADF;
	err = op(&fd_file(f)->f_path, arg);
	fdput(f);
	return err;
}

long vc_get_iattr(const struct vs_call *call)
{
	struct vs_iattr_arg arg;

	return vs_iattr_at_name(call, vs_iattr_read, &arg) ?:
		       vs_iattr_copy_out(call->data, &arg);
}

long vc_set_iattr(const struct vs_call *call)
{
	struct vs_iattr_arg arg;

	return vs_iattr_at_name(call, vs_iattr_write, &arg);
}

long vc_fget_iattr(const struct vs_call *call)
{
	struct vs_iattr_arg arg;

	return vs_iattr_at_fd(call, vs_iattr_read, &arg) ?:
		       vs_iattr_put(call->data, &arg);
}

long vc_fset_iattr(const struct vs_call *call)
{
	struct vs_iattr_arg arg;

	return vs_iattr_at_fd(call, vs_iattr_write, &arg);
}

static struct security_hook_list vs_inode_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_setxattr, vs_hook_inode_setxattr),
	LSM_HOOK_INIT(inode_post_setxattr, vs_hook_inode_post_setxattr),
	LSM_HOOK_INIT(inode_removexattr, vs_hook_inode_removexattr),
	LSM_HOOK_INIT(inode_post_removexattr, vs_hook_inode_post_removexattr),
};

void __init vs_add_inode_hooks(void)
{
	security_add_hooks(vs_inode_hooks, ARRAY_SIZE(vs_inode_hooks),
			   &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/inode_kunit.c"
#endif
