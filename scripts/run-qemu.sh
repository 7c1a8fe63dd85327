#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boots the test kernel with the test initramfs in QEMU.
#
#   run-qemu.sh check   the KUnit suites (at boot), then every integration
#                       suite; fail on any failed test, timeout, panic,
#                       oops, WARN, lockdep, KASAN
#   run-qemu.sh canary  run the rig's deliberately failing suite
#   run-qemu.sh novserver  on the CONFIG_VSERVER=n kernel (VS_OBJ): unpatched?
#   run-qemu.sh kunit   boot once so the KUnit suites run; parse them
#   run-qemu.sh bench   run the benchmarks (tests/bench); results in
#                       build/qemu/bench-<obj dir>.txt
#   run-qemu.sh run     show the patched kernel answering vserver-info
#   run-qemu.sh shell   interactive guest ('reboot -f' leaves)
#
# No network device (-nic none): nothing leaves the VM.  KVM is used only
# when a probe boot shows that it works; otherwise -accel tcg.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$VS_TOP/scripts/verdict.sh"

mode=${1:?usage: run-qemu.sh check|canary|kunit|bench|run|shell|probe}
timeout_s=${VS_QEMU_TIMEOUT:-1500}
kernel=$VS_OBJ/arch/x86/boot/bzImage
initrd=$VS_BUILD/qemu/initramfs.cpio
out=$VS_BUILD/qemu
[ -f "$kernel" ] || vs_die "no kernel at $kernel (make kernel)"
[ -f "$initrd" ] || vs_die "no initramfs at $initrd (make initramfs)"
vs_need_packages qemu-system-x86

# The disks of the disk suite, fresh for every boot: vda is ext4 with the
# quota and project features (tagging and disk limits), vdb plain ext4.
# The Debian guests get vdc, the cached guest trees (scripts/guest-trees.sh,
# read-only), and vdd, a tagged disk of their own (sparse: only what the
# guests write takes space).
# The benchmarks get one larger vda (tests/bench/disk_bench.c).
trees=$VS_BUILD/guest-trees/trees.img
make_disks() {
	vs_need_packages e2fsprogs
	rm -f "$out/disk-tagged.img" "$out/disk-plain.img" "$out/disk-bench.img" \
		"$out/disk-guests.img"
	if [ "$mode" = bench ]; then
		truncate -s 768M "$out/disk-bench.img"
		mkfs.ext4 -q -F -I 256 -O quota,project "$out/disk-bench.img"
		return
	fi
	truncate -s 128M "$out/disk-tagged.img"
	truncate -s 32M "$out/disk-plain.img"
	mkfs.ext4 -q -F -I 256 -O quota,project "$out/disk-tagged.img"
	mkfs.ext4 -q -F -O ^quota,^project "$out/disk-plain.img"
	truncate -s 3G "$out/disk-guests.img"
	mkfs.ext4 -q -F -I 256 -O quota,project "$out/disk-guests.img"
}

qemu_cmd() { # accel mode verdict-file
	local append="vs.mode=$2" disks=
	# KUnit runs at boot in the check boot too: one boot less than a
	# boot of its own (Documentation/testing.md).
	case "$2" in
	kunit | check) ;;
	*) append+=" kunit.enable=0 loglevel=5" ;;
	esac
	case "$2" in
	check | run | shell)
		disks="-drive file=$out/disk-tagged.img,if=virtio,format=raw,cache=unsafe"
		disks+=" -drive file=$out/disk-plain.img,if=virtio,format=raw,cache=unsafe"
		disks+=" -drive file=$trees,if=virtio,format=raw,readonly=on"
		disks+=" -drive file=$out/disk-guests.img,if=virtio,format=raw,cache=unsafe"
		;;
	bench)
		disks="-drive file=$out/disk-bench.img,if=virtio,format=raw,cache=unsafe"
		[ -f "$trees" ] && disks+=" -drive file=$trees,if=virtio,format=raw,readonly=on"
		;;
	esac
	# VS_QEMU_ICOUNT=1: one vCPU whose clock counts guest instructions,
	# so benchmark ratios repeat across boots (TCG only).
	local cpus="-smp 2"
	[ "${VS_QEMU_ICOUNT:-0}" = 1 ] && cpus="-smp 1 -icount shift=0,sleep=off"
	echo qemu-system-x86_64 -accel "$1" -cpu max $cpus -m 1536 -M pc \
		-no-reboot -nic none -display none -monitor none $disks \
		-kernel "$kernel" -initrd "$initrd" -append "'$append'" \
		-serial "$([ "$2" = shell ] && echo mon:stdio || echo stdio)" \
		-serial "file:$3"
}

# The KVM probe: a boot that must reach init and answer within 20 s.
accel_file=$out/accel
if [ ! -f "$accel_file" ]; then
	accel=tcg
	if [ -w /dev/kvm ]; then
		rm -f "$out/probe.verdict"
		if eval timeout 20 "$(qemu_cmd kvm probe "$out/probe.verdict")" \
			>"$out/probe.log" 2>&1 &&
			grep -q VS-PROBE-OK "$out/probe.verdict" 2>/dev/null; then
			accel=kvm
		fi
	fi
	echo "$accel" >"$accel_file"
	vs_log "KVM probe: using -accel $accel"
fi
accel=$(cat "$accel_file")
[ "$mode" = probe ] && { echo "$accel"; exit 0; }

log=$out/$mode.log
verdict=$out/$mode.verdict
case "$mode" in check | run | shell | bench) make_disks ;; esac
case "$mode" in check | run | shell)
	[ -f "$trees" ] || vs_die "no guest trees at $trees (scripts/guest-trees.sh)" ;;
esac
rm -f "$log" "$verdict"
vs_log "booting ($mode, -accel $accel, timeout ${timeout_s}s); console log: $log"
start=$(date +%s)
if [ "$mode" = shell ]; then
	eval "$(qemu_cmd "$accel" shell "$verdict")"
	exit 0
fi
set +e
eval timeout "$timeout_s" "$(qemu_cmd "$accel" "$mode" "$verdict")" </dev/null 2>&1 |
	tee "$log" | { [ "$mode" = run ] && cat || grep -a -e '^\[+\]' -e 'ok ' -e '^#' -e '^not ok' -e '^BENCH' || true; }
rc=${PIPESTATUS[0]}
set -e
elapsed=$(($(date +%s) - start))

problems=()
[ "$rc" -eq 124 ] && problems+=("timeout after ${timeout_s}s")
[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && problems+=("qemu exit status $rc")
splats=$(vs_splats "$log")
[ -n "$splats" ] && problems+=("kernel splat in the console log")

# The KUnit results in the console log: prints them, sets kpass/kfail and
# adds to problems.
kunit_results() {
	local kout
	kout=$(python3 "$VS_TREE/tools/testing/kunit/kunit.py" parse "$log" 2>&1) || true
	echo "$kout" | grep -v '^\[' || true
	echo "$kout" | grep -aE '^\[..:..:..\] (\[(PASSED|FAILED|SKIPPED|CRASHED)\]|=+|Testing complete)' || true
	kpass=$(echo "$kout" | sed -n 's/.*Testing complete\. Ran [0-9]* tests: passed: \([0-9]*\).*/\1/p' | tail -n 1)
	kfail=$(echo "$kout" | sed -n 's/.*Testing complete\..*failed: \([0-9]*\).*/\1/p' | tail -n 1)
	kpass=${kpass:-0} kfail=${kfail:-0}
	echo "$kout" | grep -q 'Testing complete' || { problems+=("no KUnit results in the log"); kfail=$((kfail + 1)); }
	[ "$kpass" -gt 0 ] || { problems+=("no KUnit test passed"); kfail=$((kfail + 1)); }
}

case "$mode" in
check | canary | novserver)
	if [ "$mode" = check ]; then
		kunit_results
		echo "kunit: $kpass passed, $kfail failed"
		echo "$kpass $kfail" >"$out/kunit.counts"
	fi
	counts=$(vs_verdict_counts "$verdict")
	[ -n "$counts" ] || problems+=("no verdict from the guest")
	read -r pass fail <<<"${counts:-0 0}"
	;;
kunit)
	grep -q VS-KUNIT-DONE "$verdict" 2>/dev/null || problems+=("guest did not reach init")
	kunit_results
	pass=$kpass fail=$kfail
	;;
run)
	grep -q VS-RUN-DONE "$verdict" 2>/dev/null || problems+=("guest did not finish")
	pass=0 fail=0
	;;
bench)
	grep -q VS-BENCH-DONE "$verdict" 2>/dev/null || problems+=("guest did not finish")
	grep -a '^BENCH-ERROR' "$log" >&2 && problems+=("a benchmark failed")
	results=$out/bench-$(basename "$VS_OBJ").txt
	grep -a '^BENCH' "$log" | tr -d '\r' >"$results"
	vs_log "benchmark results: $results"
	pass=0 fail=0
	;;
esac

vs_log "guest ran for ${elapsed}s"
if [ ${#problems[@]} -gt 0 ]; then
	for p in "${problems[@]}"; do vs_log "FAILED: $p"; done
	[ -z "$splats" ] || printf '%s\n' "$splats" >&2
	[ -n "$splats" ] || tail -n 30 "$log" >&2
	fail=$((fail + 1))
fi
[ "$mode" = run ] && { [ ${#problems[@]} -eq 0 ]; exit; }
echo "$mode: $pass passed, $fail failed"
echo "$pass $fail" >"$out/$mode.counts"
[ "$fail" -eq 0 ] && [ "${kfail:-0}" -eq 0 ]
