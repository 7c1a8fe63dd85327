// SPDX-License-Identifier: GPL-2.0-only
//
// Signalling a context (VCMD_ctx_kill) and waiting for its end
// (VCMD_wait_exit), plus the status report of vwait.

#ifndef VSERVER_SIGNAL_HPP
#define VSERVER_SIGNAL_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <functional>
#include <string>

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

// How vwait ended, and the exit status util-vserver's vwait uses for it.
enum class WaitStatus {
    finished, // the context is gone (exit 0)
    killed,   // timeout, and --terminate killed it (exit 1)
    timeout,  // timeout (exit 2)
    error,    // wait_exit failed (exit 127)
};

struct WaitOutcome {
    WaitStatus status = WaitStatus::error;
    ExitInfo info;  // for finished
    int errnum = 0; // for error
};

// The line vwait writes to --status-fd: "FINISHED <reboot_cmd> <exit_code>",
// "KILLED", "TIMEOUT" or "ERROR <errno>", each ending in a newline.
std::string format_wait_status(const WaitOutcome &outcome);

int wait_status_exit_code(WaitStatus status) noexcept;

} // namespace vserver

#endif // VSERVER_SIGNAL_HPP
