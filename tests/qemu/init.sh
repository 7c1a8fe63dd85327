#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PID 1 of the QEMU test guest.  The mode comes from the kernel command
# line (vs.mode=check|canary|novserver|bench|run|shell|kunit|probe).  The verdict travels on
# its own channel, the second serial port (/dev/ttyS1), so nothing the
# kernel or a test prints on the console can fake it.

export PATH=/sbin:/bin:/usr/sbin:/usr/bin
/bin/busybox --install -s /bin

. /tests/lib/totals.sh

step() { echo "[+] $*"; }
verdict() { echo "$*" >/dev/ttyS1; }
finish() { sync; reboot -f; sleep 10; }

step "mounting /proc, /sys, /dev, /tmp"
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /tmp /run
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname vserver-qemu

mode=check
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	vs.mode=*) mode=${arg#vs.mode=} ;;
	esac
done
step "mode: $mode, kernel $(uname -r)"

# Runs every test program of the given suites; prints TAP; sets PASS, FAIL.
run_suites() {
	PASS=0 FAIL=0
	for suite in "$@"; do
		for t in /tests/"$suite"/*; do
			[ -x "$t" ] || continue
			name=$suite/${t##*/}
			step "running $name"
			out=/tmp/out.$$
			(cd /tests/"$suite" && "$t") >"$out" 2>&1
			rc=$?
			cat "$out"
			counts=$(vs_count "$out" $rc)
			p=${counts% *} f=${counts#* }
			[ "$f" -eq 0 ] || echo "# $name: $f failed (exit status $rc)"
			PASS=$((PASS + p))
			FAIL=$((FAIL + f))
			rm -f "$out"
		done
	done
	# Leaks: kmemleak reports whatever our code left unreferenced.
	if [ -w /sys/kernel/debug/kmemleak ]; then
		echo scan >/sys/kernel/debug/kmemleak
		leaks=$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak)
		if [ "$leaks" -eq 0 ]; then
			echo "ok - kmemleak: no unreferenced objects"
			PASS=$((PASS + 1))
		else
			echo "not ok - kmemleak: $leaks unreferenced objects"
			cat /sys/kernel/debug/kmemleak
			FAIL=$((FAIL + 1))
		fi
	fi
}

# make run: two guests on one kernel, each with its own name, processes
# and address (documentation ranges on lo; nothing leaves the VM).
guests_at_work() {
	ip addr add 192.0.2.42/32 dev lo
	ip addr add 198.51.100.43/32 dev lo
	ip link set lo up
	for g in "42 alpha 192.0.2.42" "43 beta 198.51.100.43"; do
		set -- $g
		step "guest $2: security context $1, network context $1 on $3"
		vcontext --create --silent --xid "$1" -- \
			vattribute --set --flag persistent -- true
		vuname --set --xid "$1" -t nodename="$2"
		chbind --silent --nid "$1" --ip "$3" -- \
			vcontext --migrate --xid "$1" -- sleep 60 &
	done
	sleep 1
	step "uname -n: host, then each guest"
	uname -n
	vcontext --migrate --xid 42 -- uname -n
	vcontext --migrate --xid 43 -- uname -n
	step "guest alpha gets 64 MiB of memory (its memory cgroup); free inside shows it"
	vlimit -c 42 --rss 16384
	vattribute --xid 42 --set --flag virt_mem
	vcontext --migrate --xid 42 -- free -m
	step "the host's free shows the machine; alpha's RSS row and cgroup"
	free -m
	grep -e Limit -e RSS /proc/virtual/42/limit
	vcontext --migrate --xid 42 -- cat /proc/self/cgroup
	step "ps inside guest alpha sees only alpha's processes"
	vcontext --migrate --xid 42 -- ps
	step "vps on the host sees every context"
	vps | grep -e PID -e sleep
	step "/proc/virtual/status and /proc/virtnet/42/info"
	cat /proc/virtual/status /proc/virtnet/42/info
	step "chbind pins a program to an address (network context 44)"
	chbind --silent --nid 44 --ip 192.0.2.42 -- cat /proc/self/ninfo
	vkill --xid 42 -s KILL
	vkill --xid 43 -s KILL
}

# /dev/vda: ext4 with the quota and project features (scripts/run-qemu.sh).
guests_on_a_shared_disk() {
	step "a shared disk mounted with -o tag; guest trees tagged with chxid"
	mkdir -p /vservers
	mount -t ext4 -o tag /dev/vda /vservers || return
	mkdir -p /vservers/alpha /vservers/beta
	chmod 777 /vservers/alpha /vservers/beta
	chxid -c 42 -R /vservers/alpha
	chxid -c 43 -R /vservers/beta
	lsxid -d /vservers/alpha /vservers/beta
	step "guest alpha gets 8 MiB and 100 inodes"
	vdlimit --xid 42 --set space_total=8192 --set inodes_total=100 \
		--set reserved=5 /vservers
	vdlimit --xid 42 /vservers
	for xid in 42 43; do # persistent, from guests_at_work
		[ -d /proc/virtual/$xid ] ||
			vcontext --create --silent --xid $xid -- \
				vattribute --set --flag persistent -- true
	done
	step "df inside alpha shows its limit; the host sees the whole disk"
	vcontext --migrate --xid 42 -- df -k /vservers/alpha
	df -k /vservers
	step "alpha writes until its limit; beta cannot read alpha's files"
	vcontext --migrate --xid 42 -- \
		dd if=/dev/zero of=/vservers/alpha/fill bs=1M count=16 2>&1 |
		grep -i -e quota -e copied
	vdlimit --xid 42 /vservers | grep space_used
	vcontext --migrate --xid 43 -- cat /vservers/alpha/fill 2>&1 | head -n 1
	step "a barrier on /vservers: guests no longer walk through it"
	setattr --barrier /vservers
	showattr -d /vservers
	vcontext --migrate --xid 42 -- ls /vservers/alpha 2>&1 | head -n 1
	vkill --xid 42 -s KILL 2>/dev/null
	vkill --xid 43 -s KILL 2>/dev/null
	umount /vservers
}

# make run: guests as admins run them, from /etc/vservers/NAME.
guests_started_by_vserver() {
	step "two busybox guests on the tagged disk: /etc/vservers/web1, web2"
	mkdir -p /vservers
	mount -t ext4 -o tag /dev/vda /vservers || return
	mkdir -p /vservers/guests
	setattr --barrier /vservers/guests
	ip link add vsg0 type dummy
	ip link set vsg0 up
	/tests/lib/mkguest.sh web1 52 10.77.0.1 vsg0 /vservers/guests
	/tests/lib/mkguest.sh web2 53 10.77.0.2 vsg0 /vservers/guests
	step "vserver web1 start; vserver web2 start"
	vserver web1 start
	vserver web2 start
	vserver web1 status
	step "vserver-stat"
	vserver-stat
	step "both serve port 80 on the wildcard, each on its own address"
	wget -q -O - http://10.77.0.1/
	wget -q -O - http://10.77.0.2/
	ip addr show dev vsg0 | grep inet
	step "vserver web1 enter: its hostname, processes and files"
	printf 'hostname\nps\nls /\nexit\n' | vserver web1 enter
	step "vserver web1 stop; vserver web2 stop"
	vserver web1 stop
	vserver web2 stop
	vserver web1 status
	vserver-stat
	ip link del vsg0
	umount /vservers
}

# make run: two Debian 12 guests built from the cached tree (vdc) on a
# tagged disk of their own (vdd), each with sshd on its own address and a
# disk limit that df inside shows.
debian_guests_at_work() {
	step "Debian 12 guests: vserver NAME build -m template (the tree from the host)"
	mkdir -p /media/trees /vservers
	mount -t ext4 -o ro /dev/vdc /media/trees || return
	mount -t ext4 -o tag /dev/vdd /vservers || return
	ip link add vsd0 type dummy
	ip link set vsd0 up
	ip link set lo up
	vserver a build -m template --context 1001 --interface vsd0:10.79.0.1/24 \
		-- -t /media/trees/debian-bookworm-amd64.tar
	vserver b build -m clone --context 1002 --interface vsd0:10.79.0.2/24 -- --source a
	for g in a b; do
		mkdir -p /etc/vservers/$g/dlimits/0 /etc/vservers/$g/rlimits
		echo /vservers >/etc/vservers/$g/dlimits/0/directory
		echo 1048576 >/etc/vservers/$g/dlimits/0/space_total
		echo 100000 >/etc/vservers/$g/dlimits/0/inodes_total
		echo 5 >/etc/vservers/$g/dlimits/0/reserved
		echo 300 >/etc/vservers/$g/rlimits/nproc
	done
	step "vserver a start; vserver b start"
	vserver a start
	vserver b start
	step "vserver-stat"
	vserver-stat
	step "sshd in each guest, on its own address: two different host keys"
	for ip in 10.79.0.1 10.79.0.2; do
		i=0
		until echo | timeout 2 nc $ip 22 2>/dev/null | grep -q SSH || [ $i -ge 30 ]; do
			sleep 1
			i=$((i + 1))
		done
	done
	vserver a exec ssh-keyscan -t ed25519 10.79.0.1 10.79.0.2 2>/dev/null
	step "vserver a exec cat /etc/debian_version"
	vserver a exec cat /etc/debian_version
	step "df and free in guest a: its disk limit (1 GiB), its processes"
	vserver a exec df -h /
	vserver a exec free -m
	vserver a exec ps -e
	step "vserver a stop; vserver b stop"
	vserver a stop
	vserver b stop
	vserver-stat
	ip link del vsd0
	umount /vservers
	umount /media/trees
}

case "$mode" in
probe)
	verdict "VS-PROBE-OK"
	;;
kunit)
	# KUnit suites ran during boot; the host parses them from the console.
	verdict "VS-KUNIT-DONE"
	;;
run)
	step "vserver-info - SYSINFO"
	vserver-info - SYSINFO
	step "/proc/virtual/info"
	cat /proc/virtual/info
	step "/proc/virtual/status"
	cat /proc/virtual/status
	step "the switch answers: get_version through the raw syscall"
	/tests/switch/abi_test -t get_version_ignores_id 2>&1 | tail -n 1
	guests_at_work
	guests_on_a_shared_disk
	guests_started_by_vserver
	debian_guests_at_work
	verdict "VS-RUN-DONE"
	;;
shell)
	step "interactive shell; 'reboot -f' ends the VM"
	setsid cttyhack sh -l
	verdict "VS-SHELL-DONE"
	;;
check)
	# The KUnit suites ran during boot at the default console level; the
	# integration suites' kernel chatter stays below warnings.
	dmesg -n 5
	suites=$(cat /tests/SUITES 2>/dev/null)
	run_suites $suites
	if [ -z "$suites" ]; then
		echo "not ok - no test suites in the initramfs"
		FAIL=$((FAIL + 1))
	fi
	step "integration: $PASS passed, $FAIL failed"
	verdict "VS-RESULT pass=$PASS fail=$FAIL"
	;;
bench)
	# Benchmarks print "BENCH <name> <ns per op> <ops>" lines.
	for b in /tests/bench/*; do
		[ -x "$b" ] || continue
		step "benchmark ${b##*/}"
		"$b"
	done
	verdict "VS-BENCH-DONE"
	;;
canary | novserver)
	run_suites "$mode"
	verdict "VS-RESULT pass=$PASS fail=$FAIL"
	;;
*)
	echo "unknown vs.mode=$mode"
	;;
esac
finish
