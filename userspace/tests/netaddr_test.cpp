// SPDX-License-Identifier: GPL-2.0-only
//
// IPv4 address syntax: dotted quads, prefixes 0..32, dotted netmasks
// (contiguous only), ranges, the entries of each address option, and the
// one-line messages for bad input.

#include "netaddr.hpp"

#include <vserver/network.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <string>

using vserver::AddressOption;
using vserver::Ipv4Entry;

namespace {

std::string address_error(std::string_view text) {
    auto r = vserver::parse_ipv4(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EINVAL);
    return r.error().message;
}

std::string option_error(AddressOption option, std::string_view text) {
    auto r = vserver::parse_address_option(option, text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EINVAL);
    return r.error().message;
}

Ipv4Entry option(AddressOption option, std::string_view text) {
    auto r = vserver::parse_address_option(option, text);
    INFO(text);
    REQUIRE(r.ok());
    return r.value();
}

} // namespace

TEST_CASE("dotted quads are read in host byte order", "[netaddr]") {
    CHECK(vserver::parse_ipv4("192.0.2.1").value() == 0xc0000201U);
    CHECK(vserver::parse_ipv4("0.0.0.0").value() == 0U);
    CHECK(vserver::parse_ipv4("255.255.255.255").value() == 0xffffffffU);
    CHECK(vserver::parse_ipv4("127.0.42.1").value() == 0x7f002a01U);
    CHECK(vserver::parse_ipv4("10.0.0.0").value() == 0x0a000000U);
}

TEST_CASE("malformed addresses are refused with the reason", "[netaddr]") {
    const std::string shape = " (want four numbers 0..255 separated by dots)";
    for (const char *bad :
         {"", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4 ", " 1.2.3.4",
          "1.2.3.-4", "1.2.3.+4", "1.2.3.0x4", "1,2,3,4", "1.2.3.4/24"})
        CHECK(address_error(bad) == "invalid IPv4 address '" + std::string(bad) + "'" + shape);
    CHECK(address_error("1.2.3.256") == "invalid IPv4 address '1.2.3.256' (256 is above 255)");
    CHECK(address_error("300.1.1.1") == "invalid IPv4 address '300.1.1.1' (300 is above 255)");
    CHECK(address_error("1.99999999999999999999.1.1") ==
          "invalid IPv4 address '1.99999999999999999999.1.1' (99999999999999999999 is above "
          "255)");
    CHECK(address_error("1.2.3.04") == "invalid IPv4 address '1.2.3.04' (leading zero in '04')");
    CHECK(address_error("010.0.0.1") == "invalid IPv4 address '010.0.0.1' (leading zero in '010')");
}

TEST_CASE("interface names and IPv6 addresses are refused clearly", "[netaddr]") {
    CHECK(address_error("eth0") == "invalid IPv4 address 'eth0' (interface names are not "
                                   "supported)");
    CHECK(address_error("localhost") ==
          "invalid IPv4 address 'localhost' (interface names are not supported)");
    CHECK(address_error("::1") == "'::1' is an IPv6 address; only IPv4 is supported");
    CHECK(address_error("2001:db8::1") ==
          "'2001:db8::1' is an IPv6 address; only IPv4 is supported");
}

TEST_CASE("format_ipv4 writes dotted quads", "[netaddr]") {
    CHECK(vserver::format_ipv4(0xc0000201U) == "192.0.2.1");
    CHECK(vserver::format_ipv4(0) == "0.0.0.0");
    CHECK(vserver::format_ipv4(0xffffffffU) == "255.255.255.255");
    for (const char *text : {"10.1.2.3", "172.16.254.1", "1.0.0.255"})
        CHECK(vserver::format_ipv4(vserver::parse_ipv4(text).value()) == text);
}

TEST_CASE("every prefix 0..32 has its mask and back", "[netaddr]") {
    CHECK(vserver::prefix_to_mask(0) == 0U);
    CHECK(vserver::prefix_to_mask(1) == 0x80000000U);
    CHECK(vserver::prefix_to_mask(8) == 0xff000000U);
    CHECK(vserver::prefix_to_mask(24) == 0xffffff00U);
    CHECK(vserver::prefix_to_mask(31) == 0xfffffffeU);
    CHECK(vserver::prefix_to_mask(32) == 0xffffffffU);
    for (unsigned p = 0; p <= 32; ++p) {
        INFO(p);
        CHECK(vserver::mask_to_prefix(vserver::prefix_to_mask(p)) == p);
        auto mask = vserver::parse_netmask(std::to_string(p), "x");
        REQUIRE(mask.ok());
        CHECK(mask.value() == vserver::prefix_to_mask(p));
        auto dotted = vserver::parse_netmask(vserver::format_ipv4(vserver::prefix_to_mask(p)), "x");
        REQUIRE(dotted.ok());
        CHECK(dotted.value() == vserver::prefix_to_mask(p));
    }
}

TEST_CASE("non-contiguous masks have no prefix", "[netaddr]") {
    CHECK_FALSE(vserver::mask_to_prefix(0xff00ff00U));
    CHECK_FALSE(vserver::mask_to_prefix(0x00ffffffU));
    CHECK_FALSE(vserver::mask_to_prefix(0xfffffffdU));
    CHECK_FALSE(vserver::mask_to_prefix(0x00000001U));
}

TEST_CASE("bad prefixes and netmasks name the whole argument", "[netaddr]") {
    auto bad = [](std::string_view text) {
        auto r = vserver::parse_netmask(text, "1.2.3.4/" + std::string(text));
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    CHECK(bad("33") == "invalid prefix '33' in '1.2.3.4/33' (0..32)");
    CHECK(bad("-1") == "invalid prefix '-1' in '1.2.3.4/-1' (0..32)");
    CHECK(bad("+8") == "invalid prefix '+8' in '1.2.3.4/+8' (0..32)");
    CHECK(bad("") == "invalid prefix '' in '1.2.3.4/' (0..32)");
    CHECK(bad("8x") == "invalid prefix '8x' in '1.2.3.4/8x' (0..32)");
    CHECK(bad("99999999999") == "invalid prefix '99999999999' in '1.2.3.4/99999999999' (0..32)");
    CHECK(bad("255.255.0") == "invalid netmask '255.255.0' in '1.2.3.4/255.255.0'");
    CHECK(bad("255.255.256.0") == "invalid netmask '255.255.256.0' in '1.2.3.4/255.255.256.0'");
    CHECK(bad("255.0.255.0") == "non-contiguous netmask '255.0.255.0' in '1.2.3.4/255.0.255.0'");
    CHECK(bad("0.255.255.255") ==
          "non-contiguous netmask '0.255.255.255' in '1.2.3.4/0.255.255.255'");
    CHECK(bad("255.255.255.253") ==
          "non-contiguous netmask '255.255.255.253' in '1.2.3.4/255.255.255.253'");
}

TEST_CASE("ip[/mask] keeps whether a mask was given", "[netaddr]") {
    auto plain = vserver::parse_ipv4_net("192.0.2.1");
    REQUIRE(plain.ok());
    CHECK(plain.value().ip == 0xc0000201U);
    CHECK(plain.value().mask == 0U);
    CHECK_FALSE(plain.value().has_mask);
    auto prefix = vserver::parse_ipv4_net("192.0.2.1/24");
    REQUIRE(prefix.ok());
    CHECK(prefix.value().mask == 0xffffff00U);
    CHECK(prefix.value().has_mask);
    auto dotted = vserver::parse_ipv4_net("10.1.2.3/255.255.0.0");
    REQUIRE(dotted.ok());
    CHECK(dotted.value().ip == 0x0a010203U);
    CHECK(dotted.value().mask == 0xffff0000U);
    auto zero = vserver::parse_ipv4_net("192.0.2.1/0");
    REQUIRE(zero.ok());
    CHECK(zero.value().mask == 0U);
    CHECK(zero.value().has_mask);
    auto bad = vserver::parse_ipv4_net("192.0.2/24");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message ==
          "invalid IPv4 address '192.0.2' (want four numbers 0..255 separated by dots)");
    auto two = vserver::parse_ipv4_net("1.2.3.4/24/8");
    REQUIRE_FALSE(two.ok());
    CHECK(two.error().message == "invalid prefix '24/8' in '1.2.3.4/24/8' (0..32)");
}

TEST_CASE("ranges need the first address below the second", "[netaddr]") {
    auto r = vserver::parse_ipv4_range("10.0.0.1-10.0.0.9");
    REQUIRE(r.ok());
    CHECK(r.value().ip == 0x0a000001U);
    CHECK(r.value().ip2 == 0x0a000009U);
    CHECK(r.value().mask == 0U);
    auto masked = vserver::parse_ipv4_range("10.0.0.1-10.0.1.0/24");
    REQUIRE(masked.ok());
    CHECK(masked.value().ip2 == 0x0a000100U);
    CHECK(masked.value().mask == 0xffffff00U);
    auto dotted = vserver::parse_ipv4_range("10.0.0.1-10.0.0.2/255.255.255.252");
    REQUIRE(dotted.ok());
    CHECK(dotted.value().mask == 0xfffffffcU);

    auto bad = [](std::string_view text) {
        auto e = vserver::parse_ipv4_range(text);
        INFO(text);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().errnum == EINVAL);
        return e.error().message;
    };
    CHECK(bad("10.0.0.5-10.0.0.5") == "empty range '10.0.0.5-10.0.0.5' (the first address must "
                                      "be lower than the second)");
    CHECK(bad("10.0.0.9-10.0.0.1") == "empty range '10.0.0.9-10.0.0.1' (the first address must "
                                      "be lower than the second)");
    CHECK(bad("10.0.0.1") == "invalid range '10.0.0.1' (want <ip1>-<ip2>[/<mask>])");
    CHECK(bad("10.0.0.1-10.0.0.2-10.0.0.3") ==
          "invalid range '10.0.0.1-10.0.0.2-10.0.0.3' (want <ip1>-<ip2>[/<mask>])");
    CHECK(bad("10.0.0.1/24") == "invalid range '10.0.0.1/24' (want <ip1>-<ip2>[/<mask>])");
    CHECK(bad("10.0.0-10.0.0.2") ==
          "invalid IPv4 address '10.0.0' (want four numbers 0..255 separated by dots)");
    CHECK(bad("10.0.0.1-10.0.0.256") == "invalid IPv4 address '10.0.0.256' (256 is above 255)");
    CHECK(bad("10.0.0.1-10.0.0.2/40") == "invalid prefix '40' in '10.0.0.1-10.0.0.2/40' (0..32)");
    CHECK(bad("10.0.0.1-10.0.0.2/255.0.0.255") ==
          "non-contiguous netmask '255.0.0.255' in '10.0.0.1-10.0.0.2/255.0.0.255'");
}

TEST_CASE("the ip option gives ADDR entries, mask 0.0.0.0 without one", "[netaddr]") {
    CHECK(option(AddressOption::ip, "192.0.2.1/24") ==
          Ipv4Entry{NXA_TYPE_ADDR, 0, 0xc0000201U, 0, 0xffffff00U});
    CHECK(option(AddressOption::ip, "192.0.2.1") == Ipv4Entry{NXA_TYPE_ADDR, 0, 0xc0000201U, 0, 0});
    CHECK(option(AddressOption::ip, "192.0.2.1/255.255.255.128") ==
          Ipv4Entry{NXA_TYPE_ADDR, 0, 0xc0000201U, 0, 0xffffff80U});
    CHECK(option_error(AddressOption::ip, "eth0") ==
          "invalid IPv4 address 'eth0' (interface names are not supported)");
}

TEST_CASE("the mask option gives MASK entries and needs a mask", "[netaddr]") {
    CHECK(option(AddressOption::mask, "10.0.0.0/8") ==
          Ipv4Entry{NXA_TYPE_MASK, 0, 0x0a000000U, 0, 0xff000000U});
    CHECK(option(AddressOption::mask, "0.0.0.0/0") == Ipv4Entry{NXA_TYPE_MASK, 0, 0, 0, 0});
    CHECK(option_error(AddressOption::mask, "10.0.0.0") ==
          "network '10.0.0.0' needs a /<prefix> or /<netmask>");
    CHECK(option_error(AddressOption::mask, "10.0.0.0/33") ==
          "invalid prefix '33' in '10.0.0.0/33' (0..32)");
}

TEST_CASE("the range option gives RANGE entries", "[netaddr]") {
    CHECK(option(AddressOption::range, "10.0.0.1-10.0.0.9/24") ==
          Ipv4Entry{NXA_TYPE_RANGE, 0, 0x0a000001U, 0x0a000009U, 0xffffff00U});
    CHECK(option_error(AddressOption::range, "10.0.0.9-10.0.0.1") ==
          "empty range '10.0.0.9-10.0.0.1' (the first address must be lower than the second)");
}

TEST_CASE("the bcast and lback options give ADDR entries with their modifier", "[netaddr]") {
    CHECK(option(AddressOption::bcast, "192.0.2.255") ==
          Ipv4Entry{NXA_TYPE_ADDR | NXA_MOD_BCAST, 0, 0xc00002ffU, 0, 0});
    CHECK(option(AddressOption::lback, "127.0.42.1") ==
          Ipv4Entry{NXA_TYPE_ADDR | NXA_MOD_LBACK, 0, 0x7f002a01U, 0, 0});
    CHECK(option(AddressOption::lback, "127.0.42.1/8") ==
          Ipv4Entry{NXA_TYPE_ADDR | NXA_MOD_LBACK, 0, 0x7f002a01U, 0, 0xff000000U});
    CHECK(option_error(AddressOption::bcast, "192.0.2.255/24") ==
          "invalid broadcast address '192.0.2.255/24' (no netmask allowed)");
    CHECK(option_error(AddressOption::bcast, "192.0.2") ==
          "invalid IPv4 address '192.0.2' (want four numbers 0..255 separated by dots)");
    CHECK(option_error(AddressOption::lback, "127.0.0.1/255.0.0.1") ==
          "non-contiguous netmask '255.0.0.1' in '127.0.0.1/255.0.0.1'");
}
