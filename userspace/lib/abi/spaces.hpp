// SPDX-License-Identifier: GPL-2.0-only
//
// Space commands (<vserver/space_cmd.h>): a context's two saved sets of
// namespaces. set_space saves the caller's, enter_space moves the caller
// into a saved set (setns semantics; needs CAP_SYS_ADMIN, so it comes
// before ctx_migrate bounds the capabilities).

#ifndef VSERVER_SPACES_HPP
#define VSERVER_SPACES_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>

namespace vserver {

// VCMD_set_space (v2): saves the caller's spaces named by `mask`
// (CLONE_FS, CLONE_NEW*) in set `index` (0 or 1) of context `xid`.
Result<void> set_space(std::uint32_t xid, std::uint64_t mask, std::uint32_t index,
                       Syscall &sys = kernel_syscall());

// VCMD_enter_space (v2): mask 0 enters everything set `index` holds.
Result<void> enter_space(std::uint32_t xid, std::uint64_t mask, std::uint32_t index,
                         Syscall &sys = kernel_syscall());

// VCMD_get_space_default: the spaces "vspace --default" names.
Result<std::uint64_t> get_space_default(Syscall &sys = kernel_syscall());

// VCMD_get_space_mask: the spaces this kernel advertises.
Result<std::uint64_t> get_space_mask(Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_SPACES_HPP
