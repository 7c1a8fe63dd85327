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

#include <linux/fs.h>
#include <linux/jump_label.h>
#include <linux/projid.h>
#include <linux/types.h>

struct ctl_table;
struct dquot;
struct ctl_table_header;
struct inode;
struct kernel_siginfo;
struct kstatfs;
struct pid;
struct pid_namespace;
struct seq_file;
struct super_block;
struct task_struct;

#ifdef CONFIG_VSERVER

DECLARE_STATIC_KEY_FALSE(vs_active);
/* On while at least one network context exists: the socket hooks' key. */
DECLARE_STATIC_KEY_FALSE(vs_net_active);

void __vs_exit_task(struct task_struct *p);
bool __vs_pid_visible(struct pid *pid);
bool __vs_task_visible(struct task_struct *p);
bool __vs_proc_task_visible(struct task_struct *p);
struct task_struct *__vs_proc_task_get(struct task_struct *p);
struct task_struct *__vs_signal_target(struct task_struct *p,
				       struct kernel_siginfo *info);
int vs_proc_pid_vinfo(struct seq_file *m, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *task);
int vs_proc_pid_ninfo(struct seq_file *m, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *task);

/**
 * vs_exit_task - a task exits: it stops counting in its context
 * @p: current, from do_exit()
 */
static inline void vs_exit_task(struct task_struct *p)
{
	if (static_branch_unlikely(&vs_active) ||
	    static_branch_unlikely(&vs_net_active))
		__vs_exit_task(p);
}

/**
 * vs_lookup_pid - hide a pid of another context from a guest
 * @pid: the result of a lookup by number in current's pid namespace
 *
 * Return: @pid, or NULL when current is in a guest and @pid's task is
 * not, so that the caller fails as if the number were unused (ESRCH).
 */
static inline struct pid *vs_lookup_pid(struct pid *pid)
{
	if (static_branch_unlikely(&vs_active) && pid && !__vs_pid_visible(pid))
		return NULL;
	return pid;
}

/**
 * vs_lookup_task - hide a task of another context from a guest
 * @p: the result of a lookup by number, under RCU
 *
 * Return: @p, or NULL as for vs_lookup_pid().
 */
static inline struct task_struct *vs_lookup_task(struct task_struct *p)
{
	if (static_branch_unlikely(&vs_active) && p && !__vs_task_visible(p))
		return NULL;
	return p;
}

/**
 * vs_proc_task_visible - whether /proc lists and resolves @p for current
 * @p: a task
 *
 * Only tasks of current's own context; the spectator sees all.
 */
static inline bool vs_proc_task_visible(struct task_struct *p)
{
	return !static_branch_unlikely(&vs_active) || __vs_proc_task_visible(p);
}

/**
 * vs_proc_task_get - a /proc inode's task, if current may see it
 * @p: the task, referenced, or NULL
 *
 * /proc/<pid> files and directories reached before a migration, or held
 * open across one, go through here on every use.
 *
 * Return: @p, or NULL after dropping the reference when current may not
 * see @p (vs_proc_task_visible()): the task looks gone.
 */
static inline struct task_struct *vs_proc_task_get(struct task_struct *p)
{
	if (static_branch_unlikely(&vs_active) && p)
		return __vs_proc_task_get(p);
	return p;
}

/**
 * vs_task_visible - whether current finds @p (vs_lookup_task()'s rule)
 * @p: a task met in a loop over tasks (getpriority's PRIO_PGRP, PRIO_USER)
 */
static inline bool vs_task_visible(struct task_struct *p)
{
	return !static_branch_unlikely(&vs_active) || __vs_task_visible(p);
}

/**
 * vs_signal_target - the task a signal by pid may reach
 * @p: the task the pid names, or NULL, under RCU
 * @info: the signal's info, to let kernel-generated signals pass
 *
 * Return: @p, or NULL when current may not signal it by pid: signals by
 * pid stay inside a context, and the host reaches guests with ctx_kill.
 */
static inline struct task_struct *vs_signal_target(struct task_struct *p,
						   struct kernel_siginfo *info)
{
	if (static_branch_unlikely(&vs_active) && p)
		return __vs_signal_target(p, info);
	return p;
}

bool __vs_in_guest(void);
int vs_reboot(unsigned int cmd);
bool __vs_sysctl_writable(const struct ctl_table_header *head,
			  const struct ctl_table *table);

/**
 * vs_in_guest - is current a task of a guest (a context, xid >= 2)?
 *
 * What acts on the whole machine (reboot, kexec, global sysctls, file
 * handles) asks this first.
 */
static inline bool vs_in_guest(void)
{
	return static_branch_unlikely(&vs_active) && __vs_in_guest();
}

/**
 * vs_sysctl_denied - is this access to a sysctl a guest's write to the host's?
 * @head: the sysctl's table header
 * @table: the sysctl
 * @op: MAY_READ, MAY_WRITE, MAY_EXEC
 *
 * A guest writes only the sysctls of namespaces it owns: its UTS names,
 * and the IPC and network sysctls of namespaces of its own.
 */
static inline bool vs_sysctl_denied(const struct ctl_table_header *head,
				    const struct ctl_table *table, int op)
{
	return (op & MAY_WRITE) && vs_in_guest() &&
	       !__vs_sysctl_writable(head, table);
}

/**
 * vs_proc_open_denied - is this a guest opening a /proc entry for writing?
 * @file: a file of a proc_dir_entry (not /proc/<pid>, not /proc/sys)
 *
 * Such entries drive the machine (sysrq-trigger, irq affinities, drivers,
 * the host's network namespace): a guest only reads them.
 */
static inline bool vs_proc_open_denied(const struct file *file)
{
	return (file->f_mode & FMODE_WRITE) && vs_in_guest();
}

u32 __vs_current_tag(void);
bool vs_ixunlink(struct inode *inode);

/**
 * vs_current_tag - the tag current gives what it creates
 *
 * For filesystems mounted with "tag": the context's xid (or what
 * tag_migrate set), 0 on the host.
 */
static inline u32 vs_current_tag(void)
{
	return static_branch_unlikely(&vs_active) ? __vs_current_tag() : 0;
}

bool __vs_dquot_binds(const struct super_block *sb, int type);
bool __vs_dquot_binds_root(void);
bool __vs_dquot_reserve(const struct dquot *dquot, long long space, int *ret);
void __vs_statfs(struct super_block *sb, struct kstatfs *buf);
int __vs_tag_mount_check(bool quota_and_project);

/**
 * vs_tag_mount_check - may a filesystem be mounted with "tag"?
 * @tag: the option is set
 * @quota_and_project: the filesystem has the quota and project features,
 *	in which it keeps the tags and the disk limits
 *
 * Return: 0, or -EINVAL (with a message) if tags cannot be kept.
 */
static inline int vs_tag_mount_check(bool tag, bool quota_and_project)
{
	return tag ? __vs_tag_mount_check(quota_and_project) : 0;
}

/* The filesystem's inodes carry a context tag (its "tag" option). */
static inline void vs_sb_set_tagged(struct super_block *sb, bool tagged)
{
	if (tagged)
		sb->s_iflags |= SB_I_VS_TAGGED;
	else
		sb->s_iflags &= ~SB_I_VS_TAGGED;
}

/**
 * vs_tag_new_inode - a new inode takes its creator's tag
 * @sb: its filesystem
 * @projid: its project id, which holds the tag on a tagged filesystem
 *
 * Before dquot_initialize(): the tag is the project charged.
 */
static inline void vs_tag_new_inode(struct super_block *sb, kprojid_t *projid)
{
	if (sb->s_iflags & SB_I_VS_TAGGED)
		*projid = make_kprojid(&init_user_ns, vs_current_tag());
}

/**
 * vs_dquot_binds_root - does a quota limit bind even CAP_SYS_RESOURCE?
 * @sb: the dquot's filesystem
 * @type: the dquot's type
 *
 * A guest's disk limit is the project quota of its tag on a tagged
 * filesystem: it binds the guest's root, whatever its capabilities.
 * Called under dq_dqb_lock.
 */
static inline bool vs_dquot_binds_root(const struct super_block *sb, int type)
{
	return static_branch_unlikely(&vs_active) &&
	       __vs_dquot_binds(sb, type) && __vs_dquot_binds_root();
}

/**
 * vs_dquot_reserve - a guest's soft limit is its root's reserve
 * @dquot: a project dquot about to be charged
 * @space: its space usage with the charge
 * @ret: set to -EDQUOT when current may not use the reserve
 *
 * On a tagged filesystem the project soft limit is the share of a
 * guest's space non-root may use (vs2.3's "reserved"), enforced at once
 * and never for root: no grace period.  Called under dq_dqb_lock.
 *
 * Return: true when this decided the soft limit, which the caller then
 * skips.
 */
static inline bool vs_dquot_reserve(const struct dquot *dquot, long long space,
				    int *ret)
{
	return static_branch_unlikely(&vs_active) &&
	       __vs_dquot_reserve(dquot, space, ret);
}

/**
 * vs_statfs - df in a guest shows the guest's disk limit
 * @sb: the filesystem
 * @buf: its statfs answer, clamped in place
 */
static inline void vs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	if (static_branch_unlikely(&vs_active))
		__vs_statfs(sb, buf);
}

#else /* !CONFIG_VSERVER */

static inline void vs_exit_task(struct task_struct *p)
{
}

static inline bool vs_in_guest(void)
{
	return false;
}

static inline int vs_reboot(unsigned int cmd)
{
	return 0;
}

static inline bool vs_sysctl_denied(const struct ctl_table_header *head,
				    const struct ctl_table *table, int op)
{
	return false;
}

static inline bool vs_proc_open_denied(const struct file *file)
{
	return false;
}

static inline struct pid *vs_lookup_pid(struct pid *pid)
{
	return pid;
}

static inline struct task_struct *vs_lookup_task(struct task_struct *p)
{
	return p;
}

static inline bool vs_proc_task_visible(struct task_struct *p)
{
	return true;
}

static inline struct task_struct *vs_proc_task_get(struct task_struct *p)
{
	return p;
}

static inline bool vs_task_visible(struct task_struct *p)
{
	return true;
}

static inline struct task_struct *vs_signal_target(struct task_struct *p,
						   struct kernel_siginfo *info)
{
	return p;
}

static inline u32 vs_current_tag(void)
{
	return 0;
}

static inline bool vs_ixunlink(struct inode *inode)
{
	return false;
}

static inline bool vs_dquot_binds_root(const struct super_block *sb, int type)
{
	return false;
}

static inline bool vs_dquot_reserve(const struct dquot *dquot, long long space,
				    int *ret)
{
	return false;
}

static inline int vs_tag_mount_check(bool tag, bool quota_and_project)
{
	return 0;
}

static inline void vs_sb_set_tagged(struct super_block *sb, bool tagged)
{
}

static inline void vs_tag_new_inode(struct super_block *sb, kprojid_t *projid)
{
}

static inline void vs_statfs(struct super_block *sb, struct kstatfs *buf)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_H */
