#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Obtains Debian's linux-source-6.12 at the version pinned in
# scripts/linux-source.version and unpacks it to build/linux-pristine.
# If the registry no longer offers the pin, the newest 6.12 is taken with a
# loud warning, so a new Debian upload never silently changes the base.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkg=linux-source-6.12
pin=$(tr -d ' \n' <"$VS_TOP/scripts/linux-source.version")
tarball=/usr/src/linux-source-6.12.tar.xz

installed=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
if [ "$installed" != "$pin" ]; then
	vs_need_packages xz-utils
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq || vs_die "apt-get update failed"
	if apt-cache madison "$pkg" | awk '{print $3}' | grep -qxF "$pin"; then
		vs_log "installing $pkg=$pin"
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
			--no-install-recommends --allow-downgrades "$pkg=$pin" >/dev/null ||
			vs_die "apt-get install $pkg=$pin failed"
	else
		cat >&2 <<WARN
################################################################
# WARNING: $pkg=$pin is no longer offered by the registry.
# Falling back to the newest $pkg. The patch series was made
# for $pin; the fuzz check will tell whether it still applies.
################################################################
WARN
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
			--no-install-recommends "$pkg" >/dev/null ||
			vs_die "apt-get install $pkg failed"
	fi
	installed=$(dpkg-query -W -f='${Version}' "$pkg")
fi
[ -f "$tarball" ] || vs_die "$tarball missing after installing $pkg"

stamp=$VS_PRISTINE/.vserver-debian-version
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$installed" ]; then
	vs_log "pristine source $installed already unpacked"
else
	vs_log "unpacking $tarball ($pkg $installed)"
	rm -rf "$VS_PRISTINE" "$VS_PRISTINE.tmp"
	mkdir -p "$VS_PRISTINE.tmp"
	tar -xJf "$tarball" -C "$VS_PRISTINE.tmp" --strip-components=1
	echo "$installed" >"$VS_PRISTINE.tmp/.vserver-debian-version"
	mv "$VS_PRISTINE.tmp" "$VS_PRISTINE"
fi
kver=$(make -s -C "$VS_PRISTINE" kernelversion 2>/dev/null)
vs_log "Linux source: $pkg $installed = Linux $kver"
