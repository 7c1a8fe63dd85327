/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - inode attribute bits (get/set_iattr flags and mask)
 *
 * Values follow Linux-VServer 2.3 (VCI 0x00020308).
 */

#ifndef _UAPI_VSERVER_INODE_H
#define _UAPI_VSERVER_INODE_H

/* clang-format off */
#define IATTR_TAG		0x01000000	/* the tag field is valid */

#define IATTR_ADMIN		0x00000001	/* /proc entry: visible to the host */
#define IATTR_WATCH		0x00000002	/* /proc entry: visible to the spectator */
#define IATTR_HIDE		0x00000004	/* /proc entry: hidden from guests */
#define IATTR_FLAGS		(IATTR_ADMIN | IATTR_WATCH | IATTR_HIDE)

#define IATTR_BARRIER		0x00010000	/* directory: guests cannot pass */
#define IATTR_IXUNLINK		0x00020000	/* immutable, but may be unlinked */
#define IATTR_IMMUTABLE		0x00040000	/* the file's immutable flag */
#define IATTR_COW		0x00080000	/* copy on write (unification) */
/* clang-format on */

#endif /* _UAPI_VSERVER_INODE_H */
