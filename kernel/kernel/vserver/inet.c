// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - sockets of network contexts: ownership, bind, raw
 *
 * Every socket a task of a network context creates remembers that
 * context (the socket blob), and so do the sockets accept() clones from
 * it.  bind() may use only the context's addresses; 0.0.0.0 stays a
 * wildcard that the lookup hooks narrow to those addresses.  The __vs_*
 * functions are the core hooks of <linux/vserver_net.h>.
 */

#include <linux/in.h>
#include <linux/inetdevice.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/vserver.h>
#include <linux/vserver_net.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/sock.h>
#include <uapi/vserver/network.h>

#include "context.h"
#include "fs.h"
#include "inet.h"
#include "network.h"
#include "setup.h"
#include "task.h"

/*
 * A guest's socket() and socketpair() stop at its NSOCK limit with ENOBUFS
 * ("no buffer space available"): the socket itself is refused, while
 * EMFILE would blame the caller's descriptor table.
 */
static int vs_hook_socket_post_create(struct socket *sock, int family, int type,
				      int protocol, int kern)
{
	struct nx_info *nxi = vs_current_nxi();
	struct vx_info *vxi = vs_current_vxi();

	if (kern || !sock->sk || (!vxi && !nxi))
		return 0;
	if (vxi) {
		if (!vx_lim_charge(&vxi->limits.res[VLIMIT_NSOCK], 1))
			return -ENOBUFS;
		vs_sock(sock->sk)->vxi = vx_get(vxi);
	}
	if (nxi)
		vs_sock(sock->sk)->nxi = nx_get(nxi);
	return 0;
}

/* Softirq (accept): the listener's network context passes on. */
static void vs_hook_sk_clone_security(const struct sock *sk, struct sock *newsk)
{
	struct nx_info *nxi = vs_sock(sk)->nxi;

	vs_sock(newsk)->nxi = nxi ? nx_get(nxi) : NULL;
}

/*
 * accept() at the NSOCK limit is refused before it takes a connection.
 * The socket is charged now, so that racing accepts cannot pass the limit
 * together; the new socket's inode holds the charge until the accepted
 * connection is grafted onto it, or gives it back if none is.
 */
static int vs_hook_socket_accept(struct socket *sock, struct socket *newsock)
{
	struct vs_inode *vi = vs_inode(SOCK_INODE(newsock));
	struct vx_info *vxi;

	if (!static_branch_unlikely(&vs_active))
		return 0;
	vxi = vs_current_vxi();
	if (!vxi || vi->vxi)
		return 0;
	if (!vx_lim_charge(&vxi->limits.res[VLIMIT_NSOCK], 1))
		return -ENOBUFS;
	vi->vxi = vx_get(vxi);
	vi->lim_id = VLIMIT_NSOCK;
	vi->charged = 1;
	return 0;
}

/*
 * An accepted socket counts in the acceptor's context from the moment
 * accept() grafts it: it takes over the charge accept() made.  Sockets
 * made by socket() were charged already; an accept that passed no LSM
 * check (none in the kernel today) is charged as it stands.
 */
static void vs_hook_sock_graft(struct sock *sk, struct socket *parent)
{
	struct vs_inode *vi = vs_inode(SOCK_INODE(parent));
	struct vx_info *vxi;

	if (!static_branch_unlikely(&vs_active) || vs_sock(sk)->vxi)
		return;
	if (vi->vxi && vi->lim_id == VLIMIT_NSOCK && vi->charged) {
		vs_sock(sk)->vxi = vi->vxi;
		vi->vxi = NULL;
		vi->charged = 0;
		return;
	}
	vxi = vs_current_vxi();
	if (!vxi)
		return;
	vx_lim_add(&vxi->limits.res[VLIMIT_NSOCK], 1);
	vs_sock(sk)->vxi = vx_get(vxi);
}

/* Possibly an RCU callback: the puts only drop counts. */
static void vs_hook_sk_free_security(struct sock *sk)
{
	struct nx_info *nxi = vs_sock(sk)->nxi;
	struct vx_info *vxi = vs_sock(sk)->vxi;

	if (nxi)
		nx_put(nxi);
	if (vxi) {
		vx_lim_add(&vxi->limits.res[VLIMIT_NSOCK], -1);
		vx_put(vxi);
	}
}

/* The first IPv4 address of @nxi, or 0 if it has none. */
static __be32 nx_first_v4(const struct nx_info *nxi)
{
	const struct nx_v4_set *set;
	__be32 addr = 0;

	rcu_read_lock();
	set = rcu_dereference(nxi->v4);
	if (set->count)
		addr = set->addr[0].ip[0];
	rcu_read_unlock();
	return addr;
}

/**
 * nx_map_bind_v4 - the address a socket of @nxi binds to (vs2.3 §3.2)
 * @nxi: the socket's network context
 * @addr: the requested address
 * @mapped: the address to bind instead
 *
 * 0.0.0.0 stays a wildcard unless %NXF_SINGLE_IP makes it the first
 * address; 127.0.0.1 becomes the context's loopback address under
 * %NXF_LBACK_REMAP; multicast needs %NXC_MULTICAST; anything else must be
 * one of the context's addresses, its broadcast or loopback address.
 *
 * Return: 0 or -EADDRNOTAVAIL.
 */
int nx_map_bind_v4(const struct nx_info *nxi, __be32 addr, __be32 *mapped)
{
	u64 flags = READ_ONCE(nxi->flags);
	bool ok;

	*mapped = addr;
	if (addr == htonl(INADDR_ANY)) {
		if (flags & NXF_SINGLE_IP)
			*mapped = nx_first_v4(nxi) ?: addr;
		return 0;
	}
	if (addr == htonl(INADDR_LOOPBACK) && (flags & NXF_LBACK_REMAP)) {
		*mapped = READ_ONCE(nxi->v4_lback);
		return 0;
	}
	if (ipv4_is_multicast(addr) && (READ_ONCE(nxi->ncaps) & NXC_MULTICAST))
		return 0;
	rcu_read_lock();
	ok = nx_v4_addr_in(nxi, addr, NXA_MASK_BIND);
	rcu_read_unlock();
	return ok ? 0 : -EADDRNOTAVAIL;
}

/*
 * The address lives in the kernel's copy that ->bind() reads next, so a
 * rewrite here is what gets bound (see Documentation/design.md).
 */
static int vs_hook_socket_bind(struct socket *sock, struct sockaddr *address,
			       int addrlen)
{
	struct nx_info *nxi;
	struct sockaddr_in *sin;
	__be32 mapped;
	int err;

	if (!static_branch_unlikely(&vs_net_active))
		return 0;
	nxi = vs_sock(sock->sk)->nxi;
	if (!nxi)
		return 0;
#if IS_ENABLED(CONFIG_IPV6)
	/*
	 * An IPv4-mapped IPv6 address is an IPv4 bind.  A network context
	 * has no IPv6 addresses: of those it binds only the dual-stack
	 * wildcard, for its IPv4 traffic.  Every length the stack accepts
	 * (SIN6_LEN_RFC2133 and up) is checked.
	 */
	if (sock->sk->sk_family == AF_INET6 && addrlen >= SIN6_LEN_RFC2133 &&
	    address->sa_family == AF_INET6) {
		struct in6_addr *a6 =
			&((struct sockaddr_in6 *)address)->sin6_addr;

		if (ipv6_addr_any(a6))
			return ipv6_only_sock(sock->sk) ? -EADDRNOTAVAIL : 0;
		if (!ipv6_addr_v4mapped(a6))
			return -EADDRNOTAVAIL;
		err = nx_map_bind_v4(nxi, a6->s6_addr32[3], &mapped);
		if (!err)
			a6->s6_addr32[3] = mapped;
		return err;
	}
#endif
	/* inet_bind() rejects these itself, with its own errno. */
	if (sock->sk->sk_family != AF_INET || addrlen < (int)sizeof(*sin) ||
	    address->sa_family != AF_INET)
		return 0;
	sin = (struct sockaddr_in *)address;
	err = nx_map_bind_v4(nxi, sin->sin_addr.s_addr, &mapped);
	if (!err)
		sin->sin_addr.s_addr = mapped;
	return err;
}

/* The network context of a full socket; request and timewait socks have none. */
static const struct nx_info *vs_sk_nxi(const struct sock *sk)
{
	return sk_fullsock(sk) ? vs_sock(sk)->nxi : NULL;
}

/*
 * Where a socket of a network context sends: an IPv6 destination that is
 * not IPv4-mapped is unreachable, for the context has no IPv6 address to
 * send from.  Shorter addresses and other families are the stack's to
 * refuse or to treat as IPv4.
 */
static int nx_v6_dest_errno(const struct socket *sock,
			    const struct sockaddr *address, int addrlen)
{
#if IS_ENABLED(CONFIG_IPV6)
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)address;

	if (!static_branch_unlikely(&vs_net_active) || !address || !sock->sk ||
	    sock->sk->sk_family != AF_INET6 || !vs_sock(sock->sk)->nxi)
		return 0;
	if (addrlen < SIN6_LEN_RFC2133 || sin6->sin6_family != AF_INET6 ||
	    ipv6_addr_v4mapped(&sin6->sin6_addr))
		return 0;
	return -ENETUNREACH;
#else
	return 0;
#endif
}

static int vs_hook_socket_connect(struct socket *sock, struct sockaddr *address,
				  int addrlen)
{
	return nx_v6_dest_errno(sock, address, addrlen);
}

/* sendto(), sendmsg() and TCP Fast Open, whose connect skips the hook above. */
static int vs_hook_socket_sendmsg(struct socket *sock, struct msghdr *msg,
				  int size)
{
	return nx_v6_dest_errno(sock, msg->msg_name, msg->msg_namelen);
}

/* Softirq, under RCU: the IPv6 socket lookups of TCP and UDP. */
bool __vs_sk_rcv6_ok(const struct sock *sk)
{
	return !vs_sk_nxi(sk);
}
EXPORT_SYMBOL_GPL(__vs_sk_rcv6_ok);

/* Do two address sets share an address?  NULL (the host) has all. */
static bool nx_v4_sets_overlap(const struct nx_info *a, const struct nx_info *b)
{
	const struct nx_v4_set *sa, *sb;
	unsigned int i;

	if (!a || !b || a == b)
		return true;
	if (READ_ONCE(a->v4_lback) == READ_ONCE(b->v4_lback))
		return true;
	sa = rcu_dereference(a->v4);
	sb = rcu_dereference(b->v4);
	/* Networks nest or are disjoint; ranges overlap iff one's start is in the other. */
	for (i = 0; i < sa->count; i++)
		if (nx_v4_addr_in(b, sa->addr[i].ip[0], NXA_MASK_ALL))
			return true;
	for (i = 0; i < sb->count; i++)
		if (nx_v4_addr_in(a, sb->addr[i].ip[0], NXA_MASK_ALL))
			return true;
	return false;
}

/*
 * The IPv4 address a socket is bound to: its own, or 0 for an IPv4
 * wildcard or a dual-stack IPv6 wildcard.  False for IPv6-only binds.
 */
static bool vs_sk_v4_addr(const struct sock *sk, __be32 *addr)
{
	*addr = sk->sk_rcv_saddr;
	if (sk->sk_family == AF_INET)
		return true;
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6 && !ipv6_only_sock(sk))
		return ipv6_addr_any(&sk->sk_v6_rcv_saddr) ||
		       ipv6_addr_v4mapped(&sk->sk_v6_rcv_saddr);
#endif
	return false;
}

/* Under the bind hash locks, BH off. */
bool __vs_sk_addr_overlap(const struct sock *sk, const struct sock *sk2)
{
	const struct nx_info *nx1 = vs_sk_nxi(sk), *nx2 = vs_sk_nxi(sk2);
	__be32 a1, a2;
	bool overlap;

	if (nx1 == nx2)
		return true;
	/* IPv6 addresses follow Linux's rules (Documentation/design.md). */
	if (!vs_sk_v4_addr(sk, &a1) || !vs_sk_v4_addr(sk2, &a2))
		return true;
	/* Two specific addresses: Linux compares them. */
	if (a1 && a2)
		return true;
	rcu_read_lock();
	if (a1)
		overlap = nx_v4_addr_in(nx2, a1, NXA_MASK_BIND);
	else if (a2)
		overlap = nx_v4_addr_in(nx1, a2, NXA_MASK_BIND);
	else
		overlap = nx_v4_sets_overlap(nx1, nx2);
	rcu_read_unlock();
	return overlap;
}

/* Softirq, under RCU: the socket lookups of TCP and UDP. */
bool __vs_sk_rcv_ok(const struct sock *sk, __be32 daddr)
{
	const struct nx_info *nxi = vs_sk_nxi(sk);
	bool ok;

	if (!nxi || sk->sk_rcv_saddr || ipv4_is_multicast(daddr))
		return true;
	rcu_read_lock();
	ok = nx_v4_addr_in(nxi, daddr, NXA_MASK_BIND);
	rcu_read_unlock();
	return ok;
}

/*
 * The source for a flow without one of the context's addresses (vs2.3):
 * the route's preferred source if it is the context's, else the
 * context's address on the same network, else its first address.
 */
static __be32 nx_choose_source(struct net *net, const struct flowi4 *fl4,
			       const struct nx_info *nxi)
{
	const struct nx_v4_set *set;
	__be32 pref = fl4->saddr, first = 0, same_net = 0;
	unsigned int i;

	if (!pref) {
		struct flowi4 probe = *fl4;
		struct rtable *rt = __ip_route_output_key(net, &probe);

		if (!IS_ERR(rt)) {
			pref = probe.saddr;
			ip_rt_put(rt);
		}
	}
	rcu_read_lock();
	if (pref && nx_v4_addr_in(nxi, pref, NXA_MASK_ALL)) {
		rcu_read_unlock();
		return pref;
	}
	set = rcu_dereference(nxi->v4);
	for (i = 0; i < set->count; i++) {
		const struct nx_addr_v4 *a = &set->addr[i];

		/* A network entry names no address to send from. */
		if (a->type == NXA_TYPE_MASK)
			continue;
		if (!first)
			first = a->ip[0];
		if (!same_net && a->type == NXA_TYPE_ADDR &&
		    !((a->ip[0] ^ pref) & a->mask))
			same_net = a->ip[0];
	}
	rcu_read_unlock();
	if (READ_ONCE(nxi->flags) & NXF_SINGLE_IP)
		return first;
	return same_net ?: first;
}

/* Process context (connect, sendmsg); softirq only for request socks. */
int __vs_route_output(struct net *net, struct flowi4 *fl4,
		      const struct sock *sk)
{
	const struct nx_info *nxi = vs_sk_nxi(sk);
	__be32 lback, saddr = fl4->saddr;
	bool own, chosen_by_kernel;
	u64 flags;

	if (!nxi)
		return 0;
	flags = READ_ONCE(nxi->flags);
	lback = READ_ONCE(nxi->v4_lback);
	if (ipv4_is_loopback(fl4->daddr)) {
		if (fl4->daddr == htonl(INADDR_LOOPBACK) &&
		    (flags & NXF_LBACK_REMAP))
			fl4->daddr = lback;
		if (fl4->daddr == lback) {
			if (!saddr || ipv4_is_loopback(saddr))
				fl4->saddr = lback;
			return 0;
		}
		return (flags & NXF_LBACK_ALLOW) ? 0 : -EPERM;
	}
	rcu_read_lock();
	own = saddr && nx_v4_addr_in(nxi, saddr, NXA_MASK_BIND);
	rcu_read_unlock();
	if (own)
		return 0;
	/*
	 * An unbound TCP socket reaches here with the source the first
	 * route lookup of ip_route_connect() chose; any other source was
	 * asked for (bind, IP_PKTINFO) and is not the context's.
	 */
	chosen_by_kernel = sk->sk_protocol == IPPROTO_TCP &&
			   !inet_sk(sk)->inet_saddr;
	if (saddr && !chosen_by_kernel)
		return -EPERM;
	fl4->saddr = nx_choose_source(net, fl4, nxi);
	return fl4->saddr ? 0 : -EPERM;
}

/*
 * /proc/net/{tcp,udp,raw} and the sock_diag dumps and queries (ss): a
 * socket shows to readers of its own nid.  The reader is current: the
 * diag requests and dumps run in the requesting task's system calls.
 */
bool __vs_sk_visible(const struct sock *sk)
{
	u32 viewer = vs_task_nid(current);
	const struct nx_info *nxi;
	bool ok;

	if (sk_fullsock(sk)) {
		nxi = vs_sock(sk)->nxi;
		return nx_nid_sees(viewer, nxi ? nxi->obj.id : NX_ID_HOST);
	}
	if (viewer == NX_ID_SPECTATOR)
		return true;
	/* Timewait and request socks: by their local address. */
	nxi = vs_current_nxi();
	if (!nxi)
		return true;
	rcu_read_lock();
	ok = nx_v4_addr_in(nxi, sk->sk_rcv_saddr, NXA_MASK_BIND);
	rcu_read_unlock();
	return ok;
}
EXPORT_SYMBOL_GPL(__vs_sk_visible);

/* The viewer's network context if it hides foreign interfaces, else NULL. */
static const struct nx_info *vs_hiding_nxi(void)
{
	const struct nx_info *nxi = vs_current_nxi();

	if (nxi && (READ_ONCE(nxi->flags) & NXF_HIDE_NETIF))
		return nxi;
	return NULL;
}

bool __vs_v4_addr_visible(__be32 addr)
{
	const struct nx_info *nxi = vs_hiding_nxi();
	bool ok;

	if (!nxi)
		return true;
	rcu_read_lock();
	ok = nx_v4_addr_in(nxi, addr, NXA_MASK_SHOW);
	rcu_read_unlock();
	return ok;
}

/* Under RTNL or RCU: an interface shows if it carries one of our addresses. */
bool __vs_dev_visible(const struct net_device *dev)
{
	const struct nx_info *nxi = vs_hiding_nxi();
	const struct in_ifaddr *ifa;
	const struct in_device *in_dev;
	bool ok = false;

	if (!nxi)
		return true;
	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (nx_v4_addr_in(nxi, ifa->ifa_local, NXA_MASK_SHOW)) {
				ok = true;
				break;
			}
		}
	}
	rcu_read_unlock();
	return ok;
}
EXPORT_SYMBOL_GPL(__vs_dev_visible);

/* Ioctls by name: an interface that does not exist is the caller's ENODEV. */
bool __vs_dev_name_visible(struct net *net, const char *name)
{
	const struct net_device *dev;
	bool ok;

	rcu_read_lock();
	dev = dev_get_by_name_rcu(net, name);
	ok = !dev || __vs_dev_visible(dev);
	rcu_read_unlock();
	return ok;
}

bool __vs_dev_index_visible(struct net *net, int ifindex)
{
	const struct net_device *dev;
	bool ok;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, ifindex);
	ok = !dev || __vs_dev_visible(dev);
	rcu_read_unlock();
	return ok;
}

/* A guest that hides its loopback address sees it as 127.0.0.1. */
__be32 __vs_show_addr(__be32 addr)
{
	const struct nx_info *nxi = vs_current_nxi();

	if (nxi && (READ_ONCE(nxi->flags) & NXF_HIDE_LBACK) &&
	    addr == READ_ONCE(nxi->v4_lback))
		return htonl(INADDR_LOOPBACK);
	return addr;
}

/**
 * nx_socket_errno - may a task create this socket?
 * @in_nx: the task is in a network context
 * @ncaps: that context's NXC_* capabilities
 * @in_ctx: the task is in a security or a network context
 * @family: the socket's family
 * @type: its type
 * @protocol: its protocol
 *
 * Packet sockets see every context's traffic on a device: never in a
 * context.  A network context uses IPv4 (and IPv6) only through what its
 * hooks cover: TCP, UDP, UDP-Lite, ping sockets, and IPv4 raw sockets,
 * which are ICMP only under %NXC_RAW_ICMP and any protocol under
 * %NXC_RAW_SOCKET.  A network context has no IPv6 addresses: no IPv6 raw
 * sockets.  Other transports (SCTP, MPTCP, DCCP...) would bind
 * and send around the hooks.
 *
 * Return: 0, -EPERM or -EPROTONOSUPPORT.
 */
static int nx_socket_errno(bool in_nx, u64 ncaps, bool in_ctx, int family,
			   int type, int protocol)
{
	bool icmp;

	if (family == AF_PACKET)
		return in_ctx ? -EPERM : 0;
	if (!in_nx || (family != AF_INET && family != AF_INET6))
		return 0;
	icmp = protocol == (family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	switch (type) {
	case SOCK_STREAM:
		return (protocol == 0 || protocol == IPPROTO_TCP) ?
			       0 :
			       -EPROTONOSUPPORT;
	case SOCK_DGRAM:
		return (protocol == 0 || protocol == IPPROTO_UDP ||
			protocol == IPPROTO_UDPLITE || icmp) ?
			       0 :
			       -EPROTONOSUPPORT;
	case SOCK_RAW:
		/* It would receive the host's IPv6 traffic: no address to filter by. */
		if (family == AF_INET6)
			return -EPERM;
		if (ncaps & NXC_RAW_SOCKET)
			return 0;
		return (icmp && (ncaps & NXC_RAW_ICMP)) ? 0 : -EPERM;
	}
	return -EPROTONOSUPPORT;
}

static int vs_hook_socket_create(int family, int type, int protocol, int kern)
{
	struct nx_info *nxi;

	if (kern || (!static_branch_unlikely(&vs_net_active) &&
		     !static_branch_unlikely(&vs_active)))
		return 0;
	nxi = vs_current_nxi();
	return nx_socket_errno(nxi, nxi ? READ_ONCE(nxi->ncaps) : 0,
			       nxi || vs_current_vxi(), family, type, protocol);
}

/* Writing the IP header forges any source: only with NXC_RAW_SOCKET. */
static int vs_hook_socket_setsockopt(struct socket *sock, int level,
				     int optname)
{
	struct nx_info *nxi;

	if (!static_branch_unlikely(&vs_net_active) || !sock->sk)
		return 0;
	if (!(level == SOL_IP && optname == IP_HDRINCL) &&
	    !(level == SOL_IPV6 && optname == IPV6_HDRINCL))
		return 0;
	nxi = vs_sock(sock->sk)->nxi;
	if (!nxi || (READ_ONCE(nxi->ncaps) & NXC_RAW_SOCKET))
		return 0;
	return -EPERM;
}

static struct security_hook_list vs_inet_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(socket_create, vs_hook_socket_create),
	LSM_HOOK_INIT(socket_setsockopt, vs_hook_socket_setsockopt),
	LSM_HOOK_INIT(socket_post_create, vs_hook_socket_post_create),
	LSM_HOOK_INIT(sk_clone_security, vs_hook_sk_clone_security),
	LSM_HOOK_INIT(socket_accept, vs_hook_socket_accept),
	LSM_HOOK_INIT(sock_graft, vs_hook_sock_graft),
	LSM_HOOK_INIT(sk_free_security, vs_hook_sk_free_security),
	LSM_HOOK_INIT(socket_bind, vs_hook_socket_bind),
	LSM_HOOK_INIT(socket_connect, vs_hook_socket_connect),
	LSM_HOOK_INIT(socket_sendmsg, vs_hook_socket_sendmsg),
};

void __init vs_add_inet_hooks(void)
{
	security_add_hooks(vs_inet_hooks, ARRAY_SIZE(vs_inet_hooks), &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/inet_kunit.c"
#endif
