#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Assembles build/linux: the pristine Debian source, plus our new files
# (kernel/ mirrors the tree root; Kconfig.vserver lands as
# kernel/vserver/Kconfig), plus patches/series applied in order.
#
# Idempotent: the tree records what it holds in .vserver/; re-running
# reverts only patches that changed and copies only files that changed,
# so an incremental kernel build stays incremental.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$VS_PRISTINE/.vserver-debian-version" ] ||
	"$VS_TOP/scripts/fetch-source.sh"

state=$VS_TREE/.vserver
if [ ! -d "$state" ]; then
	vs_log "creating $VS_TREE from the pristine source"
	rm -rf "$VS_TREE"
	# Hard links: patch(1) and rsync replace files, never edit in place.
	cp -al "$VS_PRISTINE" "$VS_TREE"
	mkdir -p "$state/applied"
	: >"$state/applied/series"
	: >"$state/files"
fi
cp "$VS_PRISTINE/.vserver-debian-version" "$state/debian-version"

# 1. Revert applied patches, newest first, down to the first one that
#    differs from the current series; the rest stay applied.
mapfile -t want < <(grep -v -e '^#' -e '^$' "$VS_TOP/patches/series" || true)
mapfile -t have <"$state/applied/series"
keep=0
while [ $keep -lt ${#have[@]} ] && [ $keep -lt ${#want[@]} ] &&
	[ "${have[$keep]}" = "${want[$keep]}" ] &&
	cmp -s "$state/applied/${have[$keep]}" "$VS_TOP/patches/${want[$keep]}"; do
	keep=$((keep + 1))
done
for ((i = ${#have[@]} - 1; i >= keep; i--)); do
	p=${have[$i]}
	vs_log "reverting $p"
	patch -d "$VS_TREE" -p1 -R -s -F0 -E --no-backup-if-mismatch \
		<"$state/applied/$p" || vs_die "cannot revert $p"
	rm -f "$state/applied/$p"
done
printf '%s\n' "${have[@]:0:$keep}" | sed '/^$/d' >"$state/applied/series"

# 2. New files: copy what changed, remove what we no longer ship.
manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT
(cd "$VS_TOP/kernel" && find . -type f | sed 's,^\./,,' | sort) >"$manifest"
while read -r f; do
	[ -f "$VS_TOP/kernel/$f" ] && continue
	[ -f "$VS_PRISTINE/$f" ] && continue
	vs_log "removing $f"
	rm -f "$VS_TREE/$f"
done <"$state/files"
rsync -rc "$VS_TOP/kernel/" "$VS_TREE/"
rsync -c "$VS_TOP/Kconfig.vserver" "$VS_TREE/kernel/vserver/Kconfig"
cp "$manifest" "$state/files"

# 3. Apply the rest of the series without fuzz.
for ((i = keep; i < ${#want[@]}; i++)); do
	p=${want[$i]}
	vs_log "applying $p"
	patch -d "$VS_TREE" -p1 -s -F0 -E --no-backup-if-mismatch \
		<"$VS_TOP/patches/$p" || vs_die "$p does not apply without fuzz"
	cp "$VS_TOP/patches/$p" "$state/applied/$p"
	echo "$p" >>"$state/applied/series"
done
vs_log "tree ready: Linux $(make -s -C "$VS_TREE" kernelversion) ($(cat "$state/debian-version")) + ${#want[@]} patches"
