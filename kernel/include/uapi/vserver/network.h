/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - network contexts (nid): flags, capabilities, address types
 *
 * Values follow Linux-VServer 2.3 (VCI 0x00020308).
 */

#ifndef _UAPI_VSERVER_NETWORK_H
#define _UAPI_VSERVER_NETWORK_H

#include <linux/types.h>

/* clang-format off */
#define NX_ID_HOST		0	/* the host: every address */
#define NX_ID_SPECTATOR		1	/* watches every network context */
#define NX_ID_MIN		2	/* lowest id of a network context */
#define NX_ID_MAX		65535	/* highest id of a network context */

/* Network context flags (NXF_*), u64 */
#define NXF_INFO_PRIVATE	0x00000008ULL	/* cannot be entered */
#define NXF_SINGLE_IP		0x00000100ULL	/* wildcard binds use the first IP */
#define NXF_LBACK_REMAP		0x00000200ULL	/* 127.0.0.1 is the context's lback */
#define NXF_LBACK_ALLOW		0x00000400ULL	/* may reach the real 127.0.0.1 */
#define NXF_HIDE_NETIF		0x02000000ULL	/* see only own interfaces */
#define NXF_HIDE_LBACK		0x04000000ULL	/* show the lback as 127.0.0.1 */
#define NXF_STATE_SETUP		(1ULL << 32)	/* one-time: setup phase */
#define NXF_STATE_ADMIN		(1ULL << 34)	/* one-time: host may administer */
#define NXF_SC_HELPER		(1ULL << 36)	/* run the helper on state changes */
#define NXF_PERSISTENT		(1ULL << 38)	/* outlives its last task */

/* The bits that can only ever be cleared. */
#define NXF_ONE_TIME		(0x0005ULL << 32)

/* Network context capabilities (NXC_*), u64 */
#define NXC_TUN_CREATE		0x00000001ULL
#define NXC_RAW_ICMP		0x00000100ULL	/* raw ICMP sockets (ping) */
#define NXC_RAW_SOCKET		0x00000200ULL	/* any raw IP socket, IP_HDRINCL */
#define NXC_MULTICAST		0x00001000ULL	/* bind multicast addresses */

/* Address types (NXA_*), the u16 type of an address entry */
#define NXA_TYPE_IPV4		0x0001
#define NXA_TYPE_IPV6		0x0002
#define NXA_TYPE_NONE		0x0000
#define NXA_TYPE_ANY		0x00FF
#define NXA_TYPE_ADDR		0x0010	/* one address (with its netmask) */
#define NXA_TYPE_MASK		0x0020	/* a whole network */
#define NXA_TYPE_RANGE		0x0040	/* ip .. ip2 - 1 */
#define NXA_MASK_ALL		(NXA_TYPE_ADDR | NXA_TYPE_MASK | NXA_TYPE_RANGE)
#define NXA_MOD_BCAST		0x0100	/* the context's broadcast address */
#define NXA_MOD_LBACK		0x0200	/* the context's loopback address */
#define NXA_LOOPBACK		0x1000	/* internal: 127.0.0.1 under LBACK_REMAP */
#define NXA_MASK_BIND		(NXA_MASK_ALL | NXA_MOD_BCAST | NXA_MOD_LBACK)
#define NXA_MASK_SHOW		(NXA_MASK_ALL | NXA_LOOPBACK)
/* clang-format on */

#endif /* _UAPI_VSERVER_NETWORK_H */
