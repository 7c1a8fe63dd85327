// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - /proc/virtual and /proc/virtnet
 *
 * The text formats are those of Linux-VServer 2.3 byte for byte: admins'
 * scripts and util-vserver parse them.
 */

#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/init_task.h>
#include <linux/nsproxy.h>
#include <linux/proc_fs.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/time64.h>
#include <linux/unistd.h>
#include <linux/vserver.h>
#include <uapi/vserver/switch.h>

#include "context.h"
#include "cvirt.h"
#include "limit.h"
#include "mm.h"
#include "network.h"
#include "proc.h"
#include "task.h"
#include "vci.h"

static struct proc_dir_entry *proc_virtual;
static struct proc_dir_entry *proc_virtnet;

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
	seq_printf(m, "#CTotal:\t%d\n", atomic_read(&vx_table.total));
	seq_printf(m, "#CActive:\t%d\n", atomic_read(&vx_table.active));
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

/* /proc/virtual/<xid>/info */
static int vx_info_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;

	seq_printf(m, "ID:\t%d\n", vxi->obj.id);
	seq_printf(m, "Info:\t%p\n", vxi);
	seq_printf(m, "Init:\t%d\n", READ_ONCE(vxi->initpid));
	/* No OOM badness bias: the OOM killer's own oom_score_adj rules. */
	seq_printf(m, "OOM:\t%lld\n", 0LL);
	return 0;
}

/* /proc/virtual/<xid>/status */
static int vx_status_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	u64 bcaps = READ_ONCE(vxi->bcaps);

	seq_printf(m, "UseCnt:\t%d\n", refcount_read(&vxi->obj.usecnt));
	seq_printf(m, "Tasks:\t%d\n", atomic_read(&vxi->obj.tasks));
	seq_printf(m, "Flags:\t%016llx\n", READ_ONCE(vxi->flags));
	/* The bounding set as 32-bit words, high word first. */
	seq_printf(m, "BCaps:\t%08x%08x\n", upper_32_bits(bcaps),
		   lower_32_bits(bcaps));
	seq_printf(m, "CCaps:\t%016llx\n", READ_ONCE(vxi->ccaps));
	seq_printf(m, "Umask:\t%16llx\n", READ_ONCE(vxi->umask));
	seq_printf(m, "Wmask:\t%16llx\n", READ_ONCE(vxi->wmask));
	/* The masks of the saved namespace sets 0 and 1 (space.c). */
	seq_printf(m, "Spaces:\t%08llx %08llx\n", vs_space_mask(vxi, 0),
		   vs_space_mask(vxi, 1));
	return 0;
}

/**
 * vs_proc_pid_vinfo - /proc/<pid>/vinfo: the task's xid and its context
 * @m: the seq_file
 * @ns: the pid namespace of the /proc mount
 * @pid: the task's pid
 * @task: the task, referenced by the caller
 *
 * Return: 0.
 */
int vs_proc_pid_vinfo(struct seq_file *m, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *task)
{
	const struct vx_info *vxi;

	seq_printf(m, "XID:\t%d\n", vs_task_xid(task));
	/* The task's reference keeps vxi; RCU covers a racing migration. */
	rcu_read_lock();
	vxi = vs_task_vxi(task);
	if (vxi) {
		u64 bcaps = READ_ONCE(vxi->bcaps);

		seq_printf(m, "BCaps:\t%08x%08x\n", upper_32_bits(bcaps),
			   lower_32_bits(bcaps));
		seq_printf(m, "CCaps:\t%016llx\n", READ_ONCE(vxi->ccaps));
		seq_printf(m, "CFlags:\t%016llx\n", READ_ONCE(vxi->flags));
		seq_printf(m, "CIPid:\t%d\n", READ_ONCE(vxi->initpid));
	}
	rcu_read_unlock();
	return 0;
}

/* Rows of /proc/virtual/<xid>/limit, in Linux-VServer's order. */
static const struct {
	const char *name;
	unsigned int id;
} vx_limit_rows[] = {
	{ "PROC", RLIMIT_NPROC },    { "VM", RLIMIT_AS },
	{ "VML", RLIMIT_MEMLOCK },   { "RSS", RLIMIT_RSS },
	{ "ANON", VLIMIT_ANON },     { "RMAP", VLIMIT_MAPPED },
	{ "FILES", RLIMIT_NOFILE },  { "OFD", VLIMIT_OPENFD },
	{ "LOCKS", RLIMIT_LOCKS },   { "SOCK", VLIMIT_NSOCK },
	{ "MSGQ", RLIMIT_MSGQUEUE }, { "SHM", VLIMIT_SHMEM },
	{ "SEMA", VLIMIT_SEMARY },   { "SEMS", VLIMIT_NSEMS },
	{ "DENT", VLIMIT_DENTRY },
};

/* Limits print as in vs2.3: "no limit" is -1. */
static long long vx_lim_show_val(unsigned long val)
{
	return val == RLIM_INFINITY ? -1LL : (long long)val;
}

/* /proc/virtual/<xid>/limit, refreshed from the processes or the cgroup. */
static int vx_limit_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	int i;

	vx_limit_refresh(vxi);
	seq_puts(m, "Limit\t current\t     min/max\t\t    soft/hard\t\thits\n");
	for (i = 0; i < ARRAY_SIZE(vx_limit_rows); i++) {
		struct vx_limit *l = &vxi->limits.res[vx_limit_rows[i].id];
		long cur = atomic_long_read(&l->cur);

		vx_lim_watermarks(l, cur);
		seq_printf(m, "%s:\t%8ld\t%8ld/%8ld\t%8lld/%8lld\t%6d\n",
			   vx_limit_rows[i].name, cur,
			   atomic_long_read(&l->rmin),
			   atomic_long_read(&l->rmax),
			   vx_lim_show_val(READ_ONCE(l->soft)),
			   vx_lim_show_val(READ_ONCE(l->hard)),
			   atomic_read(&l->hits));
	}
	return 0;
}

/* /proc/virtual/<xid>/cvirt: counted over the context's tasks on read. */
static int vx_cvirt_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	struct vx_task_counts c;
	struct vx_usage u;
	u64 secs = vxi->created;
	u32 rem = do_div(secs, NSEC_PER_SEC);
	unsigned long load[3];
	int i;

	vx_update_load(vxi, &c);
	for (i = 0; i < 3; i++)
		load[i] = READ_ONCE(vxi->load[i]) + FIXED_1 / 200;
	seq_printf(m, "BiasUptime:\t%lu.%02lu\n", (unsigned long)secs,
		   (unsigned long)(rem / (NSEC_PER_SEC / 100)));
	seq_printf(m, "nr_threads:\t%d\n", c.threads);
	seq_printf(m, "nr_running:\t%u\n", c.running);
	seq_printf(m, "nr_unintr:\t%u\n", c.unintr);
	seq_printf(m, "nr_onhold:\t%d\n", 0);
	seq_printf(m, "load_updates:\t%u\n", READ_ONCE(vxi->load_updates));
	seq_printf(m, "loadavg:\t%lu.%02lu %lu.%02lu %lu.%02lu\n",
		   LOAD_INT(load[0]), LOAD_FRAC(load[0]), LOAD_INT(load[1]),
		   LOAD_FRAC(load[1]), LOAD_INT(load[2]), LOAD_FRAC(load[2]));
	seq_printf(m, "total_forks:\t%d\n", atomic_read(&vxi->total_forks));
	vx_count_usage(vxi, &u);
	seq_printf(m, "nr_processes:\t%u\n", u.processes);
	seq_printf(m, "vm_kb:\t%lu\n", u.vm_kb);
	seq_printf(m, "rss_kb:\t%lu\n", u.rss_kb);
	seq_printf(m, "utime_ns:\t%llu\n", u.utime_ns);
	seq_printf(m, "stime_ns:\t%llu\n", u.stime_ns);
	return 0;
}

/**
 * vs_proc_add_context - create /proc/virtual/<xid>
 * @vxi: a context being hashed
 *
 * Return: 0 or -ENOMEM.
 */
int vs_proc_add_context(struct vx_info *vxi)
{
	char name[12];

	snprintf(name, sizeof(name), "%u", vxi->obj.id);
	vxi->proc_dir = proc_mkdir_data(name, 0555, proc_virtual, vxi);
	if (!vxi->proc_dir)
		return -ENOMEM;
	if (!proc_create_single_data("info", 0444, vxi->proc_dir, vx_info_show,
				     vxi) ||
	    !proc_create_single_data("status", 0444, vxi->proc_dir,
				     vx_status_show, vxi) ||
	    !proc_create_single_data("limit", 0444, vxi->proc_dir,
				     vx_limit_show, vxi) ||
	    !proc_create_single_data("cvirt", 0444, vxi->proc_dir,
				     vx_cvirt_show, vxi))
		return -ENOMEM;
	return 0;
}

/*
 * Removes /proc/virtual/<xid>; waits for readers, so @vxi may be freed
 * afterwards.
 */
void vs_proc_remove_context(struct vx_info *vxi)
{
	proc_remove(vxi->proc_dir);
	vxi->proc_dir = NULL;
}

/* /proc/virtnet/status */
static int nx_global_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "#CTotal:\t%d\n", atomic_read(&nx_table.total));
	seq_printf(m, "#CActive:\t%d\n", atomic_read(&nx_table.active));
	return 0;
}

/* One IPv4 entry as vs2.3 prints it: [ip-ip2/mask:type] */
static void nx_show_v4(struct seq_file *m, const struct nx_addr_v4 *a)
{
	seq_printf(m, "[%pI4-%pI4/%pI4:%04x]", &a->ip[0], &a->ip[1], &a->mask,
		   a->type);
}

/* /proc/virtnet/<nid>/info */
static int nx_info_show(struct seq_file *m, void *v)
{
	struct nx_info *nxi = m->private;
	__be32 bcast = READ_ONCE(nxi->v4_bcast),
	       lback = READ_ONCE(nxi->v4_lback);
	const struct nx_v4_set *set;
	unsigned int i;

	seq_printf(m, "ID:\t%d\n", nxi->obj.id);
	seq_printf(m, "Info:\t%p\n", nxi);
	seq_printf(m, "Bcast:\t%pI4\n", &bcast);
	seq_printf(m, "Lback:\t%pI4\n", &lback);
	rcu_read_lock();
	set = rcu_dereference(nxi->v4);
	for (i = 0; i < set->count; i++) {
		seq_printf(m, "%u:\t", i);
		nx_show_v4(m, &set->addr[i]);
		seq_putc(m, '\n');
	}
	rcu_read_unlock();
	return 0;
}

/* /proc/virtnet/<nid>/status */
static int nx_status_show(struct seq_file *m, void *v)
{
	struct nx_info *nxi = m->private;

	seq_printf(m, "UseCnt:\t%d\n", refcount_read(&nxi->obj.usecnt));
	seq_printf(m, "Tasks:\t%d\n", atomic_read(&nxi->obj.tasks));
	seq_printf(m, "Flags:\t%016llx\n", READ_ONCE(nxi->flags));
	seq_printf(m, "NCaps:\t%016llx\n", READ_ONCE(nxi->ncaps));
	return 0;
}

/**
 * vs_proc_add_network - create /proc/virtnet/<nid>
 * @nxi: a network context being hashed
 *
 * Return: 0 or -ENOMEM.
 */
int vs_proc_add_network(struct nx_info *nxi)
{
	char name[12];

	snprintf(name, sizeof(name), "%u", nxi->obj.id);
	nxi->proc_dir = proc_mkdir_data(name, 0555, proc_virtnet, nxi);
	if (!nxi->proc_dir)
		return -ENOMEM;
	if (!proc_create_single_data("info", 0444, nxi->proc_dir, nx_info_show,
				     nxi) ||
	    !proc_create_single_data("status", 0444, nxi->proc_dir,
				     nx_status_show, nxi))
		return -ENOMEM;
	return 0;
}

void vs_proc_remove_network(struct nx_info *nxi)
{
	proc_remove(nxi->proc_dir);
	nxi->proc_dir = NULL;
}

/**
 * vs_proc_pid_ninfo - /proc/<pid>/ninfo: the task's nid and its addresses
 * @m: the seq_file
 * @ns: the pid namespace of the /proc mount
 * @pid: the task's pid
 * @task: the task, referenced by the caller
 *
 * Return: 0.
 */
int vs_proc_pid_ninfo(struct seq_file *m, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *task)
{
	const struct nx_v4_set *set;
	const struct nx_info *nxi;
	unsigned int i;

	seq_printf(m, "NID:\t%d\n", vs_task_nid(task));
	rcu_read_lock();
	nxi = vs_task_nxi(task);
	if (nxi) {
		__be32 bcast = READ_ONCE(nxi->v4_bcast);
		__be32 lback = READ_ONCE(nxi->v4_lback);

		seq_printf(m, "NCaps:\t%016llx\n", READ_ONCE(nxi->ncaps));
		seq_printf(m, "NFlags:\t%016llx\n", READ_ONCE(nxi->flags));
		seq_printf(m, "V4Root[bcast]:\t%pI4\n", &bcast);
		seq_printf(m, "V4Root[lback]:\t%pI4\n", &lback);
		set = rcu_dereference(nxi->v4);
		for (i = 0; i < set->count; i++) {
			seq_printf(m, "V4Root[%u]:\t", i);
			nx_show_v4(m, &set->addr[i]);
			seq_putc(m, '\n');
		}
	}
	rcu_read_unlock();
	return 0;
}

static int __init vs_proc_init(void)
{
	proc_virtual = proc_mkdir("virtual", NULL);
	proc_virtnet = proc_mkdir("virtnet", NULL);
	if (!proc_virtual || !proc_virtnet ||
	    !proc_create_single("info", 0444, proc_virtual, vs_info_show) ||
	    !proc_create_single("status", 0444, proc_virtual, vs_status_show) ||
	    !proc_create_single("info", 0444, proc_virtnet, vs_info_show) ||
	    !proc_create_single("status", 0444, proc_virtnet,
				nx_global_status_show)) {
		proc_remove(proc_virtual);
		proc_remove(proc_virtnet);
		return -ENOMEM;
	}
	return 0;
}
fs_initcall(vs_proc_init);
