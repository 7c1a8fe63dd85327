/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - syscall switch: command table and permission model
 */

#ifndef _VSERVER_SWITCH_H
#define _VSERVER_SWITCH_H

#include <linux/types.h>

/*
 * Command flags, as in Linux-VServer 2.3.  VCF_ARES includes VCF_ADMIN:
 * every administrative command also needs CAP_SYS_RESOURCE.
 */
/* clang-format off */
#define VCF_INFO	0x01	/* reads a context */
#define VCF_ADMIN	0x02	/* only from the host (xid 0) */
#define VCF_ARES	0x06	/* admin + resource management */
#define VCF_SETUP	0x08	/* also from inside a context in setup */
#define VCF_ZIDOK	0x10	/* id 0 is valid */
#define VCF_SPECTATOR	0x20	/* id 1 means the spectator, not a context */
#define VCF_ANYSTATE	0x40	/* also without VXF_STATE_ADMIN (shutdown) */
/* clang-format on */

/*
 * VS_CAP_CONTEXT stands for vs2.3's CAP_CONTEXT (63).  Linux 6.12 has no
 * such capability; vs_caller_capable() maps it onto CAP_SYS_ADMIN in the
 * initial user namespace (the project's Documentation/design.md).
 */
#define VS_CAP_CONTEXT 63

/* Which object the command's id names. */
enum vs_target {
	VS_TARGET_NONE = 0,
	VS_TARGET_VX, /* a security context */
	VS_TARGET_NX, /* a network context */
};

struct nx_info;
struct vx_info;

/**
 * struct vs_call - one decoded invocation of sys_vserver()
 * @cmd: the command word
 * @id: the id argument (context id, pid, fd or tag, by command)
 * @data: the user pointer argument
 * @vxi: the target context of %VS_TARGET_VX commands, referenced for the
 *	duration of the call
 * @nxi: the target network context of %VS_TARGET_NX commands, likewise
 */
struct vs_call {
	u32 cmd;
	u32 id;
	void __user *data;
	struct vx_info *vxi;
	struct nx_info *nxi;
};

/**
 * struct vs_cmd - one row of the command table
 * @cmd: command word, VC_CMD(category, number, version)
 * @perm: privilege level 0..9; above 1 needs CAP_SYS_ADMIN
 * @target: the kind of object @id names
 * @flags: VCF_* bits
 * @handler: implementation; its return value goes to user space
 */
struct vs_cmd {
	u32 cmd;
	u8 perm;
	u8 target;
	u8 flags;
	long (*handler)(const struct vs_call *call);
};

/**
 * struct vs_caller - what the permission check needs to know of the caller
 * @capable: capability test; capable() for real callers, a fake in KUnit
 * @host: the caller is in the host context (xid 0)
 * @setup: the caller's own context is in its setup phase
 */
struct vs_caller {
	bool (*capable)(int cap);
	bool host;
	bool setup;
};

const struct vs_cmd *vs_cmd_find(u32 cmd);
int vs_cmd_permission(const struct vs_cmd *c, const struct vs_caller *who);

#endif /* _VSERVER_SWITCH_H */
