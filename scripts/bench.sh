#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: boots the benchmarks (tests/bench) on the patched kernel
# without debug options (build/obj-bench) and on the same tree built with
# CONFIG_VSERVER=n (build/obj-novserver), then prints one table with the
# comparisons the design brief budgets.  QEMU runs under TCG here, so
# absolute numbers are slow; ratios on the same run are what count.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages python3
VS_OBJ=$VS_BUILD/obj-bench VS_KERNEL_VARIANT=bench "$VS_TOP/scripts/build-kernel.sh"
VS_OBJ=$VS_BUILD/obj-novserver VS_KERNEL_VARIANT=novserver "$VS_TOP/scripts/build-kernel.sh"
"$VS_TOP/scripts/build-userspace.sh"
"$VS_TOP/scripts/build-tests.sh"
"$VS_TOP/scripts/build-initramfs.sh"
"$VS_TOP/scripts/guest-trees.sh"
for obj in obj-novserver obj-bench; do
	VS_OBJ=$VS_BUILD/$obj VS_QEMU_TIMEOUT=${VS_QEMU_TIMEOUT:-2400} \
		"$VS_TOP/scripts/run-qemu.sh" bench
done

mkdir -p "$VS_BUILD/bench"
python3 "$VS_TOP/scripts/bench-report.py" \
	"$VS_BUILD/qemu/bench-obj-novserver.txt" \
	"$VS_BUILD/qemu/bench-obj-bench.txt" | tee "$VS_BUILD/bench/report.txt"
vs_log "report: $VS_BUILD/bench/report.txt"
