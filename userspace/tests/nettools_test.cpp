// SPDX-License-Identifier: GPL-2.0-only
//
// ncontext, naddress, nattribute and chbind: every option, good and bad
// (one-line message and exit status), and the exact sequence of commands
// and bytes each tool sends, against the fake syscall.

#include "argv.hpp"
#include "fake_syscall.hpp"
#include "nettools.hpp"

#include <vserver/network.h>
#include <vserver/network_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

using vserver::Ipv4Entry;
using vserver::cli::Action;
using vserver::cli::UsageError;
using vserver::test::accepted;
using vserver::test::Argv;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::commands;
using vserver::test::FakeSyscall;
using vserver::test::le16;
using vserver::test::le64;
using vserver::test::refused;

namespace {

auto ncontext = [](int argc, char **argv) { return vserver::parse_ncontext_args(argc, argv); };
auto naddress = [](int argc, char **argv) { return vserver::parse_naddress_args(argc, argv); };
auto nattribute = [](int argc, char **argv) { return vserver::parse_nattribute_args(argc, argv); };
auto chbind = [](int argc, char **argv) { return vserver::parse_chbind_args(argc, argv); };

vserver::NcontextArgs ncontext_ok(Argv argv) {
    return accepted<vserver::NcontextArgs>(ncontext, std::move(argv));
}
vserver::NaddressArgs naddress_ok(Argv argv) {
    return accepted<vserver::NaddressArgs>(naddress, std::move(argv));
}
vserver::NattributeArgs nattribute_ok(Argv argv) {
    return accepted<vserver::NattributeArgs>(nattribute, std::move(argv));
}
vserver::ChbindArgs chbind_ok(Argv argv) {
    return accepted<vserver::ChbindArgs>(chbind, std::move(argv));
}

// The v1 struct util-vserver sends: {u16 type, u16 flags, be32 ip, be32 mask}.
Bytes v1(std::uint16_t type, Bytes ip, Bytes mask) {
    return cat({le16(type), le16(0), std::move(ip), std::move(mask)});
}

const std::string help_hint = "try '--help' for more information";

} // namespace

// --- ncontext ---------------------------------------------------------------

TEST_CASE("ncontext --create takes --nid, --silent, --silentexist", "[nettools]") {
    auto a = ncontext_ok({"ncontext", "--create", "--nid", "42", "--silent", "--silentexist", "--",
                          "sh", "-c", "x"});
    CHECK(a.action == Action::run);
    CHECK(a.create);
    CHECK_FALSE(a.migrate);
    REQUIRE(a.nid);
    CHECK_FALSE(a.nid->self);
    CHECK(a.nid->xid == 42U);
    CHECK(a.verbosity == 0);
    CHECK(a.silentexist);
    CHECK_FALSE(a.disconnect);
    CHECK_FALSE(a.sync_sock);
    CHECK(a.sync_msg == "ok");
    CHECK(a.command == 7);

    auto plain = ncontext_ok({"ncontext", "--create", "true"});
    CHECK_FALSE(plain.nid);
    CHECK(plain.verbosity == 1);
    CHECK(plain.command == 2);
}

TEST_CASE("ncontext --migrate, --migrate-self and the chain options", "[nettools]") {
    auto m = ncontext_ok({"ncontext", "--migrate", "--nid", "self", "--disconnect", "--syncsock",
                          "/run/s", "--syncmsg", "go", "true"});
    CHECK(m.migrate);
    CHECK_FALSE(m.migrate_self);
    REQUIRE(m.nid);
    CHECK(m.nid->self);
    CHECK(m.disconnect);
    CHECK(m.sync_sock == "/run/s");
    CHECK(m.sync_msg == "go");

    auto self = ncontext_ok({"ncontext", "--migrate-self", "true"});
    CHECK(self.migrate);
    CHECK(self.migrate_self);
    CHECK_FALSE(self.nid);
}

TEST_CASE("ncontext --help and --version stop parsing", "[nettools]") {
    CHECK(ncontext_ok({"ncontext", "--help", "--bogus"}).action == Action::help);
    CHECK(ncontext_ok({"ncontext", "--create", "--version"}).action == Action::version);
}

TEST_CASE("ncontext refuses bad command lines with vcontext's messages", "[nettools]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(ncontext, std::move(argv));
        CHECK(bad.exit_code == 255);
        CHECK(bad.message == message);
    };
    check({"ncontext", "true"}, "Neither '--create' nor '--migrate' specified; " + help_hint);
    check({"ncontext", "--create", "--migrate", "--nid", "3", "true"},
          "Can not specify '--create' and '--migrate' at the same time; " + help_hint);
    check({"ncontext", "--create", "--migrate-self", "true"},
          "Can not specify '--create' and '--migrate' at the same time; " + help_hint);
    check({"ncontext", "--migrate", "true"}, "Can not migrate to an unknown context");
    check({"ncontext", "--create", "--nid", "42"},
          "No command given; use '--help' for more information.");
    check({"ncontext", "--create", "--nid", "42", "--"},
          "No command given; use '--help' for more information.");
    check({"ncontext", "--create", "--nid", "guest", "true"},
          "invalid network context 'guest' (a number or 'self')");
    check({"ncontext", "--create", "--nid", "-1", "true"},
          "invalid network context '-1' (a number or 'self')");
    check({"ncontext", "--bogus"}, "invalid option '--bogus' (try '--help')");
    check({"ncontext", "-x"}, "invalid option '-x' (try '--help')");
    check({"ncontext", "--create", "--nid"}, "option '--nid' requires an argument (try '--help')");
    check({"ncontext", "--create", "--syncsock"},
          "option '--syncsock' requires an argument (try '--help')");
}

TEST_CASE("ncontext resolves the nid it acts on", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {7, 8};
    CHECK(
        vserver::ncontext_nid(ncontext_ok({"ncontext", "--migrate-self", "true"}), fake).value() ==
        7U);
    CHECK(
        vserver::ncontext_nid(ncontext_ok({"ncontext", "--migrate", "--nid", "self", "true"}), fake)
            .value() == 8U);
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_task_nid);
    CHECK(fake.calls[0].id == 0U);
    CHECK(fake.calls[1].cmd == VCMD_task_nid);
    // No syscall for a number, or for a create without --nid.
    CHECK(vserver::ncontext_nid(ncontext_ok({"ncontext", "--create", "--nid", "42", "true"}), fake)
              .value() == 42U);
    CHECK(vserver::ncontext_nid(ncontext_ok({"ncontext", "--create", "true"}), fake).value() ==
          vserver::dynamic_nid);
    CHECK(fake.calls.size() == 2);
}

TEST_CASE("ncontext --create sends net_create v1 with NULL and announces", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {42};
    std::ostringstream out;
    auto args = ncontext_ok({"ncontext", "--create", "--nid", "42", "true"});
    auto nid = vserver::ncontext_enter(args, 42, out, fake);
    REQUIRE(nid.ok());
    CHECK(nid.value() == 42U);
    CHECK(out.str() == "New network context is 42\n");
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x19010001U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].data == nullptr);
}

TEST_CASE("ncontext --create --silent says nothing; EEXIST is returned", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {42, -EEXIST};
    std::ostringstream out;
    auto args = ncontext_ok({"ncontext", "--create", "--silent", "--nid", "42", "true"});
    CHECK(vserver::ncontext_enter(args, 42, out, fake).ok());
    CHECK(out.str().empty());
    auto exists = vserver::ncontext_enter(args, 42, out, fake);
    REQUIRE_FALSE(exists.ok());
    CHECK(exists.error().errnum == EEXIST);
    CHECK(exists.error().message == "vc_net_create: File exists (EEXIST)");
    CHECK(vserver::ncontext_exists_exit_code == 254);
}

TEST_CASE("ncontext --migrate sends net_migrate; --migrate-self nothing", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, -EACCES};
    std::ostringstream out;
    auto migrate = ncontext_ok({"ncontext", "--migrate", "--nid", "42", "true"});
    CHECK(vserver::ncontext_enter(migrate, 42, out, fake).value() == 42U);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x1b010000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].data == nullptr);
    auto denied = vserver::ncontext_enter(migrate, 43, out, fake);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "vc_net_migrate: Permission denied (EACCES)");

    FakeSyscall none;
    auto self = ncontext_ok({"ncontext", "--migrate-self", "true"});
    CHECK(vserver::ncontext_enter(self, 9, out, none).value() == 9U);
    CHECK(none.calls.empty());
    CHECK(out.str().empty());
}

// --- naddress ---------------------------------------------------------------

TEST_CASE("naddress reads each address option in order", "[nettools]") {
    auto a =
        naddress_ok({"naddress", "--add", "--silent", "--nid", "42", "--ip", "192.0.2.1/24",
                     "--mask", "10.0.0.0/8", "--range", "10.1.0.1-10.1.0.9", "--bcast",
                     "192.0.2.255", "--lback", "127.0.42.1", "--ip", "192.0.2.2", "--", "true"});
    CHECK(a.action == Action::run);
    CHECK(a.op == vserver::NaddressOp::add);
    CHECK(a.silent);
    REQUIRE(a.nid);
    CHECK(a.nid->xid == 42U);
    CHECK(a.command == 18);
    const std::vector<Ipv4Entry> want{
        {NXA_TYPE_ADDR, 0, 0xc0000201U, 0, 0xffffff00U},
        {NXA_TYPE_MASK, 0, 0x0a000000U, 0, 0xff000000U},
        {NXA_TYPE_RANGE, 0, 0x0a010001U, 0x0a010009U, 0},
        {NXA_TYPE_ADDR | NXA_MOD_BCAST, 0, 0xc00002ffU, 0, 0},
        {NXA_TYPE_ADDR | NXA_MOD_LBACK, 0, 0x7f002a01U, 0, 0},
        {NXA_TYPE_ADDR, 0, 0xc0000202U, 0, 0},
    };
    CHECK(a.entries == want);
}

TEST_CASE("naddress takes exactly one of --add, --remove, --set", "[nettools]") {
    CHECK(naddress_ok({"naddress", "--remove"}).op == vserver::NaddressOp::remove);
    CHECK(naddress_ok({"naddress", "--set"}).op == vserver::NaddressOp::set);
    auto add = naddress_ok({"naddress", "--add"});
    CHECK(add.op == vserver::NaddressOp::add);
    CHECK_FALSE(add.nid);
    CHECK_FALSE(add.silent);
    CHECK(add.entries.empty());
    CHECK(add.command == 2);
    CHECK(naddress_ok({"naddress", "--help"}).action == Action::help);
    CHECK(naddress_ok({"naddress", "--version"}).action == Action::version);
}

TEST_CASE("naddress refuses bad command lines with one line and 255", "[nettools]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(naddress, std::move(argv));
        CHECK(bad.exit_code == 255);
        CHECK(bad.message == message);
    };
    check({"naddress", "--ip", "192.0.2.1"}, "No operation specified; " + help_hint);
    check({"naddress", "--add", "--set"}, "Multiple operations specified; " + help_hint);
    check({"naddress", "--add", "--remove", "--set"},
          "Multiple operations specified; " + help_hint);
    check({"naddress", "--add", "--ip", "192.0.2.1/33"},
          "invalid prefix '33' in '192.0.2.1/33' (0..32)");
    check({"naddress", "--add", "--ip", "192.0.2.1/255.0.255.0"},
          "non-contiguous netmask '255.0.255.0' in '192.0.2.1/255.0.255.0'");
    check({"naddress", "--add", "--ip", "192.0.2.300"},
          "invalid IPv4 address '192.0.2.300' (300 is above 255)");
    check({"naddress", "--add", "--ip", "eth0"},
          "invalid IPv4 address 'eth0' (interface names are not supported)");
    check({"naddress", "--add", "--mask", "10.0.0.0"},
          "network '10.0.0.0' needs a /<prefix> or /<netmask>");
    check({"naddress", "--add", "--range", "10.0.0.2-10.0.0.1"},
          "empty range '10.0.0.2-10.0.0.1' (the first address must be lower than the second)");
    check({"naddress", "--add", "--bcast", "10.0.0.255/8"},
          "invalid broadcast address '10.0.0.255/8' (no netmask allowed)");
    check({"naddress", "--add", "--lback", "::1"},
          "'::1' is an IPv6 address; only IPv4 is supported");
    check({"naddress", "--add", "--nid", "x"}, "invalid network context 'x' (a number or 'self')");
    check({"naddress", "--add", "--bogus"}, "invalid option '--bogus' (try '--help')");
    check({"naddress", "--add", "--ip"}, "option '--ip' requires an argument (try '--help')");
}

TEST_CASE("naddress --add --ip 192.0.2.1/24 sends one v1 ADDR entry", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0};
    std::ostringstream out;
    auto args = naddress_ok({"naddress", "--add", "--ip", "192.0.2.1/24"});
    REQUIRE(vserver::naddress_apply(args, 42, out, fake).ok());
    CHECK(out.str() == "Adding 192.0.2.1\n");
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x1a010001U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == v1(0x10, {192, 0, 2, 1}, {255, 255, 255, 0}));
}

TEST_CASE("naddress --add sends every entry in order", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, 0, 0, 0, 0};
    std::ostringstream out;
    auto args = naddress_ok({"naddress", "--add", "--ip", "192.0.2.1", "--bcast", "192.0.2.255",
                             "--lback", "127.0.42.1", "--mask", "10.0.0.0/255.0.0.0", "--range",
                             "10.1.0.1-10.1.0.5/24"});
    REQUIRE(vserver::naddress_apply(args, 42, out, fake).ok());
    CHECK(out.str() == "Adding 192.0.2.1 192.0.2.255 127.0.42.1 10.0.0.0 10.1.0.1\n");
    REQUIRE(fake.calls.size() == 5);
    CHECK(fake.calls[0].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[0].sent == v1(0x10, {192, 0, 2, 1}, {0, 0, 0, 0})); // no prefix: 0.0.0.0
    CHECK(fake.calls[1].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[1].sent == v1(0x110, {192, 0, 2, 255}, {0, 0, 0, 0}));
    CHECK(fake.calls[2].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[2].sent == v1(0x210, {127, 0, 42, 1}, {0, 0, 0, 0}));
    CHECK(fake.calls[3].cmd == VCMD_net_add_ipv4_v1);
    CHECK(fake.calls[3].sent == v1(0x20, {10, 0, 0, 0}, {255, 0, 0, 0}));
    CHECK(fake.calls[4].cmd == 0x1a010002U);
    CHECK(fake.calls[4].sent == cat({le16(0x40), le16(0), Bytes{10, 1, 0, 1}, Bytes{10, 1, 0, 5},
                                     Bytes{255, 255, 255, 0}}));
}

TEST_CASE("naddress --remove removes each entry", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    std::ostringstream out;
    auto args = naddress_ok({"naddress", "--remove", "--nid", "42", "--ip", "192.0.2.1/24",
                             "--range", "10.0.0.1-10.0.0.3"});
    REQUIRE(vserver::naddress_apply(args, 42, out, fake).ok());
    CHECK(out.str() == "Removing 192.0.2.1 10.0.0.1\n");
    CHECK(commands(fake) == std::vector<std::uint32_t>{0x1a020001U, 0x1a020002U});
    CHECK(fake.calls[0].sent == v1(0x10, {192, 0, 2, 1}, {255, 255, 255, 0}));
}

TEST_CASE("naddress --set removes everything, then adds", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {-ENOSYS, 0, 0};
    std::ostringstream out;
    auto args = naddress_ok({"naddress", "--set", "--silent", "--ip", "192.0.2.7/32"});
    REQUIRE(vserver::naddress_apply(args, 42, out, fake).ok());
    CHECK(out.str().empty());
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_net_remove_ipv6, VCMD_net_rem_ipv4_v1,
                                                       VCMD_net_add_ipv4_v1});
    CHECK(fake.calls[1].sent == v1(0xff, {0, 0, 0, 0}, {0, 0, 0, 0}));
    CHECK(fake.calls[2].sent == v1(0x10, {192, 0, 2, 7}, {255, 255, 255, 255}));
    for (const auto &c : fake.calls)
        CHECK(c.id == 42U);
}

TEST_CASE("naddress stops at the first failure and names the address", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, -EEXIST};
    std::ostringstream out;
    auto args = naddress_ok(
        {"naddress", "--add", "--ip", "192.0.2.1", "--ip", "192.0.2.2", "--ip", "192.0.2.3"});
    auto r = vserver::naddress_apply(args, 42, out, fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EEXIST);
    CHECK(r.error().message == "vc_net_add: File exists (EEXIST) (address 192.0.2.2)");
    CHECK(out.str() == "Adding 192.0.2.1 192.0.2.2\n");
    CHECK(fake.calls.size() == 2);

    FakeSyscall failing;
    failing.replies = {-EPERM};
    auto set = naddress_ok({"naddress", "--set", "--ip", "192.0.2.1"});
    std::ostringstream quiet;
    auto denied = vserver::naddress_apply(set, 42, quiet, failing);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "vc_net_remove: Operation not permitted (EPERM)");
    CHECK(quiet.str().empty()); // nothing added, nothing announced
}

// --- nattribute -------------------------------------------------------------

TEST_CASE("nattribute reads --ncap and --flag lists", "[nettools]") {
    auto a = nattribute_ok({"nattribute", "--set", "--nid", "42", "--ncap", "raw_icmp,~tun_create",
                            "--flag", "hide_netif", "--flag", "!single_ip,NXF_LBACK_REMAP", "--",
                            "true"});
    CHECK(a.action == Action::run);
    CHECK_FALSE(a.get);
    REQUIRE(a.nid);
    CHECK(a.nid->xid == 42U);
    CHECK(a.ncaps == vserver::BitList{NXC_RAW_ICMP, NXC_TUN_CREATE});
    CHECK(a.nflags == vserver::BitList{NXF_HIDE_NETIF | NXF_LBACK_REMAP, NXF_SINGLE_IP});
    CHECK(a.command == 11);

    auto get = nattribute_ok({"nattribute", "--get"});
    CHECK(get.get);
    CHECK_FALSE(get.nid);
    CHECK(get.command == 2);
    CHECK_FALSE(nattribute_ok({"nattribute", "--get", "--set"}).get); // the last one counts
    CHECK_FALSE(nattribute_ok({"nattribute"}).get);                   // --set is the default
    CHECK(nattribute_ok({"nattribute", "--help"}).action == Action::help);
    CHECK(nattribute_ok({"nattribute", "--version"}).action == Action::version);
}

TEST_CASE("nattribute --secure replaces earlier choices, later ones add", "[nettools]") {
    auto secure = nattribute_ok(
        {"nattribute", "--set", "--ncap", "tun_create", "--flag", "single_ip", "--secure"});
    CHECK(secure.ncaps == vserver::BitList{NXC_RAW_ICMP, ~NXC_RAW_ICMP});
    CHECK(secure.nflags == vserver::BitList{NXF_HIDE_NETIF, 0});
    auto more =
        nattribute_ok({"nattribute", "--secure", "--ncap", "tun_create", "--flag", "~hide_netif"});
    CHECK(more.ncaps ==
          vserver::BitList{NXC_RAW_ICMP | NXC_TUN_CREATE, ~(NXC_RAW_ICMP | NXC_TUN_CREATE)});
    CHECK(more.nflags == vserver::BitList{0, NXF_HIDE_NETIF});
}

TEST_CASE("nattribute refuses bad lists with 1, bad options with 255", "[nettools]") {
    auto check = [](Argv argv, int code, const std::string &message) {
        auto bad = refused(nattribute, std::move(argv));
        CHECK(bad.exit_code == code);
        CHECK(bad.message == message);
    };
    check({"nattribute", "--set", "--flag", "nosuch"}, 1, "unknown flag 'nosuch'");
    check({"nattribute", "--set", "--flag", "virt_mem"}, 1, "unknown flag 'virt_mem'");
    check({"nattribute", "--set", "--ncap", "~chown"}, 1, "unknown ncap 'chown'");
    check({"nattribute", "--set", "--ncap", "raw_icmp,"}, 1, "empty ncap name in list");
    check({"nattribute", "--set", "--flag", "^64"}, 1, "bad bit number in '^64' (0..63)");
    check({"nattribute", "--nid", "guest", "--get"}, 1,
          "invalid network context 'guest' (a number or 'self')");
    check({"nattribute", "--bogus"}, 255, "invalid option '--bogus' (try '--help')");
    check({"nattribute", "--ncap"}, 255, "option '--ncap' requires an argument (try '--help')");
}

TEST_CASE("nattribute --set sends set_ncaps, then set_nflags", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    auto args = nattribute_ok(
        {"nattribute", "--set", "--flag", "hide_netif,~lback_allow", "--ncap", "raw_icmp"});
    REQUIRE(vserver::nattribute_set(args, 42, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x34080000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == cat({le64(0x100), le64(0x100)}));
    CHECK(fake.calls[1].cmd == 0x34060000U);
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].sent == cat({le64(0x02000000), le64(0x02000400)}));
}

TEST_CASE("nattribute --set sends only what changes", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0};
    CHECK(vserver::nattribute_set(nattribute_ok({"nattribute", "--set"}), 42, fake).ok());
    CHECK(fake.calls.empty());
    CHECK(vserver::nattribute_set(nattribute_ok({"nattribute", "--flag", "persistent"}), 42, fake)
              .ok());
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_set_nflags});
    CHECK(fake.calls[0].sent == cat({le64(1ULL << 38), le64(1ULL << 38)}));
}

TEST_CASE("nattribute --secure sends ncaps raw_icmp only and hide_netif", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    REQUIRE(vserver::nattribute_set(nattribute_ok({"nattribute", "--secure"}), 42, fake).ok());
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_set_ncaps, VCMD_set_nflags});
    CHECK(fake.calls[0].sent == cat({le64(0x100), le64(~0ULL)}));
    CHECK(fake.calls[1].sent == cat({le64(0x02000000), le64(0x02000000)}));
}

TEST_CASE("nattribute reports a failing set with its name", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {-EPERM};
    auto r = vserver::nattribute_set(
        nattribute_ok({"nattribute", "--ncap", "tun_create", "--flag", "hide_netif"}), 42, fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "vc_set_ncaps: Operation not permitted (EPERM)");
    CHECK(fake.calls.size() == 1);
}

TEST_CASE("nattribute --get prints ncaps and nflags like vattribute", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    fake.on_call = [](const vserver::test::Call &c, void *data) {
        const std::uint64_t flags =
            NXF_HIDE_NETIF | NXF_LBACK_REMAP | NXF_STATE_ADMIN | (1ULL << 60);
        const std::uint64_t caps = NXC_RAW_ICMP;
        const std::uint64_t out[2] = {c.cmd == VCMD_get_nflags ? flags : caps, ~0ULL};
        std::memcpy(data, out, sizeof out);
    };
    std::ostringstream out;
    REQUIRE(vserver::nattribute_get(42, out, fake).ok());
    CHECK(out.str() ==
          "ncapabilities:\nraw_icmp\nnflags:\nlback_remap,hide_netif,state_admin,^60\n");
    CHECK(commands(fake) == std::vector<std::uint32_t>{0x34050000U, 0x34070000U});
    for (const auto &c : fake.calls) {
        CHECK(c.id == 42U);
        CHECK(c.sent == Bytes(16, 0));
    }
}

TEST_CASE("nattribute --get of an empty context and of a failure", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    std::ostringstream out;
    REQUIRE(vserver::nattribute_get(42, out, fake).ok());
    CHECK(out.str() == "ncapabilities:\n\nnflags:\n\n");

    FakeSyscall failing;
    failing.replies = {0, -ESRCH};
    std::ostringstream nothing;
    auto r = vserver::nattribute_get(42, nothing, failing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "vc_get_ncaps: No such process (ESRCH)");
    CHECK(nothing.str().empty());
}

// --- chbind -----------------------------------------------------------------

TEST_CASE("chbind reads its options", "[nettools]") {
    auto a = chbind_ok({"chbind", "--silent", "--nid", "42", "--ip", "192.0.2.1/24", "--lback",
                        "127.0.42.1", "--bcast", "192.0.2.255", "--ip", "192.0.2.2", "--ncap",
                        "raw_icmp", "--flag", "hide_netif", "--disconnect", "--", "sh"});
    CHECK(a.action == Action::run);
    CHECK(a.silent);
    CHECK(a.disconnect);
    CHECK_FALSE(a.nid.self);
    CHECK(a.nid.xid == 42U);
    CHECK(a.ncaps == vserver::BitList{NXC_RAW_ICMP, 0});
    CHECK(a.nflags == vserver::BitList{NXF_HIDE_NETIF, 0});
    // In the order the script gives them to naddress: bcast, lback, ips.
    const std::vector<Ipv4Entry> want{
        {NXA_TYPE_ADDR | NXA_MOD_BCAST, 0, 0xc00002ffU, 0, 0},
        {NXA_TYPE_ADDR | NXA_MOD_LBACK, 0, 0x7f002a01U, 0, 0},
        {NXA_TYPE_ADDR, 0, 0xc0000201U, 0, 0xffffff00U},
        {NXA_TYPE_ADDR, 0, 0xc0000202U, 0, 0},
    };
    CHECK(a.entries == want);
    CHECK(a.command == 18);

    auto plain = chbind_ok({"chbind", "--nid", "self", "true"});
    CHECK(plain.nid.self);
    CHECK_FALSE(plain.silent);
    CHECK_FALSE(plain.disconnect);
    CHECK(plain.entries.empty());
    CHECK(plain.ncaps.mask() == 0);
    CHECK(plain.nflags.mask() == 0);
    CHECK(plain.command == 3);
    CHECK(chbind_ok({"chbind", "--help"}).action == Action::help);
    CHECK(chbind_ok({"chbind", "--version"}).action == Action::version);
}

TEST_CASE("chbind: the last --bcast/--lback count; lists accumulate", "[nettools]") {
    auto a =
        chbind_ok({"chbind",    "--nid",      "42",         "--bcast",     "10.0.0.255",
                   "--bcast",   "10.0.0.254", "--lback",    "127.0.0.2",   "--lback",
                   "127.0.0.3", "--ncap",     "tun_create", "--ncap",      "raw_icmp,~tun_create",
                   "--flag",    "single_ip",  "--flag",     "lback_allow", "true"});
    const std::vector<Ipv4Entry> want{
        {NXA_TYPE_ADDR | NXA_MOD_BCAST, 0, 0x0a0000feU, 0, 0},
        {NXA_TYPE_ADDR | NXA_MOD_LBACK, 0, 0x7f000003U, 0, 0},
    };
    CHECK(a.entries == want);
    CHECK(a.ncaps == vserver::BitList{NXC_RAW_ICMP, NXC_TUN_CREATE});
    CHECK(a.nflags == vserver::BitList{NXF_SINGLE_IP | NXF_LBACK_ALLOW, 0});
}

TEST_CASE("chbind --secure comes first, --ncap/--flag on top, wherever given", "[nettools]") {
    auto a = chbind_ok({"chbind", "--nid", "42", "--ncap", "tun_create", "--flag", "~hide_netif",
                        "--secure", "true"});
    CHECK(a.ncaps ==
          vserver::BitList{NXC_RAW_ICMP | NXC_TUN_CREATE, ~(NXC_RAW_ICMP | NXC_TUN_CREATE)});
    CHECK(a.nflags == vserver::BitList{0, NXF_HIDE_NETIF});
    auto only = chbind_ok({"chbind", "--secure", "--nid", "42", "true"});
    CHECK(only.ncaps == vserver::BitList{NXC_RAW_ICMP, ~NXC_RAW_ICMP});
    CHECK(only.nflags == vserver::BitList{NXF_HIDE_NETIF, 0});
}

TEST_CASE("chbind refuses bad command lines with one line and 1", "[nettools]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(chbind, std::move(argv));
        CHECK(bad.exit_code == 1);
        CHECK(bad.message == message);
    };
    check({"chbind", "--ip", "192.0.2.1", "true"},
          "--nid is required: this kernel has no dynamic network contexts");
    check({"chbind", "--nid", "42"}, "No command given; use '--help' for more information.");
    check({"chbind", "--nid", "42", "--"}, "No command given; use '--help' for more information.");
    check({"chbind", "--nid", "x42", "true"}, "invalid network context 'x42' (a number or 'self')");
    check({"chbind", "--nid", "42", "--ip", "192.0.2.1/40", "true"},
          "invalid prefix '40' in '192.0.2.1/40' (0..32)");
    check({"chbind", "--nid", "42", "--ip", "eth0", "true"},
          "invalid IPv4 address 'eth0' (interface names are not supported)");
    check({"chbind", "--nid", "42", "--bcast", "1.2.3", "true"},
          "invalid IPv4 address '1.2.3' (want four numbers 0..255 separated by dots)");
    check({"chbind", "--nid", "42", "--lback", "127.0.0.1/255.255.0.255", "true"},
          "non-contiguous netmask '255.255.0.255' in '127.0.0.1/255.255.0.255'");
    check({"chbind", "--nid", "42", "--ncap", "ping", "true"}, "unknown ncap 'ping'");
    check({"chbind", "--nid", "42", "--flag", "hide_mount", "true"}, "unknown flag 'hide_mount'");
    check({"chbind", "--mask", "10.0.0.0/8"}, "invalid option '--mask' (try '--help')");
    check({"chbind", "--nid"}, "option '--nid' requires an argument (try '--help')");
}

TEST_CASE("chbind creates, sets attributes, adds addresses", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {42, 42, 0, 0, 0, 0};
    std::ostringstream out;
    auto args = chbind_ok({"chbind", "--nid", "42", "--ip", "192.0.2.1/24", "--bcast",
                           "192.0.2.255", "--ncap", "raw_icmp", "--flag", "hide_netif", "true"});
    auto nid = vserver::chbind_enter(args, 42, out, fake);
    REQUIRE(nid.ok());
    CHECK(nid.value() == 42U);
    CHECK(out.str() == "New network context is 42\nAdding 192.0.2.255 192.0.2.1\n");
    CHECK(commands(fake) == std::vector<std::uint32_t>{0x19010001U, 0x2e020000U, 0x34080000U,
                                                       0x34060000U, 0x1a010001U, 0x1a010001U});
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].data == nullptr); // net_create v1 with NULL, as util-vserver
    CHECK(fake.calls[1].id == 0U);        // task_nid(0): the context we are in now
    CHECK(fake.calls[2].sent == cat({le64(0x100), le64(0x100)}));
    CHECK(fake.calls[3].sent == cat({le64(0x02000000), le64(0x02000000)}));
    CHECK(fake.calls[4].sent == v1(0x110, {192, 0, 2, 255}, {0, 0, 0, 0}));
    CHECK(fake.calls[5].sent == v1(0x10, {192, 0, 2, 1}, {255, 255, 255, 0}));
    for (std::size_t i = 2; i < fake.calls.size(); ++i)
        CHECK(fake.calls[i].id == 42U);
}

TEST_CASE("chbind without attributes sends no set commands; --silent", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {42, 42, 0};
    std::ostringstream out;
    auto args = chbind_ok({"chbind", "--silent", "--nid", "42", "--ip", "192.0.2.1", "true"});
    REQUIRE(vserver::chbind_enter(args, 42, out, fake).ok());
    CHECK(out.str().empty());
    CHECK(commands(fake) ==
          std::vector<std::uint32_t>{VCMD_net_create, VCMD_task_nid, VCMD_net_add_ipv4_v1});
}

TEST_CASE("chbind joins an existing context as it is", "[nettools]") {
    FakeSyscall fake;
    fake.replies = {-EEXIST, 0};
    std::ostringstream out;
    auto args = chbind_ok({"chbind", "--nid", "42", "--ip", "192.0.2.1", "--secure", "true"});
    auto nid = vserver::chbind_enter(args, 42, out, fake);
    REQUIRE(nid.ok());
    CHECK(nid.value() == 42U);
    CHECK(out.str().empty());
    CHECK(commands(fake) == std::vector<std::uint32_t>{0x19010001U, 0x1b010000U});
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].data == nullptr);
}

TEST_CASE("chbind reports each failing step", "[nettools]") {
    auto run = [](std::deque<long> replies) {
        FakeSyscall fake;
        fake.replies = std::move(replies);
        std::ostringstream out;
        auto args = chbind_ok({"chbind", "--silent", "--nid", "42", "--ip", "192.0.2.1", "--flag",
                               "hide_netif", "true"});
        auto r = vserver::chbind_enter(args, 42, out, fake);
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    CHECK(run({-EINVAL}) == "vc_net_create: Invalid argument (EINVAL)");
    CHECK(run({-EEXIST, -EACCES}) == "vc_net_migrate: Permission denied (EACCES)");
    CHECK(run({42, -ENOSYS}) == "vc_get_task_nid: Function not implemented (ENOSYS)");
    CHECK(run({42, 42, -EPERM}) == "vc_set_nflags: Operation not permitted (EPERM)");
    CHECK(run({42, 42, 0, -ENOSPC}) ==
          "vc_net_add: No space left on device (ENOSPC) (address 192.0.2.1)");
}
