# SPDX-License-Identifier: GPL-2.0
# Shared settings for the build scripts: where things live.
# Sourced, not executed.

VS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VS_BUILD=${VS_BUILD:-$VS_TOP/build}
VS_PRISTINE=$VS_BUILD/linux-pristine
VS_TREE=$VS_BUILD/linux
VS_OBJ=${VS_OBJ:-$VS_BUILD/obj-qemu}
VS_JOBS=${VS_JOBS:-$(nproc)}

# ccache: hash paths relative to the checkout, so that another clone (CI)
# hits the same cache entries.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$VS_TOP}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}

vs_log() { printf '[vserver] %s\n' "$*" >&2; }
vs_die() { printf '[vserver] error: %s\n' "$*" >&2; exit 1; }

# Installs the named Debian packages that are missing (needs root or sudo).
vs_need_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	vs_log "installing Debian packages: ${missing[*]}"
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq || vs_die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		vs_die "apt-get install ${missing[*]} failed"
}

# vs_patch_files PATCH...: the paths the patches write ("+++ b/<path>").
vs_patch_files() {
	sed -n 's,^+++ b/\([^[:space:]]*\).*,\1,p' "$@" | sort -u
}

# vs_copy_pristine DIR < paths: copies each listed path that exists in the
# pristine source into DIR, so patches can be tried on a small copy.
vs_copy_pristine() {
	local f
	while read -r f; do
		[ -f "$VS_PRISTINE/$f" ] || continue
		mkdir -p "$1/$(dirname "$f")"
		cp "$VS_PRISTINE/$f" "$1/$f"
	done
}
