#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Configures and builds userspace/ (libvserver, libvserver-cli, static
# tools, their man pages, unit tests) into build/userspace.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vs_need_packages g++ cmake libcap-dev catch2 linux-libc-dev file man-db groff-base
cmake -S "$VS_TOP/userspace" -B "$VS_BUILD/userspace" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$VS_BUILD/userspace" -j"$VS_JOBS"
