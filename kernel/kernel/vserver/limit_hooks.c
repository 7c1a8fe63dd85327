// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - charging per-context limits from LSM hooks
 *
 * Each charged object remembers the context it was charged to, so that
 * the uncharge goes to the same context even when another task (or a
 * kworker) frees it, or the creator has migrated since.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/vserver.h>

#include "context.h"
#include "limit.h"
#include "setup.h"
#include "task.h"

static inline struct vs_file *vs_file(const struct file *file)
{
	return file->f_security + vs_blob_sizes.lbs_file;
}

/*
 * Every struct file counts (open, pipe, socket, epoll, ...); refused with
 * ENFILE, the errno of a full file table: the context's table is full.
 */
static int vs_hook_file_alloc_security(struct file *file)
{
	struct vx_info *vxi;

	if (!static_branch_unlikely(&vs_active))
		return 0;
	vxi = vs_current_vxi();
	if (!vxi)
		return 0;
	if (!vx_lim_charge(&vxi->limits.res[RLIMIT_NOFILE], 1))
		return -ENFILE;
	vs_file(file)->vxi = vx_get(vxi);
	return 0;
}

/* From __fput(), task work or a kworker: only atomics and a put. */
static void vs_hook_file_free_security(struct file *file)
{
	struct vx_info *vxi = vs_file(file)->vxi;

	if (!vxi)
		return;
	vx_lim_add(&vxi->limits.res[RLIMIT_NOFILE], -1);
	vx_put(vxi);
}

static struct security_hook_list vs_limit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_alloc_security, vs_hook_file_alloc_security),
	LSM_HOOK_INIT(file_free_security, vs_hook_file_free_security),
};

void __init vs_add_limit_hooks(void)
{
	security_add_hooks(vs_limit_hooks, ARRAY_SIZE(vs_limit_hooks),
			   &vs_lsmid);
}
