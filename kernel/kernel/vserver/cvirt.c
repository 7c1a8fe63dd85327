// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - per-context system names (uname) and the context name
 *
 * Each context owns a UTS namespace, created as a copy of its creator's;
 * every task entering the context switches to it, so uname(2) inside a
 * guest shows the guest's names and the host's stay unchanged.
 */

#include <linux/cred.h>
#include <linux/nsproxy.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <uapi/vserver/cvirt_cmd.h>

#include "cmds.h"
#include "context.h"

/**
 * vx_uts_create - give a new context its own UTS namespace
 * @vxi: the context
 *
 * Return: 0 or a negative errno (-ENOMEM, -ENOSPC at the namespace limit).
 */
int vx_uts_create(struct vx_info *vxi)
{
	struct uts_namespace *uts;

	uts = copy_utsname(CLONE_NEWUTS, current_user_ns(),
			   current->nsproxy->uts_ns);
	if (IS_ERR(uts))
		return PTR_ERR(uts);
	vxi->uts = uts;
	return 0;
}

/*
 * Drops the context's own reference when it ends; tasks keep theirs.
 * Commands may still be reading the names: they hold their own (below).
 */
void vx_uts_release(struct vx_info *vxi)
{
	struct uts_namespace *uts;

	spin_lock(&vxi->lock);
	uts = vxi->uts;
	vxi->uts = NULL;
	spin_unlock(&vxi->lock);
	if (uts)
		put_uts_ns(uts);
}

/* The context's UTS namespace, referenced, or NULL once it has ended. */
static struct uts_namespace *vx_uts_get(struct vx_info *vxi)
{
	struct uts_namespace *uts;

	spin_lock(&vxi->lock);
	uts = vxi->uts;
	if (uts)
		get_uts_ns(uts);
	spin_unlock(&vxi->lock);
	return uts;
}

/**
 * vx_uts_enter - switch the calling task to the context's UTS namespace
 * @vxi: the context being entered
 *
 * Must run before the task's capabilities are bounded: it needs
 * CAP_SYS_ADMIN like setns(2).
 *
 * Return: 0 or a negative errno.
 */
int vx_uts_enter(struct vx_info *vxi)
{
	struct uts_namespace *uts = vx_uts_get(vxi);
	struct nsproxy *nsp;
	int err = 0;

	/* Without one the context has ended: entering it fails next. */
	if (!uts || current->nsproxy->uts_ns == uts)
		goto out;
	err = unshare_nsproxy_namespaces(CLONE_NEWUTS, &nsp, NULL, NULL);
	if (err)
		goto out;
	/* Replace the fresh copy by the context's own before publishing. */
	put_uts_ns(nsp->uts_ns);
	nsp->uts_ns = uts;
	switch_task_namespaces(current, nsp);
	return 0;
out:
	if (uts)
		put_uts_ns(uts);
	return err;
}

/* The utsname field a VHIN_* id names, or NULL for VHIN_CONTEXT/unknown. */
static char *vx_uts_field(struct new_utsname *name, u32 field)
{
	switch (field) {
	case VHIN_SYSNAME:
		return name->sysname;
	case VHIN_NODENAME:
		return name->nodename;
	case VHIN_RELEASE:
		return name->release;
	case VHIN_VERSION:
		return name->version;
	case VHIN_MACHINE:
		return name->machine;
	case VHIN_DOMAINNAME:
		return name->domainname;
	}
	return NULL;
}

/*
 * The commands hold the UTS namespace while they use it: the context
 * may end meanwhile and drop its own reference (-ESRCH then).
 */
long vc_set_vhi_name(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_vhi_name_v0 vc;
	struct uts_namespace *uts;
	char *field;
	long ret = 0;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	vc.name[VHI_NAME_LEN - 1] = '\0';
	if (vc.field == VHIN_CONTEXT) {
		spin_lock(&vxi->lock);
		strscpy(vxi->name, vc.name, sizeof(vxi->name));
		spin_unlock(&vxi->lock);
		return 0;
	}
	uts = vx_uts_get(vxi);
	if (!uts)
		return -ESRCH;
	field = vx_uts_field(&uts->name, vc.field);
	if (field) {
		down_write(&uts_sem);
		strscpy(field, vc.name, __NEW_UTS_LEN + 1);
		up_write(&uts_sem);
	} else {
		ret = -EINVAL;
	}
	put_uts_ns(uts);
	return ret;
}

long vc_get_vhi_name(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_vhi_name_v0 vc;
	char *field;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	memset(vc.name, 0, sizeof(vc.name));
	if (vc.field == VHIN_CONTEXT) {
		spin_lock(&vxi->lock);
		strscpy(vc.name, vxi->name, sizeof(vc.name));
		spin_unlock(&vxi->lock);
	} else {
		struct uts_namespace *uts = vx_uts_get(vxi);

		if (!uts)
			return -ESRCH;
		field = vx_uts_field(&uts->name, vc.field);
		if (field) {
			down_read(&uts_sem);
			strscpy(vc.name, field, sizeof(vc.name));
			up_read(&uts_sem);
		}
		put_uts_ns(uts);
		if (!field)
			return -EINVAL;
	}
	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}
