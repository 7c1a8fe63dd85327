#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - vserver-info against the live kernel.
. ../lib/tap.sh

out=$(vserver-info - SYSINFO 2>&1)
t_status "vserver-info - SYSINFO exits 0" 0 vserver-info - SYSINFO
t_contains "SYSINFO shows VS-API 0x00020308" "$out" "VS-API: 0x00020308"
t_contains "SYSINFO shows syscall 236" "$out" "Syscall: 236"
t_contains "SYSINFO shows the VCI" "$out" \
	"VCI: 0x$(printf '%016x' 0x$(sed -n 's/^VCIKernel:\t//p' /proc/virtual/info))"
t_contains "SYSINFO decodes no_dynamic" "$out" "no_dynamic"
t_contains "SYSINFO shows this kernel" "$out" "Kernel: $(uname -r)"

t_status "FEATURE vnet (version arithmetic) exits 0" 0 vserver-info - FEATURE vnet
t_status "FEATURE is case-insensitive" 0 vserver-info - FEATURE VWAIT
t_status "FEATURE spaces (VCI bit set) exits 0" 0 vserver-info - FEATURE spaces
t_status "FEATURE memcg (VCI bit not set) exits 1" 1 vserver-info - FEATURE memcg
t_status "FEATURE dynamic (NO_DYNAMIC set) exits 1" 1 vserver-info - FEATURE dynamic
t_status "FEATURE vstat (VCI >= 2.3.6) exits 1" 1 vserver-info - FEATURE vstat
t_status "FEATURE of an unknown name exits 1" 1 vserver-info - FEATURE nosuchthing
t_status "FEATURE without a name exits 1" 1 vserver-info - FEATURE

# Unprivileged: the syscall hides, the tool says so and still prints.
out=$(su -s /bin/sh nobody -c 'vserver-info - FEATURE vnet; echo rc=$?' 2>&1)
t_contains "unprivileged FEATURE vnet fails (ENOSYS)" "$out" "rc=1"
out=$(su -s /bin/sh nobody -c 'vserver-info - SYSINFO' 2>&1)
t_contains "unprivileged SYSINFO shows ??? for VS-API" "$out" "VS-API: ???"

err=$(vserver-info - NOSUCHTAG 2>&1 >/dev/null)
t_status "unknown tag exits non-zero" 1 vserver-info - NOSUCHTAG
t_eq "unknown tag: one line on stderr" "$(echo "$err" | wc -l)" 1

t_done
