#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: every test, in order, and one summary.
#   patches   the series applies to the pristine source without fuzz
#   lint      checkpatch, clang-format, sparse, script syntax
#   unit      userspace unit tests (Catch2)
#   rig       the QEMU rig's own tests (log reader; a wrong expectation
#             turns a run red)
#   variants  the CONFIG_VSERVER=n and CONFIG_IPV6=n kernels compile
#   kunit     KUnit suites, run at boot of the QEMU test kernel
#   qemu      integration suites in the same boot
# Ends with "N passed, N failed" over all stages; exits non-zero on any
# failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

t0=$(date +%s)
"$VS_TOP/scripts/deps.sh" || vs_die "cannot install the build dependencies"
mkdir -p "$VS_BUILD/check"
rm -f "$VS_BUILD"/check/*.counts "$VS_BUILD"/qemu/*.counts

declare -A status secs
stage() { # name command...
	local name=$1 s
	shift
	s=$(date +%s)
	echo "==== $name"
	if "$@"; then status[$name]=ok; else status[$name]=FAILED; fi
	secs[$name]=$(($(date +%s) - s))
}
counts() { # name file: prints "pass fail", or "0 1" when the stage failed without counting
	if [ -f "$2" ]; then cat "$2"; elif [ "${status[$1]}" = ok ]; then echo "0 0"; else echo "0 1"; fi
}

build_all() {
	"$VS_TOP/scripts/build-kernel.sh" &&
		"$VS_TOP/scripts/build-userspace.sh" &&
		"$VS_TOP/scripts/build-tests.sh" &&
		"$VS_TOP/scripts/build-initramfs.sh" &&
		"$VS_TOP/scripts/guest-trees.sh"
}

stage patches bash -c '"$0"/scripts/check-patches.sh | tee "$1"/check/patches.out' "$VS_TOP" "$VS_BUILD"
sed -n 's/^patches: \([0-9]*\) passed, \([0-9]*\) failed/\1 \2/p' \
	"$VS_BUILD/check/patches.out" >"$VS_BUILD/check/patches.counts"
stage build build_all
stage variants "$VS_TOP/scripts/build-variants.sh"
stage lint "$VS_TOP/scripts/lint.sh"
stage unit "$VS_TOP/scripts/unit.sh"
stage rig "$VS_TOP/scripts/test-rig.sh"
if [ "${status[build]}" = ok ]; then
	# One boot: KUnit at boot, then the integration suites.
	stage qemu "$VS_TOP/scripts/run-qemu.sh" check
	status[kunit]=${status[qemu]} secs[kunit]=0
	if [ -f "$VS_BUILD/qemu/kunit.counts" ]; then
		read -r kp kf <"$VS_BUILD/qemu/kunit.counts"
		[ "$kf" -eq 0 ] && [ "$kp" -gt 0 ] && status[kunit]=ok
	fi
else
	status[kunit]=FAILED status[qemu]=FAILED secs[kunit]=0 secs[qemu]=0
fi

echo
echo "==== summary"
total_pass=0 total_fail=0
for name in patches build variants lint unit rig kunit qemu; do
	case $name in
	build) read -r p f <<<"$([ "${status[build]}" = ok ] && echo "1 0" || echo "0 1")" ;;
	kunit | qemu) read -r p f <<<"$(counts $name "$VS_BUILD/qemu/$([ $name = qemu ] && echo check || echo kunit).counts")" ;;
	*) read -r p f <<<"$(counts $name "$VS_BUILD/check/$name.counts")" ;;
	esac
	[ "${status[$name]}" = ok ] || [ "$f" -gt 0 ] || f=1
	printf '%-8s %-7s %5d passed %3d failed %5ds\n' "$name" "${status[$name]}" "$p" "$f" "${secs[$name]}"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
done
echo "make check took $(($(date +%s) - t0))s"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
