#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Installs the tools into $DESTDIR$PREFIX/sbin and their man pages into
# $DESTDIR$PREFIX/share/man/man8 (PREFIX defaults to /usr/local), from the
# build in build/userspace (built first if needed) with cmake --install.
# The tools are linked as the build links them (statically unless
# VSERVER_STATIC_TOOLS=OFF).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}

"$VS_TOP/scripts/build-userspace.sh" || vs_die "userspace build failed"
vs_log "installing into ${DESTDIR}${PREFIX}"
DESTDIR="$DESTDIR" cmake --install "$VS_BUILD/userspace" --prefix "$PREFIX"
