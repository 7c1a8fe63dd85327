// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - the syscall switch
 *
 * sys_vserver(cmd, id, data) looks the command up in one sorted table,
 * applies the permission model of Linux-VServer 2.3 and calls the
 * command's handler.  Every check on user input happens here or in the
 * handler, in the order: command known -> privileges -> target -> data.
 */

#include <linux/bsearch.h>
#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/syscalls.h>
#include <linux/user_namespace.h>
#include <uapi/vserver/context_cmd.h>
#include <uapi/vserver/cvirt_cmd.h>
#include <uapi/vserver/dlimit_cmd.h>
#include <uapi/vserver/limit_cmd.h>
#include <uapi/vserver/inode_cmd.h>
#include <uapi/vserver/tag_cmd.h>
#include <uapi/vserver/network_cmd.h>
#include <uapi/vserver/signal_cmd.h>
#include <uapi/vserver/space_cmd.h>
#include <uapi/vserver/switch.h>

#include "cmds.h"
#include "compat.h"
#include "context.h"
#include "network.h"
#include "switch.h"
#include "task.h"
#include "vci.h"

/*
 * The argument structs are util-vserver's ABI (vs2.3's layouts): a size
 * that changes breaks admins' tools.  Each is pinned here for x86_64 and,
 * through compat.h where the layout differs, for i386.
 */
#define VS_ABI(name, size) BUILD_BUG_ON(sizeof(struct name) != (size))
#define VS_ABI_COMPAT(name, size, name32, size32) \
	do {                                      \
		VS_ABI(name, size);               \
		VS_ABI(name32, size32);           \
	} while (0)

static inline void build_check_abi(void)
{
	VS_ABI(vcmd_bcaps, 16);
	VS_ABI(vcmd_ctx_caps_v1, 16);
	VS_ABI(vcmd_ctx_create, 8);
	VS_ABI_COMPAT(vcmd_ctx_dlimit_base_v0, 16, vcmd_ctx_dlimit_base_v0_x32,
		      8);
	VS_ABI_COMPAT(vcmd_ctx_dlimit_v0, 32, vcmd_ctx_dlimit_v0_x32, 28);
	VS_ABI(vcmd_ctx_fiattr_v0, 12);
	VS_ABI(vcmd_ctx_flags_v0, 16);
	VS_ABI_COMPAT(vcmd_ctx_iattr_v1, 24, vcmd_ctx_iattr_v1_x32, 16);
	VS_ABI(vcmd_ctx_kill_v0, 8);
	VS_ABI(vcmd_ctx_migrate, 8);
	VS_ABI(vcmd_ctx_rlimit_mask_v0, 12);
	VS_ABI_COMPAT(vcmd_ctx_rlimit_v0, 32, vcmd_ctx_rlimit_v0_x32, 28);
	VS_ABI(vcmd_ctx_stat_v0, 8);
	VS_ABI(vcmd_net_addr_ipv4_v1, 12);
	VS_ABI(vcmd_net_addr_ipv4_v2, 16);
	VS_ABI(vcmd_net_addr_ipv6_v1, 40);
	VS_ABI(vcmd_net_addr_v0, 36);
	VS_ABI(vcmd_net_caps_v0, 16);
	VS_ABI(vcmd_net_create, 8);
	VS_ABI(vcmd_net_flags_v0, 16);
	VS_ABI(vcmd_nx_info_v0, 4);
	VS_ABI(vcmd_rlimit_stat_v0, 32);
	VS_ABI(vcmd_space_mask_v1, 8);
	VS_ABI_COMPAT(vcmd_space_mask_v2, 16, vcmd_space_mask_v2_x32, 12);
	VS_ABI(vcmd_umask, 16);
	VS_ABI(vcmd_vhi_name_v0, 72);
	VS_ABI(vcmd_virt_stat_v0, 48);
	VS_ABI(vcmd_vx_info_v0, 8);
	VS_ABI(vcmd_wait_exit_v0, 8);
	VS_ABI(vcmd_wmask, 16);
}

#undef VS_ABI_COMPAT
#undef VS_ABI

static long vc_get_version(const struct vs_call *call)
{
	/* util-vserver sends id 63 here: the id is deliberately ignored. */
	return VCI_VERSION;
}

static long vc_get_vci(const struct vs_call *call)
{
	return VS_VCI_KERNEL_CONFIG;
}

#define VX VS_TARGET_VX
#define NX VS_TARGET_NX
#define SETUP (VCF_ARES | VCF_SETUP)

/* Sorted by command word: vs_cmd_find() bisects it. */
static const struct vs_cmd vs_cmds[] = {
	/* clang-format off */
	{ VCMD_get_version,	0, 0,  0,			vc_get_version },
	{ VCMD_get_vci,		0, 0,  0,			vc_get_vci },
	{ VCMD_set_vhi_name,	7, VX, SETUP,			vc_set_vhi_name },
	{ VCMD_get_vhi_name,	3, VX, VCF_INFO,		vc_get_vhi_name },
	{ VCMD_ctx_create_v0,	5, 0,  0,			vc_ctx_create_v0 },
	{ VCMD_ctx_create,	5, 0,  0,			vc_ctx_create },
	{ VCMD_enter_space_v0,	5, VX, VCF_ADMIN,		vc_enter_space_v0 },
	{ VCMD_enter_space_v1,	5, VX, VCF_ADMIN,		vc_enter_space_v1 },
	{ VCMD_enter_space,	5, VX, VCF_ADMIN,		vc_enter_space },
	{ VCMD_set_space_v1,	7, VX, SETUP,			vc_set_space_v1 },
	{ VCMD_set_space,	7, VX, SETUP,			vc_set_space },
	{ VCMD_get_space_mask_v0, 0, 0, 0,			vc_get_space_mask },
	{ VCMD_ctx_migrate_v0,	5, VX, VCF_ADMIN | VCF_SPECTATOR, vc_ctx_migrate_v0 },
	{ VCMD_ctx_migrate,	5, VX, VCF_ADMIN | VCF_SPECTATOR, vc_ctx_migrate },
	{ VCMD_ctx_kill,	6, VX, VCF_ARES | VCF_ANYSTATE,	vc_ctx_kill },
	{ VCMD_net_create_v0,	5, 0,  0,			vc_net_create_v0 },
	{ VCMD_net_create,	5, 0,  0,			vc_net_create },
	{ VCMD_net_add,		8, NX, SETUP,			vc_net_add },
	{ VCMD_net_add_ipv4_v1,	8, NX, SETUP,			vc_net_add_ipv4_v1 },
	{ VCMD_net_add_ipv4,	8, NX, SETUP,			vc_net_add_ipv4 },
	{ VCMD_net_remove,	8, NX, SETUP,			vc_net_remove },
	{ VCMD_net_rem_ipv4_v1,	8, NX, SETUP,			vc_net_rem_ipv4_v1 },
	{ VCMD_net_rem_ipv4,	8, NX, SETUP,			vc_net_rem_ipv4 },
	{ VCMD_net_migrate,	5, NX, VCF_ADMIN | VCF_SPECTATOR, vc_net_migrate },
	{ VCMD_tag_migrate,	5, 0,  VCF_ADMIN,		vc_tag_migrate },
	{ VCMD_add_dlimit,	8, 0,  VCF_ARES,		vc_add_dlimit },
	{ VCMD_rem_dlimit,	8, 0,  VCF_ARES,		vc_rem_dlimit },
	{ VCMD_set_dlimit,	7, 0,  VCF_ARES,		vc_set_dlimit },
	{ VCMD_get_dlimit,	3, 0,  VCF_INFO,		vc_get_dlimit },
	{ VCMD_get_iattr,	2, 0,  0,			vc_get_iattr },
	{ VCMD_set_iattr,	7, 0,  VCF_ADMIN,		vc_set_iattr },
	{ VCMD_fget_iattr,	2, 0,  0,			vc_fget_iattr },
	{ VCMD_fset_iattr,	7, 0,  VCF_ADMIN,		vc_fset_iattr },
	{ VCMD_ctx_stat,	3, VX, VCF_INFO,		vc_ctx_stat },
	{ VCMD_rlimit_stat,	3, VX, VCF_INFO,		vc_rlimit_stat },
	{ VCMD_virt_stat,	3, VX, VCF_INFO,		vc_virt_stat },
	{ VCMD_task_xid,	2, 0,  0,			vc_task_xid },
	{ VCMD_task_nid,	2, 0,  0,			vc_task_nid },
	{ VCMD_task_tag,	2, 0,  0,			vc_task_tag },
	{ VCMD_vx_info,		3, VX, VCF_INFO,		vc_vx_info },
	{ VCMD_nx_info,		3, NX, VCF_INFO,		vc_nx_info },
	{ VCMD_wait_exit,	4, VX, VCF_INFO,		vc_wait_exit },
	{ VCMD_get_cflags,	3, VX, VCF_INFO,		vc_get_cflags },
	{ VCMD_set_cflags,	7, VX, SETUP,			vc_set_cflags },
	{ VCMD_get_ccaps,	3, VX, VCF_INFO,		vc_get_ccaps },
	{ VCMD_set_ccaps,	7, VX, SETUP,			vc_set_ccaps },
	{ VCMD_get_nflags,	3, NX, VCF_INFO,		vc_get_nflags },
	{ VCMD_set_nflags,	7, NX, SETUP,			vc_set_nflags },
	{ VCMD_get_ncaps,	3, NX, VCF_INFO,		vc_get_ncaps },
	{ VCMD_set_ncaps,	7, NX, SETUP,			vc_set_ncaps },
	{ VCMD_get_bcaps,	3, VX, VCF_INFO,		vc_get_bcaps },
	{ VCMD_set_bcaps,	7, VX, SETUP,			vc_set_bcaps },
	{ VCMD_get_umask,	3, VX, VCF_INFO,		vc_get_umask },
	{ VCMD_set_umask,	7, VX, SETUP,			vc_set_umask },
	{ VCMD_get_wmask,	3, VX, VCF_INFO,		vc_get_wmask },
	{ VCMD_set_wmask,	7, VX, SETUP,			vc_set_wmask },
	{ VCMD_get_space_mask,	0, 0,  0,			vc_get_space_mask },
	{ VCMD_get_space_default, 0, 0, 0,			vc_get_space_default },
	{ VCMD_get_rlimit,	3, VX, VCF_INFO,		vc_get_rlimit },
	{ VCMD_set_rlimit,	7, VX, SETUP,			vc_set_rlimit },
	{ VCMD_get_rlimit_mask,	0, 0,  0,			vc_get_rlimit_mask },
	{ VCMD_reset_hits,	2, VX, 0,			vc_reset_hits },
	{ VCMD_reset_minmax,	2, VX, 0,			vc_reset_minmax },
	/* clang-format on */
};

#undef VX
#undef NX
#undef SETUP

static int vs_cmd_cmp(const void *key, const void *elt)
{
	u32 cmd = *(const u32 *)key;
	const struct vs_cmd *c = elt;

	if (cmd < c->cmd)
		return -1;
	return cmd > c->cmd;
}

/**
 * vs_cmd_find - look a command word up in the command table
 * @cmd: the command word
 *
 * Return: the table row, or NULL if this kernel does not know @cmd.
 */
const struct vs_cmd *vs_cmd_find(u32 cmd)
{
	return bsearch(&cmd, vs_cmds, ARRAY_SIZE(vs_cmds), sizeof(vs_cmds[0]),
		       vs_cmd_cmp);
}

/**
 * vs_cmd_permission - may this caller issue this command?
 * @c: the command's table row
 * @who: the caller
 *
 * The checks and their order are those of Linux-VServer 2.3.
 *
 * Return: 0 if permitted, otherwise the errno for user space:
 * -ENOSYS without VS_CAP_CONTEXT (the syscall pretends not to exist);
 * -EPERM without CAP_SYS_ADMIN for privilege levels above 1, without
 * CAP_SYS_RESOURCE for administrative or resource commands, or for an
 * administrative command from inside a context that is not in its setup
 * phase (or whose command is not a setup command).
 */
int vs_cmd_permission(const struct vs_cmd *c, const struct vs_caller *who)
{
	if (!who->capable(VS_CAP_CONTEXT))
		return -ENOSYS;
	if (c->perm > 1 && !who->capable(CAP_SYS_ADMIN))
		return -EPERM;
	if ((c->flags & VCF_ARES) && !who->capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if ((c->flags & VCF_ADMIN) && !who->host &&
	    !((c->flags & VCF_SETUP) && who->setup))
		return -EPERM;
	return 0;
}

/* What commoncap answers for @cred in the initial user namespace. */
static bool vs_setup_cred_capable(const struct cred *cred, int cap)
{
	return cred->user_ns == &init_user_ns &&
	       cap_raised(cred->cap_effective, cap);
}

static bool vs_caller_capable(int cap)
{
	const struct vx_info *own = vs_current_vxi();
	int need = cap == VS_CAP_CONTEXT ? CAP_SYS_ADMIN : cap;

	/*
	 * In its setup phase a context is administered from inside by the
	 * host's tools, with their own credentials: util-vserver's start
	 * chain narrows the bounding set ("vattribute --set --secure") and
	 * then still sends set_cflags and "vcontext --endsetup".  The capable
	 * hook would refuse what the set lacks, so ask the credentials.
	 */
	if (own && !vx_bounded(own))
		return vs_setup_cred_capable(current_cred(), need);
	/*
	 * The existence test must not leave audit records: util-vserver
	 * probes the syscall from unprivileged processes too.  Inside a
	 * context it also needs CAP_CONTEXT in the context's bounding set.
	 */
	if (cap == VS_CAP_CONTEXT)
		return ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN) &&
		       (!own || vx_cap_allowed(own, VXC_BCAP_CONTEXT));
	return capable(cap);
}

/*
 * The context an id names: a negative id (as s32) is the caller's own,
 * 0 (host) and 1 (spectator) are no context.
 */
static struct vx_info *vs_target_vx(u32 id)
{
	struct vx_info *own = vs_current_vxi();

	if ((s32)id < 0)
		return own ? vx_get(own) : NULL;
	if (id <= VX_ID_SPECTATOR)
		return NULL;
	/* A guest sees no context but its own (vs2.3 let it read any). */
	if (own && own->obj.id != id)
		return NULL;
	return vx_lookup(id);
}

/*
 * The network context an id names: a negative id is the caller's own, 0
 * and 1 are none.  A task of a security context reaches only its own.
 */
static struct nx_info *vs_target_nx(u32 id)
{
	struct nx_info *own = vs_current_nxi();

	if ((s32)id < 0)
		return own ? nx_get(own) : NULL;
	if (id <= NX_ID_SPECTATOR)
		return NULL;
	if (vs_task_xid(current) != VX_ID_HOST && (!own || own->obj.id != id))
		return NULL;
	return nx_lookup(id);
}

static long vs_dispatch_nx(const struct vs_cmd *c, struct vs_call *call)
{
	long ret;

	if ((c->flags & VCF_SPECTATOR) && call->id == NX_ID_SPECTATOR)
		return vc_net_migrate_spectator(call);
	call->nxi = vs_target_nx(call->id);
	if (!call->nxi)
		return -ESRCH;
	if ((c->flags & VCF_ADMIN) &&
	    !(READ_ONCE(call->nxi->flags) & NXF_STATE_ADMIN))
		ret = -EACCES;
	else
		ret = c->handler(call);
	nx_put(call->nxi);
	return ret;
}

static long vs_dispatch(const struct vs_cmd *c, struct vs_call *call)
{
	long ret;

	if (c->target == VS_TARGET_NX)
		return vs_dispatch_nx(c, call);
	if (c->target != VS_TARGET_VX)
		return c->handler(call);
	if ((c->flags & VCF_SPECTATOR) && call->id == VX_ID_SPECTATOR)
		return vc_ctx_migrate_spectator(call);
	call->vxi = vs_target_vx(call->id);
	if (!call->vxi)
		return -ESRCH;
	/* Administrative commands only act on contexts that allow it. */
	if ((c->flags & VCF_ADMIN) && !(c->flags & VCF_ANYSTATE) &&
	    !(READ_ONCE(call->vxi->flags) & VXF_STATE_ADMIN))
		ret = -EACCES;
	else
		ret = c->handler(call);
	vx_put(call->vxi);
	return ret;
}

/**
 * sys_vserver - the Linux-VServer syscall switch
 * @cmd: command word, see VC_CMD() in <uapi/vserver/switch.h>
 * @id: context id, pid, fd or tag, depending on @cmd
 * @data: command specific argument structure, or NULL
 *
 * Possible returned errors are:
 *
 * - %ENOSYS: @cmd is unknown, or the caller lacks CAP_SYS_ADMIN (or, in a
 *   context, CAP_CONTEXT in the context's bounding set);
 * - %EPERM: the caller lacks a capability the command needs, or is not
 *   allowed to administrate contexts from where it is;
 * - %ESRCH: the command names a context that does not exist;
 * - %EACCES: an administrative command names a context without
 *   %VXF_STATE_ADMIN;
 * - any error of the command itself.
 *
 * Return: the command's result (>= 0) or a negative errno.
 */
SYSCALL_DEFINE3(vserver, u32, cmd, u32, id, void __user *, data)
{
	struct vs_call call = { .cmd = cmd, .id = id, .data = data };
	const struct vx_info *own = vs_current_vxi();
	const struct vs_caller who = {
		.capable = vs_caller_capable,
		.host = vs_task_xid(current) == VX_ID_HOST,
		.setup = own && (READ_ONCE(own->flags) & VXF_STATE_SETUP),
	};
	const struct vs_cmd *c;
	int err;

	build_check_abi();
	c = vs_cmd_find(cmd);
	if (!c) {
		pr_debug("unimplemented VCMD_%02d_%d[%d]\n", VC_CATEGORY(cmd),
			 VC_COMMAND(cmd), VC_VERSION(cmd));
		return -ENOSYS;
	}
	err = vs_cmd_permission(c, &who);
	if (err)
		return err;
	return vs_dispatch(c, &call);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/switch_kunit.c"
#endif
