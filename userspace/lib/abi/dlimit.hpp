// SPDX-License-Identifier: GPL-2.0-only
//
// Disk limits: add_dlimit, rem_dlimit, set_dlimit and get_dlimit with the
// structs of <vserver/dlimit_cmd.h>. A limit belongs to a filesystem and a
// tag: the command's id is the tag, the path any file on the filesystem.
// Failures come back as an Error naming the command (util-vserver's
// "vc_*_dlimit" names).

#ifndef VSERVER_DLIMIT_HPP
#define VSERVER_DLIMIT_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>

namespace vserver {

// The special u32 values (CDLIM_* of <vserver/dlimit_cmd.h>).
inline constexpr std::uint32_t dlimit_infinity = ~std::uint32_t{0};
inline constexpr std::uint32_t dlimit_keep = ~std::uint32_t{1};

// One record; space in KiB, reserved in percent. A default-constructed one
// changes nothing when set.
struct DiskLimit {
    std::uint32_t space_used = dlimit_keep;
    std::uint32_t space_total = dlimit_keep;
    std::uint32_t inodes_used = dlimit_keep;
    std::uint32_t inodes_total = dlimit_keep;
    std::uint32_t reserved = dlimit_keep;

    friend bool operator==(const DiskLimit &, const DiskLimit &) = default;
};

// `flags` goes into the struct's flags field of every command (0 unless
// vdlimit --flags says otherwise).
Result<void> add_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags,
                        Syscall &sys = kernel_syscall());
Result<void> rem_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags,
                        Syscall &sys = kernel_syscall());
Result<void> set_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags,
                        const DiskLimit &limit, Syscall &sys = kernel_syscall());
Result<DiskLimit> get_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags,
                             Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_DLIMIT_HPP
