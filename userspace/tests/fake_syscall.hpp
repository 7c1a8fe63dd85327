// SPDX-License-Identifier: GPL-2.0-only
//
// A Syscall that never enters the kernel: it records every call and returns
// scripted values, so tests can check exactly what a command sends.

#ifndef VSERVER_TESTS_FAKE_SYSCALL_HPP
#define VSERVER_TESTS_FAKE_SYSCALL_HPP

#include "sys.hpp"

#include <cerrno>
#include <cstdint>
#include <deque>
#include <vector>

namespace vserver::test {

struct Call {
    std::uint32_t cmd;
    std::uint32_t id;
    void *data;
};

class FakeSyscall final : public Syscall {
  public:
    // Return values for the next calls, in order (-errno for failures);
    // once they run out, every call fails with ENOSYS like a plain kernel.
    std::deque<long> replies;
    std::vector<Call> calls;

    long call(std::uint32_t cmd, std::uint32_t id, void *data) override {
        calls.push_back({cmd, id, data});
        if (replies.empty())
            return -ENOSYS;
        long r = replies.front();
        replies.pop_front();
        return r;
    }
};

} // namespace vserver::test

#endif // VSERVER_TESTS_FAKE_SYSCALL_HPP
