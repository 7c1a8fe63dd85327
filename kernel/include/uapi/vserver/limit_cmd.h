/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - per-context limit commands and their argument structs
 */

#ifndef _UAPI_VSERVER_LIMIT_CMD_H
#define _UAPI_VSERVER_LIMIT_CMD_H

#include <linux/types.h>
#include <vserver/limit.h>
#include <vserver/switch.h>

/* clang-format off */
#define VCMD_get_rlimit		VC_CMD(VC_CAT_RLIMIT, 1, 0)
#define VCMD_set_rlimit		VC_CMD(VC_CAT_RLIMIT, 2, 0)
#define VCMD_get_rlimit_mask	VC_CMD(VC_CAT_RLIMIT, 3, 0)
#define VCMD_reset_hits		VC_CMD(VC_CAT_RLIMIT, 7, 0)
#define VCMD_reset_minmax	VC_CMD(VC_CAT_RLIMIT, 9, 0)
#define VCMD_rlimit_stat	VC_CMD(VC_CAT_VSTAT, 1, 0)
/* clang-format on */

/**
 * struct vcmd_ctx_rlimit_v0 - %VCMD_get_rlimit, %VCMD_set_rlimit
 * @id: the limit, RLIMIT_* or VLIMIT_*
 * @minimum: ignored on set; %CRLIM_UNSET on get
 * @softlimit: the soft limit, or %CRLIM_INFINITY / %CRLIM_KEEP
 * @maximum: the hard limit, or %CRLIM_INFINITY / %CRLIM_KEEP
 *
 * 32 bytes on x86_64 (4 bytes of padding after @id), 28 on i386.
 */
struct vcmd_ctx_rlimit_v0 {
	__u32 id;
	__u64 minimum;
	__u64 softlimit;
	__u64 maximum;
};

/**
 * struct vcmd_ctx_rlimit_mask_v0 - result of %VCMD_get_rlimit_mask
 * @minimum: bit n set: limit n has a settable minimum
 * @softlimit: bit n set: limit n has a settable soft limit
 * @maximum: bit n set: limit n has a settable hard limit
 */
struct vcmd_ctx_rlimit_mask_v0 {
	__u32 minimum;
	__u32 softlimit;
	__u32 maximum;
};

/**
 * struct vcmd_rlimit_stat_v0 - %VCMD_rlimit_stat
 * @id: the limit (in)
 * @hits: how often the hard limit refused something
 * @value: the current value
 * @minimum: the lowest value seen since the last reset_minmax
 * @maximum: the highest value seen since the last reset_minmax
 */
struct vcmd_rlimit_stat_v0 {
	__u32 id;
	__u32 hits;
	__u64 value;
	__u64 minimum;
	__u64 maximum;
};

#endif /* _UAPI_VSERVER_LIMIT_CMD_H */
