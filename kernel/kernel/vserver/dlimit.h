/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - disk limits: the arithmetic of the commands and of df
 */

#ifndef _VSERVER_DLIMIT_H
#define _VSERVER_DLIMIT_H

#include <linux/types.h>

struct kstatfs;

/* No limit, in bytes or inodes (vs2.3's DLIM_INFINITY). */
#define VS_DLIM_INFINITY (~0ULL)

/**
 * struct vs_dlimit - one (filesystem, tag) record in kernel units
 * @space_used: bytes in use
 * @space_total: bytes allowed, or %VS_DLIM_INFINITY
 * @inodes_used: inodes in use
 * @inodes_total: inodes allowed, or %VS_DLIM_INFINITY
 * @nrlmult: the share of @space_total for non-root, 1024 = 100 %
 */
struct vs_dlimit {
	u64 space_used;
	u64 space_total;
	u64 inodes_used;
	u64 inodes_total;
	u32 nrlmult;
};

u64 vs_dlim_to_bytes(u32 value, u32 flags, unsigned int shift);
u32 vs_dlim_from_bytes(u64 bytes, u32 *flags, unsigned int shift);
u32 vs_dlim_nrlmult(u32 reserved);
u32 vs_dlim_reserved(u32 nrlmult);
u64 vs_dlim_nonroot_share(u64 space_total, u32 nrlmult);
void vs_dlim_clamp_statfs(struct kstatfs *buf, const struct vs_dlimit *dl,
			  unsigned int blocksize_bits);

#endif /* _VSERVER_DLIMIT_H */
