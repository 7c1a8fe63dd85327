/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux-VServer benchmarks - what the guest start/stop benchmarks share:
 * waiting for a service to accept, and running a tool quietly.
 */

#ifndef VS_GUEST_BENCH_H
#define VS_GUEST_BENCH_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
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

#endif /* VS_GUEST_BENCH_H */
