// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - /proc/virtual
 *
 * The text formats are those of Linux-VServer 2.3 byte for byte: admins'
 * scripts and util-vserver parse them.
 */

#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/init_task.h>
#include <linux/nsproxy.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/unistd.h>
#include <uapi/vserver/switch.h>

#include "context.h"
#include "vci.h"

static struct proc_dir_entry *proc_virtual;

static int vs_info_show(struct seq_file *m, void *v)
{
	seq_printf(m, "VCIVersion:\t%04x:%04x\n", VCI_VERSION >> 16,
		   VCI_VERSION & 0xFFFF);
	seq_printf(m, "VCISyscall:\t%d\n", __NR_vserver);
	seq_printf(m, "VCIKernel:\t%08x\n", (u32)VS_VCI_KERNEL_CONFIG);
	return 0;
}

static int vs_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "#CTotal:\t%d\n",
		   atomic_read(&vx_global_stats.contexts_total));
	seq_printf(m, "#CActive:\t%d\n",
		   atomic_read(&vx_global_stats.contexts_active));
	/*
	 * vs2.3 counted every nsproxy, fs, mnt, uts, ipc, user and pid
	 * namespace in the system with core patches.  We show those held by
	 * contexts (none until contexts save namespaces).
	 */
	seq_printf(m, "#NSProxy:\t%d\t%d %d %d %d %d %d\n", 0, 0, 0, 0, 0, 0,
		   0);
	seq_printf(m, "#InitTask:\t%d\t%d %d\n",
		   refcount_read(&init_task.usage),
		   refcount_read(&init_nsproxy.count), init_fs.users);
	return 0;
}

static int __init vs_proc_init(void)
{
	proc_virtual = proc_mkdir("virtual", NULL);
	if (!proc_virtual)
		return -ENOMEM;
	if (!proc_create_single("info", 0444, proc_virtual, vs_info_show) ||
	    !proc_create_single("status", 0444, proc_virtual, vs_status_show)) {
		proc_remove(proc_virtual);
		return -ENOMEM;
	}
	return 0;
}
fs_initcall(vs_proc_init);
