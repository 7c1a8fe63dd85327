/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - who sees and signals whom
 *
 * The rules of Linux-VServer 2.3, as pure functions of two xids so that
 * KUnit can check them: a guest (xid >= 2) sees, finds and signals only
 * its own tasks; the spectator (xid 1) sees every task in /proc; the host
 * (xid 0) lists only host tasks in /proc and cannot signal guest tasks by
 * pid (it uses ctx_kill), but keeps finding them by pid so that a parent
 * on the host can still wait for, trace or renice a child that entered a
 * guest, and kill(-1) or a process-group kill from the host reaches
 * every task.
 */

#ifndef _VSERVER_ISOLATION_H
#define _VSERVER_ISOLATION_H

#include <linux/types.h>
#include <uapi/vserver/switch.h>

/* A task of @viewer lists a task of @target in /proc (vs2.3 VS_WATCH|VS_IDENT). */
static inline bool vs_xid_sees(u32 viewer, u32 target)
{
	return viewer == target || viewer == VX_ID_SPECTATOR;
}

/* A task of @viewer finds a task of @target by pid (kill, ptrace, wait...). */
static inline bool vs_xid_finds(u32 viewer, u32 target)
{
	return viewer <= VX_ID_SPECTATOR || viewer == target;
}

/* A task of @sender signals a task of @target by pid (vs2.3 VS_IDENT). */
static inline bool vs_xid_signals_pid(u32 sender, u32 target)
{
	if (sender <= VX_ID_SPECTATOR)
		return target <= VX_ID_SPECTATOR;
	return sender == target;
}

/* A task of @sender signals @target by kill(-1) or a process group. */
static inline bool vs_xid_signals_group(u32 sender, u32 target)
{
	return sender == VX_ID_HOST || sender == target;
}

/* A task of @actor traces, renices or re-schedules a task of @target. */
static inline bool vs_xid_controls(u32 actor, u32 target)
{
	return actor < VX_ID_MIN || actor == target;
}

#endif /* _VSERVER_ISOLATION_H */
