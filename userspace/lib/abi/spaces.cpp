// SPDX-License-Identifier: GPL-2.0-only

#include "spaces.hpp"

#include "command.hpp"

#include <vserver/space_cmd.h>

namespace vserver {

namespace {

Result<void> space_command(Syscall &sys, const char *what, std::uint32_t cmd, std::uint32_t xid,
                           std::uint64_t mask, std::uint32_t index) {
    auto data = zeroed<struct vcmd_space_mask_v2>();
    data.mask = mask;
    data.index = index;
    zero_after(data, data.index);
    return void_result(invoke(sys, what, cmd, xid, &data));
}

Result<std::uint64_t> mask_command(Syscall &sys, const char *what, std::uint32_t cmd) {
    auto data = zeroed<struct vcmd_space_mask_v1>();
    auto ret = invoke(sys, what, cmd, 0, &data);
    if (!ret)
        return ret.error();
    return std::uint64_t{data.mask};
}

} // namespace

Result<void> set_space(std::uint32_t xid, std::uint64_t mask, std::uint32_t index, Syscall &sys) {
    return space_command(sys, "vc_set_namespace", VCMD_set_space, xid, mask, index);
}

Result<void> enter_space(std::uint32_t xid, std::uint64_t mask, std::uint32_t index, Syscall &sys) {
    return space_command(sys, "vc_enter_namespace", VCMD_enter_space, xid, mask, index);
}

Result<std::uint64_t> get_space_default(Syscall &sys) {
    return mask_command(sys, "vc_get_space_default", VCMD_get_space_default);
}

Result<std::uint64_t> get_space_mask(Syscall &sys) {
    return mask_command(sys, "vc_get_space_mask", VCMD_get_space_mask);
}

} // namespace vserver
