/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the socket blob: which network context owns a socket
 */

#ifndef _VSERVER_INET_H
#define _VSERVER_INET_H

#include <linux/init.h>
#include <net/sock.h>

#include "setup.h"

struct nx_info;

/**
 * struct vs_sock - per-socket state, the LSM sock blob
 * @nxi: the network context of the task that created the socket (or of
 *	the listener it was accepted from), referenced; NULL for host and
 *	kernel sockets.  Set before the socket is visible, never changed.
 * @vxi: the security context charged for the socket (NSOCK), referenced;
 *	NULL if nobody was charged
 *
 * Timewait and request socks have no blob: read it only for full sockets.
 */
struct vs_sock {
	struct nx_info *nxi;
	struct vx_info *vxi;
};

static inline struct vs_sock *vs_sock(const struct sock *sk)
{
	return sk->sk_security + vs_blob_sizes.lbs_sock;
}

int nx_map_bind_v4(const struct nx_info *nxi, __be32 addr, __be32 *mapped);

void __init vs_add_inet_hooks(void);

#endif /* _VSERVER_INET_H */
