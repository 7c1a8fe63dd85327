// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - inode attribute commands: get/set_iattr on a path,
 * fget/fset_iattr on a descriptor (uapi/vserver/inode_cmd.h)
 */

#include <linux/compat.h>
#include <linux/file.h>
#include <linux/namei.h>
#include <linux/uaccess.h>
#include <uapi/vserver/inode_cmd.h>

#include "cmds.h"
#include "compat.h"
#include "fs.h"

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
