/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - LSM registration: what every hooked object's blob needs
 */

#ifndef _VSERVER_SETUP_H
#define _VSERVER_SETUP_H

#include <linux/lsm_hooks.h>

extern struct lsm_blob_sizes vs_blob_sizes;
extern const struct lsm_id vs_lsmid;

#endif /* _VSERVER_SETUP_H */
