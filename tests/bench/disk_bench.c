// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer benchmarks - writing to tagged filesystems
 *
 * /dev/vda is a 768 MiB ext4 with the quota and project features (made
 * by scripts/run-qemu.sh for the bench boot).  Two operations, each on
 * the host and inside a context, on the same filesystem mounted three
 * ways:
 *
 *   untagged  mounted without "tag" (project usage is still counted)
 *   tagged    mounted with "tag", no disk limit
 *   limited   mounted with "tag", a disk limit for the guest's tag and
 *             for tag 0 (the host's), large enough never to bind
 *
 *   write1m       one MiB of a 256 MiB sequential write (fsync, unlink at
 *                 the end of the run)
 *   create_unlink create, write 512 bytes, close and unlink a small file
 *                 (10,000 per run)
 *
 * Prints "BENCH disk.<mode>.<where>.<op> <ns per op> <ops>"; the kernel
 * built with CONFIG_VSERVER=n runs the untagged host phase only.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/dlimit_cmd.h>

#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"
#include "../lib/vs_bench.h"

#define DEV "/dev/vda"
#define MNT "/mnt/bench"
#define DIR MNT "/work"
#define GUEST_XID 810
#define WRITE_MIB 256
#define SMALL_FILES 10000

static char chunk[1 << 20];
static int write_fd = -1;

static int op_write1m(long i)
{
	if (i == 0) {
		write_fd = open(DIR "/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (write_fd < 0)
			return -1;
	}
	if (write(write_fd, chunk, sizeof(chunk)) != sizeof(chunk))
		return -1;
	if (i < WRITE_MIB - 1)
		return 0;
	if (fsync(write_fd) || close(write_fd))
		return -1;
	write_fd = -1;
	return unlink(DIR "/big");
}

static int op_create_unlink(long i)
{
	char name[64];
	int fd;

	snprintf(name, sizeof(name), DIR "/f%ld", i);
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, chunk, 512) != 512) {
		close(fd);
		return -1;
	}
	if (close(fd))
		return -1;
	return unlink(name);
}

static void disk_ops(const char *mode, const char *where)
{
	char phase[64];

	snprintf(phase, sizeof(phase), "disk.%s.%s", mode, where);
	vs_bench_phase(phase, "write1m", WRITE_MIB, op_write1m);
	vs_bench_phase(phase, "create_unlink", SMALL_FILES, op_create_unlink);
}

/* The same, in a child that entered the guest context. */
static int disk_ops_in_guest(const char *mode)
{
	struct vcmd_ctx_migrate vc = { 0 };
	pid_t pid = fork();

	if (pid == 0) {
		if (vs_call(VCMD_ctx_migrate, GUEST_XID, &vc))
			_exit(1);
		disk_ops(mode, "guest");
		_exit(0);
	}
	return vs_wait_ok(pid);
}

static int mount_bench(const char *options)
{
	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	if (mount(DEV, MNT, "ext4", 0, options))
		return -1;
	mkdir(DIR, 0777);
	return chmod(DIR, 0777);
}

/* 4 GiB and a million inodes for @tag: checked, never reached. */
static int set_large_limit(uint32_t tag)
{
	struct vcmd_ctx_dlimit_base_v0 base = { .name = MNT };
	struct vcmd_ctx_dlimit_v0 vc = {
		.name = MNT,
		.space_used = CDLIM_KEEP,
		.space_total = 4U << 20,
		.inodes_used = CDLIM_KEEP,
		.inodes_total = 1U << 20,
		.reserved = 0,
	};

	if (vs_call(VCMD_add_dlimit, tag, &base) &&
	    vs_call(VCMD_get_dlimit, tag, &vc))
		return -1;
	return vs_call(VCMD_set_dlimit, tag, &vc) ? -1 : 0;
}

static int run_mode(const char *mode, const char *options, bool limited)
{
	int err = 0;

	if (mount_bench(options)) {
		printf("BENCH-ERROR cannot mount %s with \"%s\": %s\n", DEV,
		       options, strerror(errno));
		return 1;
	}
	if (limited && (set_large_limit(0) || set_large_limit(GUEST_XID))) {
		printf("BENCH-ERROR cannot set the disk limits: %s\n",
		       strerror(errno));
		err = 1;
	}
	if (!err) {
		disk_ops(mode, "host");
		if (disk_ops_in_guest(mode)) {
			printf("BENCH-ERROR the %s guest run failed\n", mode);
			err = 1;
		}
	}
	umount(MNT);
	return err;
}

int main(void)
{
	bool vserver = vs_call(VCMD_get_version, 0, NULL) > 0;
	int ret = 0;

	memset(chunk, 'v', sizeof(chunk));
	if (!vserver) {
		if (mount_bench("")) {
			printf("BENCH-ERROR cannot mount %s: %s\n", DEV,
			       strerror(errno));
			return 1;
		}
		disk_ops("untagged", "host");
		umount(MNT);
		return 0;
	}
	if (vs_create_persistent_ctx(GUEST_XID)) {
		printf("BENCH-ERROR cannot create context %d\n", GUEST_XID);
		return 1;
	}
	ret |= run_mode("untagged", "", false);
	ret |= run_mode("tagged", "tag", false);
	ret |= run_mode("limited", "tag", true);
	vs_end_persistent_ctx(GUEST_XID);
	return ret;
}
