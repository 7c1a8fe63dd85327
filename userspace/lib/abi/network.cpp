// SPDX-License-Identifier: GPL-2.0-only

#include "network.hpp"

#include "command.hpp"

#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include <arpa/inet.h>

#include <cerrno>

namespace vserver {

namespace {

struct vcmd_net_addr_ipv4_v1 encode_v1(const Ipv4Entry &entry) {
    auto data = zeroed<struct vcmd_net_addr_ipv4_v1>();
    data.type = entry.type;
    data.flags = entry.flags;
    data.ip = htonl(entry.ip);
    data.mask = htonl(entry.mask);
    return data;
}

struct vcmd_net_addr_ipv4_v2 encode_v2(const Ipv4Entry &entry) {
    auto data = zeroed<struct vcmd_net_addr_ipv4_v2>();
    data.type = entry.type;
    data.flags = entry.flags;
    data.ip = htonl(entry.ip);
    data.ip2 = htonl(entry.ip2);
    data.mask = htonl(entry.mask);
    return data;
}

bool is_range(const Ipv4Entry &entry) noexcept {
    return (entry.type & NXA_MASK_ALL) == NXA_TYPE_RANGE;
}

using Flags = struct vcmd_net_flags_v0;
using Caps = struct vcmd_net_caps_v0;

} // namespace

Result<std::uint32_t> task_nid(std::uint32_t pid, Syscall &sys) {
    return u32_result(invoke(sys, "vc_get_task_nid", VCMD_task_nid, pid));
}

Result<NxInfo> nx_info(std::uint32_t nid, Syscall &sys) {
    auto data = zeroed<struct vcmd_nx_info_v0>();
    auto ret = invoke(sys, "vc_get_nx_info", VCMD_nx_info, nid, &data);
    if (!ret)
        return ret.error();
    return NxInfo{data.nid};
}

Result<std::uint32_t> net_create(std::uint32_t nid, std::optional<std::uint64_t> flags,
                                 Syscall &sys) {
    auto data = zeroed<struct vcmd_net_create>();
    if (flags)
        data.flagword = *flags;
    return u32_result(invoke(sys, "vc_net_create", VCMD_net_create, nid, flags ? &data : nullptr));
}

Result<void> net_migrate(std::uint32_t nid, Syscall &sys) {
    return void_result(invoke(sys, "vc_net_migrate", VCMD_net_migrate, nid));
}

Result<void> net_add_ipv4_v1(std::uint32_t nid, const Ipv4Entry &entry, Syscall &sys) {
    auto data = encode_v1(entry);
    return void_result(invoke(sys, "vc_net_add", VCMD_net_add_ipv4_v1, nid, &data));
}

Result<void> net_rem_ipv4_v1(std::uint32_t nid, const Ipv4Entry &entry, Syscall &sys) {
    auto data = encode_v1(entry);
    return void_result(invoke(sys, "vc_net_remove", VCMD_net_rem_ipv4_v1, nid, &data));
}

Result<void> net_add_ipv4(std::uint32_t nid, const Ipv4Entry &entry, Syscall &sys) {
    auto data = encode_v2(entry);
    return void_result(invoke(sys, "vc_net_add", VCMD_net_add_ipv4, nid, &data));
}

Result<void> net_rem_ipv4(std::uint32_t nid, const Ipv4Entry &entry, Syscall &sys) {
    auto data = encode_v2(entry);
    return void_result(invoke(sys, "vc_net_remove", VCMD_net_rem_ipv4, nid, &data));
}

Result<void> net_add_address(std::uint32_t nid, const Ipv4Entry &entry, Syscall &sys) {
    if (is_range(entry))
        return net_add_ipv4(nid, entry, sys);
    if (entry.ip == 0 && (entry.type == NXA_TYPE_ADDR || entry.type == NXA_TYPE_MASK)) {
        Ipv4Entry every = entry;
        every.type = NXA_TYPE_MASK;
        every.mask = 0;
        return net_add_ipv4_v1(nid, every, sys);
    }
    return net_add_ipv4_v1(nid, entry, sys);
}

Result<void> net_remove_address(std::uint32_t nid, const Ipv4Entry &entry, Syscall &sys) {
    if (is_range(entry))
        return net_rem_ipv4(nid, entry, sys);
    return net_rem_ipv4_v1(nid, entry, sys);
}

Result<void> net_remove_all(std::uint32_t nid, Syscall &sys) {
    auto v6 = zeroed<struct vcmd_net_addr_ipv6_v1>();
    v6.type = NXA_TYPE_ANY;
    auto ret = invoke(sys, "vc_net_remove", VCMD_net_remove_ipv6, nid, &v6);
    if (!ret && ret.error().errnum != ENOSYS)
        return ret.error();
    auto v4 = zeroed<struct vcmd_net_addr_ipv4_v1>();
    v4.type = NXA_TYPE_ANY;
    return void_result(invoke(sys, "vc_net_remove", VCMD_net_rem_ipv4_v1, nid, &v4));
}

Result<MaskedWord> get_nflags(std::uint32_t nid, Syscall &sys) {
    return get_masked<Flags, &Flags::flagword, &Flags::mask>(sys, "vc_get_nflags", VCMD_get_nflags,
                                                             nid);
}

Result<void> set_nflags(std::uint32_t nid, MaskedWord flags, Syscall &sys) {
    return set_masked<Flags, &Flags::flagword, &Flags::mask>(sys, "vc_set_nflags", VCMD_set_nflags,
                                                             nid, flags);
}

Result<MaskedWord> get_ncaps(std::uint32_t nid, Syscall &sys) {
    return get_masked<Caps, &Caps::ncaps, &Caps::cmask>(sys, "vc_get_ncaps", VCMD_get_ncaps, nid);
}

Result<void> set_ncaps(std::uint32_t nid, MaskedWord caps, Syscall &sys) {
    return set_masked<Caps, &Caps::ncaps, &Caps::cmask>(sys, "vc_set_ncaps", VCMD_set_ncaps, nid,
                                                        caps);
}

} // namespace vserver
