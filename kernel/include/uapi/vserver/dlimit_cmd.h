/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - disk limit commands and their argument structs
 *
 * A disk limit belongs to a (filesystem, tag) pair: the command's id is
 * the tag, @name any path on the filesystem.  Values follow Linux-VServer
 * 2.3 (VCI 0x00020308).
 */

#ifndef _UAPI_VSERVER_DLIMIT_CMD_H
#define _UAPI_VSERVER_DLIMIT_CMD_H

#include <linux/types.h>
#include <vserver/switch.h>

/* clang-format off */
#define VCMD_add_dlimit		VC_CMD(VC_CAT_DLIMIT, 1, 0)
#define VCMD_rem_dlimit		VC_CMD(VC_CAT_DLIMIT, 2, 0)
#define VCMD_set_dlimit		VC_CMD(VC_CAT_DLIMIT, 5, 0)
#define VCMD_get_dlimit		VC_CMD(VC_CAT_DLIMIT, 6, 0)

/* Special values of the u32 fields */
#define CDLIM_UNSET		(0U)
#define CDLIM_INFINITY		(~0U)
#define CDLIM_KEEP		(~1U)

/* flags: with DLIMF_SHIFT, space values are in units of 1024^(exponent) KiB */
#define DLIMF_SHIFT		0x10

#define DLIME_UNIT		0
#define DLIME_KILO		1
#define DLIME_MEGA		2
#define DLIME_GIGA		3

/* where each field's 2-bit exponent sits in flags */
#define DLIMS_USED		0
#define DLIMS_TOTAL		2
/* clang-format on */

/**
 * struct vcmd_ctx_dlimit_base_v0 - %VCMD_add_dlimit, %VCMD_rem_dlimit
 * @name: a path on the filesystem (the last component is not followed)
 * @flags: unused, 0
 *
 * 16 bytes on x86_64, 8 on i386.
 */
struct vcmd_ctx_dlimit_base_v0 {
	const char *name;
	__u32 flags;
};

/**
 * struct vcmd_ctx_dlimit_v0 - %VCMD_set_dlimit, %VCMD_get_dlimit
 * @name: a path on the filesystem (the last component is not followed)
 * @space_used: space in use, KiB
 * @space_total: the space limit, KiB, or %CDLIM_INFINITY
 * @inodes_used: inodes in use
 * @inodes_total: the inode limit, or %CDLIM_INFINITY
 * @reserved: percent of @space_total kept for the guest's root
 * @flags: %DLIMF_SHIFT and the exponents, or 0
 *
 * On set, %CDLIM_KEEP leaves a field as it is.  32 bytes on x86_64, 28 on
 * i386.
 */
struct vcmd_ctx_dlimit_v0 {
	const char *name;
	__u32 space_used;
	__u32 space_total;
	__u32 inodes_used;
	__u32 inodes_total;
	__u32 reserved;
	__u32 flags;
};

#endif /* _UAPI_VSERVER_DLIMIT_CMD_H */
