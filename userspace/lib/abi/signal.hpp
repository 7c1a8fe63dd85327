// SPDX-License-Identifier: GPL-2.0-only
//
// Signalling a context (VCMD_ctx_kill) and waiting for its end
// (VCMD_wait_exit).

#ifndef VSERVER_SIGNAL_HPP
#define VSERVER_SIGNAL_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <functional>

namespace vserver {

// pid 0 or -1: every task of the context; 1: its init; else that task.
Result<void> ctx_kill(std::uint32_t xid, std::int32_t pid, std::int32_t sig,
                      Syscall &sys = kernel_syscall());

struct ExitInfo {
    std::int32_t reboot_cmd = 0;
    std::int32_t exit_code = 0;
};

// Blocks until context `xid` is gone. Like util-vserver, an EINTR or EAGAIN
// answer repeats the call, as long as keep_waiting (if given) returns true;
// otherwise that answer is returned as the error.
Result<ExitInfo> wait_exit(std::uint32_t xid, const std::function<bool()> &keep_waiting = {},
                           Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_SIGNAL_HPP
