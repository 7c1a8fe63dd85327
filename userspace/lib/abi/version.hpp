// SPDX-License-Identifier: GPL-2.0-only
//
// Version commands (VCMD_get_version, VCMD_get_vci) and the client-side
// feature arithmetic util-vserver scripts rely on ("vserver-info - FEATURE").

#ifndef VSERVER_VERSION_HPP
#define VSERVER_VERSION_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// The kernel's interface version, e.g. VCI_VERSION (0x00020308).
Result<std::uint32_t> get_version(Syscall &sys = kernel_syscall());

// The kernel's configuration bits (VCI_KCBIT_*).
Result<std::uint32_t> get_vci(Syscall &sys = kernel_syscall());

// Names of the set VCI bits in bit order: "no_dynamic", ..., "tagged=<mode>"
// for the tagging field, "bit<N>" for bits this header does not define.
std::vector<std::string> decode_vci(std::uint32_t vci);

// Name of a VCI_TAGGED_* mode ("none", "uid16", ..., "other"); an undefined
// mode is spelled as its number.
std::string tagged_mode_name(std::uint32_t mode);

// The feature names known to is_supported(), in upper case.
std::span<const std::string_view> feature_names() noexcept;

// Case-insensitive lookup in feature_names().
bool is_known_feature(std::string_view name) noexcept;

// Whether a kernel reporting `version` and `vci` provides feature `name`
// (case-insensitive, util-vserver's vc_isSupportedString rules); unknown
// names are not supported.
bool is_supported(std::string_view name, std::uint32_t version, std::uint32_t vci) noexcept;

} // namespace vserver

#endif // VSERVER_VERSION_HPP
