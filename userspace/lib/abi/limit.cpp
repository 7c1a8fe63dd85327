// SPDX-License-Identifier: GPL-2.0-only

#include "limit.hpp"

#include "command.hpp"

#include <vserver/limit.h>
#include <vserver/limit_cmd.h>

#include <sys/resource.h>

#include <array>
#include <cctype>

namespace vserver {

const std::uint64_t limit_unset = CRLIM_UNSET;
const std::uint64_t limit_infinity = CRLIM_INFINITY;
const std::uint64_t limit_keep = CRLIM_KEEP;

namespace {

std::string what(std::string_view command, std::uint32_t id) {
    return std::string(command) + "(" + limit_label(id) + ")";
}

struct LimitName {
    std::uint32_t id;
    std::string_view upper;
    std::string_view lower;
};

// util-vserver's LIMIT_STR and the resource options of src/vlimit.c.
constexpr std::array<LimitName, 19> limit_names{{
    {RLIMIT_CPU, "CPU", "cpu"},
    {RLIMIT_FSIZE, "FSIZE", "fsize"},
    {RLIMIT_DATA, "DATA", "data"},
    {RLIMIT_STACK, "STACK", "stack"},
    {RLIMIT_CORE, "CORE", "core"},
    {RLIMIT_RSS, "RSS", "rss"},
    {RLIMIT_NPROC, "NPROC", "nproc"},
    {RLIMIT_NOFILE, "NOFILE", "nofile"},
    {RLIMIT_MEMLOCK, "MEMLOCK", "memlock"},
    {RLIMIT_AS, "AS", "as"},
    {RLIMIT_LOCKS, "LOCKS", "locks"},
    {RLIMIT_MSGQUEUE, "MSGQUEUE", "msgqueue"},
    {VLIMIT_NSOCK, "NSOCK", "nsock"},
    {VLIMIT_OPENFD, "OPENFD", "openfd"},
    {VLIMIT_ANON, "ANON", "anon"},
    {VLIMIT_SHMEM, "SHMEM", "shmem"},
    {VLIMIT_SEMARY, "SEMARY", "semary"},
    {VLIMIT_NSEMS, "NSEMS", "nsems"},
    {VLIMIT_DENTRY, "DENTRY", "dentry"},
}};

} // namespace

Result<Rlimit> get_rlimit(std::uint32_t xid, std::uint32_t id, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_rlimit_v0>();
    data.id = id;
    auto ret = invoke(sys, what("vc_get_rlimit", id), VCMD_get_rlimit, xid, &data);
    if (!ret)
        return ret.error();
    return Rlimit{data.minimum, data.softlimit, data.maximum};
}

Result<void> set_rlimit(std::uint32_t xid, std::uint32_t id, const Rlimit &limit, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_rlimit_v0>();
    data.id = id;
    data.minimum = limit.minimum;
    data.softlimit = limit.soft;
    data.maximum = limit.hard;
    return void_result(invoke(sys, what("vc_set_rlimit", id), VCMD_set_rlimit, xid, &data));
}

Result<RlimitMask> get_rlimit_mask(std::uint32_t xid, Syscall &sys) {
    auto data = zeroed<struct vcmd_ctx_rlimit_mask_v0>();
    auto ret = invoke(sys, "vc_get_rlimit_mask", VCMD_get_rlimit_mask, xid, &data);
    if (!ret)
        return ret.error();
    return RlimitMask{data.minimum, data.softlimit, data.maximum};
}

Result<RlimitStat> rlimit_stat(std::uint32_t xid, std::uint32_t id, Syscall &sys) {
    auto data = zeroed<struct vcmd_rlimit_stat_v0>();
    data.id = id;
    auto ret = invoke(sys, what("vc_rlimit_stat", id), VCMD_rlimit_stat, xid, &data);
    if (!ret)
        return ret.error();
    return RlimitStat{data.hits, data.value, data.minimum, data.maximum};
}

Result<void> reset_hits(std::uint32_t xid, Syscall &sys) {
    return void_result(invoke(sys, "vc_reset_hits", VCMD_reset_hits, xid));
}

Result<void> reset_minmax(std::uint32_t xid, Syscall &sys) {
    return void_result(invoke(sys, "vc_reset_minmax", VCMD_reset_minmax, xid));
}

std::optional<std::string_view> limit_name(std::uint32_t id) noexcept {
    for (const auto &n : limit_names)
        if (n.id == id)
            return n.upper;
    return std::nullopt;
}

std::optional<std::uint32_t> lookup_limit(std::string_view name) noexcept {
    for (const auto &n : limit_names)
        if (n.lower == name)
            return n.id;
    return std::nullopt;
}

std::optional<std::string> limit_option_name(std::uint32_t id) {
    for (const auto &n : limit_names)
        if (n.id == id)
            return std::string(n.lower);
    return std::nullopt;
}

std::string limit_label(std::uint32_t id) {
    if (auto name = limit_name(id))
        return std::string(*name);
    return std::to_string(id);
}

std::optional<std::uint64_t> parse_limit_value(std::string_view text) noexcept {
    // strtoull skips leading whitespace too.
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0)
        text.remove_prefix(1);
    if (text.starts_with("inf"))
        return CRLIM_INFINITY;
    std::uint64_t base = 10;
    std::size_t pos = 0;
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        pos = 2;
    } else if (!text.empty() && text[0] == '0') {
        base = 8;
    }
    const std::size_t first = pos;
    std::uint64_t value = 0;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        std::uint64_t digit = 0;
        if (c >= '0' && c <= '9')
            digit = static_cast<std::uint64_t>(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = static_cast<std::uint64_t>(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = static_cast<std::uint64_t>(c - 'A' + 10);
        else
            break;
        if (digit >= base)
            return std::nullopt;
        if (value > (~std::uint64_t{0} - digit) / base)
            return std::nullopt;
        value = value * base + digit;
    }
    if (pos == first)
        return std::nullopt;
    std::uint64_t factor = 1;
    if (pos < text.size()) {
        switch (text[pos]) {
        case 'K':
            factor = 1024;
            break;
        case 'M':
            factor = 1024 * 1024;
            break;
        case 'k':
            factor = 1000;
            break;
        case 'm':
            factor = 1000 * 1000;
            break;
        default:
            break;
        }
        if (factor != 1)
            ++pos;
    }
    if (value > ~std::uint64_t{0} / factor)
        return std::nullopt;
    for (; pos < text.size(); ++pos)
        if (std::isspace(static_cast<unsigned char>(text[pos])) == 0)
            return std::nullopt;
    return value * factor;
}

} // namespace vserver
