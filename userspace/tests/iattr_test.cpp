// SPDX-License-Identifier: GPL-2.0-only
//
// Inode attribute commands: the command words, the exact 24-byte
// vcmd_ctx_iattr_v1 each one sends (path pointer, tag, flags, mask, four
// bytes of padding), the values decoded from the kernel's answer and
// util-vserver's test for unified files.

#include "fake_syscall.hpp"
#include "iattr.hpp"

#include <vserver/inode.h>
#include <vserver/inode_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <initializer_list>
#include <memory>

using vserver::InodeAttr;
using vserver::test::Bytes;
using vserver::test::FakeSyscall;
using vserver::test::le32;
using vserver::test::pointer_bytes;

namespace {

Bytes iattr_bytes(const char *path, std::uint32_t tag, std::uint32_t flags, std::uint32_t mask) {
    Bytes out = pointer_bytes(path);
    for (const Bytes &part : {le32(tag), le32(flags), le32(mask), le32(0)})
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

} // namespace

TEST_CASE("iattr command words and bits match the reference", "[iattr]") {
    CHECK(VCMD_get_iattr == 0x26010001U);
    CHECK(VCMD_set_iattr == 0x26020001U);
    CHECK(sizeof(struct vcmd_ctx_iattr_v1) == 24U);
    CHECK(vserver::iattr_tag == 0x01000000U);
    CHECK(vserver::iattr_admin == 1U);
    CHECK(vserver::iattr_watch == 2U);
    CHECK(vserver::iattr_hide == 4U);
    CHECK(vserver::iattr_write == 8U);
    CHECK(vserver::iattr_barrier == 0x10000U);
    CHECK(vserver::iattr_iunlink == 0x20000U);
    CHECK(vserver::iattr_immutable == 0x40000U);
    CHECK(vserver::iattr_cow == 0x80000U);
}

TEST_CASE("get_iattr sends the path and zeroes, decodes tag, flags and mask", "[iattr]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const vserver::test::Call &, void *data) {
        auto *attr = static_cast<struct vcmd_ctx_iattr_v1 *>(data);
        attr->tag = 42;
        attr->flags = IATTR_TAG | IATTR_IMMUTABLE;
        attr->mask = IATTR_TAG | IATTR_IMMUTABLE | IATTR_IXUNLINK | IATTR_COW;
    };
    const char *path = "some/file";
    auto attr = vserver::get_iattr(path, fake);
    REQUIRE(attr.ok());
    CHECK(attr.value() == InodeAttr{42, IATTR_TAG | IATTR_IMMUTABLE,
                                    IATTR_TAG | IATTR_IMMUTABLE | IATTR_IXUNLINK | IATTR_COW});
    CHECK(attr.value().has_tag());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x26010001U);
    CHECK(fake.calls[0].id == 0U);
    CHECK(fake.calls[0].path == "some/file");
    CHECK(fake.calls[0].sent == iattr_bytes(path, 0, 0, 0));
}

TEST_CASE("get_iattr: no tag without IATTR_TAG in the mask", "[iattr]") {
    CHECK_FALSE((InodeAttr{7, IATTR_TAG, IATTR_IMMUTABLE}).has_tag());
}

TEST_CASE("get_iattr failures name the command", "[iattr]") {
    FakeSyscall fake;
    fake.replies = {-ENOENT};
    auto attr = vserver::get_iattr("x", fake);
    REQUIRE_FALSE(attr.ok());
    CHECK(attr.error().errnum == ENOENT);
    CHECK(attr.error().message == "vc_get_iattr: No such file or directory (ENOENT)");
}

TEST_CASE("set_iattr sends tag, flags and mask as given", "[iattr]") {
    FakeSyscall fake;
    fake.replies = {0, -EPERM};
    const char *path = "/srv/guest";
    REQUIRE(vserver::set_iattr(path, 42, 0, IATTR_TAG, fake).ok());
    auto refused =
        vserver::set_iattr(path, 0, IATTR_IMMUTABLE, IATTR_IMMUTABLE | IATTR_IXUNLINK, fake);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == "vc_set_iattr: Operation not permitted (EPERM)");
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == 0x26020001U);
    CHECK(fake.calls[0].id == 0U);
    CHECK(fake.calls[0].path == "/srv/guest");
    CHECK(fake.calls[0].sent == iattr_bytes(path, 42, 0, 0x01000000));
    CHECK(fake.calls[1].sent == iattr_bytes(path, 0, 0x40000, 0x60000));
}

TEST_CASE("is_unified: immutable and iunlink both supported and set", "[iattr]") {
    constexpr std::uint32_t both = IATTR_IMMUTABLE | IATTR_IXUNLINK;
    auto answer = [](std::uint32_t flags, std::uint32_t mask) {
        auto fake = std::make_unique<FakeSyscall>();
        fake->replies = {0};
        fake->on_call = [flags, mask](const vserver::test::Call &, void *data) {
            auto *attr = static_cast<struct vcmd_ctx_iattr_v1 *>(data);
            attr->flags = flags;
            attr->mask = mask;
        };
        return fake;
    };
    CHECK(vserver::is_unified("f", *answer(both, both | IATTR_COW)));
    CHECK_FALSE(vserver::is_unified("f", *answer(IATTR_IMMUTABLE, both)));
    CHECK_FALSE(vserver::is_unified("f", *answer(IATTR_IXUNLINK, both)));
    CHECK_FALSE(vserver::is_unified("f", *answer(both, IATTR_IMMUTABLE)));
    FakeSyscall failing;
    CHECK_FALSE(vserver::is_unified("f", failing));
    REQUIRE(failing.calls.size() == 1);
    CHECK(failing.calls[0].cmd == VCMD_get_iattr);
}
