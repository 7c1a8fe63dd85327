// SPDX-License-Identifier: GPL-2.0-only
//
// The syscall seam: invoke() passes cmd/id/data through unchanged and turns
// -errno into an Error that names the command.

#include "fake_syscall.hpp"
#include "sys.hpp"

#include <vserver/switch.h>

#include <catch2/catch.hpp>

#include <cerrno>

using vserver::test::FakeSyscall;

TEST_CASE("invoke passes the arguments through", "[sys]") {
    FakeSyscall fake;
    fake.replies = {42};
    int payload = 0;
    auto r = vserver::invoke(fake, "vc_test", 0x12345678U, 77U, &payload);
    REQUIRE(r.ok());
    CHECK(r.value() == 42);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x12345678U);
    CHECK(fake.calls[0].id == 77U);
    CHECK(fake.calls[0].data == &payload);
}

TEST_CASE("invoke defaults data to null", "[sys]") {
    FakeSyscall fake;
    fake.replies = {0};
    CHECK(vserver::invoke(fake, "vc_test", 1U, 2U).ok());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].data == nullptr);
}

TEST_CASE("invoke turns -errno into an Error naming the command", "[sys]") {
    FakeSyscall fake;
    fake.replies = {-EPERM};
    auto r = vserver::invoke(fake, "vc_test", 1U, 2U);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EPERM);
    CHECK(r.error().message == "vc_test: Operation not permitted (EPERM)");
}

TEST_CASE("syscall_error is one line, also for unknown errno values", "[sys]") {
    auto e = vserver::syscall_error("vc_get_version", ENOSYS);
    CHECK(e.errnum == ENOSYS);
    CHECK(e.message == "vc_get_version: Function not implemented (ENOSYS)");

    auto odd = vserver::syscall_error("vc_x", 4000);
    CHECK(odd.errnum == 4000);
    CHECK(odd.message == "vc_x: Unknown error 4000");
}

TEST_CASE("the real syscall uses the x86_64 vserver number", "[sys]") {
    CHECK(vserver::syscall_number() == 236);
}

TEST_CASE("the real syscall rejects an undefined command", "[sys]") {
    // No command 0xFF exists in the version category: a vserver kernel
    // answers ENOSYS, and so does one without vserver. A seccomp filter
    // (containers) may answer EPERM instead.
    auto r = vserver::invoke(vserver::kernel_syscall(), "vc_undefined",
                             VC_CMD(VC_CAT_VERSION, 0xFF, 0), 0);
    REQUIRE_FALSE(r.ok());
    CHECK((r.error().errnum == ENOSYS || r.error().errnum == EPERM));
}
