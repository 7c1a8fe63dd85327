// SPDX-License-Identifier: GPL-2.0-only
//
// IPv4 addresses as the network tools take them: "a.b.c.d", with a prefix
// length ("/24") or a dotted netmask ("/255.255.255.0"), and ranges
// "a.b.c.d-e.f.g.h[/mask]". Pure: no system calls. Addresses are in host
// byte order (192.0.2.1 is 0xc0000201); network.cpp converts them.
//
// Only dotted-quad IPv4 is accepted. util-vserver also takes IPv6
// addresses and interface names (whose address it asks the kernel for);
// both are refused here with a message that says so.

#ifndef VSERVER_NETADDR_HPP
#define VSERVER_NETADDR_HPP

#include "network.hpp"
#include "result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vserver {

// Exactly four decimal numbers 0..255 separated by dots, without signs,
// spaces or leading zeros (which some parsers read as octal).
Result<std::uint32_t> parse_ipv4(std::string_view text);

// "a.b.c.d" in host byte order.
std::string format_ipv4(std::uint32_t ip);

// The netmask of a prefix length 0..32 (0 gives 0.0.0.0).
std::uint32_t prefix_to_mask(unsigned prefix) noexcept;

// The prefix length of a contiguous netmask; nullopt for one like
// 255.0.255.0.
std::optional<unsigned> mask_to_prefix(std::uint32_t mask) noexcept;

// The part after '/': a prefix length 0..32 when it has no dot, else a
// dotted contiguous netmask. `whole` is the full argument, for messages.
Result<std::uint32_t> parse_netmask(std::string_view text, std::string_view whole);

// "ip" or "ip/mask". Without a mask, mask is 0.0.0.0 and has_mask false:
// util-vserver's naddress sends 0.0.0.0 for "--ip a.b.c.d".
struct Ipv4Net {
    std::uint32_t ip = 0;
    std::uint32_t mask = 0;
    bool has_mask = false;
};
Result<Ipv4Net> parse_ipv4_net(std::string_view text);

// "ip1-ip2" or "ip1-ip2/mask": the addresses ip1 .. ip2 - 1 (the kernel's
// NXA_TYPE_RANGE), so ip1 must be lower than ip2.
struct Ipv4Range {
    std::uint32_t ip = 0;
    std::uint32_t ip2 = 0;
    std::uint32_t mask = 0;
};
Result<Ipv4Range> parse_ipv4_range(std::string_view text);

// The address options of naddress and chbind, each giving one entry:
//   ip     --ip <ip>[/<mask>]       NXA_TYPE_ADDR
//   mask   --mask <ip>/<mask>       NXA_TYPE_MASK (a whole network; the
//                                   mask is required, a missing one would
//                                   silently mean every address)
//   range  --range <ip1>-<ip2>[/<mask>]  NXA_TYPE_RANGE
//   bcast  --bcast <ip>             NXA_TYPE_ADDR | NXA_MOD_BCAST
//   lback  --lback <ip>[/<mask>]    NXA_TYPE_ADDR | NXA_MOD_LBACK
enum class AddressOption { ip, mask, range, bcast, lback };
Result<Ipv4Entry> parse_address_option(AddressOption option, std::string_view text);

} // namespace vserver

#endif // VSERVER_NETADDR_HPP
