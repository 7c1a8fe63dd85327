#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Packs the test guest: tests/qemu/initramfs.spec (busybox, init) plus our
# static tools (build/userspace/tools/*), a static fsck.ext4 for the disk
# suite and the built suites (build/tests/) into build/qemu/initramfs.cpio.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages busybox-static gcc e2fsck-static
out=$VS_BUILD/qemu
mkdir -p "$out"

gen=$out/gen_init_cpio
src=$VS_PRISTINE/usr/gen_init_cpio.c
[ -x "$gen" ] && [ "$gen" -nt "$src" ] || gcc -O2 -o "$gen" "$src"

spec=$out/initramfs.spec
cp "$VS_TOP/tests/qemu/initramfs.spec" "$spec"
echo "file /sbin/fsck.ext4 /sbin/e2fsck.static 0755 0 0" >>"$spec"
for tool in "$VS_BUILD"/userspace/tools/*; do
	[ -f "$tool" ] && [ -x "$tool" ] || continue
	file -b "$tool" | grep -q 'statically linked' ||
		vs_die "$tool is not a static binary"
	echo "file /sbin/${tool##*/} $tool 0755 0 0" >>"$spec"
done
(cd "$VS_BUILD/tests" && find . -mindepth 1 | sort) | while read -r f; do
	f=${f#./}
	if [ -d "$VS_BUILD/tests/$f" ]; then
		echo "dir /tests/$f 0755 0 0"
	else
		echo "file /tests/$f $VS_BUILD/tests/$f $(stat -c %a "$VS_BUILD/tests/$f") 0 0"
	fi
done >>"$spec"

VS_TOP=$VS_TOP VS_BUSYBOX=/bin/busybox "$gen" "$spec" >"$out/initramfs.cpio.tmp"
mv "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
vs_log "initramfs: $out/initramfs.cpio ($(du -k "$out/initramfs.cpio" | cut -f1) KiB)"
