/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - a context's saved namespaces ("spaces")
 *
 * A context keeps two saved sets (index 0 and 1) of the namespaces named
 * by CLONE_NEW* bits, plus CLONE_FS for the root and working directory.
 * set_space saves the caller's; enter_space moves the caller into a saved
 * set, as setns(2) would.
 */

#ifndef _UAPI_VSERVER_SPACE_CMD_H
#define _UAPI_VSERVER_SPACE_CMD_H

#include <linux/types.h>
#include <vserver/switch.h>

/* clang-format off */
#define VCMD_enter_space_v0	VC_CMD(VC_CAT_PROCALT, 1, 0)
#define VCMD_enter_space_v1	VC_CMD(VC_CAT_PROCALT, 1, 1)
#define VCMD_enter_space	VC_CMD(VC_CAT_PROCALT, 1, 2)

#define VCMD_set_space_v1	VC_CMD(VC_CAT_PROCALT, 3, 1)
#define VCMD_set_space		VC_CMD(VC_CAT_PROCALT, 3, 2)

#define VCMD_get_space_mask_v0	VC_CMD(VC_CAT_PROCALT, 4, 0)
#define VCMD_get_space_mask	VC_CMD(VC_CAT_VSPACE, 0, 1)
#define VCMD_get_space_default	VC_CMD(VC_CAT_VSPACE, 1, 0)

/* How many saved sets a context keeps. */
#define VX_SPACES		2
/* clang-format on */

/**
 * struct vcmd_space_mask_v1 - mask of spaces (CLONE_NEW* and CLONE_FS)
 * @mask: the spaces; 0 in enter_space means every saved one
 *
 * Argument of %VCMD_enter_space_v1 and %VCMD_set_space_v1 (index 0),
 * result of the get_space_mask and get_space_default commands.
 */
struct vcmd_space_mask_v1 {
	__u64 mask;
};

/**
 * struct vcmd_space_mask_v2 - mask of spaces and the saved set
 * @mask: as in &struct vcmd_space_mask_v1
 * @index: the saved set, 0 or 1
 */
struct vcmd_space_mask_v2 {
	__u64 mask;
	__u32 index;
};

#endif /* _UAPI_VSERVER_SPACE_CMD_H */
