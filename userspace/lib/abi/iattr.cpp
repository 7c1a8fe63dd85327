// SPDX-License-Identifier: GPL-2.0-only
//
// The struct is zeroed before it is filled, and its tail padding again
// afterwards (a compiler may merge member stores with padding bytes), so
// the bytes the kernel sees depend only on the arguments.

#include "iattr.hpp"

#include "command.hpp"

#include <vserver/inode.h>
#include <vserver/inode_cmd.h>

namespace vserver {

static_assert(iattr_tag == IATTR_TAG && iattr_admin == IATTR_ADMIN && iattr_watch == IATTR_WATCH &&
              iattr_hide == IATTR_HIDE && iattr_barrier == IATTR_BARRIER &&
              iattr_iunlink == IATTR_IXUNLINK && iattr_immutable == IATTR_IMMUTABLE &&
              iattr_cow == IATTR_COW);
static_assert((iattr_write & (IATTR_TAG | IATTR_FLAGS | IATTR_BARRIER | IATTR_IXUNLINK |
                              IATTR_IMMUTABLE | IATTR_COW)) == 0);

namespace {

struct vcmd_ctx_iattr_v1 request(const char *path) {
    auto data = zeroed<struct vcmd_ctx_iattr_v1>();
    data.name = path;
    return data;
}

// The 4 bytes behind mask on x86_64; none on i386.
void zero_tail(struct vcmd_ctx_iattr_v1 &data) { zero_after(data, data.mask); }

} // namespace

Result<InodeAttr> get_iattr(const char *path, Syscall &sys) {
    auto data = request(path);
    zero_tail(data);
    auto ret = invoke(sys, "vc_get_iattr", VCMD_get_iattr, 0, &data);
    if (!ret)
        return ret.error();
    return InodeAttr{data.tag, data.flags, data.mask};
}

Result<void> set_iattr(const char *path, std::uint32_t tag, std::uint32_t flags, std::uint32_t mask,
                       Syscall &sys) {
    auto data = request(path);
    data.tag = tag;
    data.flags = flags;
    data.mask = mask;
    zero_tail(data);
    return void_result(invoke(sys, "vc_set_iattr", VCMD_set_iattr, 0, &data));
}

bool is_unified(const char *path, Syscall &sys) {
    constexpr std::uint32_t both = iattr_immutable | iattr_iunlink;
    auto attr = get_iattr(path, sys);
    return attr && (attr.value().mask & both) == both && (attr.value().flags & both) == both;
}

} // namespace vserver
