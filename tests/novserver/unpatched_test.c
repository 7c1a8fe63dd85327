// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - a CONFIG_VSERVER=n kernel is unpatched
 *
 * Run only by `make check-novserver` on the kernel built without
 * Linux-VServer: syscall 236 must answer -ENOSYS as the reserved slot did,
 * and nothing of /proc/virtual may exist.
 */

#define _GNU_SOURCE
#include <sys/stat.h>

#include "../lib/vs_common.h"
#include "kselftest_harness.h"

TEST(syscall_236_is_not_implemented)
{
	EXPECT_EQ(-ENOSYS, vs_call(VCMD_get_version, 0, NULL));
	EXPECT_EQ(-ENOSYS, vs_call(VCMD_get_vci, 0, NULL));
}

TEST(no_proc_virtual)
{
	struct stat st;

	EXPECT_EQ(-1, stat("/proc/virtual", &st));
	EXPECT_EQ(ENOENT, errno);
}

TEST_HARNESS_MAIN
