#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The Debian 12 guest trees the QEMU rig builds guests from, made once on
# the host by our own `vserver NAME build -m debootstrap` (the same code an
# admin runs) and cached:
#
#   build/guest-trees/debian-bookworm-<arch>.tar   one tree per arch
#   build/guest-trees/trees.img                    an ext4 image holding
#                                                  them, the rig's vdc
#
# A tree is rebuilt when its inputs change (this script, the build code in
# userspace/lib/cli/guestbuild.cpp, the arch list); the first run downloads
# about 45 MB per arch from the host's Debian mirror.  The tarballs carry
# no ssh host keys: every guest made from them gets its own.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arches=${VS_GUEST_ARCHES:-amd64}
dist=bookworm
out=$VS_BUILD/guest-trees
mkdir -p "$out"
[ "$(id -u)" -eq 0 ] || vs_die "building guest trees needs root (debootstrap)"
vs_need_packages debootstrap e2fsprogs tar
"$VS_TOP/scripts/build-userspace.sh" >/dev/null || vs_die "userspace build failed"
vserver=$VS_BUILD/userspace/tools/vserver

inputs=$(cat "$0" "$VS_TOP/userspace/lib/cli/guestbuild.cpp" | sha256sum | cut -c1-16)
changed=0
for arch in $arches; do
	tar_file=$out/debian-$dist-$arch.tar
	stamp=$tar_file.inputs
	if [ -f "$tar_file" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
		continue
	fi
	vs_log "building the Debian $dist $arch guest tree (debootstrap; about a minute)"
	work=$out/work-$arch
	rm -rf "$work"
	mkdir -p "$work/conf"
	if ! VSERVER_CONFDIR=$work/conf "$vserver" template build -m debootstrap \
		--context 2 --rootdir "$work/root" -- -d "$dist" -a "$arch" \
		>"$work.log" 2>&1; then
		tail -n 20 "$work.log" >&2
		vs_die "debootstrap of the $arch guest tree failed (log: $work.log)"
	fi
	# The rig's tree is slim: the QEMU rig (TCG, a debug kernel) writes
	# each guest at a few hundred KB/s, so apt's lists (49 MB; apt-get
	# update brings them back), translations, manuals and docs stay out,
	# and dpkg keeps them out on later installs.
	mkdir -p "$work/root/template/etc/dpkg/dpkg.cfg.d"
	printf '%s\n' 'path-exclude=/usr/share/locale/*' 'path-exclude=/usr/share/man/*' \
		'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
		>"$work/root/template/etc/dpkg/dpkg.cfg.d/vserver-rig-slim"
	tar --numeric-owner -C "$work/root/template" --exclude='./etc/ssh/ssh_host_*' \
		--exclude='./var/lib/apt/lists/*_*' --exclude='./usr/share/locale/*' \
		--exclude='./usr/share/man/*' --exclude='./usr/share/doc/*' \
		-cf "$tar_file.tmp" .
	mv "$tar_file.tmp" "$tar_file"
	echo "$inputs" >"$stamp"
	rm -rf "$work"
	changed=1
	vs_log "guest tree: $tar_file ($(du -m "$tar_file" | cut -f1) MB)"
done

img=$out/trees.img
if [ "$changed" = 1 ] || [ ! -f "$img" ]; then
	rm -rf "$out/media" "$img"
	mkdir -p "$out/media"
	for arch in $arches; do
		ln "$out/debian-$dist-$arch.tar" "$out/media/"
	done
	size=$(du -smL "$out/media" | cut -f1)
	truncate -s $((size + size / 8 + 64))M "$img"
	mkfs.ext4 -q -F -d "$out/media" "$img"
	rm -rf "$out/media"
	vs_log "guest tree image: $img"
fi
