// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - the space commands from an i386
 * process (slot 273)
 *
 * i386 has no tail padding after vcmd_space_mask_v2's index: the struct
 * is 12 bytes there, 16 on x86_64.  A struct that ends at the end of a
 * mapping must work; one cut before its index must not.
 */

#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/space_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "kselftest_harness.h"

_Static_assert(sizeof(void *) == 4, "build this test with -m32");
_Static_assert(sizeof(struct vcmd_space_mask_v2) == 12, "the i386 layout");

#define XID 4310

TEST(the_v2_struct_is_12_bytes_on_i386)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct vcmd_space_mask_v2 vc = { .mask = CLONE_NEWNET, .index = 1 };
	char *end;

	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(0, mprotect(map + page, page, PROT_NONE));
	end = map + page;
	ASSERT_EQ(0, vs_create_persistent_ctx(XID));

	/* The whole struct right before the unmapped page. */
	memcpy(end - sizeof(vc), &vc, sizeof(vc));
	EXPECT_EQ(0, vs_call(VCMD_set_space, XID, end - sizeof(vc)));
	EXPECT_EQ(0, vs_call(VCMD_enter_space, XID, end - sizeof(vc)));
	/* The index is read where i386 puts it. */
	vc.index = 2;
	memcpy(end - sizeof(vc), &vc, sizeof(vc));
	EXPECT_EQ(-EINVAL, vs_call(VCMD_set_space, XID, end - sizeof(vc)));
	/* Cut before its index: the kernel must not read past the end. */
	memcpy(end - 8, &vc.mask, 8);
	EXPECT_EQ(-EFAULT, vs_call(VCMD_set_space, XID, end - 8));

	EXPECT_EQ(0, vs_end_persistent_ctx(XID));
	munmap(map, 2 * page);
}

TEST_HARNESS_MAIN
