// SPDX-License-Identifier: GPL-2.0-only
//
// Context commands: the exact cmd, id and struct bytes each one sends (the
// command words are also checked against the hex values of the reference,
// §1.4), the values decoded from the kernel's answer and errno propagation.

#include "context.hpp"
#include "fake_syscall.hpp"

#include <vserver/context.h>
#include <vserver/context_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <functional>
#include <string>

using vserver::MaskedWord;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::FakeSyscall;
using vserver::test::le64;

TEST_CASE("command words match the reference table", "[context]") {
    CHECK(VCMD_task_xid == 0x2e010000U);
    CHECK(VCMD_vx_info == 0x2e050000U);
    CHECK(VCMD_ctx_stat == 0x28000000U);
    CHECK(VCMD_ctx_create == 0x09010001U);
    CHECK(VCMD_ctx_migrate == 0x0b010001U);
    CHECK(VCMD_get_cflags == 0x34010000U);
    CHECK(VCMD_set_cflags == 0x34020000U);
    CHECK(VCMD_get_ccaps == 0x34030001U);
    CHECK(VCMD_set_ccaps == 0x34040001U);
    CHECK(VCMD_get_bcaps == 0x34090000U);
    CHECK(VCMD_set_bcaps == 0x340a0000U);
    CHECK(VCMD_get_umask == 0x340d0000U);
    CHECK(VCMD_set_umask == 0x340e0000U);
    CHECK(vserver::xid_self == 0xfffffffeU);
}

TEST_CASE("task_xid sends the pid as id and returns the answer", "[context]") {
    FakeSyscall fake;
    fake.replies = {42, 0};
    auto xid = vserver::task_xid(1234, fake);
    REQUIRE(xid.ok());
    CHECK(xid.value() == 42U);
    auto self = vserver::task_xid(0, fake);
    REQUIRE(self.ok());
    CHECK(self.value() == 0U);
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_task_xid);
    CHECK(fake.calls[0].id == 1234U);
    CHECK(fake.calls[0].data == nullptr);
    CHECK(fake.calls[1].id == 0U);
}

TEST_CASE("task_xid reports ESRCH for an unknown pid", "[context]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH};
    auto xid = vserver::task_xid(99999, fake);
    REQUIRE_FALSE(xid.ok());
    CHECK(xid.error().errnum == ESRCH);
    CHECK(xid.error().message == "vc_get_task_xid: No such process (ESRCH)");
}

TEST_CASE("vx_info and ctx_stat decode the kernel's struct", "[context]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    fake.on_call = [](const vserver::test::Call &c, void *data) {
        if (c.cmd == VCMD_vx_info)
            vserver::test::fill(data, vcmd_vx_info_v0{42, 4711});
        if (c.cmd == VCMD_ctx_stat)
            vserver::test::fill(data, vcmd_ctx_stat_v0{3, 7});
    };
    auto info = vserver::vx_info(42, fake);
    REQUIRE(info.ok());
    CHECK(info.value().xid == 42U);
    CHECK(info.value().initpid == 4711U);
    auto stat = vserver::ctx_stat(42, fake);
    REQUIRE(stat.ok());
    CHECK(stat.value().usecnt == 3U);
    CHECK(stat.value().tasks == 7U);

    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_vx_info);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == Bytes(8, 0)); // output only: sent zeroed
    CHECK(fake.calls[1].cmd == VCMD_ctx_stat);
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].sent == Bytes(8, 0));
}

TEST_CASE("vx_info and ctx_stat propagate errors", "[context]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH, -ENOSYS};
    auto info = vserver::vx_info(5, fake);
    REQUIRE_FALSE(info.ok());
    CHECK(info.error().message == "vc_get_vx_info: No such process (ESRCH)");
    auto stat = vserver::ctx_stat(5, fake);
    REQUIRE_FALSE(stat.ok());
    CHECK(stat.error().errnum == ENOSYS);
    CHECK(stat.error().message == "vc_ctx_stat: Function not implemented (ENOSYS)");
}

TEST_CASE("ctx_create sends v1 with the flag word and returns the new xid", "[context]") {
    FakeSyscall fake;
    fake.replies = {42};
    auto xid = vserver::ctx_create(42, VXF_INIT_SET, fake);
    REQUIRE(xid.ok());
    CHECK(xid.value() == 42U);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_ctx_create);
    CHECK(fake.calls[0].id == 42U);
    // SETUP|INIT|ADMIN = bits 32..34, what util-vserver always sends.
    CHECK(fake.calls[0].sent == Bytes{0, 0, 0, 0, 7, 0, 0, 0});
}

TEST_CASE("ctx_create reports EEXIST and EINVAL", "[context]") {
    FakeSyscall fake;
    fake.replies = {-EEXIST, -EINVAL};
    auto exists = vserver::ctx_create(42, VXF_INIT_SET, fake);
    REQUIRE_FALSE(exists.ok());
    CHECK(exists.error().errnum == EEXIST);
    CHECK(exists.error().message == "vc_ctx_create: File exists (EEXIST)");
    auto dynamic = vserver::ctx_create(0xffffffffU, 0, fake);
    REQUIRE_FALSE(dynamic.ok());
    CHECK(dynamic.error().errnum == EINVAL);
    CHECK(fake.calls[1].id == 0xffffffffU);
    CHECK(fake.calls[1].sent == Bytes(8, 0));
}

TEST_CASE("ctx_migrate sends v1 with the VXM flags", "[context]") {
    FakeSyscall fake;
    fake.replies = {0, 1, -EACCES};
    CHECK(vserver::ctx_migrate(42, VXM_SET_INIT | VXM_SET_REAPER, fake).ok());
    CHECK(vserver::ctx_migrate(1, 0, fake).ok()); // the spectator answers 1
    auto denied = vserver::ctx_migrate(43, 0, fake);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "vc_ctx_migrate: Permission denied (EACCES)");

    REQUIRE(fake.calls.size() == 3);
    CHECK(fake.calls[0].cmd == VCMD_ctx_migrate);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == le64(3));
    CHECK(fake.calls[1].id == 1U);
    CHECK(fake.calls[1].sent == le64(0));
}

namespace {

struct MaskedCommand {
    const char *name;
    std::uint32_t get_cmd;
    std::uint32_t set_cmd;
    std::function<vserver::Result<MaskedWord>(std::uint32_t, FakeSyscall &)> get;
    std::function<vserver::Result<void>(std::uint32_t, MaskedWord, FakeSyscall &)> set;
};

std::vector<MaskedCommand> masked_commands() {
    return {
        {"cflags", VCMD_get_cflags, VCMD_set_cflags,
         [](std::uint32_t x, FakeSyscall &f) { return vserver::get_cflags(x, f); },
         [](std::uint32_t x, MaskedWord w, FakeSyscall &f) {
             return vserver::set_cflags(x, w, f);
         }},
        {"ccaps", VCMD_get_ccaps, VCMD_set_ccaps,
         [](std::uint32_t x, FakeSyscall &f) { return vserver::get_ccaps(x, f); },
         [](std::uint32_t x, MaskedWord w, FakeSyscall &f) { return vserver::set_ccaps(x, w, f); }},
        {"bcaps", VCMD_get_bcaps, VCMD_set_bcaps,
         [](std::uint32_t x, FakeSyscall &f) { return vserver::get_bcaps(x, f); },
         [](std::uint32_t x, MaskedWord w, FakeSyscall &f) { return vserver::set_bcaps(x, w, f); }},
        {"umask", VCMD_get_umask, VCMD_set_umask,
         [](std::uint32_t x, FakeSyscall &f) { return vserver::get_umask(x, f); },
         [](std::uint32_t x, MaskedWord w, FakeSyscall &f) { return vserver::set_umask(x, w, f); }},
    };
}

} // namespace

TEST_CASE("masked set commands send {value, mask} as two little-endian u64", "[context]") {
    for (const auto &cmd : masked_commands()) {
        INFO(cmd.name);
        FakeSyscall fake;
        fake.replies = {0};
        const MaskedWord word{0x8000000100000002ULL, 0x0123456789abcdefULL};
        CHECK(cmd.set(42, word, fake).ok());
        REQUIRE(fake.calls.size() == 1);
        CHECK(fake.calls[0].cmd == cmd.set_cmd);
        CHECK(fake.calls[0].id == 42U);
        CHECK(fake.calls[0].sent == cat({le64(word.value), le64(word.mask)}));
    }
}

TEST_CASE("masked get commands send zeroes and decode {value, mask}", "[context]") {
    for (const auto &cmd : masked_commands()) {
        INFO(cmd.name);
        FakeSyscall fake;
        fake.replies = {0};
        fake.on_call = [](const vserver::test::Call &, void *data) {
            // Every struct of this family is two u64: word, then mask.
            const std::uint64_t out[2] = {0x0000000400000020ULL, ~0ULL};
            std::memcpy(data, out, sizeof out);
        };
        auto got = cmd.get(vserver::xid_self, fake);
        REQUIRE(got.ok());
        CHECK(got.value() == MaskedWord{0x0000000400000020ULL, ~0ULL});
        REQUIRE(fake.calls.size() == 1);
        CHECK(fake.calls[0].cmd == cmd.get_cmd);
        CHECK(fake.calls[0].id == 0xfffffffeU);
        CHECK(fake.calls[0].sent == Bytes(16, 0));
    }
}

TEST_CASE("masked commands propagate errno with the command's name", "[context]") {
    const char *const get_names[] = {"vc_get_cflags", "vc_get_ccaps", "vc_get_bcaps",
                                     "vc_get_umask"};
    const char *const set_names[] = {"vc_set_cflags", "vc_set_ccaps", "vc_set_bcaps",
                                     "vc_set_umask"};
    std::size_t i = 0;
    for (const auto &cmd : masked_commands()) {
        INFO(cmd.name);
        FakeSyscall fake;
        fake.replies = {-ESRCH, -EPERM};
        auto got = cmd.get(7, fake);
        REQUIRE_FALSE(got.ok());
        CHECK(got.error().errnum == ESRCH);
        CHECK(got.error().message == std::string(get_names[i]) + ": No such process (ESRCH)");
        auto set = cmd.set(7, MaskedWord{1, 1}, fake);
        REQUIRE_FALSE(set.ok());
        CHECK(set.error().errnum == EPERM);
        CHECK(set.error().message ==
              std::string(set_names[i]) + ": Operation not permitted (EPERM)");
        ++i;
    }
}

TEST_CASE("struct layouts are the vs2.3 ones", "[context]") {
    CHECK(sizeof(struct vcmd_vx_info_v0) == 8);
    CHECK(sizeof(struct vcmd_ctx_stat_v0) == 8);
    CHECK(sizeof(struct vcmd_ctx_create) == 8);
    CHECK(sizeof(struct vcmd_ctx_migrate) == 8);
    CHECK(sizeof(struct vcmd_ctx_flags_v0) == 16);
    CHECK(sizeof(struct vcmd_ctx_caps_v1) == 16);
    CHECK(sizeof(struct vcmd_bcaps) == 16);
    CHECK(sizeof(struct vcmd_umask) == 16);
}
