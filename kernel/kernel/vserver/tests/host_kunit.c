// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for what of the host a guest cannot reach: which sysctls
 * a guest may write, which filesystems are the machine's, what a guest
 * may hand the kernel to load.
 */

#include <kunit/test.h>

struct vs_sysctl_case {
	const char *desc;
	enum vs_sysctl_owner owner;
	bool ns_private;
	bool writable;
};

static const struct vs_sysctl_case vs_sysctl_cases[] = {
	{ "kernel/core_pattern", VS_SYSCTL_MACHINE, false, false },
	{ "machine sysctl, even with private namespaces", VS_SYSCTL_MACHINE,
	  true, false },
	{ "kernel/hostname in the context's UTS namespace", VS_SYSCTL_UTS, true,
	  true },
	{ "kernel/hostname in the host's UTS namespace", VS_SYSCTL_UTS, false,
	  false },
	{ "kernel/shmmax in an IPC namespace of its own", VS_SYSCTL_IPC, true,
	  true },
	{ "kernel/shmmax in the host's IPC namespace", VS_SYSCTL_IPC, false,
	  false },
	{ "net/ipv4/ip_forward in a network namespace of its own",
	  VS_SYSCTL_NET, true, true },
	{ "net/ipv4/ip_forward in the host's network namespace", VS_SYSCTL_NET,
	  false, false },
};

static void vs_sysctl_case_desc(const struct vs_sysctl_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vs_sysctl, vs_sysctl_cases, vs_sysctl_case_desc);

static void vs_test_sysctl_writable(struct kunit *test)
{
	const struct vs_sysctl_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, vs_sysctl_guest_writable(c->owner, c->ns_private),
			c->writable);
}

static void vs_test_machine_filesystems(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vs_fs_is_machine(SYSFS_MAGIC));
	KUNIT_EXPECT_TRUE(test, vs_fs_is_machine(BINFMTFS_MAGIC));
	KUNIT_EXPECT_TRUE(test, vs_fs_is_machine(DEBUGFS_MAGIC));
	KUNIT_EXPECT_TRUE(test, vs_fs_is_machine(CGROUP2_SUPER_MAGIC));
	/* A guest's own files, and /proc (decided per file). */
	KUNIT_EXPECT_FALSE(test, vs_fs_is_machine(EXT4_SUPER_MAGIC));
	KUNIT_EXPECT_FALSE(test, vs_fs_is_machine(TMPFS_MAGIC));
	KUNIT_EXPECT_FALSE(test, vs_fs_is_machine(PROC_SUPER_MAGIC));
	KUNIT_EXPECT_FALSE(test, vs_fs_is_machine(DEVPTS_SUPER_MAGIC));
}

static void vs_test_guest_loads(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vs_guest_may_load(READING_FIRMWARE));
	KUNIT_EXPECT_FALSE(test, vs_guest_may_load(READING_MODULE));
	KUNIT_EXPECT_FALSE(test, vs_guest_may_load(READING_KEXEC_IMAGE));
	KUNIT_EXPECT_FALSE(test, vs_guest_may_load(READING_KEXEC_INITRAMFS));
	KUNIT_EXPECT_FALSE(test, vs_guest_may_load(READING_POLICY));
	KUNIT_EXPECT_FALSE(test, vs_guest_may_load(READING_X509_CERTIFICATE));
	/* The two enums name the same kinds with the same numbers. */
	KUNIT_EXPECT_EQ(test, (int)LOADING_MODULE, (int)READING_MODULE);
}

static struct kunit_case vs_host_cases[] = {
	KUNIT_CASE_PARAM(vs_test_sysctl_writable, vs_sysctl_gen_params),
	KUNIT_CASE(vs_test_machine_filesystems),
	KUNIT_CASE(vs_test_guest_loads),
	{}
};

static struct kunit_suite vs_host_suite = {
	.name = "vserver_host",
	.test_cases = vs_host_cases,
};

kunit_test_suite(vs_host_suite);
