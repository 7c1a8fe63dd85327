// SPDX-License-Identifier: GPL-2.0-only
//
// Inode attributes: get_iattr and set_iattr (VCMD_*_iattr v1) with the
// struct of <vserver/inode_cmd.h>: a file's tag and its vserver flags
// (immutable, iunlink, barrier, cow; admin, watch and hide on /proc).
// Failures come back as an Error naming the command (util-vserver's
// "vc_get_iattr" and "vc_set_iattr").

#ifndef VSERVER_IATTR_HPP
#define VSERVER_IATTR_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>

namespace vserver {

// The IATTR_* bits of <vserver/inode.h>, and util-vserver's client-side
// VC_IATTR_WRITE, which no kernel defines or reports.
inline constexpr std::uint32_t iattr_tag = 0x01000000;
inline constexpr std::uint32_t iattr_admin = 0x00000001;
inline constexpr std::uint32_t iattr_watch = 0x00000002;
inline constexpr std::uint32_t iattr_hide = 0x00000004;
inline constexpr std::uint32_t iattr_write = 0x00000008;
inline constexpr std::uint32_t iattr_barrier = 0x00010000;
inline constexpr std::uint32_t iattr_iunlink = 0x00020000;
inline constexpr std::uint32_t iattr_immutable = 0x00040000;
inline constexpr std::uint32_t iattr_cow = 0x00080000;

// What get_iattr reports: the bits set, the bits this inode supports, and
// the tag, which is valid only when mask has iattr_tag (a filesystem
// mounted with -o tag).
struct InodeAttr {
    std::uint32_t tag = 0;
    std::uint32_t flags = 0;
    std::uint32_t mask = 0;

    bool has_tag() const noexcept { return (mask & iattr_tag) != 0; }
    friend bool operator==(const InodeAttr &, const InodeAttr &) = default;
};

// `path` is resolved by the kernel relative to the current directory,
// without following a final symlink.
Result<InodeAttr> get_iattr(const char *path, Syscall &sys = kernel_syscall());

// Changes the bits of `mask` to their values in `flags`; iattr_tag in the
// mask sets the tag.
Result<void> set_iattr(const char *path, std::uint32_t tag, std::uint32_t flags, std::uint32_t mask,
                       Syscall &sys = kernel_syscall());

// A unified file (vunify/vhashify): immutable and iunlink both supported
// and both set. False when get_iattr fails, as in util-vserver's chxid.
bool is_unified(const char *path, Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_IATTR_HPP
