/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - security contexts: flags, migration flags, context caps
 *
 * Values follow Linux-VServer 2.3 (VCI 0x00020308); util-vserver spells
 * them as given after each flag.
 */

#ifndef _UAPI_VSERVER_CONTEXT_H
#define _UAPI_VSERVER_CONTEXT_H

#include <linux/types.h>

/* clang-format off */
/**
 * DOC: context flags (VXF_*)
 *
 * A context's 64-bit flag word (%VCMD_get_cflags, %VCMD_set_cflags,
 * %VCMD_ctx_create).  Bits 32..34 are one-time bits: once cleared they can
 * never be set again.
 *
 * - %VXF_INFO_SCHED, %VXF_INFO_NPROC ("nproc"), %VXF_INFO_PRIVATE
 *   ("private": the context cannot be entered), %VXF_INFO_INIT
 *   ("fakeinit"), %VXF_INFO_HIDE ("hideinfo"), %VXF_INFO_ULIMIT ("ulimit"),
 *   %VXF_INFO_NSPACE ("namespace").
 * - %VXF_SCHED_HARD, %VXF_SCHED_PRIO, %VXF_SCHED_PAUSE (no effect).
 * - %VXF_VIRT_MEM, %VXF_VIRT_UPTIME, %VXF_VIRT_CPU, %VXF_VIRT_LOAD,
 *   %VXF_VIRT_TIME: virtualised views.
 * - %VXF_HIDE_MOUNT, %VXF_HIDE_NETIF, %VXF_HIDE_VINFO.
 * - %VXF_STATE_SETUP: setup phase, the context may configure itself.
 * - %VXF_STATE_INIT: clearing it makes the caller the context's init.
 * - %VXF_STATE_ADMIN: the host may administrate the context.
 * - %VXF_SC_HELPER, %VXF_REBOOT_KILL, %VXF_PERSISTENT (the context
 *   survives its last task), %VXF_FORK_RSS, %VXF_PROLIFIC,
 *   %VXF_IGNEG_NICE.
 */
#define VXF_INFO_SCHED		0x00000002ULL
#define VXF_INFO_NPROC		0x00000004ULL
#define VXF_INFO_PRIVATE	0x00000008ULL
#define VXF_INFO_INIT		0x00000010ULL
#define VXF_INFO_HIDE		0x00000020ULL
#define VXF_INFO_ULIMIT		0x00000040ULL
#define VXF_INFO_NSPACE		0x00000080ULL

#define VXF_SCHED_HARD		0x00000100ULL
#define VXF_SCHED_PRIO		0x00000200ULL
#define VXF_SCHED_PAUSE		0x00000400ULL

#define VXF_VIRT_MEM		0x00010000ULL
#define VXF_VIRT_UPTIME		0x00020000ULL
#define VXF_VIRT_CPU		0x00040000ULL
#define VXF_VIRT_LOAD		0x00080000ULL
#define VXF_VIRT_TIME		0x00100000ULL

#define VXF_HIDE_MOUNT		0x01000000ULL
#define VXF_HIDE_NETIF		0x02000000ULL
#define VXF_HIDE_VINFO		0x04000000ULL

#define VXF_STATE_SETUP		(1ULL << 32)
#define VXF_STATE_INIT		(1ULL << 33)
#define VXF_STATE_ADMIN		(1ULL << 34)

#define VXF_SC_HELPER		(1ULL << 36)
#define VXF_REBOOT_KILL		(1ULL << 37)
#define VXF_PERSISTENT		(1ULL << 38)

#define VXF_FORK_RSS		(1ULL << 48)
#define VXF_PROLIFIC		(1ULL << 49)

#define VXF_IGNEG_NICE		(1ULL << 52)

#define VXF_ONE_TIME		(0x0007ULL << 32)
#define VXF_INIT_SET		(VXF_STATE_SETUP | VXF_STATE_INIT | VXF_STATE_ADMIN)

/* Migration flags (&struct vcmd_ctx_migrate.flagword). */
#define VXM_SET_INIT		0x00000001ULL
#define VXM_SET_REAPER		0x00000002ULL

/**
 * DOC: context capabilities (VXC_*)
 *
 * Each re-grants one privileged operation to a context whose bounding set
 * would otherwise forbid it.
 */
#define VXC_SET_UTSNAME		0x00000001ULL
#define VXC_SET_RLIMIT		0x00000002ULL
#define VXC_FS_SECURITY		0x00000004ULL
#define VXC_FS_TRUSTED		0x00000008ULL
#define VXC_TIOCSTI		0x00000010ULL
#define VXC_SYSLOG		0x00001000ULL
#define VXC_OOM_ADJUST		0x00002000ULL
#define VXC_AUDIT_CONTROL	0x00004000ULL
#define VXC_SECURE_MOUNT	0x00010000ULL
#define VXC_SECURE_REMOUNT	0x00020000ULL
#define VXC_BINARY_MOUNT	0x00040000ULL
#define VXC_DEV_MOUNT		0x00080000ULL
#define VXC_QUOTA_CTL		0x00100000ULL
#define VXC_ADMIN_MAPPER	0x00200000ULL
#define VXC_ADMIN_CLOOP		0x00400000ULL
#define VXC_KTHREAD		0x01000000ULL
#define VXC_NAMESPACE		0x02000000ULL

/*
 * The context-capability bit of the bounding set (vs2.3's CAP_CONTEXT):
 * without it a context cannot use the vserver syscall.
 */
#define VXC_BCAP_CONTEXT	63
/* clang-format on */

#endif /* _UAPI_VSERVER_CONTEXT_H */
