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
checkpatch=(scripts/checkpatch.pl --strict -q --no-summary --ignore ENOSYS)
kfiles=$(sed -n '/\.[ch]$/p' .vserver/files)
for f in $kfiles kernel/vserver/Kconfig; do
	if out=$("${checkpatch[@]}" -f "$f" 2>&1) && [ -z "$out" ]; then ok; else
		bad "checkpatch $f"
		echo "$out"
	fi
done
for p in "$VS_TOP"/patches/*.patch; do
	if out=$("${checkpatch[@]}" --ignore CAMELCASE "$p" 2>&1) && [ -z "$out" ]; then ok; else
		bad "checkpatch ${p#"$VS_TOP"/}"
		echo "$out"
	fi
done

for f in $kfiles; do
	if clang-format --style=file:.clang-format --dry-run --Werror "$f" 2>/dev/null; then ok; else
		bad "clang-format $f (kernel style)"
	fi
done
for f in $(cd "$VS_TOP" && find tests -name '*.[ch]'); do
	if clang-format --style=file:.clang-format --dry-run --Werror "$VS_TOP/$f" 2>/dev/null; then ok; else
		bad "clang-format $f (kernel style)"
	fi
done
for f in $(cd "$VS_TOP" && find userspace -name '*.[ch]pp' 2>/dev/null); do
	if (cd "$VS_TOP" && clang-format --dry-run --Werror "$f" 2>/dev/null); then ok; else
		bad "clang-format $f"
	fi
done

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
