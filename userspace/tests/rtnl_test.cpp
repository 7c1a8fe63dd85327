// SPDX-License-Identifier: GPL-2.0-only
//
// The rtnetlink messages that put a guest's address on a host device and
// take it away, byte for byte, without sending them.

#include "fake_syscall.hpp"
#include "rtnl.hpp"

#include <catch2/catch.hpp>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

using vserver::test::be32;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::le16;
using vserver::test::le32;

namespace {

Bytes attr(std::uint16_t type, const Bytes &payload) {
    Bytes out = cat({le16(static_cast<std::uint16_t>(4 + payload.size())), le16(type), payload});
    while (out.size() % 4 != 0)
        out.push_back(0);
    return out;
}

Bytes text(const std::string &s) {
    Bytes out(s.begin(), s.end());
    out.push_back(0);
    return out;
}

} // namespace

TEST_CASE("RTM_NEWADDR with the label DEV:NAME", "[rtnl]") {
    const vserver::rtnl::Address addr{0x0a4d0001U, 24, "vsg0:lca"}; // 10.77.0.1/24
    const auto msg = vserver::rtnl::address_message(true, 3, addr, 7);
    const Bytes attrs =
        cat({attr(IFA_LOCAL, be32(0x0a4d0001U)), attr(IFA_ADDRESS, be32(0x0a4d0001U)),
             attr(IFA_BROADCAST, be32(0x0a4d00ffU)), attr(IFA_LABEL, text("vsg0:lca"))});
    const Bytes expected = cat({
        le32(static_cast<std::uint32_t>(16 + 8 + attrs.size())), // nlmsg_len
        le16(RTM_NEWADDR),
        le16(NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL),
        le32(7), // seq
        le32(0), // pid: the kernel
        {AF_INET, 24, 0, RT_SCOPE_UNIVERSE},
        le32(3), // ifa_index
        attrs,
    });
    CHECK(msg == expected);
    CHECK(RTM_NEWADDR == 20);
    CHECK(IFA_LABEL == 3);
}

TEST_CASE("RTM_DELADDR names the address only", "[rtnl]") {
    const vserver::rtnl::Address addr{0xc0a80005U, 32, "eth0:x"};
    const auto msg = vserver::rtnl::address_message(false, 2, addr);
    const Bytes expected = cat({
        le32(16 + 8 + 16),
        le16(RTM_DELADDR),
        le16(NLM_F_REQUEST | NLM_F_ACK),
        le32(1),
        le32(0),
        {AF_INET, 32, 0, RT_SCOPE_UNIVERSE},
        le32(2),
        attr(IFA_LOCAL, be32(0xc0a80005U)),
        attr(IFA_ADDRESS, be32(0xc0a80005U)),
    });
    CHECK(msg == expected);
}

TEST_CASE("no broadcast for /31 and /32, padding after an odd label", "[rtnl]") {
    const auto msg = vserver::rtnl::address_message(true, 1, {0x0a000001U, 32, "eth0:abc"});
    // header 16 + ifaddrmsg 8 + two addresses 16 + label "eth0:abc\0" 4+9 -> 16
    CHECK(msg.size() == 16 + 8 + 16 + 16);
    const auto no_label = vserver::rtnl::address_message(true, 1, {0x0a000001U, 31, ""});
    CHECK(no_label.size() == 16 + 8 + 16);
}

TEST_CASE("an unknown device is refused before anything is sent", "[rtnl]") {
    auto r = vserver::rtnl::change_address(true, "no-such-dev0", {0x0a000001U, 24, ""});
    REQUIRE_FALSE(r);
    CHECK(r.error().errnum == ENODEV);
    CHECK(r.error().message.rfind("device 'no-such-dev0': ", 0) == 0);
}
