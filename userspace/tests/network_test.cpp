// SPDX-License-Identifier: GPL-2.0-only
//
// Network context commands: the exact cmd, id and struct bytes each one
// sends (command words checked against the hex values of the reference,
// §1.4 and §11; addresses in network byte order), the values decoded from
// the kernel's answer and errno propagation.

#include "fake_syscall.hpp"
#include "network.hpp"

#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>

using vserver::Ipv4Entry;
using vserver::MaskedWord;
using vserver::test::be32;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::FakeSyscall;
using vserver::test::le16;
using vserver::test::le64;

namespace {

constexpr std::uint32_t ip_192_0_2_1 = 0xc0000201U;
constexpr std::uint32_t mask_24 = 0xffffff00U;

} // namespace

TEST_CASE("network command words match the reference table", "[network]") {
    CHECK(VCMD_task_nid == 0x2e020000U);
    CHECK(VCMD_nx_info == 0x2e060000U);
    CHECK(VCMD_net_create_v0 == 0x19010000U);
    CHECK(VCMD_net_create == 0x19010001U);
    CHECK(VCMD_net_migrate == 0x1b010000U);
    CHECK(VCMD_net_add == 0x1a010000U);
    CHECK(VCMD_net_remove == 0x1a020000U);
    CHECK(VCMD_net_add_ipv4_v1 == 0x1a010001U);
    CHECK(VCMD_net_rem_ipv4_v1 == 0x1a020001U);
    CHECK(VCMD_net_add_ipv4 == 0x1a010002U);
    CHECK(VCMD_net_rem_ipv4 == 0x1a020002U);
    CHECK(VCMD_net_add_ipv6 == 0x1a030001U);
    CHECK(VCMD_net_remove_ipv6 == 0x1a040001U);
    CHECK(VCMD_get_nflags == 0x34050000U);
    CHECK(VCMD_set_nflags == 0x34060000U);
    CHECK(VCMD_get_ncaps == 0x34070000U);
    CHECK(VCMD_set_ncaps == 0x34080000U);
}

TEST_CASE("network struct layouts are the vs2.3 ones", "[network]") {
    CHECK(sizeof(struct vcmd_nx_info_v0) == 4);
    CHECK(sizeof(struct vcmd_net_create) == 8);
    CHECK(sizeof(struct vcmd_net_addr_v0) == 36);
    CHECK(sizeof(struct vcmd_net_addr_ipv4_v1) == 12);
    CHECK(sizeof(struct vcmd_net_addr_ipv4_v2) == 16);
    CHECK(sizeof(struct vcmd_net_addr_ipv6_v1) == 40);
    CHECK(sizeof(struct vcmd_net_flags_v0) == 16);
    CHECK(sizeof(struct vcmd_net_caps_v0) == 16);
}

TEST_CASE("task_nid sends the pid as id and returns the answer", "[network]") {
    FakeSyscall fake;
    fake.replies = {42, -ESRCH};
    auto nid = vserver::task_nid(0, fake);
    REQUIRE(nid.ok());
    CHECK(nid.value() == 42U);
    auto missing = vserver::task_nid(99999, fake);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "vc_get_task_nid: No such process (ESRCH)");
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_task_nid);
    CHECK(fake.calls[0].id == 0U);
    CHECK(fake.calls[0].data == nullptr);
    CHECK(fake.calls[1].id == 99999U);
}

TEST_CASE("nx_info decodes the kernel's struct", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, -ESRCH};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        vserver::test::fill(data, vcmd_nx_info_v0{42});
    };
    auto info = vserver::nx_info(42, fake);
    REQUIRE(info.ok());
    CHECK(info.value().nid == 42U);
    CHECK(fake.calls[0].cmd == VCMD_nx_info);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == Bytes(4, 0));
    auto missing = vserver::nx_info(7, fake);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "vc_get_nx_info: No such process (ESRCH)");
}

TEST_CASE("net_create sends v1 with a NULL pointer without flags", "[network]") {
    FakeSyscall fake;
    fake.replies = {42};
    auto nid = vserver::net_create(42, std::nullopt, fake);
    REQUIRE(nid.ok());
    CHECK(nid.value() == 42U);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x19010001U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].data == nullptr);
}

TEST_CASE("net_create sends the flag word when given", "[network]") {
    FakeSyscall fake;
    fake.replies = {43};
    auto nid = vserver::net_create(43, NXF_STATE_ADMIN | NXF_HIDE_NETIF, fake);
    REQUIRE(nid.ok());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_net_create);
    REQUIRE(fake.calls[0].data != nullptr);
    CHECK(fake.calls[0].sent == le64((1ULL << 34) | 0x02000000ULL));
}

TEST_CASE("net_create reports EEXIST and EINVAL", "[network]") {
    FakeSyscall fake;
    fake.replies = {-EEXIST, -EINVAL};
    auto exists = vserver::net_create(42, std::nullopt, fake);
    REQUIRE_FALSE(exists.ok());
    CHECK(exists.error().errnum == EEXIST);
    CHECK(exists.error().message == "vc_net_create: File exists (EEXIST)");
    auto dynamic = vserver::net_create(0xffffffffU, std::nullopt, fake);
    REQUIRE_FALSE(dynamic.ok());
    CHECK(dynamic.error().errnum == EINVAL);
    CHECK(fake.calls[1].id == 0xffffffffU);
}

TEST_CASE("net_migrate sends no data", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 1, -EACCES};
    CHECK(vserver::net_migrate(42, fake).ok());
    CHECK(vserver::net_migrate(1, fake).ok()); // the spectator answers 1
    auto denied = vserver::net_migrate(43, fake);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "vc_net_migrate: Permission denied (EACCES)");
    REQUIRE(fake.calls.size() == 3);
    for (const auto &c : fake.calls) {
        CHECK(c.cmd == 0x1b010000U);
        CHECK(c.data == nullptr);
    }
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[1].id == 1U);
}

TEST_CASE("v1 address commands send {type, flags, ip, mask}", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    const Ipv4Entry entry{NXA_TYPE_ADDR, 0x1234, ip_192_0_2_1, 0, mask_24};
    CHECK(vserver::net_add_ipv4_v1(42, entry, fake).ok());
    CHECK(vserver::net_rem_ipv4_v1(42, entry, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    const Bytes want =
        cat({le16(0x10), le16(0x1234), Bytes{192, 0, 2, 1}, Bytes{255, 255, 255, 0}});
    CHECK(fake.calls[0].cmd == 0x1a010001U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == want);
    CHECK(fake.calls[1].cmd == 0x1a020001U);
    CHECK(fake.calls[1].sent == want);
}

TEST_CASE("v2 address commands send {type, flags, ip, ip2, mask}", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    const Ipv4Entry range{NXA_TYPE_RANGE, 0, 0x0a000001U, 0x0a000010U, mask_24};
    CHECK(vserver::net_add_ipv4(42, range, fake).ok());
    CHECK(vserver::net_rem_ipv4(42, range, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    const Bytes want =
        cat({le16(0x40), le16(0), be32(0x0a000001U), be32(0x0a000010U), be32(mask_24)});
    CHECK(fake.calls[0].cmd == 0x1a010002U);
    CHECK(fake.calls[0].sent == want);
    CHECK(fake.calls[1].cmd == 0x1a020002U);
    CHECK(fake.calls[1].sent == want);
}

TEST_CASE("address commands propagate errno as vc_net_add/vc_net_remove", "[network]") {
    FakeSyscall fake;
    fake.replies = {-EEXIST, -ESRCH, -ENOSPC, -EINVAL};
    const Ipv4Entry entry{NXA_TYPE_ADDR, 0, ip_192_0_2_1, 0, 0};
    auto add = vserver::net_add_ipv4_v1(42, entry, fake);
    REQUIRE_FALSE(add.ok());
    CHECK(add.error().message == "vc_net_add: File exists (EEXIST)");
    auto rem = vserver::net_rem_ipv4_v1(42, entry, fake);
    REQUIRE_FALSE(rem.ok());
    CHECK(rem.error().message == "vc_net_remove: No such process (ESRCH)");
    auto add2 = vserver::net_add_ipv4(42, entry, fake);
    REQUIRE_FALSE(add2.ok());
    CHECK(add2.error().errnum == ENOSPC);
    auto rem2 = vserver::net_rem_ipv4(42, entry, fake);
    REQUIRE_FALSE(rem2.ok());
    CHECK(rem2.error().errnum == EINVAL);
}

TEST_CASE("net_add_address uses v1 like util-vserver, v2 for ranges", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0, 0, 0, 0};
    const std::uint16_t bcast = NXA_TYPE_ADDR | NXA_MOD_BCAST;
    const std::uint16_t lback = NXA_TYPE_ADDR | NXA_MOD_LBACK;
    CHECK(vserver::net_add_address(42, {NXA_TYPE_ADDR, 0, ip_192_0_2_1, 0, mask_24}, fake).ok());
    CHECK(vserver::net_add_address(42, {NXA_TYPE_MASK, 0, 0x0a000000U, 0, 0xff000000U}, fake).ok());
    CHECK(vserver::net_add_address(42, {bcast, 0, 0xc00002ffU, 0, 0}, fake).ok());
    CHECK(vserver::net_add_address(42, {lback, 0, 0x7f002a01U, 0, 0}, fake).ok());
    CHECK(
        vserver::net_add_address(42, {NXA_TYPE_RANGE, 0, 0x0a000001U, 0x0a000005U, 0}, fake).ok());
    REQUIRE(fake.calls.size() == 5);
    CHECK(fake.calls[0].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[0].sent ==
          cat({le16(0x10), le16(0), Bytes{192, 0, 2, 1}, Bytes{255, 255, 255, 0}}));
    CHECK(fake.calls[1].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[1].sent ==
          cat({le16(0x20), le16(0), Bytes{10, 0, 0, 0}, Bytes{255, 0, 0, 0}}));
    CHECK(fake.calls[2].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[2].sent == cat({le16(0x110), le16(0), Bytes{192, 0, 2, 255}, Bytes(4, 0)}));
    CHECK(fake.calls[3].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[3].sent == cat({le16(0x210), le16(0), Bytes{127, 0, 42, 1}, Bytes(4, 0)}));
    CHECK(fake.calls[4].cmd == VCMD_net_add_ipv4);
    CHECK(fake.calls[4].sent ==
          cat({le16(0x40), le16(0), Bytes{10, 0, 0, 1}, Bytes{10, 0, 0, 5}, Bytes(4, 0)}));
}

TEST_CASE("adding 0.0.0.0 sends the network 0.0.0.0/0, as util-vserver does", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    CHECK(vserver::net_add_address(42, {NXA_TYPE_ADDR, 0, 0, 0, mask_24}, fake).ok());
    // A broadcast 0.0.0.0 stays what it is.
    CHECK(vserver::net_add_address(42, {NXA_TYPE_ADDR | NXA_MOD_BCAST, 0, 0, 0, 0}, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[0].sent == cat({le16(0x20), le16(0), Bytes(4, 0), Bytes(4, 0)}));
    CHECK(fake.calls[1].sent == cat({le16(0x110), le16(0), Bytes(4, 0), Bytes(4, 0)}));
}

TEST_CASE("net_remove_address uses v1, v2 for ranges", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    CHECK(vserver::net_remove_address(42, {NXA_TYPE_ADDR, 0, ip_192_0_2_1, 0, 0}, fake).ok());
    CHECK(vserver::net_remove_address(42, {NXA_TYPE_RANGE, 0, 1, 5, 0}, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_net_rem_ipv4_v1);
    CHECK(fake.calls[0].sent == cat({le16(0x10), le16(0), Bytes{192, 0, 2, 1}, Bytes(4, 0)}));
    CHECK(fake.calls[1].cmd == VCMD_net_rem_ipv4);
    CHECK(fake.calls[1].sent == cat({le16(0x40), le16(0), be32(1), be32(5), Bytes(4, 0)}));
}

TEST_CASE("net_remove_all removes IPv6 then IPv4 with type ANY", "[network]") {
    FakeSyscall fake;
    fake.replies = {-ENOSYS, 0}; // a kernel without IPv6 addresses
    REQUIRE(vserver::net_remove_all(42, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x1a040001U);
    CHECK(fake.calls[0].id == 42U);
    Bytes v6(40, 0);
    v6[0] = 0xff;
    CHECK(fake.calls[0].sent == v6);
    CHECK(fake.calls[1].cmd == 0x1a020001U);
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].sent == cat({le16(0xff), le16(0), Bytes(8, 0)}));
}

TEST_CASE("net_remove_all stops on a real IPv6 error and reports IPv4 errors", "[network]") {
    FakeSyscall fake;
    fake.replies = {-EPERM};
    auto denied = vserver::net_remove_all(42, fake);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "vc_net_remove: Operation not permitted (EPERM)");
    CHECK(fake.calls.size() == 1);

    FakeSyscall fake2;
    fake2.replies = {0, -ESRCH};
    auto missing = vserver::net_remove_all(7, fake2);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().errnum == ESRCH);
    CHECK(fake2.calls.size() == 2);
}

TEST_CASE("set_nflags and set_ncaps send {value, mask}", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    CHECK(
        vserver::set_nflags(42, MaskedWord{NXF_HIDE_NETIF, NXF_HIDE_NETIF | NXF_STATE_SETUP}, fake)
            .ok());
    CHECK(vserver::set_ncaps(42, MaskedWord{NXC_RAW_ICMP, ~0ULL}, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x34060000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == cat({le64(0x02000000ULL), le64(0x02000000ULL | (1ULL << 32))}));
    CHECK(fake.calls[1].cmd == 0x34080000U);
    CHECK(fake.calls[1].sent == cat({le64(0x100), le64(~0ULL)}));
}

TEST_CASE("get_nflags and get_ncaps send zeroes and decode {value, mask}", "[network]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    fake.on_call = [](const vserver::test::Call &c, void *data) {
        const std::uint64_t out[2] = {c.cmd == VCMD_get_nflags ? 0x0000000406000200ULL : 0x101ULL,
                                      ~0ULL};
        std::memcpy(data, out, sizeof out);
    };
    auto flags = vserver::get_nflags(42, fake);
    REQUIRE(flags.ok());
    CHECK(flags.value() == MaskedWord{0x0000000406000200ULL, ~0ULL});
    auto caps = vserver::get_ncaps(42, fake);
    REQUIRE(caps.ok());
    CHECK(caps.value() == MaskedWord{0x101ULL, ~0ULL});
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x34050000U);
    CHECK(fake.calls[0].sent == Bytes(16, 0));
    CHECK(fake.calls[1].cmd == 0x34070000U);
    CHECK(fake.calls[1].sent == Bytes(16, 0));
}

TEST_CASE("flag and capability commands propagate errno with their names", "[network]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH, -EPERM, -ESRCH, -EPERM};
    auto gf = vserver::get_nflags(7, fake);
    REQUIRE_FALSE(gf.ok());
    CHECK(gf.error().message == "vc_get_nflags: No such process (ESRCH)");
    auto sf = vserver::set_nflags(7, {1, 1}, fake);
    REQUIRE_FALSE(sf.ok());
    CHECK(sf.error().message == "vc_set_nflags: Operation not permitted (EPERM)");
    auto gc = vserver::get_ncaps(7, fake);
    REQUIRE_FALSE(gc.ok());
    CHECK(gc.error().message == "vc_get_ncaps: No such process (ESRCH)");
    auto sc = vserver::set_ncaps(7, {1, 1}, fake);
    REQUIRE_FALSE(sc.ok());
    CHECK(sc.error().message == "vc_set_ncaps: Operation not permitted (EPERM)");
}
