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
	static char *const httpd[] = { "/bin/busybox",
				       "httpd",
				       "-f",
				       "-p",
				       GUEST_IP ":80",
				       "-h",
				       GUEST_ROOT "/" GUEST "/www",
				       NULL };

	return vs_service_start(httpd, GUEST_IP, 80, 100000);
}

int main(void)
{
	struct stat st;

	if (stat("/proc/virtual", &st) || stat("/sbin/vserver", &st))
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
	vs_guest_start_stop(GUEST, GUEST_IP, 80, 100000, VS_BENCH_ROUNDS,
			    "guest");
	if (system("ip link del vsbench0"))
		printf("BENCH-ERROR cannot remove vsbench0\n");
	return 0;
}
