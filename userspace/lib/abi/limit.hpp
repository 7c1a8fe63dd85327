// SPDX-License-Identifier: GPL-2.0-only
//
// Per-context resource limits: get_rlimit, set_rlimit, get_rlimit_mask,
// rlimit_stat, reset_hits and reset_minmax with the structs of
// <vserver/limit_cmd.h>, util-vserver's names of the limits and its value
// syntax (lib/parselimit.c). Failures come back as an Error naming the
// command (util-vserver's "vc_*" names).

#ifndef VSERVER_LIMIT_HPP
#define VSERVER_LIMIT_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vserver {

// The special u64 values (CRLIM_* of <vserver/limit.h>).
extern const std::uint64_t limit_unset;    // 0
extern const std::uint64_t limit_infinity; // ~0
extern const std::uint64_t limit_keep;     // ~1: set_rlimit leaves the field alone

// Limit ids are RLIMIT_* (0..15) and VLIMIT_* (16..); the masks have 32 bits.
inline constexpr std::uint32_t max_limit_ids = 32;

// One limit of a context; a default-constructed one changes nothing.
struct Rlimit {
    std::uint64_t minimum = ~std::uint64_t{1};
    std::uint64_t soft = ~std::uint64_t{1};
    std::uint64_t hard = ~std::uint64_t{1};

    friend bool operator==(const Rlimit &, const Rlimit &) = default;
};

// Bit n set: limit n has that field.
struct RlimitMask {
    std::uint32_t minimum = 0;
    std::uint32_t soft = 0;
    std::uint32_t hard = 0;

    std::uint32_t any() const noexcept { return minimum | soft | hard; }
    friend bool operator==(const RlimitMask &, const RlimitMask &) = default;
};

struct RlimitStat {
    std::uint32_t hits = 0;
    std::uint64_t value = 0;
    std::uint64_t minimum = 0;
    std::uint64_t maximum = 0;

    friend bool operator==(const RlimitStat &, const RlimitStat &) = default;
};

Result<Rlimit> get_rlimit(std::uint32_t xid, std::uint32_t id, Syscall &sys = kernel_syscall());
Result<void> set_rlimit(std::uint32_t xid, std::uint32_t id, const Rlimit &limit,
                        Syscall &sys = kernel_syscall());
// The limits the kernel supports; sent with id = xid, as util-vserver does.
Result<RlimitMask> get_rlimit_mask(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<RlimitStat> rlimit_stat(std::uint32_t xid, std::uint32_t id,
                               Syscall &sys = kernel_syscall());
Result<void> reset_hits(std::uint32_t xid, Syscall &sys = kernel_syscall());
Result<void> reset_minmax(std::uint32_t xid, Syscall &sys = kernel_syscall());

// util-vserver's name of a limit, upper case ("NPROC", "DENTRY"); none for
// ids it has no name for (SIGPENDING, NICE, RTPRIO, RTTIME, MAPPED, >= 24).
std::optional<std::string_view> limit_name(std::uint32_t id) noexcept;

// The id of a lower-case resource name as vlimit's options and --dir files
// spell it ("nproc", "dentry"); case-sensitive.
std::optional<std::uint32_t> lookup_limit(std::string_view name) noexcept;

// The lower-case name of vlimit's option --<name> and of the --dir files
// ("nproc"); none where limit_name() has none.
std::optional<std::string> limit_option_name(std::uint32_t id);

// The name, or the decimal id when it has none.
std::string limit_label(std::uint32_t id);

// A limit value, after optional whitespace: "inf..." (anything starting with "inf") is infinity;
// otherwise an unsigned number in C syntax (decimal, 0x hex, 0 octal) with
// an optional suffix K (x1024), M (x1024^2), k (x1000) or m (x1000^2),
// optionally followed by whitespace (a newline in a file). Nullopt for
// anything else, a sign or a value above 2^64-1.
std::optional<std::uint64_t> parse_limit_value(std::string_view text) noexcept;

} // namespace vserver

#endif // VSERVER_LIMIT_HPP
