// SPDX-License-Identifier: GPL-2.0-only
//
// ctx_kill and wait_exit: bytes sent, the retry rule for EINTR/EAGAIN
// (util-vserver's vwait).

#include "fake_syscall.hpp"
#include "signal.hpp"

#include <vserver/signal_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>

using vserver::test::Bytes;
using vserver::test::FakeSyscall;

TEST_CASE("signal commands and structs match the reference", "[signal]") {
    CHECK(VCMD_ctx_kill == 0x0c010000U);
    CHECK(VCMD_wait_exit == 0x30630000U);
    CHECK(sizeof(struct vcmd_ctx_kill_v0) == 8);
    CHECK(sizeof(struct vcmd_wait_exit_v0) == 8);
}

TEST_CASE("ctx_kill sends {pid, sig} as little-endian s32", "[signal]") {
    FakeSyscall fake;
    fake.replies = {0, 0, 0};
    CHECK(vserver::ctx_kill(42, 0, SIGTERM, fake).ok());
    CHECK(vserver::ctx_kill(42, 1, SIGKILL, fake).ok());
    CHECK(vserver::ctx_kill(42, -1, SIGHUP, fake).ok());
    REQUIRE(fake.calls.size() == 3);
    CHECK(fake.calls[0].cmd == VCMD_ctx_kill);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == Bytes{0, 0, 0, 0, 15, 0, 0, 0});
    CHECK(fake.calls[1].sent == Bytes{1, 0, 0, 0, 9, 0, 0, 0});
    CHECK(fake.calls[2].sent == Bytes{0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0});
}

TEST_CASE("ctx_kill propagates errors", "[signal]") {
    FakeSyscall fake;
    fake.replies = {-EACCES};
    auto r = vserver::ctx_kill(42, 100, SIGTERM, fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EACCES);
    CHECK(r.error().message == "vc_ctx_kill: Permission denied (EACCES)");
}

TEST_CASE("wait_exit returns reboot_cmd and exit_code", "[signal]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        vserver::test::fill(data, vcmd_wait_exit_v0{0x4321fedc, 3});
    };
    auto r = vserver::wait_exit(42, {}, fake);
    REQUIRE(r.ok());
    CHECK(r.value().reboot_cmd == 0x4321fedc);
    CHECK(r.value().exit_code == 3);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_wait_exit);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == Bytes(8, 0));
}

TEST_CASE("wait_exit repeats on EINTR and EAGAIN", "[signal]") {
    FakeSyscall fake;
    fake.replies = {-EINTR, -EAGAIN, -EINTR, 0};
    int asked = 0;
    auto r = vserver::wait_exit(
        42,
        [&asked] {
            ++asked;
            return true;
        },
        fake);
    REQUIRE(r.ok());
    CHECK(fake.calls.size() == 4);
    CHECK(asked == 3);

    FakeSyscall plain; // without a predicate it always repeats
    plain.replies = {-EINTR, -EINTR, 0};
    CHECK(vserver::wait_exit(42, {}, plain).ok());
    CHECK(plain.calls.size() == 3);
}

TEST_CASE("wait_exit stops repeating when keep_waiting says so", "[signal]") {
    FakeSyscall fake;
    fake.replies = {-EINTR, -EINTR, 0};
    int asked = 0;
    auto r = vserver::wait_exit(
        42,
        [&asked] {
            ++asked;
            return asked < 2;
        },
        fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EINTR);
    CHECK(fake.calls.size() == 2);
}

TEST_CASE("wait_exit returns other errors at once", "[signal]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH, 0};
    int asked = 0;
    auto r = vserver::wait_exit(
        42,
        [&asked] {
            ++asked;
            return true;
        },
        fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == ESRCH);
    CHECK(r.error().message == "vc_wait_exit: No such process (ESRCH)");
    CHECK(fake.calls.size() == 1);
    CHECK(asked == 0);
}
