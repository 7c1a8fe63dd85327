// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer benchmarks - the cost of per-context limit accounting
 *
 * Prints "BENCH <phase>.<op> <ns per op> <ops>" (see ../lib/vs_bench.h):
 *
 *   host.*      on the host, no context exists (ctx_bench measures
 *               host.fork_exit)
 *   host1k.*    on the host while 1,000 persistent contexts exist
 *   limited.*   inside a context whose limits are all set (high enough
 *               not to be hit), in a process forked inside it, so that
 *               its address space is charged to the context too
 *
 * for fork+exit, open+close, socket+close, mmap+touch+munmap of 16
 * pages, one page fault (a page of a 16 MiB mapping, replaced by a fresh
 * one every 4,096 faults) and a 4 KiB read of a cached file.
 * Inside the limited context every page is charged to its memory cgroup.
 * On a kernel without the syscall only the host phase runs.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/limit_cmd.h>

#include "../lib/vs_bench.h"
#include "../lib/vs_common.h"
#include "../lib/vs_contexts.h"

#define MANY_CONTEXTS 1000
#define FIRST_XID 42000 /* the 1,000 bystanders */
#define LIMITED_XID 43000
#define TOUCH_PAGES 16
#define FAULT_PAGES 4096
#define CACHED_FILE "/tmp/vs-bench-cached"

static long page_size;
static char *fault_area;
static int cached_fd = -1;

static int op_open_close(long i)
{
	int fd = open("/dev/null", O_RDONLY);

	return fd < 0 ? -1 : close(fd);
}

static int op_socket_close(long i)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	return fd < 0 ? -1 : close(fd);
}

static int op_mmap_touch(long i)
{
	size_t len = TOUCH_PAGES * page_size;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long off;

	if (p == MAP_FAILED)
		return -1;
	for (off = 0; off < (long)len; off += page_size)
		p[off] = 1;
	return munmap(p, len);
}

/* One anonymous page fault; the area is emptied every FAULT_PAGES. */
static int op_fault(long i)
{
	long page = i % FAULT_PAGES;

	/* madvise() is not in the test kernel (no ADVISE_SYSCALLS). */
	if (page == 0 &&
	    mmap(fault_area, FAULT_PAGES * page_size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		return -1;
	fault_area[page * page_size] = 1;
	return 0;
}

static int op_read_cached(long i)
{
	char buf[4096];

	return pread(cached_fd, buf, sizeof(buf), 0) == sizeof(buf) ? 0 : -1;
}

/* The fault area and the cached file, made by the measuring process. */
static int memory_setup(void)
{
	char buf[4096];

	fault_area = mmap(NULL, FAULT_PAGES * page_size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fault_area == MAP_FAILED)
		return -1;
	if (cached_fd < 0) {
		cached_fd = open(CACHED_FILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
		memset(buf, 1, sizeof(buf));
		if (cached_fd < 0 ||
		    pwrite(cached_fd, buf, sizeof(buf), 0) != sizeof(buf))
			return -1;
	}
	return 0;
}

static void limit_ops(const char *phase, bool with_fork)
{
	if (memory_setup()) {
		printf("BENCH-ERROR cannot set up the memory operations: %s\n",
		       strerror(errno));
		return;
	}
	if (with_fork)
		vs_bench_phase(phase, "fork_exit", 3000, vs_op_fork_exit);
	vs_bench_phase(phase, "open_close", 50000, op_open_close);
	vs_bench_phase(phase, "socket_close", 20000, op_socket_close);
	vs_bench_phase(phase, "mmap_touch", 5000, op_mmap_touch);
	vs_bench_phase(phase, "fault", 40960, op_fault);
	vs_bench_phase(phase, "read_cached", 100000, op_read_cached);
	munmap(fault_area, FAULT_PAGES * page_size);
}

static int set_hard_limit(uint32_t id, uint64_t hard)
{
	struct vcmd_ctx_rlimit_v0 vc = {
		.id = id,
		.minimum = CRLIM_KEEP,
		.softlimit = CRLIM_KEEP,
		.maximum = hard,
	};

	return vs_call(VCMD_set_rlimit, LIMITED_XID, &vc) ? -1 : 0;
}

/* Every limit the kernel enforces, far above what the benchmark uses. */
static int set_all_limits(void)
{
	static const uint32_t ids[] = {
		RLIMIT_NPROC,	 RLIMIT_NOFILE, VLIMIT_OPENFD,	RLIMIT_LOCKS,
		VLIMIT_NSOCK,	 VLIMIT_SHMEM,	VLIMIT_SEMARY,	VLIMIT_NSEMS,
		RLIMIT_MSGQUEUE, RLIMIT_AS,	RLIMIT_MEMLOCK, RLIMIT_RSS,
		VLIMIT_ANON,
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (set_hard_limit(ids[i], 1 << 24))
			return -1;
	return 0;
}

/* Enters the limited context, then measures in a child made there. */
static int run_limited(void)
{
	struct vcmd_ctx_migrate vc = { 0 };
	pid_t pid = fork();

	if (pid == 0) {
		if (vs_call(VCMD_ctx_migrate, LIMITED_XID, &vc))
			_exit(1);
		pid = fork();
		if (pid == 0) {
			limit_ops("limited", true);
			_exit(0);
		}
		_exit(vs_wait_ok(pid) ? 1 : 0);
	}
	return vs_wait_ok(pid);
}

int main(void)
{
	bool vserver = vs_call(VCMD_get_version, 0, NULL) > 0;
	int i, ret = 0;

	page_size = sysconf(_SC_PAGESIZE);
	limit_ops("host", false);
	if (!vserver)
		return 0;

	for (i = 0; i < MANY_CONTEXTS; i++) {
		if (vs_create_persistent_ctx(FIRST_XID + i)) {
			printf("BENCH-ERROR cannot create context %d\n",
			       FIRST_XID + i);
			return 1;
		}
	}
	limit_ops("host1k", false);

	if (vs_create_persistent_ctx(LIMITED_XID) || set_all_limits()) {
		printf("BENCH-ERROR cannot set up limited context %d: %s\n",
		       LIMITED_XID, strerror(errno));
		ret = 1;
	} else if (run_limited()) {
		printf("BENCH-ERROR the limited context's run failed\n");
		ret = 1;
	}
	vs_end_persistent_ctx(LIMITED_XID);
	for (i = 0; i < MANY_CONTEXTS; i++)
		vs_end_persistent_ctx(FIRST_XID + i);
	return ret;
}
