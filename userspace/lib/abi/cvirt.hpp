// SPDX-License-Identifier: GPL-2.0-only
//
// Per-context system names (VCMD_get_vhi_name / VCMD_set_vhi_name): the
// uname fields a context reports, plus its name (field "context"); and the
// context's uptime and task counters (VCMD_virt_stat).

#ifndef VSERVER_CVIRT_HPP
#define VSERVER_CVIRT_HPP

#include "result.hpp"
#include "sys.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vserver {

struct VhiField {
    std::string_view name; // util-vserver's tag: "context", "sysname", ...
    std::uint32_t field;   // VHIN_*
};

// All fields in VHIN_* order: context, sysname, nodename, release, version,
// machine, domainname.
std::span<const VhiField> vhi_fields() noexcept;

// Case-insensitive lookup of a field name.
std::optional<std::uint32_t> parse_vhi_field(std::string_view name) noexcept;

// The name of a VHIN_* field, empty for an unknown number.
std::string_view vhi_field_name(std::uint32_t field) noexcept;

// The longest value a field holds (the struct's buffer minus the NUL).
std::size_t vhi_name_max() noexcept;

Result<std::string> get_vhi_name(std::uint32_t xid, std::uint32_t field,
                                 Syscall &sys = kernel_syscall());

// Values longer than vhi_name_max() (E2BIG) or containing a NUL byte
// (EINVAL) are refused without calling the kernel.
Result<void> set_vhi_name(std::uint32_t xid, std::uint32_t field, std::string_view value,
                          Syscall &sys = kernel_syscall());

// What VCMD_virt_stat reports (struct vcmd_virt_stat_v0).
struct VirtStat {
    std::uint64_t offset = 0; // boot time (ns, CLOCK_BOOTTIME) of the context's creation
    std::uint64_t uptime = 0; // ns since then
    std::uint32_t nr_threads = 0;
    std::uint32_t nr_running = 0;
    std::uint32_t nr_uninterruptible = 0;
    std::uint32_t nr_onhold = 0;
    std::uint32_t nr_forks = 0;
    std::array<std::uint32_t, 3> load{}; // 1, 5, 15 minutes; fixed point, 11 fractional bits

    friend bool operator==(const VirtStat &, const VirtStat &) = default;
};

Result<VirtStat> virt_stat(std::uint32_t xid, Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_CVIRT_HPP
