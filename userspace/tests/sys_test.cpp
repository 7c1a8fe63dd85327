// SPDX-License-Identifier: GPL-2.0-only
//
// The syscall seam: invoke() passes cmd/id/data through unchanged and turns
// -errno into an Error that names the command; the helpers of the typed
// commands around it.

#include "command.hpp"
#include "fake_syscall.hpp"
#include "sys.hpp"

#include <vserver/switch.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

namespace {

struct Padded {
    char c;
    std::uint64_t word;
    std::uint64_t mask;
};

} // namespace

TEST_CASE("zeroed structs have no stray byte, padding included", "[sys]") {
    const auto data = vserver::zeroed<Padded>();
    CHECK(vserver::test::bytes_of(data) == vserver::test::Bytes(sizeof(Padded), 0));
}

TEST_CASE("zero_after clears the bytes behind a member only", "[sys]") {
    struct Tail {
        std::uint64_t word;
        std::uint32_t last;
    };
    Tail data;
    std::memset(&data, 0xff, sizeof data);
    vserver::zero_after(data, data.last);
    const auto bytes = vserver::test::bytes_of(data);
    const std::size_t end = offsetof(Tail, last) + sizeof data.last;
    CHECK(vserver::test::Bytes(bytes.begin(), bytes.begin() + end) ==
          vserver::test::Bytes(end, 0xff));
    CHECK(vserver::test::Bytes(bytes.begin() + end, bytes.end()) ==
          vserver::test::Bytes(sizeof data - end, 0));
}

TEST_CASE("u32_result and void_result pass errors on", "[sys]") {
    FakeSyscall fake;
    fake.replies = {0xfffffffeL, 3};
    auto id = vserver::u32_result(vserver::invoke(fake, "vc_a", 1, 0));
    REQUIRE(id.ok());
    CHECK(id.value() == 0xfffffffeU);
    CHECK(vserver::void_result(vserver::invoke(fake, "vc_b", 2, 0)).ok());
    auto failed = vserver::u32_result(vserver::invoke(fake, "vc_c", 3, 0)); // ENOSYS
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == "vc_c: Function not implemented (ENOSYS)");
    auto failed_void = vserver::void_result(vserver::invoke(fake, "vc_d", 4, 0));
    REQUIRE_FALSE(failed_void.ok());
    CHECK(failed_void.error().message == "vc_d: Function not implemented (ENOSYS)");
}

TEST_CASE("get_masked and set_masked fill and read a word and its mask", "[sys]") {
    FakeSyscall fake;
    Padded seen{};
    fake.on_call = [&](const vserver::test::Call &, void *data) {
        std::memcpy(&seen, data, sizeof seen);
        Padded answer{};
        answer.word = 5;
        answer.mask = 7;
        vserver::test::fill(data, answer);
    };
    fake.replies = {0, 0};
    auto got = vserver::get_masked<Padded, &Padded::word, &Padded::mask>(fake, "vc_get", 10, 3);
    REQUIRE(got.ok());
    CHECK(got.value() == vserver::MaskedWord{5, 7});
    CHECK(seen.word == 0);
    CHECK(vserver::set_masked<Padded, &Padded::word, &Padded::mask>(fake, "vc_set", 11, 3,
                                                                    {0x10, 0x30})
              .ok());
    CHECK(seen.word == 0x10U);
    CHECK(seen.mask == 0x30U);
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[1].cmd == 11U);
    CHECK(fake.calls[1].id == 3U);
}
