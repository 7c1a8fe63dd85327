#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Style and static checks, fast:
#   checkpatch --strict on our kernel sources (as they land in the tree)
#   and on every patch; clang-format (the tree's .clang-format) on kernel C,
#   our .clang-format on C++; sparse on our objects when the kernel has
#   been built (make check always builds it first); bash -n on scripts.
#
# checkpatch's ENOSYS check is ignored: the vserver ABI answers unknown
# commands, and callers without CAP_CONTEXT, with -ENOSYS.  In patches its
# CAMELCASE check is too: a hunk follows the file's own names (ext4's
# mount options are Opt_*).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "lint: $*"; }

[ -f "$VS_TREE/.vserver/files" ] || "$VS_TOP/scripts/assemble.sh" >/dev/null ||
	vs_die "cannot assemble the kernel tree"
"$VS_TOP/scripts/assemble.sh" 2>/dev/null

cd "$VS_TREE" || exit 1
# Keyed by the tools' configuration too: a new style or checkpatch checks
# everything again.
LINT_CACHE=$VS_BUILD/lint-cache/$(cat "$VS_TOP/userspace/.clang-format" .clang-format \
	scripts/checkpatch.pl scripts/spelling.txt 2>/dev/null | sha256sum | cut -c1-16)
export LINT_CACHE
checkpatch=(scripts/checkpatch.pl --strict -q --no-summary --ignore ENOSYS)
kfiles=$(sed -n '/\.[ch]$/p' .vserver/files)
# check LABEL CMD...: runs "CMD... FILE" for each file named on stdin,
# VS_JOBS at a time (checkpatch and clang-format start slowly; one at a
# time they were most of lint's minutes). A file passes when the command
# succeeds and prints nothing; a failure prints its output once, whole.
check() {
	local label=$1 line
	shift
	# A file that passed with the same content and the same command passes
	# again without a run (build/lint-cache): a warm make lint checks only
	# what changed; a clean clone checks everything.
	mkdir -p "$LINT_CACHE"
	# shellcheck disable=SC2016 # expanded by the inner bash
	xargs -r -n 1 -P "$VS_JOBS" bash -c '
		f=${!#}
		stamp=$LINT_CACHE/$( { printf "%s\0" "$@"; cat "$f"; } | sha256sum | cut -c1-32)
		if [ -e "$stamp" ]; then echo PASS
		elif out=$("$@" 2>&1) && [ -z "$out" ]; then touch "$stamp"; echo PASS
		else printf "FAIL %s\n%s\n" "$f" "$out"; fi' _ "$@" |
		while IFS= read -r line; do
			case "$line" in
			PASS) echo PASS ;;
			"FAIL "*) echo "lint: $label ${line#FAIL }" ;;
			*) echo "$line" ;;
			esac
		done
}

# Counts check()'s lines: PASS is one pass, "lint: ..." one failure.
tally() {
	local line
	while IFS= read -r line; do
		case "$line" in
		PASS) ok ;;
		"lint: "*) fail=$((fail + 1)) && echo "$line" ;;
		*) echo "$line" ;;
		esac
	done
}

tally < <(printf '%s\n' $kfiles kernel/vserver/Kconfig | check checkpatch "${checkpatch[@]}" -f)
tally < <(printf '%s\n' "$VS_TOP"/patches/*.patch |
	check checkpatch "${checkpatch[@]}" --ignore CAMELCASE)
tally < <(printf '%s\n' $kfiles |
	check "clang-format (kernel style)" clang-format --style=file:.clang-format --dry-run --Werror)
tally < <(cd "$VS_TOP" && find "$VS_TOP/tests" -name '*.[ch]' | sort |
	check "clang-format (kernel style)" clang-format --style=file:"$VS_TREE/.clang-format" \
		--dry-run --Werror)
tally < <(cd "$VS_TOP" && find userspace -name '*.[ch]pp' | sort |
	check clang-format clang-format --dry-run --Werror)

for f in "$VS_TOP"/scripts/*.sh "$VS_TOP"/tests/*/*.sh; do
	if bash -n "$f"; then ok; else bad "syntax $f"; fi
done

if [ -f "$VS_OBJ/vmlinux" ]; then
	cc=gcc
	command -v ccache >/dev/null && cc="ccache gcc"
	out=$(make -s -C "$VS_TREE" O="$VS_OBJ" ARCH=x86_64 CC="$cc" HOSTCC="$cc" \
		C=2 CHECK="sparse" kernel/vserver/ 2>&1)
	if echo "$out" | grep -E 'warning:|error:' >/dev/null; then
		bad "sparse kernel/vserver"
		echo "$out"
	else
		ok
	fi
else
	echo "lint: sparse skipped: no built kernel yet (make kernel)"
fi

echo "lint: $pass passed, $fail failed"
mkdir -p "$VS_BUILD/check"
echo "$pass $fail" >"$VS_BUILD/check/lint.counts"
[ $fail -eq 0 ]
