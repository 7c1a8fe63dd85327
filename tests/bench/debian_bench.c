// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer benchmarks - a Debian 12 guest's start and stop
 *
 * The guest is built once from the rig's Debian tree (vdb, made by
 * scripts/guest-trees.sh) on the bench disk (vda): "vserver NAME build -m
 * template".  Then "vserver NAME start" until its sshd accepts on port
 * 22 of the guest's address, and "vserver NAME stop", against sshd
 * started in a plain chroot of the same tree until it accepts.  The goal:
 * a start under 1 s of guest time.  Nothing is printed on a kernel
 * without Linux-VServer (no /proc/virtual) or without the tree disk.
 */

#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../lib/vs_guest_bench.h"

#define GUEST "debbench"
#define GUEST_IP "10.78.1.1"
#define MNT "/vservers"
/* A directory of its own: build sets a barrier on the guests' root, which
 * on the disk's root directory would stay for disk_bench. */
#define ROOT MNT "/debbench"
#define TREE "/media/trees/debian-bookworm-amd64.tar"

/* The service alone: sshd in a chroot of the guest's tree until it answers. */
static int host_sshd(long i)
{
	static char *const sshd[] = {
		"/bin/chroot", ROOT "/" GUEST, "/usr/sbin/sshd",
		"-D",	       "-o",	       "ListenAddress=" GUEST_IP,
		NULL
	};

	return vs_service_start(sshd, GUEST_IP, 22, 200000);
}

int main(void)
{
	static char *const build[] = { "/sbin/vserver",
				       GUEST,
				       "build",
				       "-m",
				       "template",
				       "--context",
				       "1311",
				       "--rootdir",
				       ROOT,
				       "--interface",
				       "vsdeb0:" GUEST_IP "/24",
				       "--",
				       "-t",
				       TREE,
				       NULL };
	struct stat st;
	uint64_t t0;

	if (stat("/proc/virtual", &st) || stat("/sbin/vserver", &st))
		return 0;
	if (system("mkdir -p /media/trees " MNT
		   " && mount -t ext4 -o ro /dev/vdb /media/trees"
		   " && mount -t ext4 -o tag /dev/vda " MNT) ||
	    stat(TREE, &st)) {
		printf("BENCH-ERROR no Debian tree on /dev/vdb\n");
		return 0;
	}
	if (system("ip link add vsdeb0 type dummy && ip link set vsdeb0 up")) {
		printf("BENCH-ERROR cannot add vsdeb0\n");
		return 0;
	}
	t0 = vs_now_ns();
	if (vs_run_quiet(build)) {
		printf("BENCH-ERROR vserver build -m template failed\n");
		return 0;
	}
	printf("BENCH debian.build %llu 1\n",
	       (unsigned long long)(vs_now_ns() - t0));
	if (system("ip addr add " GUEST_IP "/24 dev vsdeb0")) {
		printf("BENCH-ERROR cannot add the guest's address\n");
		return 0;
	}
	if (system("mkdir -p " ROOT "/" GUEST "/run/sshd")) {
		printf("BENCH-ERROR cannot make sshd's run directory\n");
		return 0;
	}
	vs_bench("service.sshd_start", 3, host_sshd);
	if (system("ip addr del " GUEST_IP "/24 dev vsdeb0")) {
		printf("BENCH-ERROR cannot free the guest's address\n");
		return 0;
	}
	vs_guest_start_stop(GUEST, GUEST_IP, 22, 200000, 3, "debian");
	if (system("/sbin/vserver --silent " GUEST
		   " delete; ip link del vsdeb0;"
		   " rm -rf " ROOT "; umount " MNT "; umount /media/trees"))
		printf("BENCH-ERROR cannot clean up the Debian guest\n");
	return 0;
}
