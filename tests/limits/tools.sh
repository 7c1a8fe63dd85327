#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - vlimit against the kernel, as admins
# and vserver.start use it: options, -a's layout, --dir, chaining.
. ../lib/tap.sh

# row XID NAME: "current min max soft hard hits" of one row of the limit file.
row() {
	sed 's#/# #g' "/proc/virtual/$1/limit" | awk -v n="$2:" '$1 == n {
		print $2, $3, $4, $5, $6, $7 }'
}

# soft_hard XID NAME
soft_hard() {
	row "$1" "$2" | awk '{ print $4 "/" $5 }'
}

vcontext --create --silent --xid 600 -- vattribute --set --flag persistent --

# A hard limit below the soft one pulls the soft one down (vs2.3).
t_run "vlimit --nproc 50" vlimit -c 600 --nproc 50
t_eq "the PROC row shows the hard limit" "$(soft_hard 600 PROC)" "50/50"

t_run "-S and -H select the next limit" vlimit -c 600 -S --nofile 100 -H --nofile 200
t_eq "FILES soft/hard" "$(soft_hard 600 FILES)" "100/200"
t_run "-SH sets both" vlimit -c 600 -SH --openfd 300
t_eq "OFD soft/hard" "$(soft_hard 600 OFD)" "300/300"
t_run "K suffix" vlimit -c 600 --msgqueue 64K
t_eq "MSGQ is 65536 bytes" "$(soft_hard 600 MSGQ)" "65536/65536"
t_run "m suffix, by number (--7 = nofile)" vlimit -c 600 --7 1m
t_eq "FILES hard is 1000000" "$(soft_hard 600 FILES)" "100/1000000"
t_run "hex value" vlimit -c 600 --nsock 0x40
t_eq "SOCK hard is 64" "$(soft_hard 600 SOCK)" "64/64"
t_run "inf" vlimit -c 600 --nsock inf
t_eq "SOCK's hard limit back to unlimited" "$(soft_hard 600 SOCK)" "64/-1"

# -a: the name at column 1, minimum/soft/hard at columns 13, 33, 53;
# hex, or decimal with -d; N/A outside the kernel's masks.
want=$(printf '%-12s%-20s%-20s%s' NPROC N/A 0x32 0x32)
out=$(vlimit -c 600 -a)
t_eq "vlimit -a: the NPROC line" "$(echo "$out" | grep '^NPROC ')" "$want"
want=$(printf '%-12s%-20s%-20s%s' NOFILE N/A 100 1000000)
t_eq "vlimit -a -d: the NOFILE line" \
	"$(vlimit -c 600 -a -d | grep '^NOFILE ')" "$want"
want=$(printf '%-12s%-20s%-20s%s' 6 N/A 0x32 0x32)
t_eq "vlimit -a -n: numbers for names" "$(vlimit -c 600 -a -n | grep '^6 ')" "$want"
# One line per limit the kernel knows: the 13 it enforces.
t_eq "vlimit -a lists the kernel's limits" "$(echo "$out" | wc -l)" 13
t_eq "no line for cpu, a per-process limit" "$(echo "$out" | grep -c '^CPU')" 0

# --dir: a folder like /etc/vservers/<name>/rlimits.
dir=/tmp/rlimits
mkdir -p $dir
echo 40 >$dir/nproc.hard
echo 30 >$dir/nproc.soft
echo 500 >$dir/nofile
echo 20 >$dir/locks
# vs2.3 accepted a dentry limit: configurations that set one still work.
echo 1000 >$dir/dentry
t_run "vlimit --dir" vlimit -c 600 --dir $dir
t_eq "nproc.soft and nproc.hard" "$(soft_hard 600 PROC)" "30/40"
t_eq "a bare file sets soft and hard" "$(soft_hard 600 FILES)" "500/500"
t_eq "the dentry limit is kept" "$(soft_hard 600 DENT)" "1000/1000"
t_run "the command line wins over the folder" \
	vlimit -c 600 --locks 25 --dir $dir
t_eq "hard: the command line's 25, not the folder's 20" "$(soft_hard 600 LOCKS)" "20/25"
t_run "--missingok tolerates a missing folder" \
	vlimit -c 600 --dir /tmp/no-such-rlimits --missingok
err=$(vlimit -c 600 --dir /tmp/no-such-rlimits 2>&1)
t_status "a missing folder fails" 255 vlimit -c 600 --dir /tmp/no-such-rlimits
t_eq "with one line" "$(echo "$err" | wc -l)" 1
echo lots >$dir/nsock
t_status "a bad value in the folder fails" 255 vlimit -c 600 --dir $dir
t_contains "naming the file" "$(vlimit -c 600 --dir $dir 2>&1)" "$dir/nsock"
rm $dir/nsock

# Chaining, as vserver.start does: the limits hold for the program.
vcontext --create --silent --xid 601 -- vattribute --set --flag persistent -- \
	vlimit --nproc 3 -- sh -c 'sleep 2 & sleep 2 & sleep 2 & wait' \
	>/dev/null 2>&1
t_eq "inside, 'self' got nproc 3" "$(soft_hard 601 PROC)" "3/3"
t_eq "the third sleep was refused" "$(row 601 PROC | awk '{ print $6 }')" 1
t_eq "the shell and two sleeps ran" "$(row 601 PROC | awk '{ print $3 }')" 3
vattribute --xid 601 --set --flag ~persistent

# Bad input: one line, exit 255.
for args in "--nproc lots" "--nproc" "--no-such-limit 1" "-c nobody"; do
	# shellcheck disable=SC2086
	err=$(vlimit -c 600 $args 2>&1)
	# shellcheck disable=SC2086
	t_status "vlimit $args fails" 255 vlimit -c 600 $args
	t_eq "vlimit $args: one line" "$(echo "$err" | wc -l)" 1
done
err=$(vlimit -c 699 -a 2>&1)
t_status "a missing context fails" 255 vlimit -c 699 -a
t_eq "with one line" "$(echo "$err" | wc -l)" 1
err=$(vlimit -c 600 --cpu 10 2>&1)
t_contains "a limit the kernel does not keep is named" "$err" "CPU"
t_eq "in one line" "$(echo "$err" | wc -l)" 1

vattribute --xid 600 --set --flag ~persistent
t_gone "the contexts are gone" /proc/virtual/600
t_done
