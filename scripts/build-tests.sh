#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Builds the integration test programs (tests/<suite>/*.c) as static
# binaries (*_i386.c as 32-bit ones; helper_*.c not executable: programs
# the scenarios use) into build/tests/<suite>/, next to
# copies of the suite's shell scenarios, ready for the initramfs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages gcc libc6-dev gcc-multilib
[ -f "$VS_PRISTINE/.vserver-debian-version" ] || "$VS_TOP/scripts/fetch-source.sh"

out=$VS_BUILD/tests
rm -rf "$out"
mkdir -p "$out/lib"
cp "$VS_TOP"/tests/lib/*.sh "$out/lib/"
cflags=(-O2 -g -static -Wall -Werror
	-I "$VS_TOP/kernel/include/uapi"
	-I "$VS_PRISTINE/tools/testing/selftests")
for dir in "$VS_TOP"/tests/*/; do
	suite=$(basename "$dir")
	case "$suite" in lib | qemu) continue ;; esac
	mkdir -p "$out/$suite"
	for src in "$dir"*.c; do
		[ -e "$src" ] || continue
		bin=$out/$suite/$(basename "$src" .c)
		# *_i386.c: the 32-bit ABI, run under IA32 emulation.
		m32=()
		case "$src" in *_i386.c) m32=(-m32) ;; esac
		gcc "${cflags[@]}" "${m32[@]}" -o "$bin" "$src" ||
			vs_die "cannot build $src"
		# helper_*.c: a program a scenario copies into a guest, not a
		# test of its own: not executable, so the runner passes it by.
		case "$src" in */helper_*.c) chmod 0644 "$bin" ;; esac
	done
	for sh in "$dir"*.sh; do
		[ -e "$sh" ] || continue
		install -m 0755 "$sh" "$out/$suite/"
	done
done
# The suites `make check` runs, in order; the canary, the novserver suite
# and the benchmarks each run on their own (scripts/test-rig.sh,
# check-novserver.sh, bench.sh).
# VS_SUITES="limits network" narrows `make integration` while developing.
if [ -n "${VS_SUITES:-}" ]; then
	tr ' ' '\n' <<<"$VS_SUITES" >"$out/SUITES"
else
	ls "$out" | grep -vx -e lib -e canary -e novserver -e bench -e SUITES >"$out/SUITES"
fi
vs_log "test programs in $out: $(tr '\n' ' ' <"$out/SUITES")"
