#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Builds the QEMU test kernel in build/obj-qemu: tinyconfig plus the rig's
# tests/qemu/vserver-qemu.config and vserver-debug.config (merged with the
# tree's merge_config.sh; every option must survive olddefconfig).
# Uses ccache when present.  Prints the bzImage path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages gcc make bc flex bison libelf-dev libssl-dev rsync ccache
"$VS_TOP/scripts/assemble.sh"

# VS_KERNEL_VARIANT=novserver builds the same kernel with CONFIG_VSERVER=n
# (and no debug options) to show the series compiles away; =bench with
# Linux-VServer but without the debug options, for benchmarks.
# =compile-novserver and =compile-noipv6 are the test kernel with
# CONFIG_VSERVER=n or CONFIG_IPV6=n, of which make check compiles only what
# the series touches (scripts/build-variants.sh).
variant=${VS_KERNEL_VARIANT:-qemu}
rig=$VS_TOP/tests/qemu
case "$variant" in
qemu) fragments=("$rig/vserver-qemu.config" "$rig/vserver-debug.config") ;;
bench) fragments=("$rig/vserver-qemu.config") ;;
novserver) fragments=("$rig/vserver-qemu.config" "$rig/novserver.config") ;;
compile-novserver | compile-noipv6)
	fragments=("$rig/vserver-qemu.config" "$rig/vserver-debug.config"
		"$rig/${variant#compile-}.config") ;;
*) vs_die "unknown VS_KERNEL_VARIANT=$variant" ;;
esac
cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"
kmake() { make -s -C "$VS_TREE" O="$VS_OBJ" ARCH=x86_64 CC="$cc" HOSTCC="$cc" "$@"; }

mkdir -p "$VS_OBJ"
want=$(cd "$VS_TREE" && cat "${fragments[@]}" | sha256sum)
if [ ! -f "$VS_OBJ/.config" ] || [ "$(cat "$VS_OBJ/.vserver-config" 2>/dev/null)" != "$want" ]; then
	vs_log "configuring $VS_OBJ: tinyconfig + ${fragments[*]}"
	kmake tinyconfig >/dev/null
	(cd "$VS_TREE" && scripts/kconfig/merge_config.sh -m -O "$VS_OBJ" \
		"$VS_OBJ/.config" "${fragments[@]}" >/dev/null)
	kmake olddefconfig >/dev/null
	# Every option we ask for (the last fragment wins) must survive
	# olddefconfig.
	declare -A asked=()
	while IFS= read -r line; do
		case "$line" in CONFIG_*=*) asked[${line%%=*}]=${line#*=} ;; esac
	done < <(cd "$VS_TREE" && cat "${fragments[@]}")
	bad=0
	for opt in "${!asked[@]}"; do
		val=${asked[$opt]}
		if [ "$val" = n ]; then
			! grep -q "^$opt=" "$VS_OBJ/.config" ||
				{ vs_log "config: $opt should be off"; bad=1; }
		else
			grep -qxF "$opt=$val" "$VS_OBJ/.config" ||
				{ vs_log "config: $opt=$val did not stick"; bad=1; }
		fi
	done
	[ $bad -eq 0 ] || vs_die "kernel config fragments do not apply cleanly"
	echo "$want" >"$VS_OBJ/.vserver-config"
fi

# VS_KERNEL_TARGETS="fs/file.o ...": compile just those objects.
if [ -n "${VS_KERNEL_TARGETS:-}" ]; then
	vs_log "compiling $(wc -w <<<"$VS_KERNEL_TARGETS") targets ($VS_JOBS jobs, CC=$cc)"
	# shellcheck disable=SC2086 # a list of make targets
	kmake -j"$VS_JOBS" $VS_KERNEL_TARGETS
	exit
fi
vs_log "building the kernel ($VS_JOBS jobs, CC=$cc)"
kmake -j"$VS_JOBS" bzImage
vs_log "kernel: $VS_OBJ/arch/x86/boot/bzImage ($(kmake kernelrelease))"
