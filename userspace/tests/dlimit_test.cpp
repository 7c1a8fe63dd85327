// SPDX-License-Identifier: GPL-2.0-only
//
// Disk limit commands: the command words, the id (the tag), the exact
// structs (16-byte vcmd_ctx_dlimit_base_v0, 32-byte vcmd_ctx_dlimit_v0,
// x86_64 layout with the path pointer first) and the values decoded from
// get_dlimit.

#include "dlimit.hpp"
#include "fake_syscall.hpp"

#include <vserver/dlimit_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <initializer_list>

using vserver::DiskLimit;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::FakeSyscall;
using vserver::test::le32;
using vserver::test::pointer_bytes;

namespace {

constexpr std::uint32_t keep = 0xfffffffeU;
constexpr std::uint32_t inf = 0xffffffffU;

} // namespace

TEST_CASE("dlimit command words and special values match the reference", "[dlimit]") {
    CHECK(VCMD_add_dlimit == 0x24010000U);
    CHECK(VCMD_rem_dlimit == 0x24020000U);
    CHECK(VCMD_set_dlimit == 0x24050000U);
    CHECK(VCMD_get_dlimit == 0x24060000U);
    CHECK(sizeof(struct vcmd_ctx_dlimit_base_v0) == 16U);
    CHECK(sizeof(struct vcmd_ctx_dlimit_v0) == 32U);
    CHECK(vserver::dlimit_infinity == inf);
    CHECK(vserver::dlimit_keep == keep);
    CHECK(DiskLimit{} == DiskLimit{keep, keep, keep, keep, keep});
}

TEST_CASE("add_dlimit and rem_dlimit: tag as id, path and flags", "[dlimit]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    const char *path = "/vservers/g";
    REQUIRE(vserver::add_dlimit(path, 42, 0, fake).ok());
    REQUIRE(vserver::rem_dlimit(path, 42, 0x10, fake).ok());
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x24010000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].path == "/vservers/g");
    CHECK(fake.calls[0].sent == cat({pointer_bytes(path), le32(0), le32(0)}));
    CHECK(fake.calls[1].cmd == 0x24020000U);
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].sent == cat({pointer_bytes(path), le32(0x10), le32(0)}));
}

TEST_CASE("set_dlimit sends every field, KEEP where not given", "[dlimit]") {
    FakeSyscall fake;
    fake.replies = {0};
    const char *path = "/vservers/g";
    DiskLimit limit;
    limit.space_total = 1000000;
    limit.inodes_total = inf;
    REQUIRE(vserver::set_dlimit(path, 7, 0, limit, fake).ok());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x24050000U);
    CHECK(fake.calls[0].id == 7U);
    CHECK(fake.calls[0].sent == cat({pointer_bytes(path), le32(keep), le32(1000000), le32(keep),
                                     le32(inf), le32(keep), le32(0)}));
}

TEST_CASE("get_dlimit sends zeroes and decodes the record", "[dlimit]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        auto *d = static_cast<struct vcmd_ctx_dlimit_v0 *>(data);
        d->space_used = 10;
        d->space_total = inf;
        d->inodes_used = 3;
        d->inodes_total = 100;
        d->reserved = 5;
    };
    const char *path = ".";
    auto limit = vserver::get_dlimit(path, 42, 0, fake);
    REQUIRE(limit.ok());
    CHECK(limit.value() == DiskLimit{10, inf, 3, 100, 5});
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x24060000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent ==
          cat({pointer_bytes(path), le32(0), le32(0), le32(0), le32(0), le32(0), le32(0)}));
}

TEST_CASE("dlimit failures name the command", "[dlimit]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH, -EOPNOTSUPP, -EEXIST, -EPERM};
    auto got = vserver::get_dlimit("/", 42, 0, fake);
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().errnum == ESRCH);
    CHECK(got.error().message == "vc_get_dlimit: No such process (ESRCH)");
    auto set = vserver::set_dlimit("/", 42, 0, DiskLimit{}, fake);
    CHECK(set.error().message == "vc_set_dlimit: Operation not supported (EOPNOTSUPP)");
    CHECK(vserver::add_dlimit("/", 42, 0, fake).error().message ==
          "vc_add_dlimit: File exists (EEXIST)");
    CHECK(vserver::rem_dlimit("/", 42, 0, fake).error().message ==
          "vc_rem_dlimit: Operation not permitted (EPERM)");
}
