// SPDX-License-Identifier: GPL-2.0-only
//
// What the typed commands of libvserver share around invoke(): structs
// zeroed before they are filled, so that the bytes the kernel sees
// (padding included) depend only on the arguments; the answers of
// commands that return a number or nothing; the get/set pairs whose struct
// is a word and its mask.

#ifndef VSERVER_COMMAND_HPP
#define VSERVER_COMMAND_HPP

#include "context.hpp"
#include "result.hpp"
#include "sys.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace vserver {

// A command struct with every byte zero.
template <typename T> T zeroed() noexcept {
    T value;
    std::memset(&value, 0, sizeof value);
    return value;
}

// Zeroes the bytes of `data` behind its member `last`: tail padding, which
// a compiler may fill when it merges member stores.
template <typename S, typename M> void zero_after(S &data, const M &last) noexcept {
    auto *bytes = reinterpret_cast<unsigned char *>(&data);
    const auto end =
        static_cast<std::size_t>(reinterpret_cast<const unsigned char *>(&last) - bytes) +
        sizeof last;
    std::memset(bytes + end, 0, sizeof data - end);
}

// The answer of a command that returns a u32: an id, a pid, a version.
inline Result<std::uint32_t> u32_result(const Result<long> &ret) {
    if (!ret)
        return ret.error();
    return static_cast<std::uint32_t>(ret.value());
}

// The answer of a command that returns nothing but success.
inline Result<void> void_result(const Result<long> &ret) {
    if (!ret)
        return ret.error();
    return ok();
}

// get/set commands whose struct S is {u64 word; u64 mask}; the member
// pointers name the two fields of S.
template <typename S, auto Value, auto Mask>
Result<MaskedWord> get_masked(Syscall &sys, const char *what, std::uint32_t cmd, std::uint32_t id) {
    auto data = zeroed<S>();
    auto ret = invoke(sys, what, cmd, id, &data);
    if (!ret)
        return ret.error();
    return MaskedWord{data.*Value, data.*Mask};
}

template <typename S, auto Value, auto Mask>
Result<void> set_masked(Syscall &sys, const char *what, std::uint32_t cmd, std::uint32_t id,
                        MaskedWord word) {
    auto data = zeroed<S>();
    data.*Value = word.value;
    data.*Mask = word.mask;
    return void_result(invoke(sys, what, cmd, id, &data));
}

} // namespace vserver

#endif // VSERVER_COMMAND_HPP
