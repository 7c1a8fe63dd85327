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

/* Drops the context's own reference; tasks keep theirs. */
void vx_uts_release(struct vx_info *vxi)
{
	if (vxi->uts)
		put_uts_ns(vxi->uts);
	vxi->uts = NULL;
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
	struct nsproxy *nsp;
	int err;

	if (!vxi->uts || current->nsproxy->uts_ns == vxi->uts)
		return 0;
	err = unshare_nsproxy_namespaces(CLONE_NEWUTS, &nsp, NULL, NULL);
	if (err)
		return err;
	/* Replace the fresh copy by the context's own before publishing. */
	put_uts_ns(nsp->uts_ns);
	get_uts_ns(vxi->uts);
	nsp->uts_ns = vxi->uts;
	switch_task_namespaces(current, nsp);
	return 0;
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

long vc_set_vhi_name(const struct vs_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_vhi_name_v0 vc;
	char *field;

	if (copy_from_user(&vc, call->data, sizeof(vc)))
		return -EFAULT;
	vc.name[VHI_NAME_LEN - 1] = '\0';
	if (vc.field == VHIN_CONTEXT) {
		spin_lock(&vxi->lock);
		strscpy(vxi->name, vc.name, sizeof(vxi->name));
		spin_unlock(&vxi->lock);
		return 0;
	}
	field = vx_uts_field(&vxi->uts->name, vc.field);
	if (!field)
		return -EINVAL;
	down_write(&uts_sem);
	strscpy(field, vc.name, __NEW_UTS_LEN + 1);
	up_write(&uts_sem);
	return 0;
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
		field = vx_uts_field(&vxi->uts->name, vc.field);
		if (!field)
			return -EINVAL;
		down_read(&uts_sem);
		strscpy(vc.name, field, sizeof(vc.name));
		up_read(&uts_sem);
	}
	return copy_to_user(call->data, &vc, sizeof(vc)) ? -EFAULT : 0;
}
