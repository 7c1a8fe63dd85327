// SPDX-License-Identifier: GPL-2.0-only
//
// Every struct is zeroed before it is filled, and the tail padding of the
// base struct again afterwards (a compiler may merge member stores with
// padding bytes), so the bytes the kernel sees depend only on the
// arguments.

#include "dlimit.hpp"

#include "command.hpp"

#include <vserver/dlimit_cmd.h>

namespace vserver {

static_assert(dlimit_infinity == CDLIM_INFINITY && dlimit_keep == CDLIM_KEEP);

namespace {

template <typename T> T request(const char *path, std::uint32_t flags) {
    auto data = zeroed<T>();
    data.name = path;
    data.flags = flags;
    return data;
}

// The 4 bytes behind flags on x86_64; none on i386.
void zero_tail(struct vcmd_ctx_dlimit_base_v0 &data) { zero_after(data, data.flags); }

} // namespace

Result<void> add_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags, Syscall &sys) {
    auto data = request<struct vcmd_ctx_dlimit_base_v0>(path, flags);
    zero_tail(data);
    return void_result(invoke(sys, "vc_add_dlimit", VCMD_add_dlimit, tag, &data));
}

Result<void> rem_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags, Syscall &sys) {
    auto data = request<struct vcmd_ctx_dlimit_base_v0>(path, flags);
    zero_tail(data);
    return void_result(invoke(sys, "vc_rem_dlimit", VCMD_rem_dlimit, tag, &data));
}

Result<void> set_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags,
                        const DiskLimit &limit, Syscall &sys) {
    auto data = request<struct vcmd_ctx_dlimit_v0>(path, flags);
    data.space_used = limit.space_used;
    data.space_total = limit.space_total;
    data.inodes_used = limit.inodes_used;
    data.inodes_total = limit.inodes_total;
    data.reserved = limit.reserved;
    return void_result(invoke(sys, "vc_set_dlimit", VCMD_set_dlimit, tag, &data));
}

Result<DiskLimit> get_dlimit(const char *path, std::uint32_t tag, std::uint32_t flags,
                             Syscall &sys) {
    auto data = request<struct vcmd_ctx_dlimit_v0>(path, flags);
    auto ret = invoke(sys, "vc_get_dlimit", VCMD_get_dlimit, tag, &data);
    if (!ret)
        return ret.error();
    return DiskLimit{data.space_used, data.space_total, data.inodes_used, data.inodes_total,
                     data.reserved};
}

} // namespace vserver
