// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - unix sockets: the abstract namespace per context
 *
 * Every context shares the host's network namespace, and with it the
 * abstract unix socket names in it: without this a guest would connect
 * to the host's daemons (seen as root through SO_PEERCRED) and could take
 * a well-known name before a host daemon binds it.  A socket bound to an
 * abstract name is found only from the security and network context it
 * was made in (af_unix's name lookup, the core call vs_unix_visible()).
 * Sockets bound to a path stay governed by the filesystem (tags, barrier).
 */

#include <linux/sched.h>
#include <linux/vserver_net.h>
#include <net/sock.h>

#include "context.h"
#include "inet.h"
#include "network.h"
#include "task.h"

/* The context ids a socket was made in: host and spectator are 0. */
static void vs_sock_ids(const struct sock *sk, u32 *xid, u32 *nid)
{
	const struct vx_info *vxi = vs_sock(sk)->vxi;
	const struct nx_info *nxi = vs_sock(sk)->nxi;

	*xid = vxi ? vxi->obj.id : VX_ID_HOST;
	*nid = nxi ? nxi->obj.id : NX_ID_HOST;
}

/* The same for current: the spectator finds what the host finds. */
static void vs_current_ids(u32 *xid, u32 *nid)
{
	*xid = vs_task_xid(current);
	*nid = vs_task_nid(current);
	if (*xid < VX_ID_MIN)
		*xid = VX_ID_HOST;
	if (*nid < NX_ID_MIN)
		*nid = NX_ID_HOST;
}

bool __vs_unix_visible(const struct sock *sk, bool listing)
{
	u32 xid, nid, sk_xid, sk_nid;

	if (listing && (vs_task_xid(current) == VX_ID_SPECTATOR ||
			vs_task_nid(current) == NX_ID_SPECTATOR))
		return true;
	vs_current_ids(&xid, &nid);
	vs_sock_ids(sk, &sk_xid, &sk_nid);
	return xid == sk_xid && nid == sk_nid;
}
EXPORT_SYMBOL_GPL(__vs_unix_visible);
