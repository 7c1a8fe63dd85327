// SPDX-License-Identifier: GPL-2.0
/*
 * A 32-bit program for the i386 guest of tests/guests/debian.sh: prints
 * the machine uname(2) reports and whether the process runs with the
 * linux32 personality, e.g. "i686 linux32".  Run without arguments
 * outside a guest it prints the same for the host.
 */
#include <stdio.h>
#include <sys/personality.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;
	int persona = personality(0xffffffff);

	if (uname(&u) != 0 || persona < 0) {
		perror("uname_i386");
		return 1;
	}
	printf("%s %s\n", u.machine,
	       (persona & PER_MASK) == PER_LINUX32 ? "linux32" : "linux");
	return 0;
}
