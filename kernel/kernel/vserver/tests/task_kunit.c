// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of capability masking by the bounding set
 *
 * Included at the end of task.c.
 */

#include <kunit/test.h>

static const u64 vs_test_bcaps = BIT_ULL(CAP_CHOWN) | BIT_ULL(CAP_KILL) |
				 BIT_ULL(CAP_NET_BIND_SERVICE);

/* util-vserver's "--secure" set: no CAP_CONTEXT (bit 63). */
static const u64 vs_test_secure =
	BIT_ULL(CAP_CHOWN) | BIT_ULL(CAP_DAC_OVERRIDE) |
	BIT_ULL(CAP_DAC_READ_SEARCH) | BIT_ULL(CAP_FOWNER) |
	BIT_ULL(CAP_FSETID) | BIT_ULL(CAP_KILL) | BIT_ULL(CAP_SETGID) |
	BIT_ULL(CAP_SETUID) | BIT_ULL(CAP_NET_BIND_SERVICE) |
	BIT_ULL(CAP_SYS_CHROOT) | BIT_ULL(CAP_SYS_PTRACE) |
	BIT_ULL(CAP_SYS_TTY_CONFIG) | BIT_ULL(CAP_LEASE);

#define VS_NO_RAW (VX_BCAPS_FULL & ~BIT_ULL(CAP_NET_RAW))
#define SETUP VXF_STATE_SETUP
#define INIT VXF_STATE_INIT

struct vs_cap_case {
	const char *desc;
	bool in_ctx;
	u64 flags;
	u64 bcaps;
	int cap;
	bool allowed;
};

/* bcaps x capability x setup state: the setup phase changes nothing. */
static const struct vs_cap_case vs_cap_cases[] = {
	/* clang-format off */
	{ "no context: sys_time", false, 0, 0, CAP_SYS_TIME, true },
	{ "no context: net_raw", false, 0, 0, CAP_NET_RAW, true },
	{ "setup, narrow: chown", true, SETUP, vs_test_bcaps, CAP_CHOWN, true },
	{ "setup, narrow: sys_time", true, SETUP, vs_test_bcaps, CAP_SYS_TIME, false },
	{ "setup, narrow: net_raw", true, SETUP, vs_test_bcaps, CAP_NET_RAW, false },
	{ "setup, narrow: sys_admin", true, SETUP, vs_test_bcaps, CAP_SYS_ADMIN, false },
	{ "setup, full: net_raw", true, SETUP, VX_BCAPS_FULL, CAP_NET_RAW, true },
	{ "setup, ~net_raw: net_raw", true, SETUP, VS_NO_RAW, CAP_NET_RAW, false },
	{ "setup, ~net_raw: sys_admin", true, SETUP, VS_NO_RAW, CAP_SYS_ADMIN, true },
	{ "running, narrow: chown", true, INIT, vs_test_bcaps, CAP_CHOWN, true },
	{ "running, narrow: bind", true, INIT, vs_test_bcaps, CAP_NET_BIND_SERVICE, true },
	{ "running, narrow: sys_time", true, INIT, vs_test_bcaps, CAP_SYS_TIME, false },
	{ "running, narrow: net_raw", true, 0, vs_test_bcaps, CAP_NET_RAW, false },
	{ "running, narrow: last cap", true, 0, vs_test_bcaps, CAP_LAST_CAP, false },
	{ "running, secure: mknod", true, 0, vs_test_secure, CAP_MKNOD, false },
	{ "running, secure: sys_module", true, 0, vs_test_secure, CAP_SYS_MODULE, false },
	{ "running, secure: sys_time", true, 0, vs_test_secure, CAP_SYS_TIME, false },
	{ "running, secure: sys_admin", true, 0, vs_test_secure, CAP_SYS_ADMIN, false },
	{ "running, secure: setuid", true, 0, vs_test_secure, CAP_SETUID, true },
	{ "running, full: sys_admin", true, 0, VX_BCAPS_FULL, CAP_SYS_ADMIN, true },
	{ "running, full: last cap", true, 0, VX_BCAPS_FULL, CAP_LAST_CAP, true },
	{ "running, full: negative cap", true, 0, VX_BCAPS_FULL, -1, false },
	/* clang-format on */
};

static void vs_cap_desc(const struct vs_cap_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_cap, vs_cap_cases, vs_cap_desc);

static void vs_test_cap_allowed(struct kunit *test)
{
	const struct vs_cap_case *t = test->param_value;
	struct vx_info vxi = { .flags = t->flags, .bcaps = t->bcaps };

	KUNIT_EXPECT_EQ(test, vx_cap_allowed(t->in_ctx ? &vxi : NULL, t->cap),
			t->allowed);
}

static void vs_test_bound_cred(struct kunit *test)
{
	struct cred cred = {
		.cap_bset = CAP_FULL_SET,
		.cap_permitted = CAP_FULL_SET,
		.cap_effective = CAP_FULL_SET,
		.cap_inheritable = { .val = BIT_ULL(CAP_SYS_TIME) },
		.cap_ambient = { .val = BIT_ULL(CAP_KILL) },
	};

	vs_bound_cred(&cred, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_bset.val, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_permitted.val, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_effective.val, vs_test_bcaps);
	KUNIT_EXPECT_EQ(test, cred.cap_inheritable.val, 0ULL);
	KUNIT_EXPECT_EQ(test, cred.cap_ambient.val, BIT_ULL(CAP_KILL));

	/* Bit 63 (CAP_CONTEXT) and other invalid bits never reach a cred. */
	cred.cap_bset = CAP_FULL_SET;
	vs_bound_cred(&cred, VX_BCAPS_FULL);
	KUNIT_EXPECT_EQ(test, cred.cap_bset.val, CAP_VALID_MASK);
	KUNIT_EXPECT_EQ(test, cred.cap_permitted.val, vs_test_bcaps);
}

static struct kunit_case vs_task_test_cases[] = {
	KUNIT_CASE_PARAM(vs_test_cap_allowed, vs_cap_gen_params),
	KUNIT_CASE(vs_test_bound_cred),
	{}
};

static struct kunit_suite vs_task_suite = {
	.name = "vserver_capabilities",
	.test_cases = vs_task_test_cases,
};

kunit_test_suite(vs_task_suite);
