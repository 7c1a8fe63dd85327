/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the host's helper (vshelper): a context's start and end
 */

#ifndef _VSERVER_HELPER_H
#define _VSERVER_HELPER_H

struct vx_info;

int vs_helper_startup(struct vx_info *vxi);
void vs_helper_shutdown(struct vx_info *vxi);

#endif /* _VSERVER_HELPER_H */
