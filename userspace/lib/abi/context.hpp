// SPDX-License-Identifier: GPL-2.0-only
//
// Security context commands: task_xid, vx_info, ctx_stat, ctx_create,
// ctx_migrate and the flag/capability/unshare-mask pairs. Each is one
// sys_vserver call with the struct of <vserver/context_cmd.h>; failures come
// back as an Error naming the command (util-vserver's "vc_*" names).

#ifndef VSERVER_CONTEXT_HPP
#define VSERVER_CONTEXT_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>

namespace vserver {

// The id that names the caller's own context in commands that take a
// context (util-vserver's VC_SAMECTX). Tools resolve "self" with
// task_xid(0) instead, as util-vserver does.
extern const std::uint32_t xid_self;

// A 64-bit word and the mask of bits it changes (set commands) or that can
// change (get commands): the shape of the flags, caps and umask structs.
struct MaskedWord {
    std::uint64_t value = 0;
    std::uint64_t mask = 0;

    friend bool operator==(const MaskedWord &, const MaskedWord &) = default;
};

struct VxInfo {
    std::uint32_t xid = 0;
    std::uint32_t initpid = 0;
};

struct CtxStat {
    std::uint32_t usecnt = 0;
    std::uint32_t tasks = 0;
};

// The context of task `pid`; pid 0 is the caller.
Result<std::uint32_t> task_xid(std::uint32_t pid, Syscall &sys = kernel_syscall());

Result<VxInfo> vx_info(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<CtxStat> ctx_stat(std::uint32_t xid, Syscall &sys = kernel_syscall());

// VCMD_ctx_create version 1: creates context `xid` with the given initial
// flags, moves the caller into it and returns the new xid.
Result<std::uint32_t> ctx_create(std::uint32_t xid, std::uint64_t flags,
                                 Syscall &sys = kernel_syscall());

// VCMD_ctx_migrate version 1: moves the caller into `xid` (1: the
// spectator); flags are VXM_* bits.
Result<void> ctx_migrate(std::uint32_t xid, std::uint64_t flags, Syscall &sys = kernel_syscall());

// Context flags (VXF_*): value = flagword.
Result<MaskedWord> get_cflags(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<void> set_cflags(std::uint32_t xid, MaskedWord flags, Syscall &sys = kernel_syscall());

// Context capabilities (VXC_*), version 1 commands: value = ccaps.
Result<MaskedWord> get_ccaps(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<void> set_ccaps(std::uint32_t xid, MaskedWord caps, Syscall &sys = kernel_syscall());

// Capability bounding set (bit n = capability n): value = bcaps.
Result<MaskedWord> get_bcaps(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<void> set_bcaps(std::uint32_t xid, MaskedWord caps, Syscall &sys = kernel_syscall());

// Unshare mask (CLONE_NEW* bits): value = umask.
Result<MaskedWord> get_umask(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<void> set_umask(std::uint32_t xid, MaskedWord umask, Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_CONTEXT_HPP
