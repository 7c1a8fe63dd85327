// SPDX-License-Identifier: GPL-2.0-only
//
// The seam between libvserver and the kernel. Every command goes through
// a Syscall object, so unit tests can substitute a fake that records what
// would have been sent and answers what the test wants; sys.cpp is the only
// file that issues the real sys_vserver system call.

#ifndef VSERVER_SYS_HPP
#define VSERVER_SYS_HPP

#include "result.hpp"

#include <cstdint>
#include <string_view>

namespace vserver {

class Syscall {
  public:
    virtual ~Syscall() = default;

    // sys_vserver(cmd, id, data): a value >= 0 on success, -errno on failure
    // (the kernel's convention, not libc's -1/errno).
    virtual long call(std::uint32_t cmd, std::uint32_t id, void *data) = 0;
};

// The real system call; a process-wide object without state.
Syscall &kernel_syscall() noexcept;

// The system call number used by kernel_syscall(), for reports like SYSINFO.
long syscall_number() noexcept;

// "<what>: <strerror> (<ERRNO NAME>)", e.g.
// "vc_get_version: Function not implemented (ENOSYS)".
Error syscall_error(std::string_view what, int errnum);

// Issues one command and turns a negative return into an Error named after
// `what`; typed commands are thin wrappers around this.
Result<long> invoke(Syscall &sys, std::string_view what, std::uint32_t cmd, std::uint32_t id,
                    void *data = nullptr);

} // namespace vserver

#endif // VSERVER_SYS_HPP
