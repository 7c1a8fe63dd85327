// SPDX-License-Identifier: GPL-2.0-only
//
// SYSINFO: what is queried and the exact layout, for working and failing
// kernels.

#include "fake_syscall.hpp"
#include "sysinfo.hpp"

#include <vserver/switch.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <string>

using vserver::test::FakeSyscall;

namespace {

const std::string package(vserver::package_string());

} // namespace

TEST_CASE("package_string names this project", "[sysinfo]") {
    CHECK(package.rfind("vserver-userspace ", 0) == 0);
}

TEST_CASE("kernel_release matches uname", "[sysinfo]") {
    auto r = vserver::kernel_release();
    REQUIRE(r.ok());
    CHECK_FALSE(r.value().empty());
}

TEST_CASE("collect_sysinfo asks for the version and the VCI", "[sysinfo]") {
    FakeSyscall fake;
    fake.replies = {VCI_VERSION, 1};
    const auto info = vserver::collect_sysinfo("6.12.0-vs", fake);
    CHECK(info.kernel_release == "6.12.0-vs");
    REQUIRE(info.version.ok());
    CHECK(info.version.value() == VCI_VERSION);
    REQUIRE(info.vci.ok());
    CHECK(info.vci.value() == 1U);
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_get_version);
    CHECK(fake.calls[1].cmd == VCMD_get_vci);
}

TEST_CASE("format_sysinfo on a vserver kernel", "[sysinfo]") {
    const vserver::SysInfo info{"6.12.0-vs", 0x00020308U,
                                (1U << VCI_KCBIT_NO_DYNAMIC) |
                                    (VCI_TAGGED_INTERN << VCI_KCBIT_TAGGED) | (1U << 31)};
    CHECK(vserver::format_sysinfo(info) == "Versions:\n"
                                           "                   Kernel: 6.12.0-vs\n"
                                           "                   VS-API: 0x00020308\n"
                                           "                      VCI: 0x0000000084000001\n"
                                           "                  Syscall: 236\n"
                                           "             util-vserver: " +
                                               package +
                                               "\n"
                                               "\n"
                                               "VCI bits:\n"
                                               "                     no_dynamic\n"
                                               "                     tagged=intern\n"
                                               "                     more\n");
}

TEST_CASE("format_sysinfo shows ??? for failed queries", "[sysinfo]") {
    const vserver::SysInfo info{"6.1.0", vserver::error(ENOSYS, "vc_get_version: x"),
                                vserver::error(ENOSYS, "vc_get_vci: x")};
    CHECK(vserver::format_sysinfo(info) == "Versions:\n"
                                           "                   Kernel: 6.1.0\n"
                                           "                   VS-API: ???\n"
                                           "                      VCI: ???\n"
                                           "                  Syscall: 236\n"
                                           "             util-vserver: " +
                                               package +
                                               "\n"
                                               "\n"
                                               "VCI bits:\n"
                                               "                     ???\n");
}

TEST_CASE("format_sysinfo with no VCI bits set", "[sysinfo]") {
    const vserver::SysInfo info{"6.12.0", VCI_VERSION, 0U};
    const auto out = vserver::format_sysinfo(info);
    CHECK(out.find("VCI: 0x0000000000000000\n") != std::string::npos);
    CHECK(out.ends_with("VCI bits:\n                     (none)\n"));
}

TEST_CASE("collect_sysinfo keeps failures", "[sysinfo]") {
    FakeSyscall fake; // no replies: every call fails with ENOSYS
    const auto info = vserver::collect_sysinfo("x", fake);
    REQUIRE_FALSE(info.version.ok());
    CHECK(info.version.error().errnum == ENOSYS);
    REQUIRE_FALSE(info.vci.ok());
    CHECK(info.vci.error().message == "vc_get_vci: Function not implemented (ENOSYS)");
}
