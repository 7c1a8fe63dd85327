#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Writes build/linux-<version>-vserver.patch: the whole series (new files
# and changes) as one patch against the pristine Debian source, for
# distributors who apply a single diff.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$VS_TOP/scripts/assemble.sh"
kver=$(make -s -C "$VS_PRISTINE" kernelversion)
dver=$(cat "$VS_PRISTINE/.vserver-debian-version")
out=$VS_BUILD/linux-$kver-vserver.patch

{
	echo "Linux-VServer for Linux $kver (Debian linux-source-6.12 $dver)."
	echo "Apply in the top of the source tree with: patch -p1 < ${out##*/}"
	echo
	echo "Series:"
	grep -v -e '^#' -e '^$' "$VS_TOP/patches/series" | sed 's/^/  /'
	echo "New files:"
	(cd "$VS_TREE" && sed 's/^/  /' .vserver/files)
	echo "  kernel/vserver/Kconfig"
	echo "---"
	changed=$( (
		cd "$VS_TOP/patches" &&
			vs_patch_files $(grep -v -e '^#' -e '^$' series)
		cat "$VS_TREE/.vserver/files"
		echo kernel/vserver/Kconfig
	) | sort -u)
	for f in $changed; do
		a=$VS_PRISTINE/$f
		[ -f "$a" ] || a=/dev/null
		(cd "$VS_BUILD" && diff -uN --label "a/$f" --label "b/$f" "$a" "$VS_TREE/$f") || true
	done
} >"$out"
vs_log "wrote $out ($(grep -c '^+++ ' "$out") files)"

# Proof: it applies to a pristine copy of exactly those files.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vs_patch_files "$out" | vs_copy_pristine "$work"
patch -d "$work" -p1 -F0 -s --dry-run <"$out" || vs_die "the combined patch does not apply"
vs_log "checked: the combined patch applies to the pristine source without fuzz"
