/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - security context commands and their argument structs
 */

#ifndef _UAPI_VSERVER_CONTEXT_CMD_H
#define _UAPI_VSERVER_CONTEXT_CMD_H

#include <linux/types.h>
#include <vserver/switch.h>

/* clang-format off */
/* id: a pid (0 = the caller); returns the task's xid. */
#define VCMD_task_xid		VC_CMD(VC_CAT_VINFO, 1, 0)
#define VCMD_vx_info		VC_CMD(VC_CAT_VINFO, 5, 0)
#define VCMD_ctx_stat		VC_CMD(VC_CAT_VSTAT, 0, 0)

#define VCMD_ctx_create_v0	VC_CMD(VC_CAT_VPROC, 1, 0)
#define VCMD_ctx_create		VC_CMD(VC_CAT_VPROC, 1, 1)
#define VCMD_ctx_migrate_v0	VC_CMD(VC_CAT_PROCMIG, 1, 0)
#define VCMD_ctx_migrate	VC_CMD(VC_CAT_PROCMIG, 1, 1)

#define VCMD_get_cflags		VC_CMD(VC_CAT_FLAGS, 1, 0)
#define VCMD_set_cflags		VC_CMD(VC_CAT_FLAGS, 2, 0)
#define VCMD_get_ccaps		VC_CMD(VC_CAT_FLAGS, 3, 1)
#define VCMD_set_ccaps		VC_CMD(VC_CAT_FLAGS, 4, 1)
#define VCMD_get_bcaps		VC_CMD(VC_CAT_FLAGS, 9, 0)
#define VCMD_set_bcaps		VC_CMD(VC_CAT_FLAGS, 10, 0)
#define VCMD_get_umask		VC_CMD(VC_CAT_FLAGS, 13, 0)
#define VCMD_set_umask		VC_CMD(VC_CAT_FLAGS, 14, 0)
#define VCMD_get_wmask		VC_CMD(VC_CAT_FLAGS, 15, 0)
#define VCMD_set_wmask		VC_CMD(VC_CAT_FLAGS, 16, 0)
/* clang-format on */

/**
 * VX_ID_SELF - the caller's own context, as the id of a context command
 *
 * Any id that is negative as a signed 32-bit number names the caller's
 * context; util-vserver sends this value (its VC_SAMECTX).
 */
#define VX_ID_SELF ((__u32)-2)

/**
 * struct vcmd_vx_info_v0 - result of %VCMD_vx_info
 * @xid: the context id
 * @initpid: pid of the context's init, 0 if it has none
 */
struct vcmd_vx_info_v0 {
	__u32 xid;
	__u32 initpid;
};

/**
 * struct vcmd_ctx_stat_v0 - result of %VCMD_ctx_stat
 * @usecnt: references held on the context
 * @tasks: tasks in the context (plus one while it is persistent)
 */
struct vcmd_ctx_stat_v0 {
	__u32 usecnt;
	__u32 tasks;
};

/**
 * struct vcmd_ctx_create - argument of %VCMD_ctx_create
 * @flagword: initial VXF_* flags of the new context
 */
struct vcmd_ctx_create {
	__u64 flagword;
};

/**
 * struct vcmd_ctx_migrate - argument of %VCMD_ctx_migrate
 * @flagword: VXM_* flags: also make the caller init and/or reaper
 */
struct vcmd_ctx_migrate {
	__u64 flagword;
};

/**
 * struct vcmd_ctx_flags_v0 - %VCMD_get_cflags, %VCMD_set_cflags
 * @flagword: VXF_* flags
 * @mask: which bits of @flagword to change; on get, the changeable bits
 */
struct vcmd_ctx_flags_v0 {
	__u64 flagword;
	__u64 mask;
};

/**
 * struct vcmd_ctx_caps_v1 - %VCMD_get_ccaps, %VCMD_set_ccaps
 * @ccaps: VXC_* context capabilities
 * @cmask: which bits of @ccaps to change
 */
struct vcmd_ctx_caps_v1 {
	__u64 ccaps;
	__u64 cmask;
};

/**
 * struct vcmd_bcaps - %VCMD_get_bcaps, %VCMD_set_bcaps
 * @bcaps: the capability bounding set of the context (bit n = capability n;
 *	bit %VXC_BCAP_CONTEXT = the vserver syscall)
 * @bmask: which bits of @bcaps to change
 */
struct vcmd_bcaps {
	__u64 bcaps;
	__u64 bmask;
};

/**
 * struct vcmd_umask - %VCMD_get_umask, %VCMD_set_umask
 * @umask: CLONE_NEW* bits a context may still unshare
 * @mask: which bits of @umask to change
 */
struct vcmd_umask {
	__u64 umask;
	__u64 mask;
};

/**
 * struct vcmd_wmask - %VCMD_get_wmask, %VCMD_set_wmask
 * @wmask: warning mask
 * @mask: which bits of @wmask to change
 */
struct vcmd_wmask {
	__u64 wmask;
	__u64 mask;
};

#endif /* _UAPI_VSERVER_CONTEXT_CMD_H */
