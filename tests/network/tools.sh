#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - the network tools against the kernel:
# chbind, ncontext, naddress and nattribute as util-vserver's scripts use
# them.  Addresses from the documentation ranges, on lo.
. ../lib/tap.sh

ip addr add 192.0.2.11/32 dev lo 2>/dev/null
ip addr add 192.0.2.12/32 dev lo 2>/dev/null
ip addr add 198.51.100.11/32 dev lo 2>/dev/null
ip link set lo up

# chbind alone: a host process pinned to one address, no security context.
out=$(chbind --silent --nid 720 --ip 192.0.2.11/24 -- cat /proc/self/ninfo 2>&1)
t_contains "chbind enters the network context" "$out" "NID:	720"
t_contains "with its address and netmask" "$out" \
	"V4Root[0]:	[192.0.2.11-0.0.0.0/255.255.255.0:0010]"
t_contains "without a security context" \
	"$(chbind --silent --nid 720 --ip 192.0.2.11 -- cat /proc/self/vinfo 2>&1)" \
	"XID:	0"
out=$(chbind --nid 721 --ip 192.0.2.11 --ip 192.0.2.12 -- true 2>&1)
t_contains "chbind announces the context" "$out" "New network context is 721"
t_status "chbind without --nid fails" 1 chbind --ip 192.0.2.11 -- true
t_eq "with one line of error" \
	"$(chbind --ip 192.0.2.11 -- true 2>&1 | wc -l)" 1
t_status "chbind with a bad address fails" 1 chbind --nid 722 --ip 192.0.2.300 -- true

# vserver.start's sequence: a persistent context set up step by step.
t_run "ncontext --create | nattribute --set | naddress --add" \
	ncontext --create --silent --silentexist --nid 724 -- \
	nattribute --set --flag persistent -- \
	naddress --add --silent --ip 192.0.2.11/24 --ip 198.51.100.11/24 -- true
info=$(cat /proc/virtnet/724/info 2>&1)
t_contains "the addresses are in /proc/virtnet" "$info" \
	"1:	[198.51.100.11-0.0.0.0/255.255.255.0:0010]"
t_status "ncontext --create on an existing nid exits 254" 254 \
	ncontext --create --nid 724 -- true
out=$(nattribute --get --nid 724 2>&1)
t_contains "nattribute --get lists the flags" "$out" "persistent"
t_contains "nattribute --get lists capabilities" "$out" "ncapabilities:"
t_run "naddress --remove" naddress --nid 724 --remove --silent --ip 192.0.2.11/24
case "$(cat /proc/virtnet/724/info)" in
*192.0.2.11*) t_fail "the address is gone" "$(cat /proc/virtnet/724/info)" ;;
*) t_pass "the address is gone" ;;
esac
t_contains "ncontext --migrate enters it" \
	"$(ncontext --migrate --nid 724 -- cat /proc/self/ninfo)" "NID:	724"
t_run "nattribute --set --secure" nattribute --set --nid 724 --secure
t_contains "--secure grants raw_icmp" "$(nattribute --get --nid 724)" raw_icmp
t_run "nattribute --set --flag ~persistent" \
	nattribute --set --nid 724 --flag ~persistent
t_gone "the network context is gone" /proc/virtnet/724

# HIDE_NETIF (chbind's default): a guest sees only its own addresses and
# the interfaces that carry them.
ip link add vsdummy0 type dummy
ip addr add 203.0.113.50/24 dev vsdummy0
ip link set vsdummy0 up
out=$(chbind --silent --nid 725 --ip 192.0.2.11 -- ip addr 2>&1)
t_contains "ip addr in a guest shows its address" "$out" "192.0.2.11"
case "$out" in
*203.0.113.50* | *vsdummy0* | *198.51.100.11*) t_fail "but no other address or interface" "$out" ;;
*) t_pass "but no other address or interface" ;;
esac
out=$(chbind --silent --nid 725 --ip 192.0.2.11 -- ip link 2>&1)
case "$out" in
*vsdummy0*) t_fail "ip link hides the foreign interface" "$out" ;;
*) t_pass "ip link hides the foreign interface" ;;
esac
t_contains "ip link shows the guest's interface" "$out" "lo"
out=$(chbind --silent --nid 725 --ip 192.0.2.11 -- cat /proc/net/dev 2>&1)
case "$out" in
*vsdummy0*) t_fail "/proc/net/dev hides the foreign interface" "$out" ;;
*) t_pass "/proc/net/dev hides the foreign interface" ;;
esac
t_contains "without hide_netif the guest sees every interface" \
	"$(chbind --silent --nid 726 --flag ~hide_netif --ip 192.0.2.11 -- ip addr 2>&1)" \
	"203.0.113.50"
t_contains "the host sees every interface" "$(ip link)" vsdummy0
ip link del vsdummy0

t_done
