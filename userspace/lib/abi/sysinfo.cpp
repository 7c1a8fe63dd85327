// SPDX-License-Identifier: GPL-2.0-only
//
// SYSINFO output, kept byte-compatible with util-vserver's first lines so
// scripts grepping "VS-API: " or "VCI: " keep working.

#include "sysinfo.hpp"

#include "version.hpp"

#include <cerrno>
#include <cstdio>
#include <sys/utsname.h>

#ifndef VSERVER_PACKAGE_STRING
#error "VSERVER_PACKAGE_STRING must be defined by the build"
#endif

namespace vserver {

namespace {

// util-vserver right-aligns labels to 25 columns.
std::string line(std::string_view label, std::string_view value) {
    std::string out(label.size() < 25 ? 25 - label.size() : 0, ' ');
    out += label;
    out += ": ";
    out += value;
    out += '\n';
    return out;
}

std::string hex(std::uint32_t value, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%0*x", width, value);
    return buf;
}

} // namespace

std::string_view package_string() noexcept { return VSERVER_PACKAGE_STRING; }

Result<std::string> kernel_release() {
    struct utsname uts {};
    if (::uname(&uts) == -1)
        return syscall_error("uname", errno);
    return std::string(uts.release);
}

SysInfo collect_sysinfo(const std::string &release, Syscall &sys) {
    return SysInfo{release, get_version(sys), get_vci(sys)};
}

std::string format_sysinfo(const SysInfo &info) {
    std::string out = "Versions:\n";
    out += line("Kernel", info.kernel_release);
    out += line("VS-API", info.version ? hex(info.version.value(), 8) : "???");
    out += line("VCI", info.vci ? hex(info.vci.value(), 16) : "???");
    out += line("Syscall", std::to_string(syscall_number()));
    out += line("util-vserver", package_string());
    out += "\nVCI bits:\n";

    const std::string indent(21, ' ');
    if (!info.vci) {
        out += indent + "???\n";
        return out;
    }
    const auto bits = decode_vci(info.vci.value());
    if (bits.empty())
        out += indent + "(none)\n";
    for (const auto &name : bits)
        out += indent + name + '\n';
    return out;
}

} // namespace vserver
