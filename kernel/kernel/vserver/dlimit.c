// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - disk limits per (filesystem, tag)
 *
 * A disk limit is the project quota of the tag on a tagged filesystem:
 * the tag is the inode's project id (fs.c), the quota subsystem counts
 * usage exactly and keeps it, with the limits, in the filesystem's quota
 * inode, so nothing is lost over an unmount or a reboot and repquota -P
 * and setquota -P see the same numbers as vdlimit.  The mapping:
 *
 *   space_total   block hard limit (bytes; kept in whole KiB on disk)
 *   reserved      block soft limit = the non-root share of space_total
 *   inodes_total  inode hard limit
 *
 * Project quota reads a limit of 0 as "none", so CDLIM_INFINITY is kept
 * as the format's largest value and a total of 0 as the smallest one
 * (1 KiB, 1 inode); a record exists while any limit is set.
 * fs/quota/dquot.c asks vs_dquot_binds() whether a guest's root may pass
 * the hard limit (never) and how the soft limit works (at once, for
 * non-root only: it is root's reserve, not a grace period).
 */

#include <linux/compat.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/namei.h>
#include <linux/quota.h>
#include <linux/quotaops.h>
#include <linux/statfs.h>
#include <linux/vserver.h>
#include <uapi/vserver/dlimit_cmd.h>

#include "cmds.h"
#include "compat.h"
#include "dlimit.h"
#include "task.h"

/**
 * vs_dlim_to_bytes - a space value of the commands in bytes
 * @value: the value, or %CDLIM_INFINITY
 * @flags: the command's flags: KiB without %DLIMF_SHIFT, else the
 *	exponent of 1024 in the two bits at @shift
 * @shift: %DLIMS_USED or %DLIMS_TOTAL
 *
 * Return: bytes, or %VS_DLIM_INFINITY.
 */
u64 vs_dlim_to_bytes(u32 value, u32 flags, unsigned int shift)
{
	unsigned int exp = DLIME_KILO;

	if (value == CDLIM_INFINITY)
		return VS_DLIM_INFINITY;
	if (flags & DLIMF_SHIFT)
		exp = (flags >> shift) & 3;
	return (u64)value << (10 * exp);
}

/**
 * vs_dlim_from_bytes - bytes as a space value of the commands
 * @bytes: bytes, or %VS_DLIM_INFINITY
 * @flags: as for vs_dlim_to_bytes(); with %DLIMF_SHIFT the smallest
 *	exponent that fits is chosen and written back
 * @shift: %DLIMS_USED or %DLIMS_TOTAL
 *
 * Return: the value, rounded down, at most %CDLIM_KEEP - 1.
 */
u32 vs_dlim_from_bytes(u64 bytes, u32 *flags, unsigned int shift)
{
	unsigned int exp = DLIME_KILO;

	if (bytes == VS_DLIM_INFINITY)
		return CDLIM_INFINITY;
	if (*flags & DLIMF_SHIFT) {
		for (exp = DLIME_UNIT; exp < DLIME_GIGA; exp++)
			if ((bytes >> (10 * exp)) < CDLIM_KEEP)
				break;
		*flags = (*flags & ~(3U << shift)) | (exp << shift);
	}
	return min_t(u64, bytes >> (10 * exp), CDLIM_KEEP - 1);
}

/* The non-root share of a reserved percentage, 1024 = all (vs2.3). */
u32 vs_dlim_nrlmult(u32 reserved)
{
	return 1024 * (100 - reserved) / 100;
}

u32 vs_dlim_reserved(u32 nrlmult)
{
	return 100 - ((nrlmult * 100 + 512) >> 10);
}

/* Bytes non-root may use: the base of f_bavail and of the soft limit. */
u64 vs_dlim_nonroot_share(u64 space_total, u32 nrlmult)
{
	if (space_total == VS_DLIM_INFINITY)
		return VS_DLIM_INFINITY;
	return (space_total >> 10) * nrlmult;
}

static u64 vs_dlim_left(u64 total, u64 used)
{
	return total > used ? total - used : 0;
}

/**
 * vs_dlim_clamp_statfs - what df shows a guest (vs2.3's vx_vsi_statfs)
 * @buf: the filesystem's answer, clamped in place
 * @dl: the caller's record
 * @blocksize_bits: log2 of @buf->f_bsize
 *
 * Each count only shrinks; an unlimited side is left alone, and a
 * guest over its limit sees nothing free.
 */
void vs_dlim_clamp_statfs(struct kstatfs *buf, const struct vs_dlimit *dl,
			  unsigned int blocksize_bits)
{
	u64 share;

	if (dl->inodes_total != VS_DLIM_INFINITY) {
		buf->f_files = min(buf->f_files, dl->inodes_total);
		buf->f_ffree = min(buf->f_ffree, vs_dlim_left(dl->inodes_total,
							      dl->inodes_used));
	}
	if (dl->space_total == VS_DLIM_INFINITY)
		return;
	share = vs_dlim_nonroot_share(dl->space_total, dl->nrlmult);
	buf->f_blocks = min(buf->f_blocks, dl->space_total >> blocksize_bits);
	buf->f_bfree = min(buf->f_bfree,
			   vs_dlim_left(dl->space_total, dl->space_used) >>
				   blocksize_bits);
	buf->f_bavail =
		min(buf->f_bavail,
		    vs_dlim_left(share, dl->space_used) >> blocksize_bits);
}

/* Project quota's view: what a record's totals are kept as. */
static u64 vs_dq_space_inf(struct super_block *sb)
{
	return round_down(sb_dqopt(sb)->info[PRJQUOTA].dqi_max_spc_limit, 1024);
}

static u64 vs_dq_inodes_inf(struct super_block *sb)
{
	return sb_dqopt(sb)->info[PRJQUOTA].dqi_max_ino_limit;
}

#define VS_DQ_LIMITS (QC_SPC_SOFT | QC_SPC_HARD | QC_INO_SOFT | QC_INO_HARD)
#define VS_DQ_SPACE_ZERO 1024ULL
#define VS_DQ_INODES_ZERO 1ULL

/*
 * The soft limit of a reserve: the non-root share in whole KiB (what the
 * quota file keeps), none without a reserve.
 */
static u64 vs_dq_soft(u64 hard, u32 nrlmult)
{
	if (nrlmult >= 1024)
		return 0;
	return max(round_down(vs_dlim_nonroot_share(hard, nrlmult), 1024),
		   VS_DQ_SPACE_ZERO);
}

/* ... and back: rounding up undoes the rounding down above. */
static u32 vs_dq_nrlmult(u64 soft, u64 hard)
{
	if (!soft || hard < 1024)
		return 1024;
	return min_t(u64, 1024, DIV_ROUND_UP_ULL(soft, hard >> 10));
}

static bool vs_dq_present(const struct qc_dqblk *qc)
{
	return qc->d_spc_hardlimit || qc->d_spc_softlimit ||
	       qc->d_ino_hardlimit || qc->d_ino_softlimit;
}

static void vs_dq_decode(struct super_block *sb, const struct qc_dqblk *qc,
			 struct vs_dlimit *dl)
{
	u64 hard = qc->d_spc_hardlimit, ihard = qc->d_ino_hardlimit;

	dl->space_used = qc->d_space;
	dl->inodes_used = qc->d_ino_count;
	if (!hard || hard >= vs_dq_space_inf(sb))
		dl->space_total = VS_DLIM_INFINITY;
	else
		dl->space_total = hard == VS_DQ_SPACE_ZERO ? 0 : hard;
	if (!ihard || ihard >= vs_dq_inodes_inf(sb))
		dl->inodes_total = VS_DLIM_INFINITY;
	else
		dl->inodes_total = ihard == VS_DQ_INODES_ZERO ? 0 : ihard;
	dl->nrlmult = 1024;
	if (dl->space_total != VS_DLIM_INFINITY)
		dl->nrlmult = vs_dq_nrlmult(qc->d_spc_softlimit, hard);
}

static void vs_dq_encode(struct super_block *sb, const struct vs_dlimit *dl,
			 struct qc_dqblk *qc)
{
	*qc = (struct qc_dqblk){
		.d_fieldmask = VS_DQ_LIMITS,
	};
	if (dl->space_total == VS_DLIM_INFINITY) {
		qc->d_spc_hardlimit = vs_dq_space_inf(sb);
	} else {
		qc->d_spc_hardlimit = max(round_down(dl->space_total, 1024),
					  VS_DQ_SPACE_ZERO);
		qc->d_spc_softlimit =
			vs_dq_soft(qc->d_spc_hardlimit, dl->nrlmult);
	}
	if (dl->inodes_total == VS_DLIM_INFINITY)
		qc->d_ino_hardlimit = vs_dq_inodes_inf(sb);
	else
		qc->d_ino_hardlimit = max(dl->inodes_total, VS_DQ_INODES_ZERO);
}

static struct kqid vs_dq_id(u32 tag)
{
	return make_kqid_projid(make_kprojid(&init_user_ns, tag));
}

static bool vs_dq_supported(struct super_block *sb)
{
	const struct quotactl_ops *ops = sb->s_qcop;

	return (sb->s_iflags & SB_I_VS_TAGGED) && ops && ops->get_dqblk &&
	       ops->set_dqblk && ops->quota_enable;
}

/*
 * The record's filesystem: the one holding @name (not following a final
 * symlink).  -EINVAL if it is not mounted with "tag", -EOPNOTSUPP if it
 * has no project quota.
 */
static int vs_dlimit_lookup(const char __user *name, struct path *path)
{
	int err = user_path_at(AT_FDCWD, name, 0, path);

	if (err)
		return err;
	if (!(path->dentry->d_sb->s_iflags & SB_I_VS_TAGGED))
		err = -EINVAL;
	else if (!vs_dq_supported(path->dentry->d_sb))
		err = -EOPNOTSUPP;
	if (err)
		path_put(path);
	return err;
}

/* Reads the record under s_umount, as quotactl does; -ESRCH if none. */
static int vs_dq_get(struct super_block *sb, u32 tag, struct qc_dqblk *qc)
{
	int err = -EOPNOTSUPP;

	if (sb_has_quota_usage_enabled(sb, PRJQUOTA))
		err = sb->s_qcop->get_dqblk(sb, vs_dq_id(tag), qc);
	if (!err && !vs_dq_present(qc))
		err = -ESRCH;
	return err;
}

/* Limits must bite: a remount from notag to tag leaves them off. */
static int vs_dq_enforce(struct super_block *sb)
{
	int err = 0;

	down_write(&sb->s_umount);
	if (!sb_has_quota_limits_enabled(sb, PRJQUOTA))
		err = sb->s_qcop->quota_enable(sb, FS_QUOTA_PDQ_ENFD);
	up_write(&sb->s_umount);
	return err;
}

/* add, remove, set: the host's, on a writable filesystem. */
static int vs_dlimit_may_change(const struct path *path)
{
	if (vs_task_xid(current) >= VX_ID_MIN)
		return -EPERM;
	if (sb_rdonly(path->dentry->d_sb))
		return -EROFS;
	return 0;
}

static int vs_dlimit_base_in(const void __user *data, const char __user **name)
{
	struct vcmd_ctx_dlimit_base_v0_x32 x;
	struct vcmd_ctx_dlimit_base_v0 vc;

	if (in_compat_syscall()) {
		if (copy_from_user(&x, data, sizeof(x)))
			return -EFAULT;
		*name = compat_ptr(x.name);
		return 0;
	}
	if (copy_from_user(&vc, data, sizeof(vc)))
		return -EFAULT;
	*name = (const char __user *)vc.name;
	return 0;
}

/* The native layout, whatever the caller's; @name in @vc is a cookie. */
static int vs_dlimit_in(const void __user *data, struct vcmd_ctx_dlimit_v0 *vc,
			const char __user **name)
{
	struct vcmd_ctx_dlimit_v0_x32 x;

	if (!in_compat_syscall()) {
		if (copy_from_user(vc, data, sizeof(*vc)))
			return -EFAULT;
		*name = (const char __user *)vc->name;
		return 0;
	}
	if (copy_from_user(&x, data, sizeof(x)))
		return -EFAULT;
	*vc = (struct vcmd_ctx_dlimit_v0){ NULL,	   x.space_used,
					   x.space_total,  x.inodes_used,
					   x.inodes_total, x.reserved,
					   x.flags };
	*name = compat_ptr(x.name);
	return 0;
}

/* Everything after the name goes back; the name stays as it was. */
static int vs_dlimit_out(void __user *data, const struct vcmd_ctx_dlimit_v0 *vc)
{
	size_t at =
		in_compat_syscall() ?
			offsetof(struct vcmd_ctx_dlimit_v0_x32, space_used) :
			offsetof(struct vcmd_ctx_dlimit_v0, space_used);
	size_t len =
		sizeof(*vc) - offsetof(struct vcmd_ctx_dlimit_v0, space_used);

	return copy_to_user(data + at, &vc->space_used, len) ? -EFAULT : 0;
}

/*
 * What add, rem, set and get do with the record: @got is what
 * vs_dq_get() answered (0, or -ESRCH when there is no record), @qc the
 * record; @arg the command's own data.
 */
typedef int (*vs_dlimit_op)(struct super_block *sb, u32 tag, int got,
			    struct qc_dqblk *qc, void *arg);

/*
 * The frame of every dlimit command: the record of @tag on the filesystem
 * holding @name, read and changed under s_umount as quotactl does.
 * @change (add, rem, set): only the host, on a writable filesystem, with
 * enforcement on.  A guest reaches only its own tag's record: another
 * tag's looks absent (ESRCH, as when there is no record).
 */
static int vs_dlimit_run(const char __user *name, u32 tag, bool change,
			 vs_dlimit_op op, void *arg)
{
	struct super_block *sb;
	struct qc_dqblk qc;
	struct path path;
	int err;

	if (vs_task_xid(current) >= VX_ID_MIN && tag != vs_task_tag(current))
		return -ESRCH;
	err = vs_dlimit_lookup(name, &path);
	if (err)
		return err;
	sb = path.dentry->d_sb;
	if (change) {
		err = vs_dlimit_may_change(&path);
		if (!err)
			err = vs_dq_enforce(sb);
	}
	if (!err) {
		down_read(&sb->s_umount);
		err = op(sb, tag, vs_dq_get(sb, tag, &qc), &qc, arg);
		up_read(&sb->s_umount);
	}
	path_put(&path);
	return err;
}

static int vs_dq_set(struct super_block *sb, u32 tag, struct qc_dqblk *qc)
{
	return sb->s_qcop->set_dqblk(sb, vs_dq_id(tag), qc);
}

static int vs_dlimit_add(struct super_block *sb, u32 tag, int got,
			 struct qc_dqblk *qc, void *arg)
{
	/* Unlimited, not vs2.3's zeros: a 0 would stop the guest. */
	static const struct vs_dlimit fresh = {
		.space_total = VS_DLIM_INFINITY,
		.inodes_total = VS_DLIM_INFINITY,
		.nrlmult = 1024,
	};

	if (!got)
		return -EEXIST;
	if (got != -ESRCH)
		return got;
	vs_dq_encode(sb, &fresh, qc);
	return vs_dq_set(sb, tag, qc);
}

static int vs_dlimit_rem(struct super_block *sb, u32 tag, int got,
			 struct qc_dqblk *qc, void *arg)
{
	if (got)
		return got;
	/* No limit left: quota keeps counting, but binds no more. */
	*qc = (struct qc_dqblk){ .d_fieldmask = VS_DQ_LIMITS };
	return vs_dq_set(sb, tag, qc);
}

/* -EINVAL for reserved > 100 or used > total, each unless kept. */
static int vs_dlimit_check(const struct vcmd_ctx_dlimit_v0 *vc)
{
	u64 used, total;

	if (vc->reserved != CDLIM_KEEP && vc->reserved > 100)
		return -EINVAL;
	if (vc->space_used != CDLIM_KEEP && vc->space_total != CDLIM_KEEP) {
		used = vs_dlim_to_bytes(vc->space_used, vc->flags, DLIMS_USED);
		total = vs_dlim_to_bytes(vc->space_total, vc->flags,
					 DLIMS_TOTAL);
		if (used > total)
			return -EINVAL;
	}
	if (vc->inodes_used != CDLIM_KEEP && vc->inodes_total != CDLIM_KEEP &&
	    vc->inodes_total != CDLIM_INFINITY &&
	    vc->inodes_used > vc->inodes_total)
		return -EINVAL;
	return 0;
}

/*
 * The used values are checked but not stored: quota counts usage
 * exactly, so what vserver.start restores from its cache is stale at
 * best (Documentation/design.md, "Disks").
 */
static void vs_dlimit_apply(struct vs_dlimit *dl,
			    const struct vcmd_ctx_dlimit_v0 *vc)
{
	if (vc->space_total != CDLIM_KEEP)
		dl->space_total = vs_dlim_to_bytes(vc->space_total, vc->flags,
						   DLIMS_TOTAL);
	if (vc->inodes_total != CDLIM_KEEP)
		dl->inodes_total = vc->inodes_total == CDLIM_INFINITY ?
					   VS_DLIM_INFINITY :
					   vc->inodes_total;
	if (vc->reserved != CDLIM_KEEP)
		dl->nrlmult = vs_dlim_nrlmult(vc->reserved);
}

static int vs_dlimit_set(struct super_block *sb, u32 tag, int got,
			 struct qc_dqblk *qc, void *arg)
{
	struct vs_dlimit dl;

	if (got)
		return got;
	vs_dq_decode(sb, qc, &dl);
	vs_dlimit_apply(&dl, arg);
	vs_dq_encode(sb, &dl, qc);
	return vs_dq_set(sb, tag, qc);
}

static int vs_dlimit_get(struct super_block *sb, u32 tag, int got,
			 struct qc_dqblk *qc, void *arg)
{
	struct vcmd_ctx_dlimit_v0 *vc = arg;
	struct vs_dlimit dl;

	if (got)
		return got;
	vs_dq_decode(sb, qc, &dl);
	vc->space_used =
		vs_dlim_from_bytes(dl.space_used, &vc->flags, DLIMS_USED);
	vc->space_total =
		vs_dlim_from_bytes(dl.space_total, &vc->flags, DLIMS_TOTAL);
	vc->inodes_used = min_t(u64, dl.inodes_used, CDLIM_KEEP - 1);
	vc->inodes_total = CDLIM_INFINITY;
	if (dl.inodes_total != VS_DLIM_INFINITY)
		vc->inodes_total = min_t(u64, dl.inodes_total, CDLIM_KEEP - 1);
	vc->reserved = vs_dlim_reserved(dl.nrlmult);
	return 0;
}

long vc_add_dlimit(const struct vs_call *call)
{
	const char __user *name;
	int err = vs_dlimit_base_in(call->data, &name);

	return err ?: vs_dlimit_run(name, call->id, true, vs_dlimit_add, NULL);
}

long vc_rem_dlimit(const struct vs_call *call)
{
	const char __user *name;
	int err = vs_dlimit_base_in(call->data, &name);

	return err ?: vs_dlimit_run(name, call->id, true, vs_dlimit_rem, NULL);
}

long vc_set_dlimit(const struct vs_call *call)
{
	struct vcmd_ctx_dlimit_v0 vc;
	const char __user *name;
	int err;

	err = vs_dlimit_in(call->data, &vc, &name);
	if (!err)
		err = vs_dlimit_check(&vc);
	return err ?: vs_dlimit_run(name, call->id, true, vs_dlimit_set, &vc);
}

long vc_get_dlimit(const struct vs_call *call)
{
	struct vcmd_ctx_dlimit_v0 vc;
	const char __user *name;
	int err;

	err = vs_dlimit_in(call->data, &vc, &name);
	if (!err)
		err = vs_dlimit_run(name, call->id, false, vs_dlimit_get, &vc);
	return err ?: vs_dlimit_out(call->data, &vc);
}

/* Called by fs/quota/dquot.c under dq_dqb_lock: atomic. */
bool __vs_dquot_binds(const struct super_block *sb, int type)
{
	return type == PRJQUOTA && (sb->s_iflags & SB_I_VS_TAGGED);
}
EXPORT_SYMBOL_GPL(__vs_dquot_binds);

bool __vs_dquot_binds_root(void)
{
	return vs_task_xid(current) >= VX_ID_MIN;
}
EXPORT_SYMBOL_GPL(__vs_dquot_binds_root);

bool __vs_dquot_reserve(const struct dquot *dquot, long long space, int *ret)
{
	qsize_t soft = dquot->dq_dqb.dqb_bsoftlimit;

	if (!__vs_dquot_binds(dquot->dq_sb, dquot->dq_id.type))
		return false;
	/* Root is fsuid 0, as for the filesystem's own root reserve. */
	if (soft && space > soft && !uid_eq(current_fsuid(), GLOBAL_ROOT_UID))
		*ret = -EDQUOT;
	return true;
}
EXPORT_SYMBOL_GPL(__vs_dquot_reserve);

/*
 * df in a guest: statfs from a task of a context (xid >= 2) on a tagged
 * filesystem shows its record, if it has one.  statfs_by_dentry() may
 * sleep.
 */
void __vs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct vs_dlimit dl;
	struct qc_dqblk qc;

	if (vs_task_xid(current) < VX_ID_MIN || !vs_dq_supported(sb))
		return;
	/*
	 * Not under s_umount: ustat() calls in with it held.  dqget()
	 * copes with quota going off meanwhile, as for ext4_statfs().
	 */
	if (!vs_dq_get(sb, vs_task_tag(current), &qc)) {
		vs_dq_decode(sb, &qc, &dl);
		vs_dlim_clamp_statfs(buf, &dl, sb->s_blocksize_bits);
	}
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "tests/dlimit_kunit.c"
#endif
