/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - the calls core kernel code makes into the subsystem
 *
 * Each core hook is one line at its call site.  It tests vs_active, a
 * static key that is off until the first context exists, so a host that
 * never creates a context runs the unpatched instructions plus a nop.
 */

#ifndef _LINUX_VSERVER_H
#define _LINUX_VSERVER_H

#include <linux/jump_label.h>

struct task_struct;

#ifdef CONFIG_VSERVER

DECLARE_STATIC_KEY_FALSE(vs_active);

void __vs_exit_task(struct task_struct *p);

/**
 * vs_exit_task - a task exits: it stops counting in its context
 * @p: current, from do_exit()
 */
static inline void vs_exit_task(struct task_struct *p)
{
	if (static_branch_unlikely(&vs_active))
		__vs_exit_task(p);
}

#else /* !CONFIG_VSERVER */

static inline void vs_exit_task(struct task_struct *p)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_H */
