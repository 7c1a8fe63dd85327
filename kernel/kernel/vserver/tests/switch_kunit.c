// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - KUnit tests of the syscall switch
 *
 * Included at the end of switch.c so that static functions stay static.
 * Run with: ./tools/testing/kunit/kunit.py run --kunitconfig kernel/vserver
 * or boot a kernel with CONFIG_VSERVER_KUNIT_TEST=y (make kunit).
 */

#include <kunit/test.h>

/* Command words from the Linux-VServer 2.3 reference, computed by hand. */
struct vs_encoding_case {
	const char *desc;
	u32 cat, num, ver;
	u32 expected;
};

static const struct vs_encoding_case vs_encoding_cases[] = {
	{ "get_version", VC_CAT_VERSION, 0, 0, 0x00000000 },
	{ "get_vci", VC_CAT_VERSION, 1, 0, 0x00010000 },
	{ "set_vhi_name", VC_CAT_VHOST, 1, 0, 0x02010000 },
	{ "ctx_create", VC_CAT_VPROC, 1, 1, 0x09010001 },
	{ "ctx_migrate", VC_CAT_PROCMIG, 1, 1, 0x0b010001 },
	{ "ctx_kill", VC_CAT_PROCTRL, 1, 0, 0x0c010000 },
	{ "net_create", VC_CAT_VNET, 1, 1, 0x19010001 },
	{ "net_add_ipv4_v1", VC_CAT_NETALT, 1, 1, 0x1a010001 },
	{ "net_rem_ipv4", VC_CAT_NETALT, 2, 2, 0x1a020002 },
	{ "tag_migrate", VC_CAT_TAGMIG, 1, 0, 0x23010000 },
	{ "get_dlimit", VC_CAT_DLIMIT, 6, 0, 0x24060000 },
	{ "set_iattr", VC_CAT_INODE, 2, 1, 0x26020001 },
	{ "rlimit_stat", VC_CAT_VSTAT, 1, 0, 0x28010000 },
	{ "task_xid", VC_CAT_VINFO, 1, 0, 0x2e010000 },
	{ "wait_exit", VC_CAT_EVENT, 99, 0, 0x30630000 },
	{ "set_bcaps", VC_CAT_FLAGS, 10, 0, 0x340a0000 },
	{ "set_rlimit", VC_CAT_RLIMIT, 2, 0, 0x3c020000 },
	{ "new_s_context", VC_CAT_COMPAT, 1, 1, 0x3f010001 },
	/* Out-of-range fields are truncated, never spill into neighbours. */
	{ "category truncated", 0x7F, 0, 0, 0x3f000000 },
	{ "number truncated", 0, 0x1FF, 0, 0x00ff0000 },
	{ "version truncated", 0, 0, 0x1FFF, 0x00000fff },
};

static void vs_encoding_desc(const struct vs_encoding_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_encoding, vs_encoding_cases, vs_encoding_desc);

static void vs_test_encoding(struct kunit *test)
{
	const struct vs_encoding_case *t = test->param_value;
	u32 cmd = VC_CMD(t->cat, t->num, t->ver);

	KUNIT_EXPECT_EQ(test, cmd, t->expected);
	KUNIT_EXPECT_EQ(test, VC_CATEGORY(cmd), t->cat & 0x3F);
	KUNIT_EXPECT_EQ(test, VC_COMMAND(cmd), t->num & 0xFF);
	KUNIT_EXPECT_EQ(test, VC_VERSION(cmd), t->ver & 0xFFF);
}

static void vs_test_table_sorted(struct kunit *test)
{
	size_t i;

	for (i = 1; i < ARRAY_SIZE(vs_cmds); i++)
		KUNIT_EXPECT_LT_MSG(test, vs_cmds[i - 1].cmd, vs_cmds[i].cmd,
				    "row %zu out of order", i);
}

static void vs_test_table_rows(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vs_cmds); i++) {
		const struct vs_cmd *c = &vs_cmds[i];

		KUNIT_EXPECT_NOT_NULL(test, c->handler);
		KUNIT_EXPECT_LE(test, c->perm, 9);
		KUNIT_EXPECT_LE(test, c->target, VS_TARGET_NX);
		/* A setup command is an admin command opened to setup. */
		if (c->flags & VCF_SETUP)
			KUNIT_EXPECT_TRUE(test, c->flags & VCF_ADMIN);
		KUNIT_EXPECT_PTR_EQ(test, vs_cmd_find(c->cmd), c);
	}
}

static void vs_test_find_unknown(struct kunit *test)
{
	static const u32 unknown[] = {
		0xdeadbeef,
		VC_CMD(VC_CAT_VERSION, 2, 0),
		VC_CMD(VC_CAT_VERSION, 0, 1), /* known command, other version */
		VC_CMD(VC_CAT_COMPAT, 1, 1), /* legacy, not in vs2.3 */
		0xffffffff,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		KUNIT_EXPECT_NULL(test, vs_cmd_find(unknown[i]));
}

/* The capabilities the fake caller holds, as a bit mask of cap numbers. */
static u64 vs_fake_caps;

static bool vs_fake_capable(int cap)
{
	return vs_fake_caps & BIT_ULL(cap);
}

#define CTX BIT_ULL(VS_CAP_CONTEXT)
#define ADM BIT_ULL(CAP_SYS_ADMIN)
#define RES BIT_ULL(CAP_SYS_RESOURCE)

struct vs_perm_case {
	const char *desc;
	u8 perm, flags;
	u64 caps;
	bool host, setup;
	int expected;
};

static const struct vs_perm_case vs_perm_cases[] = {
	{ "no CAP_CONTEXT hides even get_version", 0, 0, 0, true, false,
	  -ENOSYS },
	{ "no CAP_CONTEXT hides admin cmds", 8, VCF_ARES, ADM | RES, true,
	  false, -ENOSYS },
	{ "level 0 needs only CAP_CONTEXT", 0, 0, CTX, true, false, 0 },
	{ "level 1 needs only CAP_CONTEXT", 1, 0, CTX, false, false, 0 },
	{ "level 2 needs CAP_SYS_ADMIN", 2, 0, CTX, true, false, -EPERM },
	{ "level 3 info with CAP_SYS_ADMIN", 3, VCF_INFO, CTX | ADM, false,
	  false, 0 },
	{ "admin cmd needs CAP_SYS_RESOURCE", 5, VCF_ADMIN, CTX | ADM, true,
	  false, -EPERM },
	{ "admin cmd from host", 5, VCF_ADMIN, CTX | ADM | RES, true, false,
	  0 },
	{ "admin cmd from guest", 5, VCF_ADMIN, CTX | ADM | RES, false, false,
	  -EPERM },
	{ "admin cmd from guest in setup", 5, VCF_ADMIN, CTX | ADM | RES, false,
	  true, -EPERM },
	{ "setup cmd from guest in setup", 7, VCF_ARES | VCF_SETUP,
	  CTX | ADM | RES, false, true, 0 },
	{ "setup cmd from guest after setup", 7, VCF_ARES | VCF_SETUP,
	  CTX | ADM | RES, false, false, -EPERM },
	{ "setup cmd without CAP_SYS_RESOURCE", 7, VCF_ARES | VCF_SETUP,
	  CTX | ADM, false, true, -EPERM },
	{ "resource cmd from host", 8, VCF_ARES, CTX | ADM | RES, true, false,
	  0 },
};

static void vs_perm_desc(const struct vs_perm_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_perm, vs_perm_cases, vs_perm_desc);

static void vs_test_permission(struct kunit *test)
{
	const struct vs_perm_case *t = test->param_value;
	const struct vs_cmd c = { .perm = t->perm, .flags = t->flags };
	const struct vs_caller who = {
		.capable = vs_fake_capable,
		.host = t->host,
		.setup = t->setup,
	};

	vs_fake_caps = t->caps;
	KUNIT_EXPECT_EQ(test, vs_cmd_permission(&c, &who), t->expected);
}

#undef CTX
#undef ADM
#undef RES

static void vs_test_version_ignores_id(struct kunit *test)
{
	static const u32 ids[] = { 0, 1, 63, 0xffffffff };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		const struct vs_call call = { .cmd = VCMD_get_version,
					      .id = ids[i] };

		KUNIT_EXPECT_EQ(test, vc_get_version(&call), 0x00020308L);
	}
}

static void vs_test_vci_bits(struct kunit *test)
{
	const struct vs_call call = { .cmd = VCMD_get_vci };
	long vci = vc_get_vci(&call);

	/* Context ids are static: util-vserver must not expect dynamic ones. */
	KUNIT_EXPECT_TRUE(test, vci & BIT(VCI_KCBIT_NO_DYNAMIC));
	/*
	 * The tag has a field of its own (the project id), not bits of
	 * uid/gid, and a task's tag may differ from its xid.
	 */
	KUNIT_EXPECT_EQ(test, vci & VCI_TAGGED_MASK,
			VCI_TAGGED_INTERN << VCI_KCBIT_TAGGED);
	KUNIT_EXPECT_TRUE(test, vci & BIT(VCI_KCBIT_PPTAG));
	KUNIT_EXPECT_GE(test, vci, 0);
}

/* A context in its setup phase is administered with the task's own creds. */
static void vs_test_setup_cred(struct kunit *test)
{
	struct user_namespace other = {};
	struct cred cred = {
		.user_ns = &init_user_ns,
		.cap_effective = { .val = BIT_ULL(CAP_SYS_ADMIN) },
	};

	KUNIT_EXPECT_TRUE(test, vs_setup_cred_capable(&cred, CAP_SYS_ADMIN));
	KUNIT_EXPECT_FALSE(test,
			   vs_setup_cred_capable(&cred, CAP_SYS_RESOURCE));
	/* Capabilities held in a user namespace of its own do not count. */
	cred.user_ns = &other;
	KUNIT_EXPECT_FALSE(test, vs_setup_cred_capable(&cred, CAP_SYS_ADMIN));
}

static struct kunit_case vs_switch_cases[] = {
	KUNIT_CASE_PARAM(vs_test_encoding, vs_encoding_gen_params),
	KUNIT_CASE(vs_test_table_sorted),
	KUNIT_CASE(vs_test_table_rows),
	KUNIT_CASE(vs_test_find_unknown),
	KUNIT_CASE_PARAM(vs_test_permission, vs_perm_gen_params),
	KUNIT_CASE(vs_test_setup_cred),
	KUNIT_CASE(vs_test_version_ignores_id),
	KUNIT_CASE(vs_test_vci_bits),
	{}
};

static struct kunit_suite vs_switch_suite = {
	.name = "vserver_switch",
	.test_cases = vs_switch_cases,
};

kunit_test_suite(vs_switch_suite);
