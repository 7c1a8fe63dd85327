// SPDX-License-Identifier: GPL-2.0-only

#include "context.hpp"

#include "command.hpp"

#include <vserver/context.h>
#include <vserver/context_cmd.h>

namespace vserver {

const std::uint32_t xid_self = VX_ID_SELF;

namespace {

using Flags = struct vcmd_ctx_flags_v0;
using CCaps = struct vcmd_ctx_caps_v1;
using BCaps = struct vcmd_bcaps;
using UMask = struct vcmd_umask;

} // namespace

Result<std::uint32_t> task_xid(std::uint32_t pid, Syscall &sys) {
    return u32_result(invoke(sys, "vc_get_task_xid", VCMD_task_xid, pid));
}

Result<VxInfo> vx_info(std::uint32_t xid, Syscall &sys) {
    auto data = zeroed<struct vcmd_vx_info_v0>();
    auto ret = invoke(sys, "vc_get_vx_info", VCMD_vx_info, xid, &data);
    if (!ret)
        return ret.error();
    return VxInfo{data.xid, data.initpid};
}

Result<CtxStat> ctx_stat(std::uint32_t xid, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_stat_v0>();
    auto ret = invoke(sys, "vc_ctx_stat", VCMD_ctx_stat, xid, &data);
    if (!ret)
        return ret.error();
    return CtxStat{data.usecnt, data.tasks};
}

Result<std::uint32_t> ctx_create(std::uint32_t xid, std::uint64_t flags, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_create>();
    data.flagword = flags;
    return u32_result(invoke(sys, "vc_ctx_create", VCMD_ctx_create, xid, &data));
}

Result<void> ctx_migrate(std::uint32_t xid, std::uint64_t flags, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_migrate>();
    data.flagword = flags;
    return void_result(invoke(sys, "vc_ctx_migrate", VCMD_ctx_migrate, xid, &data));
}

Result<MaskedWord> get_cflags(std::uint32_t xid, Syscall &sys) {
    return get_masked<Flags, &Flags::flagword, &Flags::mask>(sys, "vc_get_cflags", VCMD_get_cflags,
                                                             xid);
}

Result<void> set_cflags(std::uint32_t xid, MaskedWord flags, Syscall &sys) {
    return set_masked<Flags, &Flags::flagword, &Flags::mask>(sys, "vc_set_cflags", VCMD_set_cflags,
                                                             xid, flags);
}

Result<MaskedWord> get_ccaps(std::uint32_t xid, Syscall &sys) {
    return get_masked<CCaps, &CCaps::ccaps, &CCaps::cmask>(sys, "vc_get_ccaps", VCMD_get_ccaps,
                                                           xid);
}

Result<void> set_ccaps(std::uint32_t xid, MaskedWord caps, Syscall &sys) {
    return set_masked<CCaps, &CCaps::ccaps, &CCaps::cmask>(sys, "vc_set_ccaps", VCMD_set_ccaps, xid,
                                                           caps);
}

Result<MaskedWord> get_bcaps(std::uint32_t xid, Syscall &sys) {
    return get_masked<BCaps, &BCaps::bcaps, &BCaps::bmask>(sys, "vc_get_bcaps", VCMD_get_bcaps,
                                                           xid);
}

Result<void> set_bcaps(std::uint32_t xid, MaskedWord caps, Syscall &sys) {
    return set_masked<BCaps, &BCaps::bcaps, &BCaps::bmask>(sys, "vc_set_bcaps", VCMD_set_bcaps, xid,
                                                           caps);
}

Result<MaskedWord> get_umask(std::uint32_t xid, Syscall &sys) {
    return get_masked<UMask, &UMask::umask, &UMask::mask>(sys, "vc_get_umask", VCMD_get_umask, xid);
}

Result<void> set_umask(std::uint32_t xid, MaskedWord umask, Syscall &sys) {
    return set_masked<UMask, &UMask::umask, &UMask::mask>(sys, "vc_set_umask", VCMD_set_umask, xid,
                                                          umask);
}

} // namespace vserver
