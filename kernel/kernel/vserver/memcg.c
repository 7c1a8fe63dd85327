// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - a memory cgroup per context
 *
 * A context gets its own memory cgroup, "vserver/<xid>" in the cgroup2
 * hierarchy (/sys/fs/cgroup/vserver/<xid> where that is mounted), with its
 * first memory limit (RSS or ANON): the context's tasks move there with
 * their thread groups, every task that enters the context later follows,
 * children inherit it, and it is removed once the context is gone.  So
 * page cache, shmem, tmpfs, socket buffers, kernel memory and swap are
 * charged to the guest that causes them, and the RSS limit is the
 * cgroup's memory.max: a guest over it meets the memory controller's
 * reclaim and OOM killer inside its own cgroup.  A context without a
 * memory limit has no cgroup: making and removing one costs more than the
 * rest of a context's life cycle, for nothing to enforce.
 *
 * The kernel makes the cgroup, not the tools: util-vserver's own tools
 * know nothing of it, and a task the host moves in with ctx_migrate must
 * land there with no extra step.  It goes through a private mount of
 * cgroup2 made at boot (a mount made later would reset the hierarchy's
 * mount options), with the kernel's credentials, by the file operations
 * an administrator would use, so the cgroup core's rules hold unchanged.
 */

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/memcontrol.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/sched/signal.h>
#include <linux/workqueue.h>

#include "context.h"
#include "memcg.h"
#include "task.h"

static struct vfsmount *vs_cg_mnt;
static struct dentry *vs_cg_top; /* "vserver" */
static const struct cred *vs_cg_cred;
/* Serialises making and removing the directories of context ids. */
static DEFINE_MUTEX(vs_cg_mutex);

bool vs_memcg_available(void)
{
	return READ_ONCE(vs_cg_top);
}

/* Is current writing a cgroup file for the kernel (vs_cg_write())? */
bool vs_memcg_writing(void)
{
	return vs_cg_cred && current_cred() == vs_cg_cred;
}

/* Writes @val to @name, relative to the hierarchy's root. */
static int vs_cg_write(const char *name, const char *val)
{
	const struct cred *old;
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	old = override_creds(vs_cg_cred);
	f = file_open_root_mnt(vs_cg_mnt, name, O_WRONLY, 0);
	if (IS_ERR(f)) {
		revert_creds(old);
		return PTR_ERR(f);
	}
	n = kernel_write(f, val, strlen(val), &pos);
	fput(f);
	revert_creds(old);
	return n < 0 ? n : 0;
}

static int vs_cg_write_ctx(u32 xid, const char *file, const char *val)
{
	char name[40];

	snprintf(name, sizeof(name), "vserver/%u/%s", xid, file);
	return vs_cg_write(name, val);
}

/*
 * Makes (@make) or removes the directory @name below @parent, as the
 * kernel; one that already exists, or is already gone, is left alone.
 */
static int vs_cg_dir(struct dentry *parent, const char *name, bool make)
{
	struct inode *dir = d_inode(parent);
	const struct cred *old;
	struct dentry *d;
	int err;

	err = mnt_want_write(vs_cg_mnt);
	if (err)
		return err;
	old = override_creds(vs_cg_cred);
	inode_lock_nested(dir, I_MUTEX_PARENT);
	d = lookup_one_len(name, parent, strlen(name));
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		if (make && d_is_negative(d))
			err = vfs_mkdir(&nop_mnt_idmap, dir, d, 0755);
		else if (!make && !d_is_negative(d))
			err = vfs_rmdir(&nop_mnt_idmap, dir, d);
		dput(d);
	}
	inode_unlock(dir);
	revert_creds(old);
	mnt_drop_write(vs_cg_mnt);
	return err;
}

/* The directory, looked up afresh: kernfs leaves a mkdir's dentry negative. */
static struct dentry *vs_cg_mkdir(struct dentry *parent, const char *name)
{
	struct dentry *d;
	int err;

	err = vs_cg_dir(parent, name, true);
	if (err)
		return ERR_PTR(err);
	d = lookup_one_len_unlocked(name, parent, strlen(name));
	if (!IS_ERR(d) && d_is_negative(d)) {
		dput(d);
		d = ERR_PTR(-ENOENT);
	}
	return d;
}

/* A batch of the context's processes not yet in its cgroup, as pids. */
static int vs_cg_strays(struct vx_info *vxi, pid_t *pids, int max)
{
	struct task_struct *p;
	int n = 0;

	rcu_read_lock();
	for_each_process(p) {
		if (n == max)
			break;
		if (vs_task_vxi(p) != vxi || (p->flags & PF_KTHREAD) ||
		    mem_cgroup_from_task(p) == vxi->memcg)
			continue;
		/* As the writer's pid namespace names it; 0 if it cannot. */
		pids[n] = task_tgid_vnr(p);
		if (pids[n])
			n++;
	}
	rcu_read_unlock();
	return n;
}

/*
 * Moves the context's processes into its new cgroup.  A process forked
 * by one of them before it moved stays behind its parent: the next pass
 * finds it.
 */
static void vs_cg_move_context(struct vx_info *vxi)
{
	pid_t pids[32];
	char val[12];
	int pass, n, i;

	for (pass = 0; pass < 16; pass++) {
		n = vs_cg_strays(vxi, pids, ARRAY_SIZE(pids));
		if (!n)
			return;
		for (i = 0; i < n; i++) {
			snprintf(val, sizeof(val), "%d", pids[i]);
			/* Gone meanwhile, or a kernel thread: nothing to move. */
			vs_cg_write_ctx(vxi->obj.id, "cgroup.procs", val);
		}
	}
	pr_warn("vserver: xid %u: processes left outside its memory cgroup\n",
		vxi->obj.id);
}

/**
 * vs_memcg_ensure - give a context its memory cgroup, with its tasks
 * @vxi: the context, about to get a memory limit
 *
 * A directory an earlier context of the same id left (its removal is
 * retried while tasks linger) is taken over with its limits reset.
 *
 * Return: 0, or a negative errno: -EINVAL without the memory controller.
 */
int vs_memcg_ensure(struct vx_info *vxi)
{
	struct cgroup_subsys_state *css;
	struct dentry *d;
	char name[12];

	if (!vs_memcg_available())
		return -EINVAL;
	/* Pairs with the smp_store_release() below: a cgroup ready for use. */
	if (smp_load_acquire(&vxi->memcg))
		return 0;
	snprintf(name, sizeof(name), "%u", vxi->obj.id);
	mutex_lock(&vs_cg_mutex);
	if (vxi->memcg) {
		mutex_unlock(&vs_cg_mutex);
		return 0;
	}
	d = vs_cg_mkdir(vs_cg_top, name);
	if (IS_ERR(d)) {
		mutex_unlock(&vs_cg_mutex);
		pr_warn_ratelimited("vserver: xid %u: no memory cgroup: %ld\n",
				    vxi->obj.id, PTR_ERR(d));
		return PTR_ERR(d);
	}
	css = css_tryget_online_from_dir(d, &memory_cgrp_subsys);
	dput(d);
	if (IS_ERR(css)) {
		mutex_unlock(&vs_cg_mutex);
		return PTR_ERR(css);
	}
	vs_cg_write_ctx(vxi->obj.id, "memory.max", "max");
	vs_cg_write_ctx(vxi->obj.id, "memory.high", "max");
	vs_cg_write_ctx(vxi->obj.id, "memory.swap.max", "max");
	/*
	 * Published before the context's tasks are counted: a task entering
	 * meanwhile either is counted or finds the cgroup (vs_memcg_enter()).
	 */
	smp_store_release(&vxi->memcg, mem_cgroup_from_css(css));
	/* Orders the store above before the reads of the tasks' contexts. */
	smp_mb();
	vs_cg_move_context(vxi);
	mutex_unlock(&vs_cg_mutex);
	return 0;
}

/**
 * vs_memcg_enter - move current's thread group into its context's cgroup
 * @vxi: the context current has just entered
 *
 * Return: 0, or the cgroup core's error (the task then stays where it
 * was, and its memory is not bounded by the context's limit).
 */
int vs_memcg_enter(struct vx_info *vxi)
{
	int err;

	/* Pairs with vs_memcg_ensure(): current is in the context now. */
	smp_mb();
	/* Pairs with the smp_store_release() of vs_memcg_ensure(). */
	if (!smp_load_acquire(&vxi->memcg))
		return 0;
	/* "0" is the writer itself: no pid namespace to translate. */
	err = vs_cg_write_ctx(vxi->obj.id, "cgroup.procs", "0");
	if (err)
		pr_warn_ratelimited("vserver: xid %u: cgroup.procs: %d\n",
				    vxi->obj.id, err);
	return err;
}

/* Removal retries while exiting tasks still populate the cgroup. */
struct vs_cg_removal {
	struct delayed_work work;
	u32 xid;
	int tries;
};

static void vs_cg_remove_work(struct work_struct *work)
{
	struct vs_cg_removal *r =
		container_of(to_delayed_work(work), struct vs_cg_removal, work);
	struct vx_info *again;
	char name[12];
	int err = 0;

	snprintf(name, sizeof(name), "%u", r->xid);
	mutex_lock(&vs_cg_mutex);
	/* A new context of this id has taken the directory over. */
	again = vx_lookup(r->xid);
	if (!again)
		err = vs_cg_dir(vs_cg_top, name, false);
	mutex_unlock(&vs_cg_mutex);
	if (again)
		vx_put(again);
	if (err == -EBUSY && ++r->tries < 100) {
		schedule_delayed_work(&r->work, HZ / 10);
		return;
	}
	if (err)
		pr_warn("vserver: xid %u: memory cgroup not removed: %d\n",
			r->xid, err);
	kfree(r);
}

/**
 * vs_memcg_remove - the context is gone: its cgroup goes too
 * @vxi: the unhashed context
 *
 * Memory still charged to the cgroup (page cache) stays charged to it,
 * offline, until reclaimed, as with any removed cgroup.
 */
void vs_memcg_remove(struct vx_info *vxi)
{
	struct vs_cg_removal *r;

	if (!vxi->memcg)
		return;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return;
	r->xid = vxi->obj.id;
	INIT_DELAYED_WORK(&r->work, vs_cg_remove_work);
	schedule_delayed_work(&r->work, 0);
}

static void vs_cg_pages(char *buf, size_t len, unsigned long pages)
{
	if (pages == RLIM_INFINITY)
		strscpy(buf, "max", len);
	else
		snprintf(buf, len, "%llu",
			 (unsigned long long)pages << PAGE_SHIFT);
}

/**
 * vs_memcg_set_rss - the RSS limit becomes the cgroup's limits
 * @vxi: the context
 * @soft: soft limit in pages, %RLIM_INFINITY for none: memory.high
 * @hard: hard limit in pages: memory.max, and memory.swap.max, so that
 *	what a guest may hold it may also swap out, and no more
 *
 * Lowering memory.max below the usage reclaims at once and OOM-kills
 * inside the cgroup if that does not suffice.
 *
 * Return: 0, or -EINVAL without a cgroup.
 */
int vs_memcg_set_rss(struct vx_info *vxi, unsigned long soft,
		     unsigned long hard)
{
	char val[24];
	int err;

	if (!vxi->memcg)
		return -EINVAL;
	vs_cg_pages(val, sizeof(val), hard);
	err = vs_cg_write_ctx(vxi->obj.id, "memory.max", val);
	if (!err) {
		vs_cg_pages(val, sizeof(val), soft);
		err = vs_cg_write_ctx(vxi->obj.id, "memory.high", val);
	}
	if (!err) {
		vs_cg_pages(val, sizeof(val), hard);
		err = vs_cg_write_ctx(vxi->obj.id, "memory.swap.max", val);
		/* A kernel without swap has no swap to bound. */
		if (err == -ENOENT)
			err = 0;
	}
	return err;
}

/* Pages charged to the context's cgroup: memory.current. */
unsigned long vs_memcg_usage(struct vx_info *vxi)
{
	return vxi->memcg ? page_counter_read(&vxi->memcg->memory) : 0;
}

/* Pages the cgroup may hold: memory.max. */
unsigned long vs_memcg_max(struct vx_info *vxi)
{
	if (!vxi->memcg)
		return PAGE_COUNTER_MAX;
	return READ_ONCE(vxi->memcg->memory.max);
}

/* Swap: memory.swap.current and memory.swap.max, in pages. */
void vs_memcg_swap(struct vx_info *vxi, unsigned long *used, unsigned long *max)
{
	*used = 0;
	*max = PAGE_COUNTER_MAX;
#ifdef CONFIG_SWAP
	if (vxi->memcg) {
		*used = page_counter_read(&vxi->memcg->swap);
		*max = READ_ONCE(vxi->memcg->swap.max);
	}
#endif
}

/**
 * vs_memcg_stat - one of the cgroup's memory.stat counters, in pages
 * @vxi: the context
 * @item: a node_stat_item (%NR_ANON_MAPPED, %NR_FILE_PAGES, ...)
 * @flush: bring the counters up to date first (cheap unless many
 *	updates are pending)
 */
unsigned long vs_memcg_stat(struct vx_info *vxi, int item, bool flush)
{
	if (!vxi->memcg)
		return 0;
	if (flush)
		mem_cgroup_flush_stats(vxi->memcg);
	return memcg_page_state(vxi->memcg, item);
}

/* How often memory.max was reached: memory.events "max". */
unsigned long vs_memcg_max_events(struct vx_info *vxi)
{
	if (!vxi->memcg)
		return 0;
	return atomic_long_read(&vxi->memcg->memory_events[MEMCG_MAX]);
}

/*
 * At boot, before anyone else mounts cgroup2: the private mount, the
 * memory controller for the root's children, and "vserver" with the
 * memory controller for its children, the contexts.
 */
static int __init vs_memcg_init(void)
{
	struct file_system_type *type;
	struct dentry *top;
	int err;

	if (mem_cgroup_disabled())
		return 0;
	type = get_fs_type("cgroup2");
	if (!type)
		return 0;
	vs_cg_mnt = kern_mount(type);
	put_filesystem(type);
	if (IS_ERR(vs_cg_mnt)) {
		err = PTR_ERR(vs_cg_mnt);
		vs_cg_mnt = NULL;
		goto fail;
	}
	vs_cg_cred = prepare_kernel_cred(&init_task);
	if (!vs_cg_cred) {
		err = -ENOMEM;
		goto fail;
	}
	err = vs_cg_write("cgroup.subtree_control", "+memory");
	if (err)
		goto fail;
	top = vs_cg_mkdir(vs_cg_mnt->mnt_root, "vserver");
	if (IS_ERR(top)) {
		err = PTR_ERR(top);
		goto fail;
	}
	err = vs_cg_write("vserver/cgroup.subtree_control", "+memory");
	if (err) {
		dput(top);
		goto fail;
	}
	WRITE_ONCE(vs_cg_top, top);
	return 0;
fail:
	pr_warn("vserver: no memory cgroups for contexts (%d): RSS limits unavailable\n",
		err);
	return 0;
}
late_initcall(vs_memcg_init);
