// SPDX-License-Identifier: GPL-2.0-only
//
// Space commands: command words, the 16-byte v2 struct each sends, the
// masks decoded from the kernel's answer.

#include "fake_syscall.hpp"
#include "spaces.hpp"

#include <vserver/space_cmd.h>

#include <catch2/catch.hpp>

#include <sched.h>

using vserver::test::cat;
using vserver::test::FakeSyscall;
using vserver::test::le32;
using vserver::test::le64;

TEST_CASE("space commands and structs match the reference", "[spaces]") {
    CHECK(VCMD_enter_space == 0x0a010002U);
    CHECK(VCMD_set_space == 0x0a030002U);
    CHECK(VCMD_get_space_mask == 0x36000001U);
    CHECK(VCMD_get_space_default == 0x36010000U);
    CHECK(sizeof(struct vcmd_space_mask_v1) == 8);
    CHECK(sizeof(struct vcmd_space_mask_v2) == 16);
}

TEST_CASE("set_space and enter_space send mask and index", "[spaces]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    REQUIRE(vserver::set_space(42, CLONE_NEWNS | CLONE_FS, 1, fake));
    REQUIRE(vserver::enter_space(42, 0, 0, fake));
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_set_space);
    CHECK(fake.calls[0].id == 42);
    CHECK(fake.calls[0].sent == cat({le64(CLONE_NEWNS | CLONE_FS), le32(1), le32(0)}));
    CHECK(fake.calls[1].cmd == VCMD_enter_space);
    CHECK(fake.calls[1].sent == cat({le64(0), le32(0), le32(0)}));
}

TEST_CASE("space errors name the util-vserver call", "[spaces]") {
    FakeSyscall fake;
    fake.replies = {-EINVAL};
    auto r = vserver::enter_space(42, CLONE_NEWNET, 1, fake);
    REQUIRE_FALSE(r);
    CHECK(r.error().errnum == EINVAL);
    CHECK(r.error().message.find("vc_enter_namespace") != std::string::npos);
}

TEST_CASE("the space masks are read from the kernel's answer", "[spaces]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        struct vcmd_space_mask_v1 v {};
        v.mask = call.cmd == VCMD_get_space_default ? 0x0c020200U : 0x4c020200U;
        vserver::test::fill(data, v);
    };
    auto def = vserver::get_space_default(fake);
    auto mask = vserver::get_space_mask(fake);
    REQUIRE(def);
    REQUIRE(mask);
    CHECK(def.value() == 0x0c020200U);
    CHECK(mask.value() == 0x4c020200U);
}
