#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Applies patches/series, in order, to a pristine copy of the files it
# touches, refusing any fuzz.  Fails if a patch needs fuzz or does not apply.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$VS_PRISTINE/.vserver-debian-version" ] || "$VS_TOP/scripts/fetch-source.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t series < <(grep -v -e '^#' -e '^$' "$VS_TOP/patches/series")
for p in "${series[@]}"; do
	[ -f "$VS_TOP/patches/$p" ] || vs_die "patches/series names $p, which does not exist"
done
(cd "$VS_TOP/patches" && vs_patch_files "${series[@]}") | vs_copy_pristine "$work"
for p in $(ls "$VS_TOP/patches" | grep -v '^series$'); do
	printf '%s\n' "${series[@]}" | grep -qxF "$p" ||
		vs_die "patches/$p is not listed in patches/series"
done

bad=0
for p in "${series[@]}"; do
	if msg=$(patch -d "$work" -p1 -F0 -E --no-backup-if-mismatch <"$VS_TOP/patches/$p" 2>&1); then
		if echo "$msg" | grep -q 'offset'; then
			vs_log "note: $p applies with offsets: $(echo "$msg" | grep offset | head -n 3)"
		fi
		echo "ok - $p applies without fuzz"
	else
		echo "not ok - $p does not apply without fuzz to $(cat "$VS_PRISTINE/.vserver-debian-version")"
		echo "$msg" | sed 's/^/#   /'
		bad=$((bad + 1))
	fi
done
echo "patches: $((${#series[@]} - bad)) passed, $bad failed"
[ $bad -eq 0 ]
