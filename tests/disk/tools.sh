#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - chxid, lsxid, setattr, showattr and
# vdlimit against the kernel, on /dev/vda (ext4 with quota and project,
# made fresh at every boot by scripts/run-qemu.sh) mounted with -o tag:
# tags set and read back, files a guest creates, the tag check, the chroot
# barrier, unified (immutable + iunlink) files, disk limits (space,
# inodes, reserved, df in the guest) that survive an unmount and a clean
# fsck, and bad input as one error line each.  tag_test.c uses the same
# disk at /mnt/tagged: nothing here assumes it is empty.
. ../lib/tap.sh

M=/mnt/tools
PLAIN=/mnt/tools-plain
MARKER=/escape-marker-tools

# ctx XID: a persistent context for the tests (xids 710-719 are ours).
ctx() {
	vcontext --create --silent --xid "$1" -- vattribute --set --flag persistent --
}

# guest XID CMD...: CMD inside the context.
guest() {
	_x=$1
	shift
	vcontext --migrate --xid "$_x" -- "$@"
}

# one_error NAME CMD...: CMD fails (exit status 1) and says why in one line.
one_error() {
	_n=$1
	shift
	_out=$("$@" 2>&1)
	_rc=$?
	if [ "$_rc" -eq 1 ]; then
		t_pass "$_n: exit status 1"
	else
		t_fail "$_n: exit status 1" "got $_rc: $* said: $_out"
	fi
	t_eq "$_n: one error line" "$(printf '%s\n' "$_out" | grep -c .)" 1
	ERR=$_out
}

# capture CMD...: sets OUT (its output and errors) and RC.
capture() {
	OUT=$("$@" 2>&1)
	RC=$?
}

# dl XID FIELD: one field of vdlimit's listing of $M; -2 if there is none
# (so that the arithmetic below goes on, and the checks fail).
dl() {
	_v=$(vdlimit --xid "$1" "$M" | sed -n "s/^$2=//p")
	echo "${_v:--2}"
}

# size FILE: in bytes, 0 if missing.
size() {
	stat -c %s "$1" 2>/dev/null || echo 0
}

# between NAME VALUE LOW HIGH
between() {
	if [ "$2" -ge "$3" ] 2>/dev/null && [ "$2" -le "$4" ]; then
		t_pass "$1"
	else
		t_fail "$1" "$2 is not within [$3, $4]"
	fi
}

# lsline TAG PATH: one line of lsxid.
lsline() {
	printf '%20s  %s' "$1" "$2"
}

mkdir -p $M $PLAIN
if ! mount -o tag /dev/vda $M; then
	t_fail "mount -o tag /dev/vda $M"
	t_done
	exit 1
fi
for x in 710 711 712 713; do ctx $x; done
t_contains "mountinfo shows the tag option (vdlimit's errors read it)" \
	"$(awk -v m=$M '$5 == m' /proc/self/mountinfo)" ",tag"
# 714: setup over, without CAP_LINUX_IMMUTABLE in its bounding set.
vcontext --create --silent --xid 714 -- \
	vattribute --set --flag persistent --bcap ~LINUX_IMMUTABLE --
vattribute --xid 714 --set --flag ~state_setup

# --- chxid and lsxid -------------------------------------------------------
T=$M/t710
rm -rf $T
mkdir -p $T/sub
echo a >$T/a
echo b >$T/sub/b
echo h >$T/sub/.hidden
echo host >$M/common
t_run "chxid -c 710 -R" chxid -c 710 -R $T
want=$(
	lsline 710 $T
	echo
	lsline 710 $T/a
	echo
	lsline 710 $T/sub
	echo
	lsline 710 $T/sub/b
)
t_eq "lsxid -R: each file with tag 710, no dot files" "$(lsxid -R $T)" "$want"
t_eq "lsxid -R -a: the dot file too" \
	"$(lsxid -R -a -n $T | grep hidden)" "$(lsline 710 $T/sub/.hidden)"
t_eq "lsxid -d: the directory itself" "$(lsxid -d $T)" "$(lsline 710 $T)"
t_eq "lsxid of a host file: tag 0" "$(lsxid -n $M/common)" "$(lsline 0 $M/common)"
t_run "chxid -c 711 one file" chxid -c 711 $T/sub/b
t_eq "lsxid shows 711" "$(lsxid $T/sub/b)" "$(lsline 711 $T/sub/b)"
t_run "chxid without -R leaves the content" chxid -c 0 $T
t_eq "the directory is 0 again" "$(lsxid -d -n $T)" "$(lsline 0 $T)"
t_eq "its file kept 710" "$(lsxid -n $T/a)" "$(lsline 710 $T/a)"
chxid -c 710 $T

t_run "a guest creates a file in its tree" guest 710 sh -c "echo guest >$T/new"
t_eq "it carries the guest's tag" "$(lsxid -n $T/new)" "$(lsline 710 $T/new)"
t_eq "the guest reads its own file" "$(guest 710 cat $T/a 2>&1)" a
t_eq "and a host file (tag 0)" "$(guest 711 cat $M/common 2>&1)" host
capture guest 711 cat $T/a
t_eq "another guest cannot read it" "$RC" 1
t_contains "Permission denied" "$OUT" "Permission denied"

# --- setattr, showattr and the chroot barrier -------------------------------
# A guest rooted at $R (the host chroots it there, as vserver start does)
# chroots into $R/jail without changing directory (nsenter -r -w), so
# its working directory lies outside its root, and climbs out.
V=$M/vservers
R=$V/g710
rm -rf $V
mkdir -p $R/bin $R/jail/bin
cp /bin/busybox $R/bin/busybox
ln $R/bin/busybox $R/jail/bin/busybox
for a in sh cat chroot nsenter; do
	ln -s busybox $R/bin/$a
	ln -s busybox $R/jail/bin/$a
done
echo escaped >$MARKER
escape() {
	(cd $R && vcontext --migrate --xid 710 --chroot -- /bin/nsenter -r/jail -w/ \
		/bin/sh -c "cd -P ../../../../../.. && exec chroot . /bin/cat $MARKER") 2>&1
}
t_eq "without a barrier the guest escapes" "$(escape)" escaped
t_run "setattr --barrier" setattr --barrier $V
t_eq "showattr -d: B set, tag shown" "$(showattr -d $V)" "----BuicX $V"
out=$(escape)
t_contains "with the barrier it cannot climb out" "$out" "Permission denied"
t_eq "inside its root the guest still works" \
	"$(cd $R && vcontext --migrate --xid 710 --chroot -- /bin/cat /bin/sh | wc -c)" \
	"$(wc -c </bin/busybox)"
t_run "setattr --~barrier" setattr --~barrier $V
t_eq "showattr: b clear" "$(showattr -d $V)" "----buicX $V"
t_eq "the escape works again" "$(escape)" escaped
t_run "setattr --!barrier spelling" setattr --!barrier $V
rm -f $MARKER

F=$M/shared
rm -rf $F
mkdir -p $F
chmod 0777 $F
echo same >$F/unified
echo same >$F/frozen
t_run "setattr --iunlink (immutable and iunlink)" setattr --iunlink $F/unified
t_run "setattr --immutable" setattr --immutable $F/frozen
t_eq "showattr: U and I set" "$(showattr $F/unified)" "-----UIcX $F/unified"
t_eq "showattr: I only" "$(showattr $F/frozen)" "-----uIcX $F/frozen"
want=$(printf '%s\n' "----buicX $F" "-----uIcX $F/frozen" "-----UIcX $F/unified")
t_eq "showattr on a directory: itself, then its files" "$(showattr $F)" "$want"
capture guest 710 sh -c "echo changed >>$F/unified"
t_eq "a guest cannot write a unified file" "$RC" 1
t_contains "Operation not permitted" "$OUT" "Operation not permitted"
t_status "nor truncate it" 1 guest 710 truncate -s 0 $F/unified
t_status "nor chmod it" 1 guest 710 chmod 0600 $F/unified
t_eq "the content is unchanged" "$(cat $F/unified)" same
t_status "an immutable file cannot be unlinked" 1 guest 710 rm -f $F/frozen
t_run "a unified file can" guest 710 rm -f $F/unified
t_run "it is gone" test ! -e $F/unified
t_run "setattr --~immutable" setattr --~immutable $F/frozen
t_eq "showattr: I clear" "$(showattr $F/frozen)" "-----uicX $F/frozen"
t_run "then the host removes it" rm $F/frozen

# --- vdlimit ------------------------------------------------------------------
G=$M/g712
rm -rf $G $M/host-712
mkdir -p $G $M/host-712
chxid -c 712 $G
t_run "vdlimit --set space_total, inodes_total, reserved" vdlimit --xid 712 \
	--set space_total=4096 --set inodes_total=40 --set reserved=0 $M
out=$(vdlimit --xid 712 $M)
t_eq "vdlimit: the first line is the xid and the path" "$(echo "$out" | head -n 1)" "712 $M"
t_eq "vdlimit: five fields in order" "$(echo "$out" | sed 1d | cut -d= -f1 | tr '\n' ' ')" \
	"space_used space_total inodes_used inodes_total reserved "
t_eq "space_total" "$(dl 712 space_total)" 4096
t_eq "inodes_total" "$(dl 712 inodes_total)" 40
t_eq "reserved" "$(dl 712 reserved)" 0
t_eq "the tree's directory is counted" "$(dl 712 inodes_used)" 1

capture guest 712 dd if=/dev/zero of=$G/big bs=64k count=128
t_eq "the guest's writer fails" "$RC" 1
t_contains "with Disk quota exceeded" "$OUT" "Disk quota exceeded"
between "its file stops near the 4 MiB limit" "$(size $G/big)" 3670016 4194304
used=$(dl 712 space_used)
between "space_used: the file and the directory" "$used" "$(($(size $G/big) / 1024))" 4096
t_run "the host still writes 4 MiB" dd if=/dev/zero of=$M/host-712/big bs=64k count=64
if [ "$used" -ge 0 ]; then
	t_eq "which is not the guest's" "$(dl 712 space_used)" "$used"
else
	t_fail "which is not the guest's" "no space_used to compare"
fi
# shellcheck disable=SC2046
set -- $(guest 712 stat -f -c '%b %f %c %d %S' $G)
bs=${5:-1024}
t_eq "stat -f in the guest: blocks are the limit" "$1" $((4096 * 1024 / bs))
between "free blocks: the limit less the use" "$2" \
	$(((4096 - used) * 1024 / bs - 1)) $(((4096 - used) * 1024 / bs + 1))
t_eq "files: the inode limit" "$3" 40
t_eq "free files: the limit less the use" "$4" $((40 - $(dl 712 inodes_used)))
t_eq "df in the guest: 1K-blocks" "$(guest 712 df -P $G | awk 'NR == 2 { print $2 }')" 4096
t_eq "df -i in the guest: inodes" "$(guest 712 df -i $G | awk 'NR == 2 { print $2 }')" 40
host_blocks=$(stat -f -c '%b' $M)
host_blocks=${host_blocks:-0}
between "stat -f of the root on the host: the whole filesystem" $((host_blocks * bs / 1024)) 65536 131072
t_run "the guest frees its space" guest 712 rm $G/big
between "space_used drops" "$(dl 712 space_used)" 0 64
t_run "and can write again" guest 712 dd if=/dev/zero of=$G/again bs=64k count=16

mkdir $G/many
chxid -c 712 $G/many
iused=$(dl 712 inodes_used)
# (true, not ':' - a failed redirection of a special builtin ends sh.)
n=$(guest 712 sh -c "i=0; while [ \$i -lt 100 ] && true >$G/many/f\$i; do i=\$((i + 1)); done
	echo \$i" 2>/tmp/tools.err)
t_eq "the guest creates files up to the inode limit" "$n" $((40 - iused))
t_contains "then Disk quota exceeded" "$(cat /tmp/tools.err)" "Disk quota exceeded"
t_eq "inodes_used is the limit" "$(dl 712 inodes_used)" 40
i=0
while [ $i -lt 50 ] && : >$M/host-712/f$i; do i=$((i + 1)); done
t_eq "the host still creates files" $i 50

# Persistence: unmount, a clean fsck, mount again: the same limit and use.
before=$(vdlimit --xid 712 $M)
t_run "umount" umount $M
if grep -q '^/dev/vda ' /proc/mounts; then
	t_fail "fsck.ext4 -fn: /dev/vda is still mounted elsewhere"
else
	out=$(fsck.ext4 -fn /dev/vda 2>&1)
	rc=$?
	[ $rc -eq 0 ] || echo "$out" | sed 's/^/# /'
	t_eq "fsck.ext4 -fn: clean (exit status 0)" $rc 0
fi
t_run "mount -o tag again" mount -o tag /dev/vda $M
t_eq "vdlimit: the same limit and use" "$(vdlimit --xid 712 $M)" "$before"
capture guest 712 sh -c "true >$G/many/one-more"
t_contains "still enforced: inodes" "$OUT" "Disk quota exceeded"
rm -rf $G/many
capture guest 712 dd if=/dev/zero of=$G/big2 bs=64k count=128
t_contains "still enforced: space" "$OUT" "Disk quota exceeded"
between "near the limit" "$(dl 712 space_used)" 3584 4096

# reserved: a guest's non-root users stop at (100 - reserved) %, its root
# may use the rest.
H=$M/g713
rm -rf $H
mkdir -p $H
chxid -c 713 $H
chmod 0777 $H
t_run "vdlimit --set reserved=50" vdlimit --xid 713 \
	--set space_total=2048 --set inodes_total=100 --set reserved=50 $H
t_eq "reserved=50" "$(vdlimit --xid 713 $M | sed -n 's/^reserved=//p')" 50
vcontext --migrate --xid 713 --uid 65534 -- \
	dd if=/dev/zero of=$H/user bs=16k count=256 >/dev/null 2>&1
between "a guest user stops at half of 2 MiB" "$(size $H/user)" 786432 1048576
guest 713 dd if=/dev/zero of=$H/root bs=16k count=256 >/dev/null 2>&1
between "the guest's root gets the rest" $(($(size $H/user) + $(size $H/root))) \
	1835008 2097152

t_run "vdlimit --remove" vdlimit --xid 713 --remove $M
one_error "vdlimit without a limit" vdlimit --xid 713 $M
t_contains "no disk limit" "$ERR" "no disk limit"
one_error "vdlimit --remove without a limit" vdlimit --xid 719 --remove $M

# --- bad input: one line each --------------------------------------------------
mount /dev/vdb $PLAIN
echo plain >$PLAIN/f
one_error "vdlimit, no such path" vdlimit --xid 712 /no/such/path
one_error "vdlimit --set, no such path" vdlimit --xid 712 --set space_total=100 /no/such/path
one_error "vdlimit --set, ext4 without project" vdlimit --xid 712 --set space_total=100 $PLAIN
t_contains "naming the features" "$ERR" "quota,project"
one_error "vdlimit, tmpfs" vdlimit --xid 712 /tmp
t_contains "naming the filesystem type" "$ERR" "tmpfs has no disk limit support"
one_error "vdlimit --set, tmpfs" vdlimit --xid 712 --set space_total=100 /tmp
one_error "vdlimit reserved=101" vdlimit --xid 712 --set reserved=101 $M
one_error "vdlimit space_used > space_total" vdlimit --xid 712 \
	--set space_used=5000 --set space_total=4096 $M
one_error "vdlimit inodes_used > inodes_total" vdlimit --xid 712 \
	--set inodes_used=50 --set inodes_total=40 $M
one_error "vdlimit without --xid" vdlimit $M
one_error "vdlimit without a path" vdlimit --xid 712
one_error "vdlimit, a bad value" vdlimit --xid 712 --set space_total=lots $M
one_error "vdlimit, an unknown limit" vdlimit --xid 712 --set space=1 $M
# get_dlimit is an information command (vs2.3): a guest may read.
t_eq "vdlimit in a guest shows the limit" "$(guest 712 vdlimit --xid 712 $M 2>&1)" \
	"$(vdlimit --xid 712 $M)"
one_error "vdlimit --set in a guest" guest 712 vdlimit --xid 712 --set space_total=1 $M
one_error "vdlimit --remove in a guest" guest 712 vdlimit --xid 712 --remove $M
one_error "vdlimit as nobody" su -s /bin/sh -c "vdlimit --xid 712 $M" nobody
one_error "vdlimit --set as nobody" su -s /bin/sh -c \
	"vdlimit --xid 712 --set space_total=1 $M" nobody
t_eq "the limit is untouched" "$(dl 712 space_total)" 4096
one_error "chxid, no such path" chxid -c 710 /no/such/path
one_error "chxid, untagged filesystem" chxid -c 710 $PLAIN/f
t_contains "says -o tag" "$ERR" "-o tag"
one_error "chxid in a guest" guest 710 chxid -c 711 $T/a
one_error "chxid as nobody" su -s /bin/sh -c "chxid -c 711 $M/common" nobody
t_eq "the tags are untouched" "$(lsxid -n $T/a $M/common)" \
	"$(lsline 710 $T/a; echo; lsline 0 $M/common)"
one_error "chxid without -c" chxid $T/a
one_error "setattr, no such path" setattr --immutable /no/such/path
# set_iattr is the host's: a guest flags nothing, not even its own files
# with CAP_LINUX_IMMUTABLE in its bounding set (it could clear a barrier).
t_run "setattr on the host" setattr --immutable $T/a
t_eq "showattr: I set" "$(showattr $T/a)" "-----uIcX $T/a"
t_run "and clears it" setattr --~immutable $T/a
one_error "setattr in a guest with CAP_LINUX_IMMUTABLE" \
	guest 710 setattr --immutable $T/a
t_contains "run as root on the host" "$ERR" "run as root on the host"
one_error "setattr in a guest without CAP_LINUX_IMMUTABLE" \
	guest 714 setattr --immutable $M/common
t_contains "run as root on the host, again" "$ERR" "run as root on the host"
one_error "setattr as nobody" su -s /bin/sh -c "setattr --immutable $M/common" nobody
t_eq "the flags are untouched" "$(showattr $T/a)" "-----uicX $T/a"
one_error "setattr without a file" setattr --barrier
one_error "setattr, an unknown flag" setattr --no-such-flag $T/a
t_status "lsxid, untagged filesystem" 1 lsxid $PLAIN/f
t_status "lsxid, no such path" 1 lsxid /no/such/path
t_status "showattr, no such path" 1 showattr /no/such/path
umount $PLAIN

for x in 710 711 712 713 714; do vattribute --xid $x --set --flag ~persistent; done
rm -rf $V $F $T $G $H $M/host-712 $M/common /tmp/tools.err
t_run "umount at the end" umount $M
t_gone "the contexts are gone" /proc/virtual/710
t_gone "all of them" /proc/virtual/714
t_done
