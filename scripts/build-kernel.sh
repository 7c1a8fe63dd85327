#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Builds the QEMU test kernel in build/obj-qemu: tinyconfig plus
# kernel/configs/vserver-qemu.config and vserver-debug.config.
# Uses ccache when present.  Prints the bzImage path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages gcc make bc flex bison libelf-dev libssl-dev rsync ccache
"$VS_TOP/scripts/assemble.sh"

fragments=(vserver-qemu.config vserver-debug.config)
cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"
kmake() { make -s -C "$VS_TREE" O="$VS_OBJ" ARCH=x86_64 CC="$cc" HOSTCC="$cc" "$@"; }

mkdir -p "$VS_OBJ"
want=$(cd "$VS_TREE/kernel/configs" && cat "${fragments[@]}" | sha256sum)
if [ ! -f "$VS_OBJ/.config" ] || [ "$(cat "$VS_OBJ/.vserver-config" 2>/dev/null)" != "$want" ]; then
	vs_log "configuring $VS_OBJ: tinyconfig + ${fragments[*]}"
	kmake tinyconfig >/dev/null
	kmake "${fragments[@]}" >/dev/null
	# Every option we ask for must survive olddefconfig.
	bad=0
	for f in "${fragments[@]}"; do
		while IFS= read -r line; do
			case "$line" in
			CONFIG_*=n) opt=${line%%=*}
				grep -q "^$opt=" "$VS_OBJ/.config" &&
					{ vs_log "config: $opt should be off"; bad=1; } ;;
			CONFIG_*=*)
				grep -qxF "$line" "$VS_OBJ/.config" ||
					{ vs_log "config: $line did not stick"; bad=1; } ;;
			esac
		done <"$VS_TREE/kernel/configs/$f"
	done
	[ $bad -eq 0 ] || vs_die "kernel config fragments do not apply cleanly"
	echo "$want" >"$VS_OBJ/.vserver-config"
fi

vs_log "building the kernel ($VS_JOBS jobs, CC=$cc)"
kmake -j"$VS_JOBS" bzImage
vs_log "kernel: $VS_OBJ/arch/x86/boot/bzImage ($(kmake kernelrelease))"
