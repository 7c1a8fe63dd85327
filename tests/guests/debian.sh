#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - Debian 12 guests as admins build them:
# `vserver NAME build -m template|clone`, each guest with its own ssh host
# keys, sshd answering on its own address only, vapt-get over the running
# guests, the refusals (unknown dist, bad address, existing name, xid in
# use: one line each, nothing left behind) and an i386 guest.
# The tree comes from the host (scripts/guest-trees.sh, on vdc); the
# guests live on a tagged disk of their own (vdd) under /vservers.
. ../lib/tap.sh

T=/media/trees/debian-bookworm-amd64.tar
R=/vservers
mkdir -p /media/trees $R
if ! mount -t ext4 -o ro /dev/vdc /media/trees || [ ! -f $T ]; then
	t_fail "the guest trees on /dev/vdc (scripts/guest-trees.sh)"
	t_done
	exit 1
fi
if ! mount -t ext4 -o tag /dev/vdd $R; then
	t_fail "mount -o tag /dev/vdd $R"
	t_done
	exit 1
fi
ip link add vsd0 type dummy 2>/dev/null
ip link set vsd0 up
ip link set lo up

# The SSH banner on IP:22 within 3 s, or nothing.
banner() {
	echo | timeout 3 nc "$1" 22 2>/dev/null | head -n 1 | tr -d '\r'
}
# Waits up to 30 s for sshd on IP:22.
wait_sshd() {
	_i=0
	while [ -z "$(banner "$1")" ] && [ $_i -lt 30 ]; do
		sleep 1
		_i=$((_i + 1))
	done
}
# The ed25519 host key a guest's tree holds (its base64 field).
tree_key() {
	cut -d ' ' -f 2 $R/"$1"/etc/ssh/ssh_host_ed25519_key.pub 2>/dev/null
}
# The ed25519 key sshd on IP:22 shows, scanned from inside guest $1.
scanned_key() {
	vserver "$1" exec ssh-keyscan -T 5 -t ed25519 "$2" 2>/dev/null | cut -d ' ' -f 3
}

# --- build from the template --------------------------------------------------
out=$(vserver deba build -m template --context 1301 --interface vsd0:10.79.0.1/24 \
	-- -t $T 2>&1)
t_eq "build -m template exits 0" "$?" 0
t_contains "... and says what it built" "$out" "built guest 'deba' (context 1301) in $R/deba"
t_eq "... the configuration names the context" "$(cat /etc/vservers/deba/context)" 1301
t_eq "... and the address" "$(cat /etc/vservers/deba/interfaces/0/ip)/$(cat /etc/vservers/deba/interfaces/0/prefix)" 10.79.0.1/24
t_eq "... the vdir link" "$(readlink /etc/vservers/deba/vdir)" $R/deba
t_contains "the tree is Debian 12" "$(cat $R/deba/etc/debian_version)" "12."
t_eq "its hostname" "$(cat $R/deba/etc/hostname)" deba
t_contains "its hosts file names it" "$(cat $R/deba/etc/hosts)" "10.79.0.1	deba"
t_run "it has ssh host keys of its own" test -s $R/deba/etc/ssh/ssh_host_ed25519_key
t_run "... no policy-rc.d left" test ! -e $R/deba/usr/sbin/policy-rc.d
t_contains "... rsyslog does not read the host's kernel log" \
	"$(grep imklog $R/deba/etc/rsyslog.conf)" "#module(load=\"imklog\")"
t_contains "its files carry its xid (tagged disk)" "$(lsxid -d $R/deba/etc/hostname)" 1301
t_contains "the guests' root has the barrier" "$(showattr -d $R)" "B"

out=$(vserver debb build -m clone --context 1302 --interface vsd0:10.79.0.2/24 \
	-- --source deba 2>&1)
t_eq "build -m clone exits 0" "$?" 0
t_eq "the clone has its own hostname" "$(cat $R/debb/etc/hostname)" debb
a_key=$(tree_key deba)
b_key=$(tree_key debb)
t_run "the clone has an ed25519 host key" test -n "$b_key"
t_run "... not the source's" test "$a_key" != "$b_key"
t_run "the source's /var/log has files (control)" test -n "$(find $R/deba/var/log -type f)"
t_eq "the clone's /var/log has none" "$(find $R/debb/var/log -type f | wc -l)" 0
t_run "... but keeps its directories" test -d $R/debb/var/log/apt
t_contains "the clone's files carry its xid" "$(lsxid -d $R/debb/etc/passwd)" 1302
t_run "the clone shares no inode with its source" \
	test "$(stat -c %i $R/deba/etc/passwd)" != "$(stat -c %i $R/debb/etc/passwd)"

# --- start: sshd on each guest's own address ------------------------------------
# deba gets a disk limit of 512 MiB on the guests' disk; df inside shows it.
mkdir -p /etc/vservers/deba/dlimits/0
echo $R >/etc/vservers/deba/dlimits/0/directory
echo 524288 >/etc/vservers/deba/dlimits/0/space_total
echo 100000 >/etc/vservers/deba/dlimits/0/inodes_total
echo 0 >/etc/vservers/deba/dlimits/0/reserved
t_status "vserver deba start" 0 vserver deba start
t_status "vserver debb start" 0 vserver debb start
wait_sshd 10.79.0.1
wait_sshd 10.79.0.2
t_contains "deba's sshd answers on 10.79.0.1:22" "$(banner 10.79.0.1)" "SSH-2.0-OpenSSH"
t_contains "debb's sshd answers on 10.79.0.2:22" "$(banner 10.79.0.2)" "SSH-2.0-OpenSSH"
t_eq "10.79.0.1:22 shows deba's host key" "$(scanned_key debb 10.79.0.1)" "$a_key"
t_eq "10.79.0.2:22 shows debb's host key" "$(scanned_key deba 10.79.0.2)" "$b_key"
t_eq "exec: /etc/debian_version" "$(vserver deba exec cat /etc/debian_version | cut -c1-3)" "12."
t_eq "exec: the guest's hostname" "$(vserver debb exec hostname)" debb
t_eq "the guest sees only its own processes" \
	"$(vserver deba exec ps -e -o comm= | grep -c '^sshd')" 1
t_eq "df in deba shows its limit: 524288 KiB" \
	"$(vserver deba exec df -P -k / | awk 'NR == 2 { print $2 }')" 524288
t_run "df in debb shows the disk (control: no limit)" \
	test "$(vserver debb exec df -P -k / | awk 'NR == 2 { print $2 }')" -gt 1000000
t_contains "free in the guest works" "$(vserver deba exec free)" "Mem:"

# --- vapt-get over the running guests ---------------------------------------------
out=$(vapt-get --all -- --version 2>&1)
t_eq "vapt-get --all -- --version exits 0" "$?" 0
t_contains "... a block for deba" "$out" "==> deba <=="
t_contains "... a block for debb" "$out" "==> debb <=="
t_eq "... apt answers in each" "$(echo "$out" | grep -c '^apt 2\.')" 2
t_status "vserver deba apt-get --version" 0 vserver deba apt-get --version

# --- stop: the address goes with the guest -----------------------------------------
t_status "vserver deba stop" 0 vserver deba stop
t_eq "deba's sshd is gone from 10.79.0.1:22" "$(banner 10.79.0.1)" ""
t_contains "debb still answers on 10.79.0.2:22" "$(banner 10.79.0.2)" "SSH-2.0-OpenSSH"
out=$(vapt-get --all -- --version 2>&1)
t_contains "vapt-get --all skips the stopped guest" "$out" "'deba' is not running; skipped"
t_eq "... and runs in the running one" "$(echo "$out" | grep -c '^apt 2\.')" 1
t_status "vserver debb stop" 0 vserver debb stop
t_gone "nothing is left of debb's context" /proc/virtual/1302

# --- refusals: one line, nothing left behind ----------------------------------------
# A small tree (busybox and a 32-bit program): a template for the builds
# below that need no Debian, and for the i386 guest.
../lib/mkguest.sh i386src 1399 10.79.0.9 vsd0 /tmp/i386src >/dev/null
cp helper_uname_i386 /tmp/i386src/i386src/bin/uname32
chmod 755 /tmp/i386src/i386src/bin/uname32
tar -C /tmp/i386src/i386src -cf /tmp/i386.tar .
rm -rf /etc/vservers/i386src /tmp/i386src
refused() { # NAME WANT-TEXT GUEST BUILD-ARGS...
	_name=$1 _want=$2 _guest=$3
	shift 3
	_err=$(vserver "$_guest" build "$@" 2>&1)
	_rc=$?
	if [ $_rc -ne 1 ]; then
		t_fail "$_name" "exit status $_rc, want 1: $_err"
	elif [ "$(echo "$_err" | wc -l)" -ne 1 ]; then
		t_fail "$_name" "not one line: $_err"
	else
		t_contains "$_name" "$_err" "$_want"
	fi
}
refused "an unknown dist" "unknown distribution 'etch'" debx -m debootstrap -- -d etch
t_gone "... leaves no configuration" /etc/vservers/debx
refused "a bad address" "'vsd0:10.79.0.300'" debx -m template --interface vsd0:10.79.0.300 -- -t $T
t_gone "... leaves no configuration" /etc/vservers/debx
refused "an existing name" "guest 'deba' exists" deba -m template -- -t $T
t_run "... and deba's tree is intact" test -s $R/deba/etc/debian_version
refused "an xid in use" "context 1301 is in use by guest 'deba'" debx -m template --context 1301 -- -t $T
t_gone "... leaves no configuration" /etc/vservers/debx
t_gone "... and no tree" $R/debx
refused "a missing template" "template /nonexistent.tar" debx -m template -- -t /nonexistent.tar
refused "no debootstrap in this VM" "debootstrap not found" debx -m debootstrap
t_gone "... leaves nothing" $R/debx
# A template that is not a tarball: tar fails after the directories exist.
head -c 4096 /dev/zero >/tmp/zero.tar
out=$(vserver debx build -m template -- -t /tmp/zero.tar 2>&1)
t_status "a broken template fails the build" 1 vserver debx build -m template -- -t /tmp/zero.tar
t_gone "... and removes its configuration" /etc/vservers/debx
t_gone "... and its tree" $R/debx
t_status "... --keep keeps them" 1 vserver debx build --keep -m template -- -t /tmp/zero.tar
t_run "... configuration kept" test -d /etc/vservers/debx
t_status "... and --force replaces them" 0 vserver debx build --force -m template \
	--context 1303 -- -t /tmp/i386.tar
t_eq "... with the new context" "$(cat /etc/vservers/debx/context)" 1303
t_status "delete the replaced guest" 0 vserver --silent debx delete
t_gone "... its tree is gone" $R/debx

# --- an i386 guest -------------------------------------------------------------------
# (uname32 is a 32-bit program; the guest's uts/machine and personality
# make it, and the guest's 64-bit busybox, see i686.)
t_status "build -m template -a i386" 0 vserver deb32 build -m template --context 1304 \
	--interface vsd0:10.79.0.4/24 -- -t /tmp/i386.tar -a i386
t_eq "... uts/machine is i686" "$(cat /etc/vservers/deb32/uts/machine)" i686
t_eq "... personality linux32" "$(cat /etc/vservers/deb32/personality)" linux32
t_status "the i386 guest starts" 0 vserver deb32 start
t_eq "a 32-bit program in it: i686 with linux32" "$(vserver deb32 exec /bin/uname32)" "i686 linux32"
t_eq "uname -m in it: i686" "$(vserver deb32 exec uname -m)" i686
t_eq "the host stays x86_64 (control)" "$(uname -m)" x86_64
t_status "the i386 guest stops" 0 vserver deb32 stop

for g in deba debb deb32; do
	vserver --silent $g delete >/dev/null 2>&1
done
t_gone "the guests are deleted" $R/deba
ip link del vsd0
umount $R
umount /media/trees
t_done
