/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - inode attribute commands and their argument structs
 */

#ifndef _UAPI_VSERVER_INODE_CMD_H
#define _UAPI_VSERVER_INODE_CMD_H

#include <linux/types.h>
#include <vserver/inode.h>
#include <vserver/switch.h>

/* clang-format off */
#define VCMD_get_iattr		VC_CMD(VC_CAT_INODE, 1, 1)
#define VCMD_set_iattr		VC_CMD(VC_CAT_INODE, 2, 1)
#define VCMD_fget_iattr		VC_CMD(VC_CAT_INODE, 3, 0)
#define VCMD_fset_iattr		VC_CMD(VC_CAT_INODE, 4, 0)
/* clang-format on */

/**
 * struct vcmd_ctx_iattr_v1 - %VCMD_get_iattr, %VCMD_set_iattr
 * @name: the path (the last component is not followed)
 * @tag: the tag, valid with %IATTR_TAG (util-vserver calls it xid)
 * @flags: IATTR_* bits: on get, those set; on set, the new values
 * @mask: on get, the bits this inode supports; on set, the bits to change
 *
 * 24 bytes on x86_64, 16 on i386.
 */
struct vcmd_ctx_iattr_v1 {
	const char *name;
	__u32 tag;
	__u32 flags;
	__u32 mask;
};

/**
 * struct vcmd_ctx_fiattr_v0 - %VCMD_fget_iattr, %VCMD_fset_iattr (id: fd)
 * @tag: as in &struct vcmd_ctx_iattr_v1
 * @flags: as in &struct vcmd_ctx_iattr_v1
 * @mask: as in &struct vcmd_ctx_iattr_v1
 */
struct vcmd_ctx_fiattr_v0 {
	__u32 tag;
	__u32 flags;
	__u32 mask;
};

#endif /* _UAPI_VSERVER_INODE_CMD_H */
