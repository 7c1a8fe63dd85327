// SPDX-License-Identifier: GPL-2.0-only
//
// Names of context flags, context capabilities, bounding-set capabilities,
// unshare-mask bits, network context flags and capabilities and signals,
// with util-vserver's spellings, and the list syntax of its tools
// ("name,~name,!name,^N"). Pure: no system calls.

#ifndef VSERVER_NAMES_HPP
#define VSERVER_NAMES_HPP

#include "context.hpp"
#include "result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vserver {

enum class BitKind {
    cflag, // context flags (VXF_*), e.g. "virt_uptime"
    ccap,  // context capabilities (VXC_*), e.g. "set_utsname"
    bcap,  // bounding-set capabilities, e.g. "CHOWN", "CONTEXT"
    umask, // unshare mask (CLONE_*), e.g. "newuts"
    nflag, // network context flags (NXF_*), e.g. "hide_netif"
    ncap,  // network context capabilities (NXC_*), e.g. "raw_icmp"
};

struct BitName {
    std::string_view name;
    std::uint64_t bits;
};

// The names of a kind: canonical single-bit names first, then aliases
// (which may stand for several bits, like the flag "default").
std::span<const BitName> bit_names(BitKind kind) noexcept;

// What an item of the kind is called in messages: "flag", "ccap", "bcap",
// "namespace", "flag" (nflag), "ncap" (util-vserver's words).
std::string_view bit_kind_noun(BitKind kind) noexcept;

// Case-insensitive lookup of one name; bcaps may carry a "CAP_" prefix,
// ccaps a "VXC_", nflags an "NXF_" and ncaps an "NXC_" prefix, as
// util-vserver allows.
std::optional<std::uint64_t> lookup_bit_name(BitKind kind, std::string_view name) noexcept;

// The outcome of one or more lists: bits to set and bits to clear. A later
// item wins over an earlier one for the same bit. The kernel's {value, mask}
// pair is {set, mask()}.
struct BitList {
    std::uint64_t set = 0;
    std::uint64_t clear = 0;

    std::uint64_t mask() const noexcept { return set | clear; }
    friend bool operator==(const BitList &, const BitList &) = default;
};

// `top` over `base`: for each bit the last word wins, as if the lists of
// `top` had been parsed after those of `base`.
BitList overlay(BitList base, const BitList &top) noexcept;

// What the kernel's set commands take for a list: {set, mask()}.
MaskedWord masked_word(const BitList &list) noexcept;

// Parses a comma-separated list into `list` (adding to what is there).
// Items: a name, "all"/"any" (every bit), "none" (no bit), "^N" (bit N,
// 0..63) or a number (a raw bit mask, C syntax); each optionally prefixed by
// '~' or '!' to clear instead of set (each prefix character toggles). An
// empty list is valid; an empty item is not. On error `list` is unchanged
// and the message names the offending item, e.g. "unknown flag 'foo'".
Result<void> parse_bit_list(BitKind kind, std::string_view text, BitList &list);

// Names of the set bits, comma-separated in bit order (canonical names
// only), followed by "^N" for each bit without a name; "" for 0.
std::string format_bits(BitKind kind, std::uint64_t bits);

// util-vserver's "secure" bounding set (vattribute --secure): CHOWN,
// DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID,
// NET_BIND_SERVICE, SYS_CHROOT, SYS_PTRACE, SYS_TTY_CONFIG, LEASE, SETFCAP,
// plus SYS_BOOT when the kernel has the VSHELPER feature and AUDIT_WRITE when
// it has MIGRATE. CONTEXT is not part of it.
std::uint64_t secure_bcaps(bool vshelper, bool migrate) noexcept;

// util-vserver's insecure ccaps: everything but set_utsname and raw_icmp.
std::uint64_t insecure_ccaps() noexcept;

// The ncaps of a "secure" network context (nattribute --secure): raw_icmp
// only, so that ping works. With NXF_HIDE_NETIF it is what --secure sets.
std::uint64_t secure_ncaps() noexcept;

// A signal given as a number (0..64) or a name with or without "SIG"
// (case-insensitive): "15", "TERM", "SIGTERM", "kill".
std::optional<int> parse_signal(std::string_view text) noexcept;

} // namespace vserver

#endif // VSERVER_NAMES_HPP
