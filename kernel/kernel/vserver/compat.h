/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the i386 layouts of the command structs that differ
 *
 * An i386 caller (in_compat_syscall()) aligns u64 fields to 4 bytes and
 * passes 4-byte pointers.  Every other vcmd_* struct is the same bytes in
 * both ABIs; switch.c's build_check_abi() pins all of them.
 */

#ifndef _VSERVER_COMPAT_H
#define _VSERVER_COMPAT_H

#include <linux/compat.h>
#include <linux/types.h>

/* A path and flags: 8 bytes, 16 on x86_64. */
struct vcmd_ctx_dlimit_base_v0_x32 {
	compat_uptr_t name;
	u32 flags;
};

/* A path and the record: 28 bytes, 32 on x86_64. */
struct vcmd_ctx_dlimit_v0_x32 {
	compat_uptr_t name;
	u32 space_used;
	u32 space_total;
	u32 inodes_used;
	u32 inodes_total;
	u32 reserved;
	u32 flags;
} __packed;

/* A path, tag, flags and mask: 16 bytes, 24 on x86_64. */
struct vcmd_ctx_iattr_v1_x32 {
	compat_uptr_t name;
	u32 tag;
	u32 flags;
	u32 mask;
};

/* No padding after the id: 28 bytes, 32 on x86_64. */
struct vcmd_ctx_rlimit_v0_x32 {
	u32 id;
	u64 minimum;
	u64 softlimit;
	u64 maximum;
} __packed;

/* A mask and a set index: 12 bytes, 16 (tail padding) on x86_64. */
struct vcmd_space_mask_v2_x32 {
	u64 mask;
	u32 index;
} __packed;

#endif /* _VSERVER_COMPAT_H */
