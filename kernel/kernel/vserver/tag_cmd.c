// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - tag commands: task_tag, tag_migrate
 * (uapi/vserver/tag_cmd.h)
 */

#include <linux/sched.h>
#include <uapi/vserver/tag_cmd.h>

#include "cmds.h"
#include "task.h"

long vc_task_tag(const struct vs_call *call)
{
	return vs_task_id(call->id, vs_task_tag);
}

/* tag_migrate: the caller's tag, apart from its xid (id & 0xFFFF). */
long vc_tag_migrate(const struct vs_call *call)
{
	WRITE_ONCE(vs_task(current)->tag, call->id & 0xFFFF);
	return 0;
}
