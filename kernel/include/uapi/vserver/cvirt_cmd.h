/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - per-context system names (uname)
 */

#ifndef _UAPI_VSERVER_CVIRT_CMD_H
#define _UAPI_VSERVER_CVIRT_CMD_H

#include <linux/types.h>
#include <vserver/switch.h>

/* clang-format off */
#define VCMD_set_vhi_name	VC_CMD(VC_CAT_VHOST, 1, 0)
#define VCMD_get_vhi_name	VC_CMD(VC_CAT_VHOST, 2, 0)
#define VCMD_virt_stat		VC_CMD(VC_CAT_VSTAT, 3, 0)

/* Fields of &struct vcmd_vhi_name_v0. */
#define VHIN_CONTEXT		0	/* the context's name */
#define VHIN_SYSNAME		1
#define VHIN_NODENAME		2
#define VHIN_RELEASE		3
#define VHIN_VERSION		4
#define VHIN_MACHINE		5
#define VHIN_DOMAINNAME		6
/* clang-format on */

#define VHI_NAME_LEN 65

/**
 * struct vcmd_vhi_name_v0 - %VCMD_set_vhi_name, %VCMD_get_vhi_name
 * @field: VHIN_* field
 * @name: NUL-terminated value
 */
struct vcmd_vhi_name_v0 {
	__u32 field;
	char name[VHI_NAME_LEN];
};

/**
 * struct vcmd_virt_stat_v0 - result of %VCMD_virt_stat
 * @offset: boot time (ns, CLOCK_BOOTTIME) at which the context was created
 * @uptime: time (ns) since then
 * @nr_threads: the context's tasks (threads)
 * @nr_running: of which runnable
 * @nr_uninterruptible: of which in uninterruptible sleep
 * @nr_onhold: always 0 (no hold queue)
 * @nr_forks: tasks forked inside the context since its creation
 * @load: load averages over 1, 5 and 15 minutes, fixed point as avenrun
 *	(FSHIFT 11 fractional bits)
 */
struct vcmd_virt_stat_v0 {
	__u64 offset;
	__u64 uptime;
	__u32 nr_threads;
	__u32 nr_running;
	__u32 nr_uninterruptible;
	__u32 nr_onhold;
	__u32 nr_forks;
	__u32 load[3];
};

#endif /* _UAPI_VSERVER_CVIRT_CMD_H */
