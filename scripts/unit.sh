#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Runs the userspace unit tests (Catch2 under CTest) and counts them.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

"$VS_TOP/scripts/build-userspace.sh" || vs_die "userspace build failed"
out=$(ctest --test-dir "$VS_BUILD/userspace" --output-on-failure 2>&1)
rc=$?
echo "$out" | tail -n 25
total=$(echo "$out" | sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p')
fail=$(echo "$out" | sed -n 's/.*tests passed, \([0-9]*\) tests failed out of.*/\1/p')
[ -n "$total" ] || { total=0 fail=1; }
[ "$rc" -eq 0 ] || [ "$fail" -gt 0 ] || fail=1
echo "unit: $((total - fail)) passed, $fail failed"
mkdir -p "$VS_BUILD/check"
echo "$((total - fail)) $fail" >"$VS_BUILD/check/unit.counts"
[ "$fail" -eq 0 ]
