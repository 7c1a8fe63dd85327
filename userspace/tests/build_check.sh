#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `vserver NAME build -m debootstrap` and newvserver with a mirror that
# does not answer: debootstrap fails, so the build fails, with our one
# line last, and leaves nothing behind (with --keep: keeps it all).
# Needs root and debootstrap (exit 77: skipped); nothing leaves the host.
#   build_check.sh VSERVER NEWVSERVER
set -u
vserver=$1 newvserver=$2
[ "$(id -u)" -eq 0 ] && command -v debootstrap >/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export VSERVER_CONFDIR=$tmp/conf
mirror=http://127.0.0.1:9/debian # the discard port: connection refused
fails=0
check() { # name condition...
	if "${@:2}"; then echo "ok - $1"; else echo "not ok - $1"; fails=$((fails + 1)); fi
}

"$vserver" bad build -m debootstrap --rootdir "$tmp/root" -- -m "$mirror" >"$tmp/out" 2>&1
check "a failing debootstrap fails the build" test $? -eq 1
check "... the last line says so" \
	test "$(tail -n 1 "$tmp/out")" = "vserver: debootstrap bookworm failed (exit status 1)"
check "... no configuration is left" test ! -e "$tmp/conf/bad"
check "... no tree is left" test ! -e "$tmp/root/bad"
check "... the guests' root stays" test -d "$tmp/root"

"$vserver" bad build --keep -m debootstrap --rootdir "$tmp/root" -- -m "$mirror" >"$tmp/out" 2>&1
check "--keep: the build still fails" test $? -eq 1
check "... and keeps the configuration" test -f "$tmp/conf/bad/context"
check "... and the tree" test -d "$tmp/root/bad"
rm -rf "$tmp/conf/bad" "$tmp/root/bad"

"$newvserver" --hostname nv --ip 10.0.0.7/24 --vsroot "$tmp/root" --mirror "$mirror" \
	>"$tmp/out" 2>&1
check "newvserver with a dead mirror fails" test $? -eq 1
check "... and leaves nothing" test ! -e "$tmp/conf/nv" -a ! -e "$tmp/root/nv"
[ "$fails" -eq 0 ] || { cat "$tmp/out"; exit 1; }
