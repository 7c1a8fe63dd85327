/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - tag commands
 */

#ifndef _UAPI_VSERVER_TAG_CMD_H
#define _UAPI_VSERVER_TAG_CMD_H

#include <vserver/switch.h>

/* clang-format off */
/* The tag of task id (a pid; 0: the caller); no data. */
#define VCMD_task_tag		VC_CMD(VC_CAT_VINFO, 3, 0)
/* The caller's tag becomes id & 0xFFFF; no data. */
#define VCMD_tag_migrate	VC_CMD(VC_CAT_TAGMIG, 1, 0)
/* clang-format on */

#endif /* _UAPI_VSERVER_TAG_CMD_H */
