// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - per-context resource limits: the arithmetic
 *
 * vx_lim_charge() adds to the current value first and takes the charge
 * back if that crossed the hard limit, so concurrent chargers never
 * overshoot; near the limit one of them may fail early, which errs on the
 * safe side.  Where the object cannot be refused when it is counted (a
 * lock record inserted, an address space grown, a connection grafted),
 * the room is charged beforehand, as a reservation the counting then uses
 * up or gives back: the check and the charge stay one atomic step.  Only
 * VML still checks a sum (vx_lim_avail()) ahead of the locking it bounds.
 */

#include "limit.h"

void vx_limits_init(struct vx_limits *lims)
{
	int i;

	for (i = 0; i < NUM_LIMITS; i++) {
		struct vx_limit *l = &lims->res[i];

		atomic_long_set(&l->cur, 0);
		atomic_long_set(&l->rmin, 0);
		atomic_long_set(&l->rmax, 0);
		l->soft = RLIM_INFINITY;
		l->hard = RLIM_INFINITY;
		atomic_set(&l->hits, 0);
	}
}

/**
 * vx_lim_exceeds - would a charge cross a hard limit?
 * @cur: the value after the charge
 * @n: the charge
 * @hard: the hard limit, %RLIM_INFINITY for none
 *
 * Return: true if @n is positive and @cur is above @hard.
 */
bool vx_lim_exceeds(unsigned long cur, long n, unsigned long hard)
{
	return n > 0 && hard != RLIM_INFINITY && (long)cur >= 0 && cur > hard;
}

void vx_lim_watermarks(struct vx_limit *l, long val)
{
	long old = atomic_long_read(&l->rmax);

	while (val > old && !atomic_long_try_cmpxchg(&l->rmax, &old, val))
		;
	old = atomic_long_read(&l->rmin);
	while (val < old && !atomic_long_try_cmpxchg(&l->rmin, &old, val))
		;
}

/**
 * vx_lim_charge - charge a resource unless that crosses its hard limit
 * @l: the resource
 * @n: how much
 *
 * A refused charge counts a hit.
 *
 * Return: true if charged.
 */
bool vx_lim_charge(struct vx_limit *l, long n)
{
	long val = atomic_long_add_return(n, &l->cur);

	if (vx_lim_exceeds(val, n, READ_ONCE(l->hard))) {
		atomic_long_sub(n, &l->cur);
		atomic_inc(&l->hits);
		return false;
	}
	vx_lim_watermarks(l, val);
	return true;
}

/**
 * vx_lim_avail - would a charge fit under the hard limit?
 * @l: the resource
 * @n: how much
 *
 * For checks ahead of a charge that cannot be refused later; a "no"
 * counts a hit.
 *
 * Return: true if @n more fits.
 */
bool vx_lim_avail(struct vx_limit *l, long n)
{
	if (!vx_lim_exceeds(atomic_long_read(&l->cur) + n, n,
			    READ_ONCE(l->hard)))
		return true;
	atomic_inc(&l->hits);
	return false;
}

/**
 * vx_lim_add - charge or uncharge a resource without a limit check
 * @l: the resource
 * @n: how much; negative to uncharge
 *
 * For what was already charged, and for what an administrator moves into
 * a context (migration), which a limit must not refuse.
 */
void vx_lim_add(struct vx_limit *l, long n)
{
	vx_lim_watermarks(l, atomic_long_add_return(n, &l->cur));
}

static unsigned long vx_lim_from_user(u64 val)
{
	return val == CRLIM_INFINITY ? RLIM_INFINITY : (unsigned long)val;
}

/* The user ABI spells "no limit" %CRLIM_INFINITY. */
u64 vx_lim_to_user(unsigned long val)
{
	return val == RLIM_INFINITY ? CRLIM_INFINITY : val;
}

/**
 * vx_lim_set - the set_rlimit arithmetic
 * @l: the resource
 * @soft: the new soft limit, or %CRLIM_KEEP
 * @hard: the new hard limit, or %CRLIM_KEEP
 *
 * The soft limit never exceeds the hard one.  Writers hold the context's
 * lock; chargers read each limit once.
 */
void vx_lim_set(struct vx_limit *l, u64 soft, u64 hard)
{
	unsigned long s = l->soft, h = l->hard;

	if (hard != CRLIM_KEEP)
		h = vx_lim_from_user(hard);
	if (soft != CRLIM_KEEP)
		s = vx_lim_from_user(soft);
	if (s > h)
		s = h;
	WRITE_ONCE(l->hard, h);
	WRITE_ONCE(l->soft, s);
}

/* reset_minmax: both watermarks become the current value. */
void vx_lim_reset_minmax(struct vx_limit *l)
{
	long val = atomic_long_read(&l->cur);

	atomic_long_set(&l->rmin, val);
	atomic_long_set(&l->rmax, val);
}
