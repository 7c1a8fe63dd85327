// SPDX-License-Identifier: GPL-2.0-only
//
// Limit commands: the exact cmd, id and struct bytes each one sends
// (command words checked against the hex values of the reference, §1.4 and
// §11; the 32-byte vcmd_ctx_rlimit_v0 with its padding after the id), the
// values decoded from the kernel's answer, the limit names and the value
// syntax of util-vserver's vc_parseLimit.

#include "fake_syscall.hpp"
#include "limit.hpp"

#include <vserver/limit.h>
#include <vserver/limit_cmd.h>

#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

using vserver::Rlimit;
using vserver::RlimitMask;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::FakeSyscall;
using vserver::test::le32;
using vserver::test::le64;

namespace {

constexpr std::uint64_t keep = 0xfffffffffffffffeULL;
constexpr std::uint64_t inf = 0xffffffffffffffffULL;

} // namespace

TEST_CASE("limit command words match the reference table", "[limit]") {
    CHECK(VCMD_get_rlimit == 0x3c010000U);
    CHECK(VCMD_set_rlimit == 0x3c020000U);
    CHECK(VCMD_get_rlimit_mask == 0x3c030000U);
    CHECK(VCMD_reset_hits == 0x3c070000U);
    CHECK(VCMD_reset_minmax == 0x3c090000U);
    CHECK(VCMD_rlimit_stat == 0x28010000U);
}

TEST_CASE("limit struct layouts and special values are the vs2.3 ones", "[limit]") {
    CHECK(sizeof(struct vcmd_ctx_rlimit_v0) == 32);
    CHECK(offsetof(struct vcmd_ctx_rlimit_v0, minimum) == 8);
    CHECK(offsetof(struct vcmd_ctx_rlimit_v0, softlimit) == 16);
    CHECK(offsetof(struct vcmd_ctx_rlimit_v0, maximum) == 24);
    CHECK(sizeof(struct vcmd_ctx_rlimit_mask_v0) == 12);
    CHECK(sizeof(struct vcmd_rlimit_stat_v0) == 32);
    CHECK(vserver::limit_unset == 0U);
    CHECK(vserver::limit_infinity == inf);
    CHECK(vserver::limit_keep == keep);
    CHECK(Rlimit{} == Rlimit{keep, keep, keep});
    CHECK(VLIMIT_NSOCK == 16);
    CHECK(VLIMIT_DENTRY == 22);
    CHECK(VLIMIT_MAPPED == 23);
    CHECK(NUM_LIMITS == 24);
}

TEST_CASE("set_rlimit sends the 32-byte struct, padding zeroed", "[limit]") {
    FakeSyscall fake;
    fake.replies = {0, -EINVAL};
    REQUIRE(vserver::set_rlimit(42, RLIMIT_NPROC, Rlimit{keep, keep, 100}, fake).ok());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x3c020000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == cat({le32(6), le32(0), le64(keep), le64(keep), le64(100)}));
    auto refused = vserver::set_rlimit(42, RLIMIT_RSS, Rlimit{keep, 1, inf}, fake);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().errnum == EINVAL);
    CHECK(refused.error().message == "vc_set_rlimit(RSS): Invalid argument (EINVAL)");
    CHECK(fake.calls[1].sent == cat({le32(5), le32(0), le64(keep), le64(1), le64(inf)}));
}

TEST_CASE("get_rlimit sends the id and decodes the answer", "[limit]") {
    FakeSyscall fake;
    fake.replies = {0, -ESRCH};
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        if (call.cmd != VCMD_get_rlimit)
            return;
        auto *lim = static_cast<struct vcmd_ctx_rlimit_v0 *>(data);
        lim->minimum = 0;
        lim->softlimit = 50;
        lim->maximum = inf;
    };
    auto lim = vserver::get_rlimit(7, VLIMIT_NSOCK, fake);
    REQUIRE(lim.ok());
    CHECK(lim.value() == Rlimit{0, 50, inf});
    CHECK(fake.calls[0].cmd == 0x3c010000U);
    CHECK(fake.calls[0].id == 7U);
    CHECK(fake.calls[0].sent == cat({le32(16), Bytes(28, 0)}));
    auto missing = vserver::get_rlimit(8, 23, fake);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "vc_get_rlimit(23): No such process (ESRCH)");
}

TEST_CASE("get_rlimit_mask sends the xid as id and decodes the masks", "[limit]") {
    FakeSyscall fake;
    fake.replies = {0, -ENOSYS};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        vserver::test::fill(data, vcmd_ctx_rlimit_mask_v0{1, 2, 0x7f0040U});
    };
    auto mask = vserver::get_rlimit_mask(42, fake);
    REQUIRE(mask.ok());
    CHECK(mask.value() == RlimitMask{1, 2, 0x7f0040U});
    CHECK(mask.value().any() == 0x7f0043U);
    CHECK(fake.calls[0].cmd == 0x3c030000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == Bytes(12, 0));
    auto none = vserver::get_rlimit_mask(42, fake);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "vc_get_rlimit_mask: Function not implemented (ENOSYS)");
}

TEST_CASE("rlimit_stat sends the id and decodes hits, value, min and max", "[limit]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        auto *st = static_cast<struct vcmd_rlimit_stat_v0 *>(data);
        st->hits = 3;
        st->value = 12;
        st->minimum = 1;
        st->maximum = 40;
    };
    auto st = vserver::rlimit_stat(42, RLIMIT_NPROC, fake);
    REQUIRE(st.ok());
    CHECK(st.value() == vserver::RlimitStat{3, 12, 1, 40});
    CHECK(fake.calls[0].cmd == 0x28010000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == cat({le32(6), Bytes(28, 0)}));
}

TEST_CASE("reset_hits and reset_minmax send no data", "[limit]") {
    FakeSyscall fake;
    fake.replies = {0, -EPERM};
    REQUIRE(vserver::reset_hits(42, fake).ok());
    auto denied = vserver::reset_minmax(42, fake);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "vc_reset_minmax: Operation not permitted (EPERM)");
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x3c070000U);
    CHECK(fake.calls[0].data == nullptr);
    CHECK(fake.calls[1].cmd == 0x3c090000U);
    CHECK(fake.calls[1].id == 42U);
}

TEST_CASE("limit names are util-vserver's", "[limit]") {
    CHECK(vserver::limit_name(RLIMIT_CPU) == "CPU");
    CHECK(vserver::limit_name(RLIMIT_NPROC) == "NPROC");
    CHECK(vserver::limit_name(RLIMIT_LOCKS) == "LOCKS");
    CHECK(vserver::limit_name(RLIMIT_MSGQUEUE) == "MSGQUEUE");
    CHECK(vserver::limit_name(VLIMIT_DENTRY) == "DENTRY");
    // No names in util-vserver for these.
    for (std::uint32_t id : std::initializer_list<std::uint32_t>{
             RLIMIT_SIGPENDING, RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME, 23, 24, 31})
        CHECK_FALSE(vserver::limit_name(id).has_value());
    CHECK(vserver::limit_label(RLIMIT_AS) == "AS");
    CHECK(vserver::limit_label(RLIMIT_RTTIME) == "15");
    CHECK(vserver::limit_option_name(RLIMIT_MSGQUEUE) == "msgqueue");
    CHECK(vserver::limit_option_name(22) == "dentry");
    CHECK_FALSE(vserver::limit_option_name(RLIMIT_NICE).has_value());
    CHECK(vserver::lookup_limit("nofile") == std::uint32_t{RLIMIT_NOFILE});
    CHECK(vserver::lookup_limit("nsock") == 16U);
    CHECK(vserver::lookup_limit("openfd") == 17U);
    CHECK(vserver::lookup_limit("anon") == 18U);
    CHECK(vserver::lookup_limit("shmem") == 19U);
    CHECK(vserver::lookup_limit("semary") == 20U);
    CHECK(vserver::lookup_limit("nsems") == 21U);
    CHECK_FALSE(vserver::lookup_limit("NPROC").has_value());
    CHECK_FALSE(vserver::lookup_limit("mapped").has_value());
    CHECK_FALSE(vserver::lookup_limit("sigpending").has_value());
}

TEST_CASE("limit values: numbers, suffixes and infinity", "[limit]") {
    using vserver::parse_limit_value;
    CHECK(parse_limit_value("0") == 0U);
    CHECK(parse_limit_value("100") == 100U);
    CHECK(parse_limit_value("0x10") == 16U);
    CHECK(parse_limit_value("0X1f") == 31U);
    CHECK(parse_limit_value("010") == 8U);
    CHECK(parse_limit_value("2K") == 2048U);
    CHECK(parse_limit_value("3M") == 3U * 1024 * 1024);
    CHECK(parse_limit_value("2k") == 2000U);
    CHECK(parse_limit_value("3m") == 3000000U);
    CHECK(parse_limit_value("0x10K") == 16384U);
    CHECK(parse_limit_value("inf") == inf);
    CHECK(parse_limit_value("infinity") == inf);
    CHECK(parse_limit_value("18446744073709551615") == inf);
    CHECK(parse_limit_value("18446744073709551614") == keep);
    // Trailing whitespace, as in a file written by echo.
    CHECK(parse_limit_value("100\n") == 100U);
    CHECK(parse_limit_value("4K \n") == 4096U);
    CHECK(parse_limit_value(" 7") == 7U);
    CHECK(parse_limit_value("\tinf\n") == inf);
}

TEST_CASE("limit values: what is refused", "[limit]") {
    using vserver::parse_limit_value;
    for (const char *bad : {"", " ", "-1", "+1", "x", "10x", "1KK", "1G", "1 2", "0x", "08", "Inf",
                            "18446744073709551616", "18014398509481984K", "1.5"}) {
        INFO("value '" << bad << "'");
        CHECK_FALSE(parse_limit_value(bad).has_value());
    }
}
