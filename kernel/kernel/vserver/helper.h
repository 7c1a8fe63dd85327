/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the host's helper (vshelper)
 */

#ifndef _VSERVER_HELPER_H
#define _VSERVER_HELPER_H

#include <linux/types.h>

int vs_call_helper(const char *action, u32 id, unsigned int cmd, int wait);

#endif /* _VSERVER_HELPER_H */
