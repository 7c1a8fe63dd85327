#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - the context tools against the kernel:
# vcontext and vattribute as util-vserver's scripts use them.
. ../lib/tap.sh

out=$(vcontext --create --xid 300 -- cat /proc/virtual/300/info 2>&1)
t_contains "vcontext --create announces the context" "$out" "New security context is 300"
t_contains "the program runs inside it" "$out" "ID:	300"
out=$(vcontext --create --silent --xid 300 -- sh -c 'echo ran' 2>&1)
t_eq "--silent prints only the program's output" "$out" "ran"

# Setup phase: a guest configures itself, like vserver.start does.
t_run "make 301 persistent from inside during setup" \
	vcontext --create --silent --xid 301 -- vattribute --set --flag persistent --
t_contains "the persistent context outlives its tasks" \
	"$(cat /proc/virtual/301/status 2>&1)" "Tasks:	1"
t_status "vcontext --create on an existing context exits 254" 254 \
	vcontext --create --xid 301 -- true
err=$(vcontext --create --silentexist --xid 301 -- true 2>&1)
t_eq "--silentexist prints nothing" "$err" ""

out=$(vattribute --xid 301 --get 2>&1)
t_contains "vattribute --get lists the flags" "$out" "persistent"
t_contains "vattribute --get shows the setup phase" "$out" "state_setup"

out=$(vcontext --migrate --xid 301 -- vattribute --get 2>&1)
t_contains "vcontext --migrate enters; 'self' resolves inside" "$out" "persistent"

t_run "vcontext --endsetup" vcontext --migrate --xid 301 --endsetup -- true
out=$(vattribute --xid 301 --get 2>&1)
case "$out" in
*state_setup*) t_fail "the setup phase ended" "$out" ;;
*) t_pass "the setup phase ended" ;;
esac

t_run "vattribute --set --flag ~persistent from the host" \
	vattribute --xid 301 --set --flag ~persistent
t_gone "the context is gone" /proc/virtual/301

err=$(vcontext --migrate --xid 302 -- true 2>&1)
t_status "migrating to a missing context fails" 255 vcontext --migrate --xid 302 -- true
t_eq "with one line of error" "$(echo "$err" | wc -l)" 1

# vuname: the guest's own nodename; the host's stays.
host_name=$(uname -n)
vcontext --create --silent --xid 310 -- vattribute --set --flag persistent --
t_run "vuname --set nodename" vuname --set --xid 310 -t nodename=guest310
t_eq "uname -n inside the guest" "$(vcontext --migrate --xid 310 -- uname -n)" guest310
t_eq "the host's nodename is unchanged" "$(uname -n)" "$host_name"
t_contains "vuname --get" "$(vuname --get --xid 310 nodename 2>&1)" guest310

# vkill: signal every process of the context.
vcontext --migrate --xid 310 -- sleep 1000 &
sleeper=$!
sleep 1
t_run "vkill -s KILL --xid 310" vkill --xid 310 -s KILL
wait $sleeper
t_eq "the guest's process was killed" "$?" 137
vattribute --xid 310 --set --flag ~persistent

# vwait: the end of a context, or a timeout that terminates it.
vcontext --create --silent --xid 311 -- sleep 1 &
sleep 0.3
out=$(vwait --status-fd 1 -- 311)
t_contains "vwait reports FINISHED" "$out" "FINISHED"
wait
vcontext --create --silent --xid 312 -- sleep 1000 &
sleep 0.3
out=$(vwait --timeout 1 --terminate --status-fd 1 -- 312)
t_eq "vwait --timeout --terminate reports KILLED" "$out" "KILLED"
wait
t_gone "the terminated context is gone" /proc/virtual/312

# What ps shows: the host lists only host processes; a guest only its
# own; vps (the spectator) lists all, with the context in a column.
vcontext --create --silent --xid 313 -- sleep 1313 &
sleeper=$!
sleep 0.5
t_eq "the host's ps does not list the guest's process" \
	"$(ps | grep -c '[s]leep 1313')" 0
t_contains "vps lists it with its context" \
	"$(vps | grep '[s]leep 1313')" " 313 "
out=$(vcontext --create --silent --xid 314 -- ps 2>&1)
case "$out" in
*"sleep 1313"*) t_fail "another guest's ps does not list it" "$out" ;;
*) t_pass "another guest's ps does not list it" ;;
esac
t_contains "the guest's own ps lists it" \
	"$(vcontext --migrate --xid 313 -- ps 2>&1)" "sleep 1313"
t_status "the host cannot kill it by pid" 1 kill -KILL "$sleeper"
t_run "vkill reaches it" vkill --xid 313 -s KILL
wait $sleeper
t_eq "the guest's process was killed by vkill" "$?" 137

t_done
