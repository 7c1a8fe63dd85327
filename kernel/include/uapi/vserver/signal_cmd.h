/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Linux-VServer - signalling a context and waiting for its end
 */

#ifndef _UAPI_VSERVER_SIGNAL_CMD_H
#define _UAPI_VSERVER_SIGNAL_CMD_H

#include <linux/types.h>
#include <vserver/switch.h>

/* clang-format off */
#define VCMD_ctx_kill		VC_CMD(VC_CAT_PROCTRL, 1, 0)
#define VCMD_wait_exit		VC_CMD(VC_CAT_EVENT, 99, 0)
/* clang-format on */

/**
 * struct vcmd_ctx_kill_v0 - argument of %VCMD_ctx_kill
 * @pid: 0 or -1: every task of the context; 1: the context's init;
 *	otherwise one task, which must belong to the context
 * @sig: the signal
 */
struct vcmd_ctx_kill_v0 {
	__s32 pid;
	__s32 sig;
};

/**
 * struct vcmd_wait_exit_v0 - result of %VCMD_wait_exit
 * @reboot_cmd: the reboot(2) command the guest issued, if any
 * @exit_code: exit code of the guest's init
 */
struct vcmd_wait_exit_v0 {
	__s32 reboot_cmd;
	__s32 exit_code;
};

#endif /* _UAPI_VSERVER_SIGNAL_CMD_H */
