/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the calls the network stack makes into network contexts
 *
 * Each is a static-key nop until the first network context exists, and
 * lets host sockets (no network context) through at once after that.
 */

#ifndef _LINUX_VSERVER_NET_H
#define _LINUX_VSERVER_NET_H

#include <linux/jump_label.h>
#include <linux/types.h>

struct flowi4;
struct net;
struct net_device;
struct seq_file;
struct sock;

#ifdef CONFIG_VSERVER

DECLARE_STATIC_KEY_FALSE(vs_active);
DECLARE_STATIC_KEY_FALSE(vs_net_active);

bool __vs_sk_addr_overlap(const struct sock *sk, const struct sock *sk2);
bool __vs_sk_rcv_ok(const struct sock *sk, __be32 daddr);
int __vs_route_output(struct net *net, struct flowi4 *fl4,
		      const struct sock *sk);
bool __vs_sk_visible(const struct sock *sk);
bool __vs_v4_addr_visible(__be32 addr);
bool __vs_dev_visible(const struct net_device *dev);
bool __vs_dev_name_visible(struct net *net, const char *name);
bool __vs_dev_index_visible(struct net *net, int ifindex);
__be32 __vs_show_addr(__be32 addr);
bool __vs_sk_rcv6_ok(const struct sock *sk);
bool __vs_unix_visible(const struct sock *sk, bool listing);

/**
 * vs_unix_visible - may current find this unix socket by its abstract name?
 * @sk: a socket bound to an abstract name
 *
 * The abstract namespace is per context, as a network namespace would
 * make it: a task finds (to bind, connect or send) only the sockets made
 * in its own security and network context, so the host and each guest
 * can use the same name and no guest reaches another's or the host's.
 */
static inline bool vs_unix_visible(const struct sock *sk)
{
	if (static_branch_unlikely(&vs_active) ||
	    static_branch_unlikely(&vs_net_active))
		return __vs_unix_visible(sk, false);
	return true;
}

/**
 * vs_unix_listed - does /proc/net/unix show this socket to current?
 * @sk: a unix socket
 *
 * Those vs_unix_visible() finds; the spectator sees all.
 */
static inline bool vs_unix_listed(const struct sock *sk)
{
	if (static_branch_unlikely(&vs_active) ||
	    static_branch_unlikely(&vs_net_active))
		return __vs_unix_visible(sk, true);
	return true;
}

/**
 * vs_sk_addr_overlap - can two sockets' local addresses overlap?
 * @sk: the socket being bound or joining a reuseport group
 * @sk2: a socket already on the port
 *
 * A wildcard socket of a network context stands for that context's
 * addresses only, so guests with disjoint addresses share a port.
 *
 * Return: false if they can never conflict; true to let Linux decide.
 */
static inline bool vs_sk_addr_overlap(const struct sock *sk,
				      const struct sock *sk2)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_sk_addr_overlap(sk, sk2);
	return true;
}

/**
 * vs_sk_rcv_ok - may a socket receive a packet addressed to @daddr?
 * @sk: a socket found by port
 * @daddr: the packet's destination address
 *
 * Return: false for a wildcard socket of a network context that does
 * not own @daddr.
 */
static inline bool vs_sk_rcv_ok(const struct sock *sk, __be32 daddr)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_sk_rcv_ok(sk, daddr);
	return true;
}

/**
 * vs_route_output - choose a guest socket's source address before routing
 * @net: the network namespace
 * @fl4: the flow; saddr (and, for 127.0.0.1, daddr) may be rewritten
 * @sk: the socket, or NULL
 *
 * Return: 0, or -EPERM for a source or loopback destination the
 * socket's network context may not use.
 */
static inline int vs_route_output(struct net *net, struct flowi4 *fl4,
				  const struct sock *sk)
{
	if (static_branch_unlikely(&vs_net_active) && sk)
		return __vs_route_output(net, fl4, sk);
	return 0;
}

/**
 * vs_sk_visible - does /proc/net show @sk to the reader?
 * @sk: a socket of any state
 *
 * Return: true for sockets of the reader's network context; the network
 * spectator (nid 1) sees all.
 */
static inline bool vs_sk_visible(const struct sock *sk)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_sk_visible(sk);
	return true;
}

/**
 * vs_v4_addr_visible - does an interface address show to current?
 * @addr: a local IPv4 address
 *
 * Return: false in a network context with %NXF_HIDE_NETIF for an address
 * that is not the context's (ip addr, SIOCGIFCONF).
 */
static inline bool vs_v4_addr_visible(__be32 addr)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_v4_addr_visible(addr);
	return true;
}

/**
 * vs_dev_visible - does an interface show to current?
 * @dev: the interface
 *
 * Return: false in a network context with %NXF_HIDE_NETIF for an
 * interface that carries none of the context's addresses (ip link,
 * /proc/net/dev).
 */
static inline bool vs_dev_visible(const struct net_device *dev)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_dev_visible(dev);
	return true;
}

/**
 * vs_dev_name_visible - may current reach the interface named @name?
 * @net: the namespace
 * @name: an interface name, as an ioctl gives it
 *
 * Return: false for a hidden interface (see vs_dev_visible()); true if
 * there is none of that name, so that the caller reports that itself.
 */
static inline bool vs_dev_name_visible(struct net *net, const char *name)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_dev_name_visible(net, name);
	return true;
}

/* As vs_dev_name_visible(), by interface index (SIOCGIFNAME). */
static inline bool vs_dev_index_visible(struct net *net, int ifindex)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_dev_index_visible(net, ifindex);
	return true;
}

/**
 * vs_sk_rcv6_ok - may a socket receive an IPv6 packet?
 * @sk: a candidate of the IPv6 TCP or UDP lookup
 *
 * Return: false for a socket of a network context: contexts have no IPv6
 * addresses, so an IPv6 packet is never for one of them.  IPv4 packets
 * reach dual-stack sockets through the IPv4 lookup, which checks the
 * context's addresses (vs_sk_rcv_ok()).
 */
static inline bool vs_sk_rcv6_ok(const struct sock *sk)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_sk_rcv6_ok(sk);
	return true;
}

/**
 * vs_show_addr - the address /proc/net shows current for @addr
 * @addr: a socket's local or remote IPv4 address
 *
 * Return: 127.0.0.1 for the reader's own loopback address when its network
 * context has %NXF_HIDE_LBACK, else @addr.
 */
static inline __be32 vs_show_addr(__be32 addr)
{
	if (static_branch_unlikely(&vs_net_active))
		return __vs_show_addr(addr);
	return addr;
}

#else /* !CONFIG_VSERVER */

static inline bool vs_unix_visible(const struct sock *sk)
{
	return true;
}

static inline bool vs_unix_listed(const struct sock *sk)
{
	return true;
}

static inline bool vs_sk_addr_overlap(const struct sock *sk,
				      const struct sock *sk2)
{
	return true;
}

static inline bool vs_sk_rcv_ok(const struct sock *sk, __be32 daddr)
{
	return true;
}

static inline int vs_route_output(struct net *net, struct flowi4 *fl4,
				  const struct sock *sk)
{
	return 0;
}

static inline bool vs_sk_visible(const struct sock *sk)
{
	return true;
}

static inline bool vs_v4_addr_visible(__be32 addr)
{
	return true;
}

static inline bool vs_dev_visible(const struct net_device *dev)
{
	return true;
}

static inline bool vs_dev_name_visible(struct net *net, const char *name)
{
	return true;
}

static inline bool vs_dev_index_visible(struct net *net, int ifindex)
{
	return true;
}

static inline bool vs_sk_rcv6_ok(const struct sock *sk)
{
	return true;
}

static inline __be32 vs_show_addr(__be32 addr)
{
	return addr;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_NET_H */
