/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - network context commands and their argument structs
 *
 * Addresses are in network byte order; the layouts match Linux-VServer
 * 2.3's struct in_addr / struct in6_addr fields byte for byte.
 */

#ifndef _UAPI_VSERVER_NETWORK_CMD_H
#define _UAPI_VSERVER_NETWORK_CMD_H

#include <linux/types.h>
#include <vserver/switch.h>

/* clang-format off */
/* id: a pid (0 = the caller); returns the task's nid. */
#define VCMD_task_nid		VC_CMD(VC_CAT_VINFO, 2, 0)
#define VCMD_nx_info		VC_CMD(VC_CAT_VINFO, 6, 0)

#define VCMD_net_create_v0	VC_CMD(VC_CAT_VNET, 1, 0)
#define VCMD_net_create		VC_CMD(VC_CAT_VNET, 1, 1)
#define VCMD_net_migrate	VC_CMD(VC_CAT_NETMIG, 1, 0)

#define VCMD_net_add		VC_CMD(VC_CAT_NETALT, 1, 0)
#define VCMD_net_remove		VC_CMD(VC_CAT_NETALT, 2, 0)
#define VCMD_net_add_ipv4_v1	VC_CMD(VC_CAT_NETALT, 1, 1)
#define VCMD_net_rem_ipv4_v1	VC_CMD(VC_CAT_NETALT, 2, 1)
#define VCMD_net_add_ipv4	VC_CMD(VC_CAT_NETALT, 1, 2)
#define VCMD_net_rem_ipv4	VC_CMD(VC_CAT_NETALT, 2, 2)
#define VCMD_net_add_ipv6	VC_CMD(VC_CAT_NETALT, 3, 1)
#define VCMD_net_remove_ipv6	VC_CMD(VC_CAT_NETALT, 4, 1)

#define VCMD_get_nflags		VC_CMD(VC_CAT_FLAGS, 5, 0)
#define VCMD_set_nflags		VC_CMD(VC_CAT_FLAGS, 6, 0)
#define VCMD_get_ncaps		VC_CMD(VC_CAT_FLAGS, 7, 0)
#define VCMD_set_ncaps		VC_CMD(VC_CAT_FLAGS, 8, 0)
/* clang-format on */

/**
 * struct vcmd_nx_info_v0 - result of %VCMD_nx_info
 * @nid: the network context id
 */
struct vcmd_nx_info_v0 {
	__u32 nid;
};

/**
 * struct vcmd_net_create - argument of %VCMD_net_create (NULL: defaults)
 * @flagword: initial NXF_* flags of the new network context
 */
struct vcmd_net_create {
	__u64 flagword;
};

/* The most addresses one %VCMD_net_add call carries. */
#define NET_MAX_ADDR_V0 4

/**
 * struct vcmd_net_addr_v0 - argument of %VCMD_net_add, %VCMD_net_remove
 * @type: NXA_TYPE_IPV4, optionally with NXA_MOD_BCAST or NXA_MOD_LBACK
 * @count: entries used in @ip and @mask, 1..%NET_MAX_ADDR_V0
 * @ip: the addresses
 * @mask: their netmasks
 */
struct vcmd_net_addr_v0 {
	__u16 type;
	__u16 count;
	__be32 ip[NET_MAX_ADDR_V0];
	__be32 mask[NET_MAX_ADDR_V0];
};

/**
 * struct vcmd_net_addr_ipv4_v1 - %VCMD_net_add_ipv4_v1, %VCMD_net_rem_ipv4_v1
 * @type: NXA_TYPE_ADDR or NXA_TYPE_MASK, optionally with NXA_MOD_*;
 *	NXA_TYPE_ANY removes every IPv4 address
 * @flags: entry flags, kept as given
 * @ip: the address (or network)
 * @mask: its netmask
 */
struct vcmd_net_addr_ipv4_v1 {
	__u16 type;
	__u16 flags;
	__be32 ip;
	__be32 mask;
};

/**
 * struct vcmd_net_addr_ipv4_v2 - %VCMD_net_add_ipv4, %VCMD_net_rem_ipv4
 * @type: as in v1, plus NXA_TYPE_RANGE (@ip up to, not including, @ip2)
 * @flags: entry flags, kept as given
 * @ip: the address, network or first address of the range
 * @ip2: the end of the range
 * @mask: the netmask
 */
struct vcmd_net_addr_ipv4_v2 {
	__u16 type;
	__u16 flags;
	__be32 ip;
	__be32 ip2;
	__be32 mask;
};

/**
 * struct vcmd_net_addr_ipv6_v1 - %VCMD_net_add_ipv6, %VCMD_net_remove_ipv6
 * @type: NXA_TYPE_ADDR or NXA_TYPE_MASK (remove: also NXA_TYPE_ANY)
 * @flags: entry flags, kept as given
 * @prefix: prefix length
 * @ip: the address
 * @mask: the netmask
 */
struct vcmd_net_addr_ipv6_v1 {
	__u16 type;
	__u16 flags;
	__u32 prefix;
	__be32 ip[4];
	__be32 mask[4];
};

/**
 * struct vcmd_net_flags_v0 - %VCMD_get_nflags, %VCMD_set_nflags
 * @flagword: NXF_* flags
 * @mask: which flags to change (set); all ones (get)
 */
struct vcmd_net_flags_v0 {
	__u64 flagword;
	__u64 mask;
};

/**
 * struct vcmd_net_caps_v0 - %VCMD_get_ncaps, %VCMD_set_ncaps
 * @ncaps: NXC_* capabilities
 * @cmask: which capabilities to change (set); all ones (get)
 */
struct vcmd_net_caps_v0 {
	__u64 ncaps;
	__u64 cmask;
};

#endif /* _UAPI_VSERVER_NETWORK_CMD_H */
