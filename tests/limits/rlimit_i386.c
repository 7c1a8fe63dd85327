// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - the limit commands from 32-bit code
 *
 * Built with -m32 (scripts/build-tests.sh builds every *_i386.c so): the
 * i386 slot 273 reaches the same switch, and struct vcmd_ctx_rlimit_v0
 * has the i386 layout, 28 bytes with no padding after the id, which the
 * kernel must read and write as such.
 */

#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/limit_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

_Static_assert(sizeof(void *) == 4, "build this test with -m32");
_Static_assert(sizeof(struct vcmd_ctx_rlimit_v0) == 28, "the i386 layout");

/* Reads "soft/hard" of one row of the limit file. */
static int soft_hard(uint32_t xid, const char *name, long long *soft,
		     long long *hard)
{
	char path[64], line[256], row[16];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/virtual/%u/limit", xid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f)) {
		long long cur, min, max;

		found = sscanf(line, "%15s %lld %lld/%lld %lld/%lld", row, &cur,
			       &min, &max, soft, hard) == 6 &&
			!strncmp(row, name, strlen(name)) &&
			row[strlen(name)] == ':';
	}
	fclose(f);
	return found ? 0 : -1;
}

TEST(the_i386_slot_is_the_switch)
{
	EXPECT_LT(0, vs_call(VCMD_get_version, 0, NULL));
	EXPECT_EQ(273, __NR_vserver);
}

TEST(set_and_get_rlimit_use_the_i386_layout)
{
	const uint32_t xid = 530;
	struct {
		struct vcmd_ctx_rlimit_v0 vc;
		unsigned char canary[4];
	} buf;
	long long soft, hard;

	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	buf.vc = (struct vcmd_ctx_rlimit_v0){
		.id = RLIMIT_NPROC,
		.minimum = CRLIM_KEEP,
		.softlimit = 7,
		.maximum = 9,
	};
	ASSERT_EQ(0, vs_call(VCMD_set_rlimit, xid, &buf.vc));
	ASSERT_EQ(0, soft_hard(xid, "PROC", &soft, &hard));
	EXPECT_EQ(7, soft);
	EXPECT_EQ(9, hard);

	/* KEEP in the soft field, read at the i386 offset 12. */
	buf.vc.softlimit = CRLIM_KEEP;
	buf.vc.maximum = 8;
	ASSERT_EQ(0, vs_call(VCMD_set_rlimit, xid, &buf.vc));
	ASSERT_EQ(0, soft_hard(xid, "PROC", &soft, &hard));
	EXPECT_EQ(7, soft);
	EXPECT_EQ(8, hard);

	memset(&buf, 0xa5, sizeof(buf));
	buf.vc.id = RLIMIT_NPROC;
	ASSERT_EQ(0, vs_call(VCMD_get_rlimit, xid, &buf.vc));
	EXPECT_EQ(RLIMIT_NPROC, buf.vc.id);
	EXPECT_EQ(CRLIM_UNSET, buf.vc.minimum);
	EXPECT_EQ(7, buf.vc.softlimit);
	EXPECT_EQ(8, buf.vc.maximum);
	/* Nothing written past the 28 bytes. */
	EXPECT_EQ(0xa5, buf.canary[0]);
	EXPECT_EQ(0xa5, buf.canary[3]);

	buf.vc.id = VLIMIT_NSOCK;
	buf.vc.softlimit = CRLIM_KEEP;
	buf.vc.maximum = CRLIM_INFINITY;
	ASSERT_EQ(0, vs_call(VCMD_set_rlimit, xid, &buf.vc));
	ASSERT_EQ(0, vs_call(VCMD_get_rlimit, xid, &buf.vc));
	EXPECT_EQ(CRLIM_INFINITY, buf.vc.maximum);

	buf.vc.id = RLIMIT_CPU;
	EXPECT_EQ(-EINVAL, vs_call(VCMD_set_rlimit, xid, &buf.vc));
	EXPECT_EQ(-EFAULT, vs_call(VCMD_get_rlimit, xid, (void *)8));
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

/* Same on both ABIs: 32 bytes of u32, u32, u64, u64, u64. */
TEST(rlimit_stat_from_32_bit_code)
{
	const uint32_t xid = 531;
	struct vcmd_rlimit_stat_v0 st = { .id = RLIMIT_NPROC };

	ASSERT_EQ(32, sizeof(st));
	ASSERT_EQ(0, vs_create_persistent_ctx(xid));
	ASSERT_EQ(0, vs_call(VCMD_rlimit_stat, xid, &st));
	EXPECT_EQ(RLIMIT_NPROC, st.id);
	/* The creating task was charged, at offset 24 of both layouts. */
	EXPECT_EQ(1, st.maximum);
	EXPECT_EQ(0, vs_end_persistent_ctx(xid));
}

TEST_HARNESS_MAIN
