/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - LSM registration
 */

#ifndef _VSERVER_SETUP_H
#define _VSERVER_SETUP_H

#include <linux/lsm_hooks.h>

extern struct lsm_blob_sizes vs_blob_sizes;
extern const struct lsm_id vs_lsmid;

void __init vs_add_task_hooks(void);
void __init vs_add_inet_hooks(void);
void __init vs_add_limit_hooks(void);
void __init vs_add_tag_hooks(void);
void __init vs_add_inode_hooks(void);

#endif /* _VSERVER_SETUP_H */
