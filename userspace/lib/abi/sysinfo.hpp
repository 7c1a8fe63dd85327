// SPDX-License-Identifier: GPL-2.0-only
//
// "vserver-info - SYSINFO": gathering is separate from formatting so the
// layout can be tested with any kernel answers, including failures.

#ifndef VSERVER_SYSINFO_HPP
#define VSERVER_SYSINFO_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace vserver {

struct SysInfo {
    std::string kernel_release;
    Result<std::uint32_t> version;
    Result<std::uint32_t> vci;
};

// "vserver-userspace <version>", shown where util-vserver shows its own.
std::string_view package_string() noexcept;

// uname(2)'s release field.
Result<std::string> kernel_release();

// Queries the kernel; failures are kept inside the SysInfo, not reported.
SysInfo collect_sysinfo(const std::string &release, Syscall &sys = kernel_syscall());

// util-vserver's layout (right-aligned labels, "???" for a failed query)
// followed by the decoded VCI bits.
std::string format_sysinfo(const SysInfo &info);

} // namespace vserver

#endif // VSERVER_SYSINFO_HPP
