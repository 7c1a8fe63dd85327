#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of the QEMU rig itself: the console-log reader catches splats and
# only kernel splats, and a deliberately wrong expectation in the guest
# (tests/canary) turns a run red with exactly one failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$VS_TOP/scripts/verdict.sh"

pass=0 fail=0
check() { # name expected-status command...
	local name=$1 want=$2
	shift 2
	"$@" >/dev/null 2>&1
	local rc=$?
	if { [ "$want" = 0 ] && [ $rc -eq 0 ]; } || { [ "$want" != 0 ] && [ $rc -ne 0 ]; }; then
		echo "ok - $name"
		pass=$((pass + 1))
	else
		echo "not ok - $name (status $rc)"
		fail=$((fail + 1))
	fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
has_splat() { printf '%b\n' "$1" >"$tmp/log" && [ -n "$(vs_splats "$tmp/log")" ]; }

clean='[    0.000000] Linux version 6.12.117-vserver-qemu\n[+] running switch/abi_test\nok 1 get_version_ignores_id'
check "a clean log has no splat" 1 has_splat "$clean"
check "WARN is caught" 0 has_splat "$clean\n[    2.100000] WARNING: CPU: 1 PID: 77 at kernel/vserver/switch.c:80 vs_x+0x1/0x2"
check "BUG is caught" 0 has_splat "[   3.5] BUG: kernel NULL pointer dereference, address: 0000000000000000"
check "KASAN is caught" 0 has_splat "[   3.5] BUG: KASAN: slab-use-after-free in vx_put+0x10/0x20"
check "lockdep is caught" 0 has_splat "[   3.5] WARNING: possible circular locking dependency detected"
check "RCU misuse is caught" 0 has_splat "[   3.5] =============================\n[   3.5] WARNING: suspicious RCU usage"
check "a panic is caught" 0 has_splat "[   9.9] Kernel panic - not syncing: Fatal exception"
check "a kmemleak report is caught" 0 has_splat "[  80.1] kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"
check "kmemleak starting is not a splat" 1 has_splat "[  11.8] kmemleak: Kernel memory leak detector initialized (mem pool available: 14964)"
check "a hung task is caught" 0 has_splat "[  70.0] INFO: task sh:99 blocked for more than 60 seconds."
check "a test printing BUG: is not a splat" 1 has_splat "# BUG: this is test output"
oom="[  81.0] memcg_test invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=1000\n[  81.0] Call Trace:\n[  81.0]  <TASK>\n[  81.1] Memory cgroup out of memory: Killed process 99 (memcg_test) total-vm:2184kB"
check "a memory cgroup's OOM report is not a splat" 1 has_splat "$oom"
check "a splat after an OOM report is caught" 0 has_splat "$oom\n[  82.0] Call Trace:"
check "a warning inside an OOM report is caught" 0 has_splat "[  81.0] x invoked oom-killer: gfp_mask=0xcc0\n[  81.0] WARNING: CPU: 1 PID: 7 at mm/x.c:1 f+0x1/0x2"

. "$VS_TOP/tests/lib/totals.sh"
counted() { # want output status
	printf '%b\n' "$2" >"$tmp/out" && test "$(vs_count "$tmp/out" "$3")" = "$1"
}
check "totals are counted" 0 counted "8 1" "ok 1 a\n# Totals: pass:8 fail:1 xfail:0 xpass:0 skip:0 error:0" 1
check "xfail/xpass do not shadow pass/fail" 0 counted "3 0" "# Totals: pass:3 fail:0 xfail:4 xpass:5 skip:0 error:0" 0
check "skips count as failures" 0 counted "2 1" "# Totals: pass:2 fail:0 xfail:0 xpass:0 skip:1 error:0" 0
check "no totals line counts one failure" 0 counted "0 1" "Segmentation fault" 139
check "a bad exit with no failed test counts one" 0 counted "5 1" "# Totals: pass:5 fail:0 xfail:0 xpass:0 skip:0 error:0" 2

printf 'VS-RESULT pass=12 fail=3\n' >"$tmp/verdict"
check "the verdict line is read" 0 test "$(vs_verdict_counts "$tmp/verdict")" = "12 3"
: >"$tmp/verdict"
check "no verdict line reads as nothing" 0 test -z "$(vs_verdict_counts "$tmp/verdict")"

# The canary boot: must fail, with exactly one failed test.
if [ -f "$VS_OBJ/arch/x86/boot/bzImage" ] && [ -f "$VS_BUILD/qemu/initramfs.cpio" ]; then
	out=$("$VS_TOP/scripts/run-qemu.sh" canary 2>&1)
	rc=$?
	echo "$out" | grep -a -e '^not ok' -e 'canary:' | sed 's/^/#   /'
	check "a wrong expectation fails the run" 1 test $rc -eq 0
	check "the run reports exactly that failure" 0 grep -qE '^canary: [0-9]+ passed, 1 failed$' <<<"$out"
else
	echo "not ok - canary boot: no kernel or initramfs built"
	fail=$((fail + 1))
fi

echo "rig: $pass passed, $fail failed"
mkdir -p "$VS_BUILD/check"
echo "$pass $fail" >"$VS_BUILD/check/rig.counts"
[ $fail -eq 0 ]
