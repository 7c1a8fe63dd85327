// SPDX-License-Identifier: GPL-2.0-only

#include "signal.hpp"

#include "command.hpp"

#include <vserver/signal_cmd.h>

#include <cerrno>

namespace vserver {

Result<void> ctx_kill(std::uint32_t xid, std::int32_t pid, std::int32_t sig, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_kill_v0>();
    data.pid = pid;
    data.sig = sig;
    return void_result(invoke(sys, "vc_ctx_kill", VCMD_ctx_kill, xid, &data));
}

Result<ExitInfo> wait_exit(std::uint32_t xid, const std::function<bool()> &keep_waiting,
                           Syscall &sys) {
    for (;;) {
        auto data = zeroed<struct vcmd_wait_exit_v0>();
        auto ret = invoke(sys, "vc_wait_exit", VCMD_wait_exit, xid, &data);
        if (ret)
            return ExitInfo{data.reboot_cmd, data.exit_code};
        const int err = ret.error().errnum;
        if ((err == EINTR || err == EAGAIN) && (!keep_waiting || keep_waiting()))
            continue;
        return ret.error();
    }
}

} // namespace vserver
