// SPDX-License-Identifier: GPL-2.0-only
//
// The only caller of syscall(__NR_vserver, ...): everything else reaches the
// kernel through the Syscall interface so that it can be tested without it.

#include "sys.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

// Old libc headers may lack the number; it is fixed ABI on x86_64 only.
#ifndef __NR_vserver
#if defined(__x86_64__)
#define __NR_vserver 236
#else
#error "__NR_vserver is unknown for this architecture"
#endif
#endif

namespace vserver {

namespace {

class KernelSyscall final : public Syscall {
  public:
    long call(std::uint32_t cmd, std::uint32_t id, void *data) override {
        long ret = ::syscall(__NR_vserver, cmd, id, data);
        // libc reports failure as -1/errno; fold it back into -errno.
        return ret == -1 ? -errno : ret;
    }
};

} // namespace

Syscall &kernel_syscall() noexcept {
    static KernelSyscall instance;
    return instance;
}

long syscall_number() noexcept { return __NR_vserver; }

Error syscall_error(std::string_view what, int errnum) {
    // The *_np variants are thread-safe and locale-independent; both return
    // null for numbers glibc does not know.
    const char *desc = ::strerrordesc_np(errnum);
    const char *name = ::strerrorname_np(errnum);
    std::string msg(what);
    msg += ": ";
    msg += desc != nullptr ? desc : "Unknown error " + std::to_string(errnum);
    if (name != nullptr) {
        msg += " (";
        msg += name;
        msg += ')';
    }
    return error(errnum, std::move(msg));
}

Result<long> invoke(Syscall &sys, std::string_view what, std::uint32_t cmd, std::uint32_t id,
                    void *data) {
    long ret = sys.call(cmd, id, data);
    if (ret < 0)
        return syscall_error(what, static_cast<int>(-ret));
    return ret;
}

} // namespace vserver
