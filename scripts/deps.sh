#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Installs every Debian 12 package the build and the tests need, in one
# apt-get run.  The scripts also check their own needs, so this is a speed-up.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages \
	gcc g++ gcc-multilib make bc flex bison libelf-dev libssl-dev rsync ccache file \
	xz-utils python3 sparse clang-format \
	cmake libcap-dev catch2 \
	busybox-static e2fsck-static e2fsprogs qemu-system-x86 debootstrap
