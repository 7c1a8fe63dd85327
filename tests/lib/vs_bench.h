/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer benchmarks - timing loop
 *
 * Prints "BENCH <name> <ns per op> <ops>": the best of VS_BENCH_ROUNDS
 * rounds after a warm-up round (under QEMU's TCG the first run of any
 * code path pays for its translation).  scripts/bench-report.py reads it.
 */

#ifndef VS_BENCH_H
#define VS_BENCH_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define VS_BENCH_ROUNDS 5

static inline uint64_t vs_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Runs op(0..n-1) per round; op returns non-zero with errno on failure. */
static inline void vs_bench(const char *name, long n, int (*op)(long))
{
	uint64_t best = UINT64_MAX;
	int round;
	long i;

	for (round = -1; round < VS_BENCH_ROUNDS; round++) {
		uint64_t start = vs_now_ns(), took;

		for (i = 0; i < n; i++) {
			if (op(i)) {
				printf("BENCH-ERROR %s: %s\n", name,
				       strerror(errno));
				return;
			}
		}
		took = vs_now_ns() - start;
		if (round >= 0 && took < best)
			best = took;
	}
	printf("BENCH %s %llu %ld\n", name, (unsigned long long)(best / n), n);
	fflush(stdout);
}

/* vs_bench() named "<phase>.<op>". */
static inline void vs_bench_phase(const char *phase, const char *op_name,
				  long n, int (*op)(long))
{
	char name[64];

	snprintf(name, sizeof(name), "%s.%s", phase, op_name);
	vs_bench(name, n, op);
}

/* 0 if @pid exited with status 0; else -1 with errno. */
static inline int vs_wait_ok(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		errno = ECHILD;
		return -1;
	}
	return 0;
}

static inline int vs_op_fork_exit(long i)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	return vs_wait_ok(pid);
}

#endif /* VS_BENCH_H */
