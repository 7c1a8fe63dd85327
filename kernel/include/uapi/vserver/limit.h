/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - per-context limit ids and special values
 *
 * Ids 0..15 are the RLIMIT_* indices of <linux/resource.h>; Linux-VServer
 * adds its own from 16.  Values follow Linux-VServer 2.3 (VCI 0x00020308).
 */

#ifndef _UAPI_VSERVER_LIMIT_H
#define _UAPI_VSERVER_LIMIT_H

#include <linux/types.h>

/* clang-format off */
#define VLIMIT_NSOCK		16	/* sockets */
#define VLIMIT_OPENFD		17	/* open file descriptors */
#define VLIMIT_ANON		18	/* anonymous pages */
#define VLIMIT_SHMEM		19	/* SysV shared memory pages */
#define VLIMIT_SEMARY		20	/* SysV semaphore arrays */
#define VLIMIT_NSEMS		21	/* SysV semaphores */
#define VLIMIT_DENTRY		22	/* dentries */
#define VLIMIT_MAPPED		23	/* mapped pages */

#define NUM_LIMITS		24

/* Special values of the u64 limit fields */
#define CRLIM_UNSET		(0ULL)
#define CRLIM_INFINITY		(~0ULL)
#define CRLIM_KEEP		(~1ULL)
/* clang-format on */

#endif /* _UAPI_VSERVER_LIMIT_H */
