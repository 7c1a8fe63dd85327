/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - syscall switch: command encoding and version information
 *
 * Every vserver command travels through one system call,
 * sys_vserver(cmd, id, data) (x86_64: 236).  A command word packs a
 * category, a command number and a version; the values follow
 * Linux-VServer 2.3 (VCI 0x00020308) so that util-vserver keeps working.
 */

#ifndef _UAPI_VSERVER_SWITCH_H
#define _UAPI_VSERVER_SWITCH_H

#include <linux/types.h>

/* clang-format off */
/**
 * VC_CMD - build a command word
 * @c: category (6 bits)
 * @i: command number within the category (8 bits)
 * @v: command version (12 bits)
 */
#define VC_CMD(c, i, v)							\
	((((c) & 0x3F) << 24) | (((i) & 0xFF) << 16) | ((v) & 0xFFF))

#define VC_CATEGORY(c)		(((c) >> 24) & 0x3F)
#define VC_COMMAND(c)		(((c) >> 16) & 0xFF)
#define VC_VERSION(c)		((c) & 0xFFF)

/**
 * DOC: command categories
 *
 * The "Syscall Matrix V2.8" of Linux-VServer.  Categories that this kernel
 * does not implement answer every command with -ENOSYS.
 */
#define VC_CAT_VERSION		0
#define VC_CAT_VSETUP		1
#define VC_CAT_VHOST		2
#define VC_CAT_DEVICE		6
#define VC_CAT_VPROC		9
#define VC_CAT_PROCALT		10
#define VC_CAT_PROCMIG		11
#define VC_CAT_PROCTRL		12
#define VC_CAT_SCHED		14
#define VC_CAT_MEMCTRL		20
#define VC_CAT_VNET		25
#define VC_CAT_NETALT		26
#define VC_CAT_NETMIG		27
#define VC_CAT_NETCTRL		28
#define VC_CAT_TAGMIG		35
#define VC_CAT_DLIMIT		36
#define VC_CAT_INODE		38
#define VC_CAT_VSTAT		40
#define VC_CAT_VINFO		46
#define VC_CAT_EVENT		48
#define VC_CAT_FLAGS		52
#define VC_CAT_VSPACE		54
#define VC_CAT_DEBUG		56
#define VC_CAT_RLIMIT		60
#define VC_CAT_SYSTEST		61
#define VC_CAT_COMPAT		63

/* Version commands: no data, the result is the return value. */
#define VCMD_get_version	VC_CMD(VC_CAT_VERSION, 0, 0)
#define VCMD_get_vci		VC_CMD(VC_CAT_VERSION, 1, 0)

/**
 * VCI_VERSION - the interface version returned by %VCMD_get_version
 *
 * 0x0002 is the major and 0x0308 the minor version: Linux-VServer 2.3.
 */
#define VCI_VERSION		0x00020308

/**
 * DOC: VCI kernel configuration bits
 *
 * %VCMD_get_vci returns a bit mask of what this kernel was built with.
 * A bit is set only when the kernel really provides the feature.
 *
 * - %VCI_KCBIT_NO_DYNAMIC: context ids are always chosen by user space.
 * - %VCI_KCBIT_PROC_SECURE: /proc entries are hidden from guests.
 * - %VCI_KCBIT_COWBL, %VCI_KCBIT_FULLCOWBL: copy-on-write link breaking.
 * - %VCI_KCBIT_SPACES: namespace sets per context.
 * - %VCI_KCBIT_NETV2: network contexts with address lists.
 * - %VCI_KCBIT_MEMCG, %VCI_KCBIT_MEMCG_SWAP: memory limits.
 * - %VCI_KCBIT_DEBUG, %VCI_KCBIT_HISTORY: debugging aids.
 * - %VCI_KCBIT_TAGGED (3 bits, see %VCI_TAGGED_MASK): inode tagging mode.
 * - %VCI_KCBIT_PPTAG: the tag of a task can differ from its xid.
 * - %VCI_KCBIT_MORE: reserved for extension.
 */
#define VCI_KCBIT_NO_DYNAMIC	0
#define VCI_KCBIT_PROC_SECURE	4
#define VCI_KCBIT_COWBL		8
#define VCI_KCBIT_FULLCOWBL	9
#define VCI_KCBIT_SPACES	10
#define VCI_KCBIT_NETV2		11
#define VCI_KCBIT_MEMCG		12
#define VCI_KCBIT_MEMCG_SWAP	13
#define VCI_KCBIT_DEBUG		16
#define VCI_KCBIT_HISTORY	20
#define VCI_KCBIT_TAGGED	24
#define VCI_KCBIT_PPTAG		28
#define VCI_KCBIT_MORE		31

#define VCI_TAGGED_MASK		(0x7U << VCI_KCBIT_TAGGED)
#define VCI_TAGGED_NONE		0
#define VCI_TAGGED_UID16	1
#define VCI_TAGGED_GID16	2
#define VCI_TAGGED_ID24		3
#define VCI_TAGGED_INTERN	4
#define VCI_TAGGED_RUNTIME	5
#define VCI_TAGGED_OTHER	7

/* Context ids with a fixed meaning. */
#define VX_ID_HOST		0	/* the host */
#define VX_ID_SPECTATOR		1	/* watches every context */
#define VX_ID_MIN		2	/* lowest id of a guest */
#define VX_ID_MAX		65535	/* highest id of a guest */

/* clang-format on */

#endif /* _UAPI_VSERVER_SWITCH_H */
