// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - a context's saved namespaces ("spaces")
 *
 * A context keeps two sets (index 0: the guest's own, as its start saved
 * it; index 1: a second one, e.g. what its init pivoted into) of
 * namespaces and of a root and working directory.  set_space saves the
 * caller's; enter_space moves the caller into a set with setns(2)'s
 * checks (setns_many(), kernel/nsproxy.c) and, with CLONE_FS, to the
 * set's root and working directory.  That is how "vserver NAME enter"
 * reaches a guest whose mounts live in a mount namespace of its own.
 *
 * Set 0 starts with the context's UTS namespace and its creator's IPC
 * namespace: util-vserver enters UTS and IPC whenever it migrates into
 * a context.  The UTS namespace in set 0 is always the context's own,
 * the one set_vhi_name writes: saving another one replaces it.
 *
 * The sets hold references until the context is unhashed (a sleeping
 * path: namespaces and mounts may go with them).
 */

#include <linux/fs_struct.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/utsname.h>
#include <linux/vserver.h>

#include "context.h"
#include "cvirt.h"
#include "space.h"

/* In setns(2)'s order of installation: the user namespace first. */
static const struct vs_space_kind {
	u64 flag;
	const struct proc_ns_operations *ops;
} vs_space_kinds[] = {
#ifdef CONFIG_USER_NS
	{ CLONE_NEWUSER, &userns_operations },
#endif
	{ CLONE_NEWNS, &mntns_operations },
#ifdef CONFIG_UTS_NS
	{ CLONE_NEWUTS, &utsns_operations },
#endif
#ifdef CONFIG_IPC_NS
	{ CLONE_NEWIPC, &ipcns_operations },
#endif
#ifdef CONFIG_PID_NS
	{ CLONE_NEWPID, &pidns_for_children_operations },
#endif
#ifdef CONFIG_NET_NS
	{ CLONE_NEWNET, &netns_operations },
#endif
};

static_assert(ARRAY_SIZE(vs_space_kinds) <= VS_SPACE_KINDS);

/**
 * vs_space_allowed - the spaces this kernel can save
 *
 * Return: CLONE_FS and the CLONE_NEW* bits of the namespaces built in.
 */
u64 vs_space_allowed(void)
{
	u64 mask = CLONE_FS;
	int i;

	for (i = 0; i < ARRAY_SIZE(vs_space_kinds); i++)
		mask |= vs_space_kinds[i].flag;
	return mask;
}

/* The slot of namespace kind @flag, or -1 if it is not built in. */
static int vs_space_slot(u64 flag)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vs_space_kinds); i++)
		if (vs_space_kinds[i].flag == flag)
			return i;
	return -1;
}

static void vs_space_put_all(struct ns_common **ns, struct path *root,
			     struct path *pwd)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vs_space_kinds); i++)
		if (ns[i])
			vs_space_kinds[i].ops->put(ns[i]);
	path_put(root);
	path_put(pwd);
}

/* Swaps the caller's namespaces of @mask into set @index; @vxi is live. */
static void vs_space_swap(struct vx_info *vxi, u32 index, u64 mask,
			  struct ns_common **ns, struct path *root,
			  struct path *pwd)
{
	struct vx_space *sp = &vxi->space[index];
	int i;

	for (i = 0; i < ARRAY_SIZE(vs_space_kinds); i++)
		if (ns[i])
			swap(sp->ns[i], ns[i]);
	if (mask & CLONE_FS) {
		swap(sp->root, *root);
		swap(sp->pwd, *pwd);
	}
	sp->mask |= mask;
}

/**
 * vs_space_save - save the caller's namespaces in a context's set
 * @vxi: the context
 * @mask: the spaces, checked by vs_space_set_mask()
 * @index: the set, 0 or 1
 *
 * Return: 0; -EINVAL for the host's UTS namespace in set 0; -ESRCH if
 * a namespace is gone (a pid namespace without init) or the context has
 * ended.
 */
int vs_space_save(struct vx_info *vxi, u64 mask, u32 index)
{
	struct ns_common *ns[VS_SPACE_KINDS] = {};
	struct path root = {}, pwd = {};
	int uts = vs_space_slot(CLONE_NEWUTS);
	int i, err = 0;

	for (i = 0; i < ARRAY_SIZE(vs_space_kinds); i++) {
		if (!(mask & vs_space_kinds[i].flag))
			continue;
		ns[i] = vs_space_kinds[i].ops->get(current);
		if (!ns[i]) {
			err = -ESRCH;
			goto out;
		}
	}
	/*
	 * Set 0's UTS namespace becomes the context's own, which vuname and
	 * a guest with VXC_SET_UTSNAME write: never the host's.
	 */
	if (index == 0 && uts >= 0 && ns[uts] == &init_uts_ns.ns) {
		err = -EINVAL;
		goto out;
	}
	if (mask & CLONE_FS) {
		get_fs_root(current->fs, &root);
		get_fs_pwd(current->fs, &pwd);
	}

	mutex_lock(&vxi->space_lock);
	if (vxi->space_released) {
		err = -ESRCH;
	} else {
		vs_space_swap(vxi, index, mask, ns, &root, &pwd);
		if (index == 0 && uts >= 0 && (mask & CLONE_NEWUTS))
			vx_uts_replace(vxi,
				       container_of(vxi->space[0].ns[uts],
						    struct uts_namespace, ns));
	}
	mutex_unlock(&vxi->space_lock);
out:
	/* What the set held before, or on error what was taken. */
	vs_space_put_all(ns, &root, &pwd);
	return err;
}

/**
 * vs_space_init - set 0 of a new context: its UTS, its creator's IPC
 * @vxi: the context, hashed, with its UTS namespace
 */
void vs_space_init(struct vx_info *vxi)
{
	int uts = vs_space_slot(CLONE_NEWUTS);

	mutex_lock(&vxi->space_lock);
	if (uts >= 0 && vxi->uts) {
		get_uts_ns(vxi->uts);
		vxi->space[0].ns[uts] = &vxi->uts->ns;
		vxi->space[0].mask |= CLONE_NEWUTS;
	}
	mutex_unlock(&vxi->space_lock);
	if (vs_space_slot(CLONE_NEWIPC) >= 0)
		vs_space_save(vxi, CLONE_NEWIPC, 0);
}

/* Can the caller change its root and working directory alone? */
static bool vs_fs_unshared(void)
{
	struct fs_struct *fs = current->fs;
	bool alone;

	spin_lock(&fs->lock);
	alone = fs->users == 1;
	spin_unlock(&fs->lock);
	return alone;
}

/**
 * vs_space_enter - move the caller into a context's saved set
 * @vxi: the context
 * @mask: the requested spaces, 0 for all that set @index holds
 * @index: the set
 *
 * All namespaces or none (setns_many()); the directories follow.
 *
 * Return: 0; -EACCES for a private context; -EINVAL for a bad index, a
 * set never saved, a space the set lacks, or shared fs information with
 * CLONE_FS; or setns(2)'s errors (-EPERM without CAP_SYS_ADMIN).
 */
int vs_space_enter(struct vx_info *vxi, u64 mask, u32 index)
{
	struct ns_common *ns[VS_SPACE_KINDS];
	unsigned int nr = 0;
	long enter;
	int i, err = 0;

	if (READ_ONCE(vxi->flags) & VXF_INFO_PRIVATE)
		return -EACCES;
	if (index >= VX_SPACES)
		return -EINVAL;

	mutex_lock(&vxi->space_lock);
	enter = vs_space_enter_mask(mask, vxi->space[index].mask, index);
	if (enter < 0) {
		err = enter;
		goto unlock;
	}
	if ((enter & CLONE_FS) && !vs_fs_unshared()) {
		err = -EINVAL;
		goto unlock;
	}
	for (i = 0; i < ARRAY_SIZE(vs_space_kinds); i++)
		if (enter & vs_space_kinds[i].flag)
			ns[nr++] = vxi->space[index].ns[i];
	if (nr)
		err = setns_many(ns, nr);
	if (!err && (enter & CLONE_FS)) {
		set_fs_root(current->fs, &vxi->space[index].root);
		set_fs_pwd(current->fs, &vxi->space[index].pwd);
	}
unlock:
	mutex_unlock(&vxi->space_lock);
	return err;
}

/**
 * vs_space_mask - what a set holds, for /proc/virtual/<xid>/status
 * @vxi: the context
 * @index: the set
 *
 * Return: its mask.
 */
u64 vs_space_mask(struct vx_info *vxi, u32 index)
{
	u64 mask;

	mutex_lock(&vxi->space_lock);
	mask = vxi->space[index].mask;
	mutex_unlock(&vxi->space_lock);
	return mask;
}

/**
 * vs_space_release - the context has ended: drop both sets
 * @vxi: the context, unhashed
 *
 * Process context: the last mount namespace reference may unmount.
 */
void vs_space_release(struct vx_info *vxi)
{
	struct vx_space old[VX_SPACES];
	u32 index;

	mutex_lock(&vxi->space_lock);
	vxi->space_released = true;
	memcpy(old, vxi->space, sizeof(old));
	memset(vxi->space, 0, sizeof(vxi->space));
	mutex_unlock(&vxi->space_lock);
	for (index = 0; index < VX_SPACES; index++)
		vs_space_put_all(old[index].ns, &old[index].root,
				 &old[index].pwd);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/space_kunit.c"
#endif
