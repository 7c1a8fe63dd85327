// SPDX-License-Identifier: GPL-2.0-only
//
// Version commands (exact cmd/id/data sent, error propagation), VCI decoding
// and every FEATURE row at its boundaries.

#include "fake_syscall.hpp"
#include "version.hpp"

#include <vserver/switch.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using vserver::test::FakeSyscall;
using Strings = std::vector<std::string>;

namespace {

constexpr std::uint32_t bit(unsigned n) { return 1U << n; }

} // namespace

TEST_CASE("get_version sends VCMD_get_version with id VC_CAT_COMPAT", "[version]") {
    FakeSyscall fake;
    fake.replies = {VCI_VERSION};
    auto v = vserver::get_version(fake);
    REQUIRE(v.ok());
    CHECK(v.value() == VCI_VERSION);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_get_version);
    CHECK(fake.calls[0].id == 63U);
    CHECK(fake.calls[0].data == nullptr);
}

TEST_CASE("get_vci sends VCMD_get_vci with id 0", "[version]") {
    FakeSyscall fake;
    fake.replies = {0x80000001L};
    auto v = vserver::get_vci(fake);
    REQUIRE(v.ok());
    CHECK(v.value() == 0x80000001U); // bit 31 survives the long -> u32 step
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_get_vci);
    CHECK(fake.calls[0].id == 0U);
    CHECK(fake.calls[0].data == nullptr);
}

TEST_CASE("version command errors carry errno and name the command", "[version]") {
    FakeSyscall fake;
    fake.replies = {-ENOSYS, -EPERM};
    auto v = vserver::get_version(fake);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().errnum == ENOSYS);
    CHECK(v.error().message == "vc_get_version: Function not implemented (ENOSYS)");
    auto c = vserver::get_vci(fake);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().errnum == EPERM);
    CHECK(c.error().message == "vc_get_vci: Operation not permitted (EPERM)");
}

TEST_CASE("decode_vci names every defined bit", "[version][vci]") {
    CHECK(vserver::decode_vci(0).empty());
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_NO_DYNAMIC)) == Strings{"no_dynamic"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_PROC_SECURE)) == Strings{"proc_secure"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_COWBL)) == Strings{"cowbl"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_FULLCOWBL)) == Strings{"fullcowbl"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_SPACES)) == Strings{"spaces"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_NETV2)) == Strings{"netv2"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_MEMCG)) == Strings{"memcg"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_MEMCG_SWAP)) == Strings{"memcg_swap"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_DEBUG)) == Strings{"debug"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_HISTORY)) == Strings{"history"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_PPTAG)) == Strings{"pptag"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_MORE)) == Strings{"more"});
}

TEST_CASE("decode_vci lists several bits in bit order", "[version][vci]") {
    const std::uint32_t vci =
        bit(VCI_KCBIT_MORE) | bit(VCI_KCBIT_SPACES) | bit(VCI_KCBIT_NO_DYNAMIC);
    CHECK(vserver::decode_vci(vci) == Strings{"no_dynamic", "spaces", "more"});
}

TEST_CASE("decode_vci reports the tagging field as one mode", "[version][vci]") {
    auto tagged = [](std::uint32_t mode) { return vserver::decode_vci(mode << VCI_KCBIT_TAGGED); };
    CHECK(tagged(VCI_TAGGED_UID16) == Strings{"tagged=uid16"});
    CHECK(tagged(VCI_TAGGED_GID16) == Strings{"tagged=gid16"});
    CHECK(tagged(VCI_TAGGED_ID24) == Strings{"tagged=id24"});
    CHECK(tagged(VCI_TAGGED_INTERN) == Strings{"tagged=intern"});
    CHECK(tagged(VCI_TAGGED_RUNTIME) == Strings{"tagged=runtime"});
    CHECK(tagged(VCI_TAGGED_OTHER) == Strings{"tagged=other"});
    CHECK(tagged(6) == Strings{"tagged=6"});
    CHECK(vserver::decode_vci(bit(VCI_KCBIT_NO_DYNAMIC) | (VCI_TAGGED_ID24 << VCI_KCBIT_TAGGED) |
                              bit(VCI_KCBIT_PPTAG)) ==
          Strings{"no_dynamic", "tagged=id24", "pptag"});
}

TEST_CASE("tagged_mode_name covers every VCI_TAGGED_* value", "[version][vci]") {
    CHECK(vserver::tagged_mode_name(VCI_TAGGED_NONE) == "none");
    CHECK(vserver::tagged_mode_name(VCI_TAGGED_OTHER) == "other");
    CHECK(vserver::tagged_mode_name(6) == "6");
}

TEST_CASE("decode_vci names undefined bits by number", "[version][vci]") {
    CHECK(vserver::decode_vci(bit(1)) == Strings{"bit1"});
    CHECK(vserver::decode_vci(bit(30) | bit(27) | bit(5)) == Strings{"bit5", "bit27", "bit30"});
    // Every bit set: each defined name once, the tagging mode, the rest by number.
    const auto all = vserver::decode_vci(0xFFFFFFFFU);
    CHECK(all.size() == 32U - 3U + 1U);
    CHECK(all.front() == "no_dynamic");
    CHECK(all.back() == "more");
}

namespace {

// A feature that depends on the version only: supported in [lo, hi).
struct VersionRow {
    const char *name;
    std::uint32_t lo;
    std::optional<std::uint32_t> hi;
};

} // namespace

TEST_CASE("FEATURE rows that depend on the version", "[version][feature]") {
    const VersionRow rows[] = {
        {"VSHELPER0", 0x00010000, 0x00010010},    {"VSHELPER", 0x00010000, std::nullopt},
        {"VKILL", 0x00010004, std::nullopt},      {"RLIMIT", 0x00010004, std::nullopt},
        {"VINFO", 0x00010010, std::nullopt},      {"VHI", 0x00010010, std::nullopt},
        {"IATTR", 0x00010011, std::nullopt},      {"MIGRATE", 0x00010012, std::nullopt},
        {"NAMESPACE", 0x00010012, std::nullopt},  {"VWAIT", 0x00010025, std::nullopt},
        {"SCHED", 0x00020000, std::nullopt},      {"VNET", 0x00020001, std::nullopt},
        {"PERSISTENT", 0x00020002, std::nullopt}, {"VSTAT", 0x00020103, 0x00020306},
        {"PIDSPACE", 0x00020201, std::nullopt},
    };
    // The VCI must not matter for these rows.
    for (const std::uint32_t vci : {0U, 0xFFFFFFFFU}) {
        for (const auto &row : rows) {
            INFO(row.name << " vci=" << vci);
            CHECK_FALSE(vserver::is_supported(row.name, row.lo - 1, vci));
            CHECK(vserver::is_supported(row.name, row.lo, vci));
            if (row.hi) {
                CHECK(vserver::is_supported(row.name, *row.hi - 1, vci));
                CHECK_FALSE(vserver::is_supported(row.name, *row.hi, vci));
            } else {
                CHECK(vserver::is_supported(row.name, 0xFFFFFFFFU, vci));
            }
        }
    }
}

TEST_CASE("FEATURE COMPAT is always supported", "[version][feature]") {
    CHECK(vserver::is_supported("COMPAT", 0, 0));
    CHECK(vserver::is_supported("COMPAT", 0xFFFFFFFFU, 0xFFFFFFFFU));
}

TEST_CASE("FEATURE rows that depend on a VCI bit only", "[version][feature]") {
    const struct {
        const char *name;
        unsigned kcbit;
    } rows[] = {
        {"PPTAG", VCI_KCBIT_PPTAG},
        {"SPACES", VCI_KCBIT_SPACES},
        {"NETV2", VCI_KCBIT_NETV2},
    };
    for (const auto &row : rows) {
        INFO(row.name);
        for (const std::uint32_t version : {0U, std::uint32_t{VCI_VERSION}}) {
            CHECK(vserver::is_supported(row.name, version, bit(row.kcbit)));
            CHECK_FALSE(vserver::is_supported(row.name, version, ~bit(row.kcbit)));
        }
    }
}

TEST_CASE("FEATURE MEMCG needs 2.3.6 and the memcg bit", "[version][feature]") {
    const std::uint32_t memcg = bit(VCI_KCBIT_MEMCG);
    CHECK(vserver::is_supported("MEMCG", 0x00020306, memcg));
    CHECK(vserver::is_supported("MEMCG", VCI_VERSION, memcg));
    CHECK_FALSE(vserver::is_supported("MEMCG", 0x00020305, memcg));
    CHECK_FALSE(vserver::is_supported("MEMCG", 0x00020306, ~memcg));
    CHECK_FALSE(vserver::is_supported("MEMCG", VCI_VERSION, 0));
}

TEST_CASE("FEATURE DYNAMIC: before 2.3 always, then unless no_dynamic", "[version][feature]") {
    const std::uint32_t nodyn = bit(VCI_KCBIT_NO_DYNAMIC);
    CHECK(vserver::is_supported("DYNAMIC", 0x000202FF, nodyn));
    CHECK(vserver::is_supported("DYNAMIC", 0x000202FF, 0));
    CHECK_FALSE(vserver::is_supported("DYNAMIC", 0x00020300, nodyn));
    CHECK(vserver::is_supported("DYNAMIC", 0x00020300, 0));
    CHECK_FALSE(vserver::is_supported("DYNAMIC", VCI_VERSION, nodyn));
    CHECK(vserver::is_supported("DYNAMIC", VCI_VERSION, ~nodyn));
}

TEST_CASE("FEATURE names are case-insensitive; unknown names are unsupported",
          "[version][feature]") {
    CHECK(vserver::is_supported("vnet", VCI_VERSION, 0));
    CHECK(vserver::is_supported("VwAiT", VCI_VERSION, 0));
    CHECK(vserver::is_known_feature("netv2"));
    CHECK_FALSE(vserver::is_known_feature("nosuchthing"));
    CHECK_FALSE(vserver::is_known_feature(""));
    CHECK_FALSE(vserver::is_known_feature("VNETX"));
    CHECK_FALSE(vserver::is_supported("nosuchthing", 0xFFFFFFFFU, 0xFFFFFFFFU));
    CHECK_FALSE(vserver::is_supported("", 0xFFFFFFFFU, 0xFFFFFFFFU));
}

TEST_CASE("feature_names lists every row once", "[version][feature]") {
    const auto names = vserver::feature_names();
    CHECK(names.size() == 21U);
    for (auto name : names) {
        INFO(name);
        CHECK(vserver::is_known_feature(name));
    }
}

TEST_CASE("this kernel's answers give the features tests/switch expects", "[version][feature]") {
    // VS-API 2.3.8 with only NO_DYNAMIC set, as built by kernel/.
    const std::uint32_t v = VCI_VERSION;
    const std::uint32_t vci = bit(VCI_KCBIT_NO_DYNAMIC);
    CHECK(vserver::is_supported("vnet", v, vci));
    CHECK(vserver::is_supported("VWAIT", v, vci));
    CHECK_FALSE(vserver::is_supported("spaces", v, vci));
    CHECK_FALSE(vserver::is_supported("dynamic", v, vci));
    CHECK_FALSE(vserver::is_supported("vstat", v, vci));
}
