// SPDX-License-Identifier: GPL-2.0-only

#include "cvirt.hpp"

#include "command.hpp"

#include <vserver/cvirt_cmd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace vserver {

namespace {

constexpr std::array<VhiField, 7> fields{{
    {"context", VHIN_CONTEXT},
    {"sysname", VHIN_SYSNAME},
    {"nodename", VHIN_NODENAME},
    {"release", VHIN_RELEASE},
    {"version", VHIN_VERSION},
    {"machine", VHIN_MACHINE},
    {"domainname", VHIN_DOMAINNAME},
}};

bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

struct vcmd_vhi_name_v0 request(std::uint32_t field) {
    auto data = zeroed<struct vcmd_vhi_name_v0>();
    data.field = field;
    return data;
}

} // namespace

std::span<const VhiField> vhi_fields() noexcept { return fields; }

std::optional<std::uint32_t> parse_vhi_field(std::string_view name) noexcept {
    for (const auto &f : fields)
        if (iequals(f.name, name))
            return f.field;
    return std::nullopt;
}

std::string_view vhi_field_name(std::uint32_t field) noexcept {
    for (const auto &f : fields)
        if (f.field == field)
            return f.name;
    return {};
}

std::size_t vhi_name_max() noexcept { return VHI_NAME_LEN - 1; }

Result<std::string> get_vhi_name(std::uint32_t xid, std::uint32_t field, Syscall &sys) {
    auto data = request(field);
    auto ret = invoke(sys, "vc_get_vhi_name", VCMD_get_vhi_name, xid, &data);
    if (!ret)
        return ret.error();
    // Do not trust the kernel to terminate the buffer.
    return std::string(data.name, ::strnlen(data.name, sizeof data.name));
}

Result<void> set_vhi_name(std::uint32_t xid, std::uint32_t field, std::string_view value,
                          Syscall &sys) {
    if (value.size() > vhi_name_max())
        return error(E2BIG, "vc_set_vhi_name: value of " + std::to_string(value.size()) +
                                " bytes is longer than the limit of " +
                                std::to_string(vhi_name_max()));
    if (value.find('\0') != std::string_view::npos)
        return error(EINVAL, "vc_set_vhi_name: value contains a NUL byte");
    auto data = request(field);
    std::memcpy(data.name, value.data(), value.size());
    return void_result(invoke(sys, "vc_set_vhi_name", VCMD_set_vhi_name, xid, &data));
}

Result<VirtStat> virt_stat(std::uint32_t xid, Syscall &sys) {
    auto data = zeroed<struct vcmd_virt_stat_v0>();
    auto ret = invoke(sys, "vc_virt_stat", VCMD_virt_stat, xid, &data);
    if (!ret)
        return ret.error();
    VirtStat out;
    out.offset = data.offset;
    out.uptime = data.uptime;
    out.nr_threads = data.nr_threads;
    out.nr_running = data.nr_running;
    out.nr_uninterruptible = data.nr_uninterruptible;
    out.nr_onhold = data.nr_onhold;
    out.nr_forks = data.nr_forks;
    for (std::size_t i = 0; i < out.load.size(); ++i)
        out.load[i] = data.load[i];
    return out;
}

} // namespace vserver
