#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compiles, in the kernel configs that make check does not boot, every C
# file the series changes (and kernel/vserver/ where it is on):
#   novserver  CONFIG_VSERVER=n: the hooks compile away
#   noipv6     CONFIG_IPV6=n: no hook assumes IPv6
# Each is the test kernel's config with one option off, in
# build/obj-compile-<variant>.  `make check-novserver` builds and boots
# the whole CONFIG_VSERVER=n kernel.
# Prints "variants: N passed, N failed" and writes its counts for check.sh.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# shellcheck disable=SC2046 # the series' patch names
objects=$(cd "$VS_TOP/patches" &&
	vs_patch_files $(grep -v -e '^#' -e '^$' series) | sed -n 's/\.c$/.o/p')
pass=0 fail=0
for variant in novserver noipv6; do
	targets=$objects
	# Without IPv6, net/ipv6/ is not built at all.
	[ "$variant" = noipv6 ] && targets="$(grep -v '^net/ipv6/' <<<"$objects") kernel/vserver/"
	if VS_OBJ=$VS_BUILD/obj-compile-$variant VS_KERNEL_VARIANT=compile-$variant \
		VS_KERNEL_TARGETS=$targets "$VS_TOP/scripts/build-kernel.sh"; then
		echo "ok - the $variant kernel compiles"
		pass=$((pass + 1))
	else
		echo "not ok - the $variant kernel does not compile"
		fail=$((fail + 1))
	fi
done
echo "variants: $pass passed, $fail failed"
mkdir -p "$VS_BUILD/check"
echo "$pass $fail" >"$VS_BUILD/check/variants.counts"
[ $fail -eq 0 ]
