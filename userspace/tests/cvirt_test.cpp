// SPDX-License-Identifier: GPL-2.0-only
//
// vhi names: field names, the 72-byte struct each command sends, values
// decoded from the kernel's buffer, client-side refusals, errno.

#include "cvirt.hpp"
#include "fake_syscall.hpp"

#include <vserver/cvirt_cmd.h>

#include <catch2/catch.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

using vserver::test::Bytes;
using vserver::test::FakeSyscall;

namespace {

Bytes request_bytes(std::uint32_t field, const std::string &name) {
    Bytes out(72, 0);
    for (int i = 0; i < 4; ++i)
        out[static_cast<std::size_t>(i)] = static_cast<unsigned char>(field >> (8 * i));
    std::memcpy(out.data() + 4, name.data(), name.size());
    return out;
}

} // namespace

TEST_CASE("vhi commands and struct match the reference", "[cvirt]") {
    CHECK(VCMD_set_vhi_name == 0x02010000U);
    CHECK(VCMD_get_vhi_name == 0x02020000U);
    CHECK(sizeof(struct vcmd_vhi_name_v0) == 72);
    CHECK(vserver::vhi_name_max() == 64);
}

TEST_CASE("vhi field names map to VHIN numbers in order", "[cvirt]") {
    const char *const names[] = {"context", "sysname", "nodename",  "release",
                                 "version", "machine", "domainname"};
    auto fields = vserver::vhi_fields();
    REQUIRE(fields.size() == 7);
    for (std::uint32_t i = 0; i < 7; ++i) {
        CHECK(fields[i].name == names[i]);
        CHECK(fields[i].field == i);
        CHECK(vserver::parse_vhi_field(names[i]) == i);
        CHECK(vserver::vhi_field_name(i) == names[i]);
    }
    CHECK(vserver::parse_vhi_field("context") == VHIN_CONTEXT);
    CHECK(vserver::parse_vhi_field("DomainName") == VHIN_DOMAINNAME);
    CHECK(vserver::parse_vhi_field("NODENAME") == VHIN_NODENAME);
}

TEST_CASE("unknown vhi field names are refused", "[cvirt]") {
    CHECK_FALSE(vserver::parse_vhi_field(""));
    CHECK_FALSE(vserver::parse_vhi_field("host"));
    CHECK_FALSE(vserver::parse_vhi_field("node"));       // no prefix matching
    CHECK_FALSE(vserver::parse_vhi_field("nodename=x")); // the caller splits
    CHECK(vserver::vhi_field_name(7).empty());
}

TEST_CASE("get_vhi_name sends the field and reads the name", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        auto *d = static_cast<vcmd_vhi_name_v0 *>(data);
        std::strcpy(d->name, "guest1");
    };
    auto name = vserver::get_vhi_name(42, VHIN_NODENAME, fake);
    REQUIRE(name.ok());
    CHECK(name.value() == "guest1");
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_get_vhi_name);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == request_bytes(VHIN_NODENAME, ""));
}

TEST_CASE("get_vhi_name stops at the buffer end without a NUL", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        auto *d = static_cast<vcmd_vhi_name_v0 *>(data);
        std::memset(d->name, 'x', sizeof d->name);
    };
    auto name = vserver::get_vhi_name(42, VHIN_CONTEXT, fake);
    REQUIRE(name.ok());
    CHECK(name.value() == std::string(65, 'x'));
}

TEST_CASE("get_vhi_name propagates errors", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH};
    auto name = vserver::get_vhi_name(42, VHIN_CONTEXT, fake);
    REQUIRE_FALSE(name.ok());
    CHECK(name.error().errnum == ESRCH);
    CHECK(name.error().message == "vc_get_vhi_name: No such process (ESRCH)");
}

TEST_CASE("set_vhi_name sends field and NUL-padded value", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    CHECK(vserver::set_vhi_name(42, VHIN_CONTEXT, "/etc/vservers/guest", fake).ok());
    const std::string longest(64, 'n');
    CHECK(vserver::set_vhi_name(42, VHIN_NODENAME, longest, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_set_vhi_name);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == request_bytes(VHIN_CONTEXT, "/etc/vservers/guest"));
    CHECK(fake.calls[1].sent == request_bytes(VHIN_NODENAME, longest));
    CHECK(fake.calls[1].sent[4 + 64] == 0); // always terminated
}

TEST_CASE("set_vhi_name refuses values the struct cannot hold", "[cvirt]") {
    FakeSyscall fake;
    auto too_long = vserver::set_vhi_name(42, VHIN_NODENAME, std::string(65, 'n'), fake);
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().errnum == E2BIG);
    CHECK(too_long.error().message ==
          "vc_set_vhi_name: value of 65 bytes is longer than the limit of 64");
    auto nul = vserver::set_vhi_name(42, VHIN_NODENAME, std::string("a\0b", 3), fake);
    REQUIRE_FALSE(nul.ok());
    CHECK(nul.error().errnum == EINVAL);
    CHECK(fake.calls.empty());
}

TEST_CASE("set_vhi_name propagates errors", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {-EPERM};
    auto r = vserver::set_vhi_name(42, VHIN_RELEASE, "6.12", fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EPERM);
    CHECK(r.error().message == "vc_set_vhi_name: Operation not permitted (EPERM)");
}

TEST_CASE("virt_stat's command and struct match the reference", "[cvirt]") {
    CHECK(VCMD_virt_stat == 0x28030000U);
    CHECK(sizeof(struct vcmd_virt_stat_v0) == 48);
}

TEST_CASE("virt_stat sends a zeroed struct and decodes every field", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        using vserver::test::cat;
        using vserver::test::le32;
        using vserver::test::le64;
        const auto answer =
            cat({le64(0x0102030405060708ULL), le64(90'000'000'000ULL), le32(7), le32(2), le32(1),
                 le32(0), le32(123), le32(2048), le32(1024), le32(3 * 2048 + 512)});
        REQUIRE(answer.size() == sizeof(struct vcmd_virt_stat_v0));
        std::memcpy(data, answer.data(), answer.size());
    };
    auto stat = vserver::virt_stat(42, fake);
    REQUIRE(stat.ok());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_virt_stat);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == Bytes(48, 0));
    const auto &s = stat.value();
    CHECK(s.offset == 0x0102030405060708ULL);
    CHECK(s.uptime == 90'000'000'000ULL);
    CHECK(s.nr_threads == 7);
    CHECK(s.nr_running == 2);
    CHECK(s.nr_uninterruptible == 1);
    CHECK(s.nr_onhold == 0);
    CHECK(s.nr_forks == 123);
    CHECK(s.load == std::array<std::uint32_t, 3>{2048, 1024, 3 * 2048 + 512});
}

TEST_CASE("virt_stat propagates errors", "[cvirt]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH};
    auto stat = vserver::virt_stat(42, fake);
    REQUIRE_FALSE(stat.ok());
    CHECK(stat.error().errnum == ESRCH);
    CHECK(stat.error().message == "vc_virt_stat: No such process (ESRCH)");
}
