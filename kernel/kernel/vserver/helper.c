// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - the host's helper (vshelper) and a guest's reboot(2)
 *
 * With VXF_SC_HELPER a context's start and end are told to the helper
 * too: "<vshelper> startup <xid>" runs to its end when the context is
 * created (and a failure fails the creation), "<vshelper> shutdown
 * <xid>" starts when its last task is gone.
 *
 * A guest never reboots, halts or powers off the machine.  Its reboot(2)
 * runs the program the host names in /proc/sys/kernel/vshelper, as
 * "<vshelper> restart|halt|poweroff|swsusp <xid>" (Linux-VServer 2.3's
 * interface, which util-vserver's vshelper implements), records the
 * command for wait_exit and, with VXF_REBOOT_KILL, ends the context's
 * tasks.  The helper is a usermode helper: it runs on the host, with the
 * host's credentials, never inside the guest.
 */

#include <linux/cred.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/umh.h>
#include <linux/vserver.h>

#include "context.h"
#include "helper.h"
#include "task.h"

#define VS_HELPER_PATH_MAX 256
#define VS_HELPER_ENV_PATH "PATH=/sbin:/usr/sbin:/bin:/usr/bin"

/* Linux-VServer 2.3's VS_CMD words of the state changes (VSC_*). */
#define VS_HELPER_STARTUP 1
#define VS_HELPER_SHUTDOWN 2

/* /proc/sys/kernel/vshelper; empty means no helper. */
static char vshelper_path[VS_HELPER_PATH_MAX] = "/sbin/vshelper";
/* Readers copy the path whole, never half of a write. */
static DEFINE_MUTEX(vshelper_lock);

static int vs_proc_vshelper(const struct ctl_table *table, int write,
			    void *buffer, size_t *lenp, loff_t *ppos)
{
	int ret;

	mutex_lock(&vshelper_lock);
	ret = proc_dostring(table, write, buffer, lenp, ppos);
	mutex_unlock(&vshelper_lock);
	return ret;
}

static struct ctl_table vs_helper_sysctls[] = {
	{
		.procname = "vshelper",
		.data = vshelper_path,
		.maxlen = sizeof(vshelper_path),
		.mode = 0644,
		.proc_handler = vs_proc_vshelper,
	},
};

static int __init vs_helper_sysctl_init(void)
{
	register_sysctl_init("kernel", vs_helper_sysctls);
	return 0;
}
late_initcall(vs_helper_sysctl_init);

/**
 * vs_call_helper - run "<vshelper> @action @id" on the host
 * @action: what happened ("restart", "halt", ...)
 * @id: the context's id
 * @cmd: the command word, passed as VS_CMD
 * @wait: UMH_WAIT_EXEC, or UMH_WAIT_PROC to wait for its end
 *
 * The environment is 2.3's: HOME, TERM, PATH, and VS_CMD, VS_UID and
 * VS_PID of the task that caused the call.
 *
 * Return: 0 once it runs, or with UMH_WAIT_PROC once it ended well (also
 * when no helper is set); the error of starting it; or its exit status.
 */
static int vs_call_helper(const char *action, u32 id, unsigned int cmd,
			  int wait)
{
	char path[VS_HELPER_PATH_MAX], id_buf[16];
	char cmd_buf[20], uid_buf[24], pid_buf[24];
	char *argv[4] = { path, (char *)action, id_buf, NULL };
	char *envp[7] = { "HOME=/", "TERM=linux", VS_HELPER_ENV_PATH,
			  cmd_buf,  uid_buf,	  pid_buf,
			  NULL };

	mutex_lock(&vshelper_lock);
	strscpy(path, vshelper_path, sizeof(path));
	mutex_unlock(&vshelper_lock);
	if (!path[0])
		return 0;
	snprintf(id_buf, sizeof(id_buf), "%u", id);
	snprintf(cmd_buf, sizeof(cmd_buf), "VS_CMD=%08x", cmd);
	snprintf(uid_buf, sizeof(uid_buf), "VS_UID=%u",
		 from_kuid(&init_user_ns, current_uid()));
	snprintf(pid_buf, sizeof(pid_buf), "VS_PID=%d", task_pid_nr(current));
	return call_usermodehelper(path, argv, envp, wait);
}

/**
 * vs_helper_startup - "vshelper startup <xid>", to its end
 * @vxi: a context being created, hashed, not yet entered
 *
 * Return: 0, or -ENOEXEC if the helper cannot run or fails (2.3's errno).
 */
int vs_helper_startup(struct vx_info *vxi)
{
	if (!(READ_ONCE(vxi->flags) & VXF_SC_HELPER))
		return 0;
	return vs_call_helper("startup", vxi->obj.id, VS_HELPER_STARTUP,
			      UMH_WAIT_PROC) ?
		       -ENOEXEC :
		       0;
}

/**
 * vs_helper_shutdown - start "vshelper shutdown <xid>"
 * @vxi: a context whose last task is gone (process context)
 *
 * Not waited for: it runs from the work that unhashes contexts.
 */
void vs_helper_shutdown(struct vx_info *vxi)
{
	if (READ_ONCE(vxi->flags) & VXF_SC_HELPER)
		vs_call_helper("shutdown", vxi->obj.id, VS_HELPER_SHUTDOWN,
			       UMH_WAIT_EXEC);
}

/**
 * vs_reboot_action - the helper's name for a reboot(2) command
 * @cmd: LINUX_REBOOT_CMD_*
 *
 * Return: "restart", "halt", "poweroff" or "swsusp", or NULL for a
 * command that is no change of state.
 */
static const char *vs_reboot_action(unsigned int cmd)
{
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		return "restart";
	case LINUX_REBOOT_CMD_HALT:
		return "halt";
	case LINUX_REBOOT_CMD_POWER_OFF:
		return "poweroff";
	case LINUX_REBOOT_CMD_SW_SUSPEND:
		return "swsusp";
	}
	return NULL;
}

/* Whether a command ends the guest under VXF_REBOOT_KILL. */
static bool vs_reboot_ends_guest(unsigned int cmd)
{
	return cmd != LINUX_REBOOT_CMD_SW_SUSPEND;
}

/**
 * vs_reboot - reboot(2) from a guest (xid >= 2)
 * @cmd: its command; the caller has CAP_SYS_BOOT and gave the magic
 *
 * Ctrl-Alt-Del belongs to the machine: setting it is accepted and
 * ignored.  kexec would replace the host's kernel: -EPERM.
 *
 * Return: 0, -EPERM when the helper cannot be started or for kexec,
 * -EINVAL for an unknown command.
 */
int vs_reboot(unsigned int cmd)
{
	struct vx_info *vxi = vs_current_vxi();
	const char *action;

	if (cmd == LINUX_REBOOT_CMD_CAD_ON || cmd == LINUX_REBOOT_CMD_CAD_OFF)
		return 0;
	if (cmd == LINUX_REBOOT_CMD_KEXEC)
		return -EPERM;
	action = vs_reboot_action(cmd);
	if (!action)
		return -EINVAL;
	/*
	 * Not waited for: a helper that stops the guest waits for the
	 * guest's end, the caller among it.
	 */
	if (vs_call_helper(action, vxi->obj.id, cmd, UMH_WAIT_EXEC))
		return -EPERM;
	WRITE_ONCE(vxi->reboot_cmd, cmd);
	if (vs_reboot_ends_guest(cmd) &&
	    (READ_ONCE(vxi->flags) & VXF_REBOOT_KILL))
		vx_kill_all(vxi, SIGKILL, 0);
	return 0;
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/helper_kunit.c"
#endif
