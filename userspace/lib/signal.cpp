// SPDX-License-Identifier: GPL-2.0-only

#include "signal.hpp"

#include <vserver/signal_cmd.h>

#include <cerrno>
#include <cstring>

namespace vserver {

Result<void> ctx_kill(std::uint32_t xid, std::int32_t pid, std::int32_t sig, Syscall &sys) {
    struct vcmd_ctx_kill_v0 data;
    std::memset(&data, 0, sizeof data);
    data.pid = pid;
    data.sig = sig;
    auto ret = invoke(sys, "vc_ctx_kill", VCMD_ctx_kill, xid, &data);
    if (!ret)
        return ret.error();
    return ok();
}

Result<ExitInfo> wait_exit(std::uint32_t xid, const std::function<bool()> &keep_waiting,
                           Syscall &sys) {
    for (;;) {
        struct vcmd_wait_exit_v0 data;
        std::memset(&data, 0, sizeof data);
        auto ret = invoke(sys, "vc_wait_exit", VCMD_wait_exit, xid, &data);
        if (ret)
            return ExitInfo{data.reboot_cmd, data.exit_code};
        const int err = ret.error().errnum;
        if ((err == EINTR || err == EAGAIN) && (!keep_waiting || keep_waiting()))
            continue;
        return ret.error();
    }
}

std::string format_wait_status(const WaitOutcome &outcome) {
    switch (outcome.status) {
    case WaitStatus::finished:
        return "FINISHED " + std::to_string(outcome.info.reboot_cmd) + ' ' +
               std::to_string(outcome.info.exit_code) + '\n';
    case WaitStatus::killed:
        return "KILLED\n";
    case WaitStatus::timeout:
        return "TIMEOUT\n";
    case WaitStatus::error:
        return "ERROR " + std::to_string(outcome.errnum) + '\n';
    }
    return "???\n";
}

int wait_status_exit_code(WaitStatus status) noexcept {
    switch (status) {
    case WaitStatus::finished:
        return 0;
    case WaitStatus::killed:
        return 1;
    case WaitStatus::timeout:
        return 2;
    case WaitStatus::error:
        return 127;
    }
    return 126;
}

} // namespace vserver
