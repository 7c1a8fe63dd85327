// SPDX-License-Identifier: GPL-2.0-only
//
// A Syscall that never enters the kernel: it records every call and returns
// scripted values, so tests can check exactly what a command sends.

#ifndef VSERVER_TESTS_FAKE_SYSCALL_HPP
#define VSERVER_TESTS_FAKE_SYSCALL_HPP

#include "sys.hpp"

#include <vserver/context_cmd.h>
#include <vserver/cvirt_cmd.h>
#include <vserver/dlimit_cmd.h>
#include <vserver/inode_cmd.h>
#include <vserver/limit_cmd.h>
#include <vserver/network_cmd.h>
#include <vserver/signal_cmd.h>
#include <vserver/space_cmd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

namespace vserver::test {

using Bytes = std::vector<unsigned char>;

// The size of the argument struct a command passes, from the uapi headers;
// 0 for commands without data.
inline std::size_t payload_size(std::uint32_t cmd) {
    switch (cmd) {
    case VCMD_vx_info:
        return sizeof(struct vcmd_vx_info_v0);
    case VCMD_ctx_stat:
        return sizeof(struct vcmd_ctx_stat_v0);
    case VCMD_ctx_create:
        return sizeof(struct vcmd_ctx_create);
    case VCMD_ctx_migrate:
        return sizeof(struct vcmd_ctx_migrate);
    case VCMD_get_cflags:
    case VCMD_set_cflags:
        return sizeof(struct vcmd_ctx_flags_v0);
    case VCMD_get_ccaps:
    case VCMD_set_ccaps:
        return sizeof(struct vcmd_ctx_caps_v1);
    case VCMD_get_bcaps:
    case VCMD_set_bcaps:
        return sizeof(struct vcmd_bcaps);
    case VCMD_get_umask:
    case VCMD_set_umask:
        return sizeof(struct vcmd_umask);
    case VCMD_get_vhi_name:
    case VCMD_set_vhi_name:
        return sizeof(struct vcmd_vhi_name_v0);
    case VCMD_virt_stat:
        return sizeof(struct vcmd_virt_stat_v0);
    case VCMD_ctx_kill:
        return sizeof(struct vcmd_ctx_kill_v0);
    case VCMD_set_space:
    case VCMD_enter_space:
        return sizeof(struct vcmd_space_mask_v2);
    case VCMD_get_space_mask:
    case VCMD_get_space_default:
        return sizeof(struct vcmd_space_mask_v1);
    case VCMD_wait_exit:
        return sizeof(struct vcmd_wait_exit_v0);
    case VCMD_nx_info:
        return sizeof(struct vcmd_nx_info_v0);
    case VCMD_net_create:
        return sizeof(struct vcmd_net_create);
    case VCMD_net_add:
    case VCMD_net_remove:
        return sizeof(struct vcmd_net_addr_v0);
    case VCMD_net_add_ipv4_v1:
    case VCMD_net_rem_ipv4_v1:
        return sizeof(struct vcmd_net_addr_ipv4_v1);
    case VCMD_net_add_ipv4:
    case VCMD_net_rem_ipv4:
        return sizeof(struct vcmd_net_addr_ipv4_v2);
    case VCMD_net_add_ipv6:
    case VCMD_net_remove_ipv6:
        return sizeof(struct vcmd_net_addr_ipv6_v1);
    case VCMD_get_nflags:
    case VCMD_set_nflags:
        return sizeof(struct vcmd_net_flags_v0);
    case VCMD_get_ncaps:
    case VCMD_set_ncaps:
        return sizeof(struct vcmd_net_caps_v0);
    case VCMD_get_rlimit:
    case VCMD_set_rlimit:
        return sizeof(struct vcmd_ctx_rlimit_v0);
    case VCMD_get_rlimit_mask:
        return sizeof(struct vcmd_ctx_rlimit_mask_v0);
    case VCMD_rlimit_stat:
        return sizeof(struct vcmd_rlimit_stat_v0);
    case VCMD_add_dlimit:
    case VCMD_rem_dlimit:
        return sizeof(struct vcmd_ctx_dlimit_base_v0);
    case VCMD_set_dlimit:
    case VCMD_get_dlimit:
        return sizeof(struct vcmd_ctx_dlimit_v0);
    case VCMD_get_iattr:
    case VCMD_set_iattr:
        return sizeof(struct vcmd_ctx_iattr_v1);
    default:
        return 0;
    }
}

// Whether the command's struct starts with a path (const char *name).
inline bool carries_path(std::uint32_t cmd) {
    switch (cmd) {
    case VCMD_add_dlimit:
    case VCMD_rem_dlimit:
    case VCMD_set_dlimit:
    case VCMD_get_dlimit:
    case VCMD_get_iattr:
    case VCMD_set_iattr:
        return true;
    default:
        return false;
    }
}

// The object representation of a struct, padding included.
template <typename T> Bytes bytes_of(const T &value) {
    Bytes out(sizeof value);
    std::memcpy(out.data(), &value, sizeof value);
    return out;
}

// Little-endian encodings, independent of the uapi structs.
inline Bytes le16(std::uint16_t v) {
    return {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
}

inline Bytes le32(std::uint32_t v) {
    Bytes out;
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<unsigned char>(v >> (8 * i)));
    return out;
}

inline Bytes le64(std::uint64_t v) {
    Bytes out;
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<unsigned char>(v >> (8 * i)));
    return out;
}

// An address as it travels: network byte order, most significant first.
inline Bytes be32(std::uint32_t v) {
    return {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
            static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
}

// The bytes of a pointer, as a struct that carries a path holds them.
inline Bytes pointer_bytes(const void *p) { return bytes_of(p); }

// The parts one after the other.
inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

struct Call {
    std::uint32_t cmd;
    std::uint32_t id;
    void *data;
    // What data pointed to when the call was made (payload_size(cmd) bytes;
    // empty for a null pointer or a command without data).
    Bytes sent;
    // The string the struct's name pointer pointed to, for the commands
    // that carry a path (carries_path); empty otherwise.
    std::string path;
};

class FakeSyscall final : public Syscall {
  public:
    // Return values for the next calls, in order (-errno for failures);
    // once they run out, every call fails with ENOSYS like a plain kernel.
    std::deque<long> replies;
    std::vector<Call> calls;
    // Runs after the call is recorded and before the reply is taken: the
    // place to fill the output struct of a get command.
    std::function<void(const Call &call, void *data)> on_call;

    long call(std::uint32_t cmd, std::uint32_t id, void *data) override {
        Call c{cmd, id, data, {}, {}};
        if (data != nullptr) {
            c.sent.resize(payload_size(cmd));
            if (!c.sent.empty())
                std::memcpy(c.sent.data(), data, c.sent.size());
            if (carries_path(cmd)) {
                const char *name = nullptr;
                std::memcpy(&name, data, sizeof name);
                if (name != nullptr)
                    c.path = name;
            }
        }
        calls.push_back(c);
        if (on_call)
            on_call(calls.back(), data);
        if (replies.empty())
            return -ENOSYS;
        long r = replies.front();
        replies.pop_front();
        return r;
    }
};

// Writes `value` to the output pointer of a call; for use in on_call.
template <typename T> void fill(void *data, const T &value) {
    std::memcpy(data, &value, sizeof value);
}

// The commands of the calls a fake has seen, in order.
inline std::vector<std::uint32_t> commands(const FakeSyscall &fake) {
    std::vector<std::uint32_t> out;
    for (const auto &call : fake.calls)
        out.push_back(call.cmd);
    return out;
}

} // namespace vserver::test

#endif // VSERVER_TESTS_FAKE_SYSCALL_HPP
