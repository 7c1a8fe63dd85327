#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - guests as admins run them: `vserver
# NAME start|stop|restart|status|running|enter|exec|suexec`,
# `vserver-stat` and the vshelper, with two busybox guests on the tagged
# disk, each serving port 80 on the wildcard of its own address.
. ../lib/tap.sh

R=/vservers
mkdir -p $R
if ! mount -t ext4 -o tag /dev/vda $R; then
	t_fail "mount -o tag /dev/vda $R"
	t_done
	exit 1
fi
mkdir -p $R/lc
setattr --barrier $R/lc
ip link add vsg0 type dummy 2>/dev/null
ip link set vsg0 up
ip link set lo up
../lib/mkguest.sh lca 1201 10.77.0.1 vsg0 $R/lc
../lib/mkguest.sh lcb 1202 10.77.0.2 vsg0 $R/lc
# lcb gets a disk limit on the tagged filesystem (dlimits/0).
mkdir -p /etc/vservers/lcb/dlimits/0
echo $R >/etc/vservers/lcb/dlimits/0/directory
echo 8192 >/etc/vservers/lcb/dlimits/0/space_total
echo 1000 >/etc/vservers/lcb/dlimits/0/inodes_total
echo 5 >/etc/vservers/lcb/dlimits/0/reserved

# Fetches / from IP:80 with a 3 s limit; prints the page or nothing.
fetch() {
	timeout 3 wget -q -O - "http://$1/" 2>/dev/null
}

# --- start, status, running ------------------------------------------------
t_status "vserver lca start" 0 vserver lca start
t_status "vserver lcb start" 0 vserver lcb start
out=$(vserver lca status 2>&1)
t_contains "status names the context" "$out" "Vserver 'lca' is running at context '1201'"
t_contains "status counts the processes" "$out" "Number of processes: 1"
t_eq "vps on the host (the spectator's view) sees both guests' httpd" \
	"$(vps | grep -c '[h]ttpd -p 80')" 2
t_status "status of a running guest exits 0" 0 vserver lca status
t_status "running exits 0" 0 vserver lca running
t_status "a second start of a running guest exits 0" 0 vserver lca start
t_contains "the host's device carries the guest's address with its label" \
	"$(ip addr show dev vsg0)" "10.77.0.1/24"
t_contains "... labelled DEV:NAME" "$(ip addr show dev vsg0)" "vsg0:lca"

# Both serve 0.0.0.0:80; each answers on its own address only.
out=$(vdlimit --xid 1202 $R 2>&1)
t_contains "start set lcb's disk limit (dlimits/0)" "$out" "space_total=8192"
t_contains "... with its inodes" "$out" "inodes_total=1000"
t_eq "guest lca answers on 10.77.0.1:80" "$(fetch 10.77.0.1)" "guest lca"
t_eq "guest lcb answers on 10.77.0.2:80" "$(fetch 10.77.0.2)" "guest lcb"

# --- enter, exec, suexec -----------------------------------------------------
t_eq "exec: the guest's hostname" "$(vserver lca exec hostname)" "lca"
t_eq "exec: the guest's files" "$(vserver lca exec cat /www/index.html)" "guest lca"
t_eq "exec: no host files" "$(vserver lca exec ls /tests 2>/dev/null)" ""
out=$(vserver lca exec ps 2>&1)
t_contains "exec: ps shows the guest's httpd" "$out" "httpd"
t_eq "exec: ps shows one httpd (not lcb's)" \
	"$(echo "$out" | grep -c 'httpd -p 80')" 1
t_eq "exec: the exit status is the command's" \
	"$(vserver lca exec sh -c 'exit 7'; echo $?)" 7
t_eq "suexec runs as the user" "$(vserver lca suexec www id -u)" 33
t_eq "enter runs the guest's shell" \
	"$(echo 'hostname; exit' | vserver lcb enter 2>/dev/null)" "lcb"
t_contains "the guest's proc is mounted in its own mount namespace" \
	"$(vserver lca exec cat /proc/mounts)" "proc /proc proc"
t_eq "... and not in the host's" "$(grep -c "$R/lc/lca" /proc/mounts)" 0

# --- vserver-stat ------------------------------------------------------------
out=$(vserver-stat 2>&1)
t_eq "vserver-stat: util-vserver's header" "$(echo "$out" | head -n 1)" \
	"CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME"
row=$(echo "$out" | grep '^1201 ')
t_contains "vserver-stat: a row for lca" "$row" "lca"
t_eq "vserver-stat: NAME at column 56" "$(echo "$row" | cut -c56-)" "lca"
t_eq "vserver-stat: PROC ends at column 10" "$(echo "$row" | cut -c6-10)" "    1"
t_contains "vserver-stat: the host's row" "$out" "root server"

# --- stop --------------------------------------------------------------------
t_status "vserver lca stop" 0 vserver lca stop
out=$(vserver lca status 2>&1)
t_eq "status of a stopped guest" "$out" "Vserver 'lca' is stopped"
t_status "status of a stopped guest exits 3" 3 vserver lca status
t_status "running of a stopped guest exits 1" 1 vserver lca running
t_gone "no context is left" /proc/virtual/1201
t_gone "no network context is left" /proc/virtnet/1201
case "$(ip addr show dev vsg0)" in
*10.77.0.1/*) t_fail "the address is removed from the host's device" ;;
*) t_pass "the address is removed from the host's device" ;;
esac
t_eq "nothing answers on lca's address" "$(fetch 10.77.0.1)" ""
t_eq "no mount of lca is left on the host" "$(grep -c "$R/lc/lca" /proc/mounts)" 0
t_eq "no task of lca is left: vps sees lcb's httpd only" \
	"$(vps | grep -c '[h]ttpd -p 80')" 1
t_eq "lcb still answers" "$(fetch 10.77.0.2)" "guest lcb"
err=$(vserver lca exec true 2>&1)
t_status "exec on a stopped guest exits 1" 1 vserver lca exec true
t_eq "... with one line" "$(echo "$err" | wc -l)" 1
t_status "enter on a stopped guest exits 1" 1 vserver lca enter

t_status "a second start works at once" 0 vserver lca start
t_eq "and serves again" "$(fetch 10.77.0.1)" "guest lca"
t_status "restart" 0 vserver lca restart
t_eq "serves after restart" "$(fetch 10.77.0.1)" "guest lca"

# --- the vshelper: a guest's reboot restarts it, halt stops it -----------------
before=$(sed -n 's/^BiasUptime:\t//p' /proc/virtual/1202/cvirt)
vserver lcb exec reboot -f >/dev/null 2>&1
i=0
while [ $i -lt 100 ]; do
	now=$(sed -n 's/^BiasUptime:\t//p' /proc/virtual/1202/cvirt 2>/dev/null)
	[ -n "$now" ] && [ "$now" != "$before" ] && [ -n "$(fetch 10.77.0.2)" ] && break
	sleep 0.2
	i=$((i + 1))
done
t_eq "reboot inside lcb restarts it (a new context)" \
	"$([ -n "$now" ] && [ "$now" != "$before" ] && echo restarted)" restarted
t_eq "lcb serves after its reboot" "$(fetch 10.77.0.2)" "guest lcb"
vserver lcb exec halt -f >/dev/null 2>&1
t_gone "halt inside lcb stops it" /proc/virtual/1202
i=0
while vserver lcb running && [ $i -lt 50 ]; do
	sleep 0.2
	i=$((i + 1))
done
t_status "lcb is stopped after its halt" 3 vserver lcb status
t_status "stop removed lcb's disk limit" 1 sh -c "vdlimit --xid 1202 $R | grep -q space_total=8192"

# --- bad configurations: one line, nothing left behind ------------------------
unknown=$(vserver nosuch start 2>&1)
t_status "an unknown guest exits 5" 5 vserver nosuch start
../lib/mkguest.sh lcbad 1203 10.77.0.300 vsg0 $R/lc
err=$(vserver lcbad start 2>&1)
t_status "a bad IP fails" 1 vserver lcbad start
t_eq "... with one line" "$(echo "$err" | wc -l)" 1
t_contains "... naming the file" "$err" "interfaces/0/ip"
t_gone "... and leaves no context" /proc/virtual/1203
echo 10.77.0.3 >/etc/vservers/lcbad/interfaces/0/ip
mv $R/lc/lcbad $R/lc/lcbad.away
err=$(vserver lcbad start 2>&1)
t_status "a missing vdir fails" 1 vserver lcbad start
t_eq "... with one line" "$(echo "$err" | wc -l)" 1
t_gone "... and leaves no context" /proc/virtual/1203
case "$(ip addr show dev vsg0)" in
*10.77.0.3/*) t_fail "... and no address" ;;
*) t_pass "... and no address" ;;
esac
mv $R/lc/lcbad.away $R/lc/lcbad
echo 1201 >/etc/vservers/lcbad/context
err=$(vserver lcbad start 2>&1)
t_status "an xid in use by another guest fails" 1 vserver lcbad start
t_eq "... with one line" "$(echo "$err" | wc -l)" 1
t_contains "lca still runs" "$(vserver lca status)" "running"
t_eq "lca still serves" "$(fetch 10.77.0.1)" "guest lca"

t_status "delete refuses a running guest" 1 sh -c 'echo y | vserver lca delete'
t_run "... and keeps it" test -d /etc/vservers/lca -a -d $R/lc/lca
t_status "delete of a stopped guest" 0 sh -c 'echo y | vserver lcbad delete'
t_gone "... removes its configuration" /etc/vservers/lcbad
t_gone "... and its tree" $R/lc/lcbad
t_status "vserver lca stop at the end" 0 vserver lca stop
t_gone "nothing is left" /proc/virtual/1201
ip link del vsg0
umount $R
t_done
