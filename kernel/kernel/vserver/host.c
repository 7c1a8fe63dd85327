// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - what of the host a guest cannot reach
 *
 * A guest (xid >= 2) shares the host's kernel, and with it objects that
 * act on the whole machine: global sysctls, /proc files that drive the
 * kernel (sysrq-trigger), the pseudo filesystems of the kernel and its
 * drivers (sysfs, debugfs, binfmt_misc, cgroups...), the kernel's memory
 * and I/O ports (everything kernel lockdown guards), modules, and
 * notification marks that span a whole filesystem.  Root in a guest,
 * whatever its capabilities, may read what it can see there but change
 * none of it; it changes only what is its own: the names of its UTS
 * namespace, and the IPC and network sysctls of namespaces it made.
 */

#include <linux/fs.h>
#include <linux/fsnotify_backend.h>
#include <linux/ipc_namespace.h>
#include <linux/kernel_read_file.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/nsproxy.h>
#include <linux/security.h>
#include <linux/sysctl.h>
#include <linux/utsname.h>
#include <linux/vserver.h>
#include <net/net_namespace.h>

#include "host.h"
#include "memcg.h"
#include "setup.h"
#include "task.h"

bool __vs_in_guest(void)
{
	return in_task() && vs_task_xid(current) >= VX_ID_MIN;
}

/**
 * vs_sysctl_guest_writable - may a guest write a sysctl of this owner?
 * @owner: whose the sysctl is
 * @ns_private: the guest has a namespace of that kind of its own (it
 *	does not share the host's)
 */
static bool vs_sysctl_guest_writable(enum vs_sysctl_owner owner,
				     bool ns_private)
{
	return owner != VS_SYSCTL_MACHINE && ns_private;
}

#ifdef CONFIG_SYSCTL
/* Whose a sysctl is, seen from current, and whether that is private. */
static enum vs_sysctl_owner vs_sysctl_owner(const struct ctl_table_header *head,
					    const struct ctl_table *table,
					    bool *ns_private)
{
	const struct nsproxy *ns = current->nsproxy;
	const char *uts = (const char *)&init_uts_ns.name;
	const char *data = table->data;

	/* kernel/{hostname,domainname...} name init_uts_ns, mean current's. */
	if (data >= uts && data < uts + sizeof(init_uts_ns.name)) {
		*ns_private = ns->uts_ns != &init_uts_ns;
		return VS_SYSCTL_UTS;
	}
#if IS_ENABLED(CONFIG_SYSVIPC_SYSCTL) || IS_ENABLED(CONFIG_POSIX_MQUEUE_SYSCTL)
	if (head->set == &ns->ipc_ns->ipc_set ||
	    head->set == &ns->ipc_ns->mq_set) {
		*ns_private = ns->ipc_ns != &init_ipc_ns;
		return VS_SYSCTL_IPC;
	}
#endif
#ifdef CONFIG_NET
	if (head->set == &ns->net_ns->sysctls) {
		*ns_private = !net_eq(ns->net_ns, &init_net);
		return VS_SYSCTL_NET;
	}
#endif
	*ns_private = false;
	return VS_SYSCTL_MACHINE;
}

bool __vs_sysctl_writable(const struct ctl_table_header *head,
			  const struct ctl_table *table)
{
	enum vs_sysctl_owner owner;
	bool ns_private;

	owner = vs_sysctl_owner(head, table, &ns_private);
	return vs_sysctl_guest_writable(owner, ns_private);
}
#endif /* CONFIG_SYSCTL */

/* Magic numbers their filesystems keep private (fs/configfs, fs/fuse). */
#define VS_CONFIGFS_MAGIC 0x62656570
#define VS_FUSE_CTL_SUPER_MAGIC 0x65735543

/*
 * Filesystems whose files are the machine's (the kernel's objects, its
 * drivers, its cgroups): a guest never writes them.
 */
static bool vs_fs_is_machine(unsigned long magic)
{
	switch (magic) {
	case VS_CONFIGFS_MAGIC:
	case VS_FUSE_CTL_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case BINFMTFS_MAGIC:
	case DEBUGFS_MAGIC:
	case TRACEFS_MAGIC:
	case SECURITYFS_MAGIC:
	case SELINUX_MAGIC:
	case SMACK_MAGIC:
	case BPF_FS_MAGIC:
	case EFIVARFS_MAGIC:
	case PSTOREFS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
		return true;
	}
	return false;
}

int __vs_machine_write_denied(const struct inode *inode)
{
	if (!vs_fs_is_machine(inode->i_sb->s_magic) || !__vs_in_guest())
		return 0;
	/* The kernel moving a task that has just entered into its cgroup. */
	if (vs_memcg_writing())
		return 0;
	return -EACCES;
}

/*
 * What kernel lockdown keeps from root (kernel memory, I/O ports, MSRs,
 * kexec, unsigned modules, debugfs, kernel tracing...) a guest never
 * has, whatever the lockdown level of the host.
 */
static int vs_hook_locked_down(enum lockdown_reason what)
{
	if (!static_branch_unlikely(&vs_active) || !__vs_in_guest())
		return 0;
	return -EPERM;
}

/**
 * vs_guest_may_load - may a guest hand the kernel this kind of file?
 * @id: what it would be (%LOADING_* equals %READING_* of the same name)
 *
 * Modules, kexec images and security policies change the kernel itself;
 * firmware is a driver's request, made in whatever task set it off.
 */
static bool vs_guest_may_load(enum kernel_read_file_id id)
{
	return id == READING_FIRMWARE || id == READING_UNKNOWN;
}

static int vs_hook_kernel_read_file(struct file *file,
				    enum kernel_read_file_id id, bool contents)
{
	if (!static_branch_unlikely(&vs_active) || vs_guest_may_load(id) ||
	    !__vs_in_guest())
		return 0;
	return -EPERM;
}

/* init_module(2) and kexec_load(2) hand over a buffer, not a file. */
static int vs_hook_kernel_load_data(enum kernel_load_data_id id, bool contents)
{
	return vs_hook_kernel_read_file(NULL, (enum kernel_read_file_id)id,
					contents);
}

/*
 * fanotify marks on a mount or a whole filesystem report, and open,
 * files far outside the guest's root: only inode marks for guests.
 */
static int vs_hook_path_notify(const struct path *path, u64 mask,
			       unsigned int obj_type)
{
	if (obj_type == FSNOTIFY_OBJ_TYPE_INODE ||
	    !static_branch_unlikely(&vs_active) || !__vs_in_guest())
		return 0;
	return -EPERM;
}

static struct security_hook_list vs_host_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(locked_down, vs_hook_locked_down),
	LSM_HOOK_INIT(path_notify, vs_hook_path_notify),
	LSM_HOOK_INIT(kernel_read_file, vs_hook_kernel_read_file),
	LSM_HOOK_INIT(kernel_load_data, vs_hook_kernel_load_data),
};

void __init vs_add_host_hooks(void)
{
	security_add_hooks(vs_host_hooks, ARRAY_SIZE(vs_host_hooks), &vs_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/host_kunit.c"
#endif
