/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer integration tests - raw syscall and privilege helpers
 *
 * Static inlines, not a library: each test program must stay a single
 * self-contained static binary that checks the kernel's exact answers,
 * independent of libvserver.
 */

#ifndef VS_COMMON_H
#define VS_COMMON_H

#include <errno.h>
#include <linux/capability.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vserver/switch.h>

#ifndef __NR_vserver
#define __NR_vserver 236
#endif

/* Returns the raw result, or -errno: tests compare exact errno values. */
static inline long vs_call(uint32_t cmd, uint32_t id, void *data)
{
	long ret = syscall(__NR_vserver, cmd, id, data);

	return ret < 0 ? -errno : ret;
}

/* Drops one capability from the effective set of the calling thread. */
static inline int vs_drop_effective_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[cap / 32].effective &= ~(1U << (cap % 32));
	return syscall(SYS_capset, &hdr, data);
}

#endif /* VS_COMMON_H */
