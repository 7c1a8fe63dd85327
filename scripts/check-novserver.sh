#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# With CONFIG_VSERVER=n the patched kernel builds and behaves as unpatched:
# builds the QEMU kernel without Linux-VServer in build/obj-novserver and
# runs tests/novserver in it (syscall 236 is -ENOSYS, no /proc/virtual).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

export VS_OBJ=$VS_BUILD/obj-novserver
VS_KERNEL_VARIANT=novserver "$VS_TOP/scripts/build-kernel.sh"
if grep -q '^CONFIG_VSERVER=y' "$VS_OBJ/.config"; then
	vs_die "CONFIG_VSERVER is still on in $VS_OBJ/.config"
fi
[ -f "$VS_BUILD/userspace/tools/vserver-info" ] || "$VS_TOP/scripts/build-userspace.sh"
"$VS_TOP/scripts/build-tests.sh"
"$VS_TOP/scripts/build-initramfs.sh"
"$VS_TOP/scripts/run-qemu.sh" novserver
