// SPDX-License-Identifier: GPL-2.0-only
//
// Address syntax of util-vserver's naddress (readIP/parseIPFormat): a part
// after '/' without a dot is a prefix length, with a dot a netmask.

#include "netaddr.hpp"

#include "cli.hpp"

#include <vserver/network.h>

#include <cctype>
#include <cerrno>
#include <charconv>

namespace vserver {

namespace {

bool all_digits(std::string_view s) noexcept {
    if (s.empty())
        return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

Error bad_address(std::string_view text, std::string_view why) {
    return error(EINVAL,
                 "invalid IPv4 address " + cli::quote(text) + " (" + std::string(why) + ')');
}

constexpr std::string_view address_shape = "want four numbers 0..255 separated by dots";
constexpr std::string_view range_shape = "want <ip1>-<ip2>[/<mask>]";

} // namespace

Result<std::uint32_t> parse_ipv4(std::string_view text) {
    if (text.find(':') != std::string_view::npos)
        return error(EINVAL, cli::quote(text) + " is an IPv6 address; only IPv4 is supported");
    if (!text.empty() && std::isalpha(static_cast<unsigned char>(text[0])))
        return bad_address(text, "interface names are not supported");

    std::uint32_t ip = 0;
    std::string_view rest = text;
    for (int i = 0; i < 4; ++i) {
        const auto dot = rest.find('.');
        const std::string_view part = rest.substr(0, dot);
        if ((i < 3) == (dot == std::string_view::npos) || !all_digits(part))
            return bad_address(text, address_shape);
        if (part.size() > 1 && part[0] == '0')
            return bad_address(text, "leading zero in " + cli::quote(part));
        unsigned long long octet = 0;
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), octet);
        if (ec != std::errc{} || octet > 255)
            return bad_address(text, std::string(part) + " is above 255");
        ip = (ip << 8) | static_cast<std::uint32_t>(octet);
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    return ip;
}

std::string format_ipv4(std::uint32_t ip) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) {
        if (!out.empty())
            out += '.';
        out += std::to_string((ip >> shift) & 0xffU);
    }
    return out;
}

std::uint32_t prefix_to_mask(unsigned prefix) noexcept {
    if (prefix == 0)
        return 0;
    if (prefix >= 32)
        return 0xffffffffU;
    return 0xffffffffU << (32 - prefix);
}

std::optional<unsigned> mask_to_prefix(std::uint32_t mask) noexcept {
    // Contiguous: the host part ~mask is of the form 0...01...1.
    const std::uint32_t host = ~mask;
    if ((host & (host + 1)) != 0)
        return std::nullopt;
    unsigned prefix = 0;
    for (std::uint32_t m = mask; m != 0; m <<= 1)
        ++prefix;
    return prefix;
}

Result<std::uint32_t> parse_netmask(std::string_view text, std::string_view whole) {
    if (text.find('.') == std::string_view::npos) {
        unsigned prefix = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), prefix);
        if (!all_digits(text) || ec != std::errc{} || prefix > 32)
            return error(EINVAL, "invalid prefix " + cli::quote(text) + " in " + cli::quote(whole) +
                                     " (0..32)");
        return prefix_to_mask(prefix);
    }
    auto mask = parse_ipv4(text);
    if (!mask)
        return error(EINVAL, "invalid netmask " + cli::quote(text) + " in " + cli::quote(whole));
    if (!mask_to_prefix(mask.value()))
        return error(EINVAL,
                     "non-contiguous netmask " + cli::quote(text) + " in " + cli::quote(whole));
    return mask.value();
}

Result<Ipv4Net> parse_ipv4_net(std::string_view text) {
    const auto slash = text.find('/');
    auto ip = parse_ipv4(text.substr(0, slash));
    if (!ip)
        return ip.error();
    if (slash == std::string_view::npos)
        return Ipv4Net{ip.value(), 0, false};
    auto mask = parse_netmask(text.substr(slash + 1), text);
    if (!mask)
        return mask.error();
    return Ipv4Net{ip.value(), mask.value(), true};
}

Result<Ipv4Range> parse_ipv4_range(std::string_view text) {
    const auto slash = text.find('/');
    const std::string_view span = text.substr(0, slash);
    const auto dash = span.find('-');
    if (dash == std::string_view::npos || span.find('-', dash + 1) != std::string_view::npos)
        return error(EINVAL,
                     "invalid range " + cli::quote(text) + " (" + std::string(range_shape) + ')');
    auto first = parse_ipv4(span.substr(0, dash));
    if (!first)
        return first.error();
    auto last = parse_ipv4(span.substr(dash + 1));
    if (!last)
        return last.error();
    if (first.value() >= last.value())
        return error(EINVAL, "empty range " + cli::quote(text) +
                                 " (the first address must be lower than the second)");
    std::uint32_t mask = 0;
    if (slash != std::string_view::npos) {
        auto m = parse_netmask(text.substr(slash + 1), text);
        if (!m)
            return m.error();
        mask = m.value();
    }
    return Ipv4Range{first.value(), last.value(), mask};
}

Result<Ipv4Entry> parse_address_option(AddressOption option, std::string_view text) {
    constexpr auto addr = static_cast<std::uint16_t>(NXA_TYPE_ADDR);
    switch (option) {
    case AddressOption::ip:
    case AddressOption::lback: {
        auto net = parse_ipv4_net(text);
        if (!net)
            return net.error();
        const auto type = option == AddressOption::ip
                              ? addr
                              : static_cast<std::uint16_t>(NXA_TYPE_ADDR | NXA_MOD_LBACK);
        return Ipv4Entry{type, 0, net.value().ip, 0, net.value().mask};
    }
    case AddressOption::mask: {
        auto net = parse_ipv4_net(text);
        if (!net)
            return net.error();
        if (!net.value().has_mask)
            return error(EINVAL,
                         "network " + cli::quote(text) + " needs a /<prefix> or /<netmask>");
        return Ipv4Entry{static_cast<std::uint16_t>(NXA_TYPE_MASK), 0, net.value().ip, 0,
                         net.value().mask};
    }
    case AddressOption::range: {
        auto range = parse_ipv4_range(text);
        if (!range)
            return range.error();
        return Ipv4Entry{static_cast<std::uint16_t>(NXA_TYPE_RANGE), 0, range.value().ip,
                         range.value().ip2, range.value().mask};
    }
    case AddressOption::bcast: {
        if (text.find('/') != std::string_view::npos)
            return error(EINVAL,
                         "invalid broadcast address " + cli::quote(text) + " (no netmask allowed)");
        auto ip = parse_ipv4(text);
        if (!ip)
            return ip.error();
        return Ipv4Entry{static_cast<std::uint16_t>(NXA_TYPE_ADDR | NXA_MOD_BCAST), 0, ip.value(),
                         0, 0};
    }
    }
    return error(EINVAL, "unknown address option");
}

} // namespace vserver
