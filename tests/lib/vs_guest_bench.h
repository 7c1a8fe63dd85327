/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer benchmarks - what the guest start/stop benchmarks share:
 * waiting for a service to accept, running a tool quietly, a service
 * started alone, and a guest started until its service accepts.
 */

#ifndef VS_GUEST_BENCH_H
#define VS_GUEST_BENCH_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vs_bench.h"

/*
 * Connects to @ip:@port until it accepts, @tries times 100 us apart;
 * 0 once it does, else -1 with ETIMEDOUT.
 */
static inline int vs_wait_tcp(const char *ip, int port, int tries)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	int i;

	inet_pton(AF_INET, ip, &sin.sin_addr);
	for (i = 0; i < tries; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		int ok;

		if (fd < 0)
			return -1;
		ok = !connect(fd, (struct sockaddr *)&sin, sizeof(sin));
		close(fd);
		if (ok)
			return 0;
		usleep(100);
	}
	errno = ETIMEDOUT;
	return -1;
}

/* Runs @argv to its end with its output to /dev/null; 0 if it exited 0. */
static inline int vs_run_quiet(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	return vs_wait_ok(pid);
}

/*
 * Starts @argv and waits for @ip:@port to accept, then kills it: the
 * start of a service without a guest around it.  0 if it answered.
 */
static inline int vs_service_start(char *const argv[], const char *ip, int port,
				   int tries)
{
	pid_t pid = fork();
	int ret;

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	ret = vs_wait_tcp(ip, port, tries);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return ret;
}

/*
 * "vserver @guest start" until @ip:@port accepts, then "vserver @guest
 * stop": the best of @rounds rounds after a warm-up round, printed as
 * "BENCH <@label>.start" and "BENCH <@label>.stop".
 */
static inline void vs_guest_start_stop(const char *guest, const char *ip,
				       int port, int tries, int rounds,
				       const char *label)
{
	char *const start_cmd[] = { "/sbin/vserver", (char *)guest, "start",
				    NULL };
	char *const stop_cmd[] = { "/sbin/vserver", (char *)guest, "stop",
				   NULL };
	uint64_t best_start = UINT64_MAX, best_stop = UINT64_MAX;
	int round;

	for (round = -1; round < rounds; round++) {
		uint64_t t0 = vs_now_ns(), t1, t2;

		if (vs_run_quiet(start_cmd) || vs_wait_tcp(ip, port, tries)) {
			printf("BENCH-ERROR %s start: %s\n", label,
			       strerror(errno));
			vs_run_quiet(stop_cmd);
			return;
		}
		t1 = vs_now_ns();
		if (vs_run_quiet(stop_cmd)) {
			printf("BENCH-ERROR %s stop: %s\n", label,
			       strerror(errno));
			return;
		}
		t2 = vs_now_ns();
		if (round < 0)
			continue;
		if (t1 - t0 < best_start)
			best_start = t1 - t0;
		if (t2 - t1 < best_stop)
			best_stop = t2 - t1;
	}
	printf("BENCH %s.start %llu 1\nBENCH %s.stop %llu 1\n", label,
	       (unsigned long long)best_start, label,
	       (unsigned long long)best_stop);
	fflush(stdout);
}

#endif /* VS_GUEST_BENCH_H */
