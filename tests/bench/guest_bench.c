// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer benchmarks - a guest's start and stop
 *
 * "vserver NAME start" of the busybox test guest (tests/lib/mkguest.sh)
 * until its httpd answers on the guest's address, and "vserver NAME
 * stop", against fork+exec of the same httpd on the host until it
 * answers.  The budget: a guest start costs at most 20 times a plain
 * start of its service.  Nothing is printed on a kernel without
 * Linux-VServer (no /proc/virtual).
 */

#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../lib/vs_guest_bench.h"

#define GUEST "gbench"
#define GUEST_IP "10.78.0.1"
#define GUEST_ROOT "/tmp/gbench"

/* The service alone: fork+exec httpd on the host until it answers. */
static int host_service(long i)
{
	pid_t pid = fork();
	int ret;

	if (pid == 0) {
		execl("/bin/busybox", "httpd", "-f", "-p", GUEST_IP ":80", "-h",
		      GUEST_ROOT "/" GUEST "/www", (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	ret = vs_wait_tcp(GUEST_IP, 80, 100000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return ret;
}

static char *const start_cmd[] = { "/sbin/vserver", GUEST, "start", NULL };
static char *const stop_cmd[] = { "/sbin/vserver", GUEST, "stop", NULL };

/*
 * Start until the guest answers, then stop: the best of the rounds
 * after a warm-up round, each printed as its own BENCH line.
 */
static void guest_start_stop(void)
{
	uint64_t best_start = UINT64_MAX, best_stop = UINT64_MAX;
	int round;

	for (round = -1; round < VS_BENCH_ROUNDS; round++) {
		uint64_t t0 = vs_now_ns(), t1, t2;

		if (vs_run_quiet(start_cmd) ||
		    vs_wait_tcp(GUEST_IP, 80, 100000)) {
			printf("BENCH-ERROR guest start: %s\n",
			       strerror(errno));
			vs_run_quiet(stop_cmd);
			return;
		}
		t1 = vs_now_ns();
		if (vs_run_quiet(stop_cmd)) {
			printf("BENCH-ERROR guest stop: %s\n", strerror(errno));
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
	printf("BENCH guest.start %llu 1\nBENCH guest.stop %llu 1\n",
	       (unsigned long long)best_start, (unsigned long long)best_stop);
	fflush(stdout);
}

int main(void)
{
	struct stat st;

	if (stat("/proc/virtual", &st) || stat(start_cmd[0], &st))
		return 0;
	if (system("ip link add vsbench0 type dummy && ip link set vsbench0 up"
		   " && /tests/lib/mkguest.sh " GUEST " 1301 " GUEST_IP
		   " vsbench0 " GUEST_ROOT) ||
	    system("ip addr add " GUEST_IP "/24 dev vsbench0")) {
		printf("BENCH-ERROR cannot make the test guest\n");
		return 0;
	}
	vs_bench("service.httpd_start", 1, host_service);
	if (system("ip addr del " GUEST_IP "/24 dev vsbench0")) {
		printf("BENCH-ERROR cannot free the guest's address\n");
		return 0;
	}
	guest_start_stop();
	if (system("ip link del vsbench0"))
		printf("BENCH-ERROR cannot remove vsbench0\n");
	return 0;
}
