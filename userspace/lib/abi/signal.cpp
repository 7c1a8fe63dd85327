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

} // namespace vserver
