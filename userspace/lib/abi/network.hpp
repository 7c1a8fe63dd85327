// SPDX-License-Identifier: GPL-2.0-only
//
// Network context commands: task_nid, nx_info, net_create, net_migrate,
// adding and removing IPv4 entries (v1 and v2) and the flag/capability
// pairs. Each is one sys_vserver call with the struct of
// <vserver/network_cmd.h>; failures come back as an Error naming the
// command (util-vserver's "vc_*" names). Addresses are passed in host byte
// order and sent in network byte order.

#ifndef VSERVER_NETWORK_HPP
#define VSERVER_NETWORK_HPP

#include "context.hpp"
#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <optional>

namespace vserver {

struct NxInfo {
    std::uint32_t nid = 0;
};

// One IPv4 entry of a network context. `type` is what the v1/v2 commands
// take: NXA_TYPE_ADDR, NXA_TYPE_MASK or NXA_TYPE_RANGE, optionally with
// NXA_MOD_BCAST or NXA_MOD_LBACK, without the NXA_TYPE_IPV4 bit (which
// util-vserver strips before it calls the kernel). Addresses are in host
// byte order: 192.0.2.1 is 0xc0000201.
struct Ipv4Entry {
    std::uint16_t type = 0;
    std::uint16_t flags = 0;
    std::uint32_t ip = 0;
    std::uint32_t ip2 = 0; // NXA_TYPE_RANGE: the end, not included
    std::uint32_t mask = 0;

    friend bool operator==(const Ipv4Entry &, const Ipv4Entry &) = default;
};

// The network context of task `pid`; pid 0 is the caller.
Result<std::uint32_t> task_nid(std::uint32_t pid, Syscall &sys = kernel_syscall());

Result<NxInfo> nx_info(std::uint32_t nid, Syscall &sys = kernel_syscall());

// VCMD_net_create version 1: creates network context `nid`, moves the
// caller into it and returns the new nid. Without `flags` the data pointer
// is NULL and the kernel uses its default flags, which is what
// util-vserver's ncontext and chbind send.
Result<std::uint32_t> net_create(std::uint32_t nid, std::optional<std::uint64_t> flags,
                                 Syscall &sys = kernel_syscall());

// VCMD_net_migrate: moves the caller into `nid` (1: the spectator).
Result<void> net_migrate(std::uint32_t nid, Syscall &sys = kernel_syscall());

// VCMD_net_add_ipv4_v1 / VCMD_net_rem_ipv4_v1 {type, flags, ip, mask}: the
// commands util-vserver uses; they know no ranges (ip2 is not sent).
Result<void> net_add_ipv4_v1(std::uint32_t nid, const Ipv4Entry &entry,
                             Syscall &sys = kernel_syscall());
Result<void> net_rem_ipv4_v1(std::uint32_t nid, const Ipv4Entry &entry,
                             Syscall &sys = kernel_syscall());

// VCMD_net_add_ipv4 / VCMD_net_rem_ipv4 (version 2) {type, flags, ip, ip2,
// mask}: also NXA_TYPE_RANGE.
Result<void> net_add_ipv4(std::uint32_t nid, const Ipv4Entry &entry,
                          Syscall &sys = kernel_syscall());
Result<void> net_rem_ipv4(std::uint32_t nid, const Ipv4Entry &entry,
                          Syscall &sys = kernel_syscall());

// What naddress sends for one entry: a range needs the v2 command,
// everything else goes through v1 as in util-vserver. Like util-vserver's
// vc_net_add, adding the address 0.0.0.0 (a plain ADDR or MASK entry)
// sends a MASK entry 0.0.0.0/0, which matches every address.
Result<void> net_add_address(std::uint32_t nid, const Ipv4Entry &entry,
                             Syscall &sys = kernel_syscall());
Result<void> net_remove_address(std::uint32_t nid, const Ipv4Entry &entry,
                                Syscall &sys = kernel_syscall());

// Removes every address, as util-vserver's vc_net_remove with
// NXA_TYPE_ANY: VCMD_net_remove_ipv6 {type ANY} first (ENOSYS, a kernel
// without IPv6 support, is ignored), then VCMD_net_rem_ipv4_v1 {type ANY}.
Result<void> net_remove_all(std::uint32_t nid, Syscall &sys = kernel_syscall());

// Network context flags (NXF_*): value = flagword.
Result<MaskedWord> get_nflags(std::uint32_t nid, Syscall &sys = kernel_syscall());
Result<void> set_nflags(std::uint32_t nid, MaskedWord flags, Syscall &sys = kernel_syscall());

// Network context capabilities (NXC_*): value = ncaps.
Result<MaskedWord> get_ncaps(std::uint32_t nid, Syscall &sys = kernel_syscall());
Result<void> set_ncaps(std::uint32_t nid, MaskedWord caps, Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_NETWORK_HPP
