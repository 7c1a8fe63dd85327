// SPDX-License-Identifier: GPL-2.0-only
//
// Tool helpers: one-line messages, getopt error texts, strict numbers,
// context arguments (and how "self" is resolved), exec failures.

#include "cli.hpp"
#include "fake_syscall.hpp"
#include "sysinfo.hpp"

#include <vserver/context_cmd.h>
#include <vserver/network_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

using namespace vserver::cli;
using vserver::test::FakeSyscall;

TEST_CASE("one_line escapes control characters", "[cli]") {
    CHECK(one_line("plain text: ok") == "plain text: ok");
    CHECK(one_line("two\nlines") == "two\\nlines");
    CHECK(one_line("tab\there") == "tab\\there");
    CHECK(one_line(std::string("nul\0x\x1b\x7f", 7)) == "nul\\x00x\\x1b\\x7f");
    CHECK(one_line("utf-8 \xc3\xa4 stays") == "utf-8 \xc3\xa4 stays");
}

TEST_CASE("quote wraps in single quotes", "[cli]") {
    CHECK(quote("x") == "'x'");
    CHECK(quote("") == "''");
}

TEST_CASE("getopt errors name the option", "[cli]") {
    CHECK(option_error('?', 0, "--bogus") == "invalid option '--bogus' (try '--help')");
    CHECK(option_error('?', 'q', "-q") == "invalid option '-q' (try '--help')");
    CHECK(option_error('?', 'q', "-xq") == "invalid option '-q' (try '--help')");
    CHECK(option_error('?', 0x1000, "--help=x") == "invalid option '--help=x' (try '--help')");
    CHECK(option_error(':', 0x4000, "--xid") ==
          "option '--xid' requires an argument (try '--help')");
    CHECK(option_error(':', 'c', "-c") == "option '-c' requires an argument (try '--help')");
}

TEST_CASE("parse_uint32 takes whole unsigned decimals only", "[cli]") {
    CHECK(parse_uint32("0") == 0U);
    CHECK(parse_uint32("42") == 42U);
    CHECK(parse_uint32("4294967295") == 4294967295U);
    CHECK_FALSE(parse_uint32("4294967296"));
    CHECK_FALSE(parse_uint32(""));
    CHECK_FALSE(parse_uint32("-1"));
    CHECK_FALSE(parse_uint32("+1"));
    CHECK_FALSE(parse_uint32("0x10"));
    CHECK_FALSE(parse_uint32("12 "));
    CHECK_FALSE(parse_uint32(" 12"));
}

TEST_CASE("parse_int32 takes signed decimals", "[cli]") {
    CHECK(parse_int32("-1") == -1);
    CHECK(parse_int32("2147483647") == 2147483647);
    CHECK(parse_int32("-2147483648") == -2147483647 - 1);
    CHECK_FALSE(parse_int32("2147483648"));
    CHECK_FALSE(parse_int32("1.5"));
    CHECK_FALSE(parse_int32("abc"));
}

TEST_CASE("parse_c_uint32 takes decimal, hex and octal", "[cli]") {
    CHECK(parse_c_uint32("0") == 0U);
    CHECK(parse_c_uint32("42") == 42U);
    CHECK(parse_c_uint32("0x10") == 16U);
    CHECK(parse_c_uint32("0X1f") == 31U);
    CHECK(parse_c_uint32("010") == 8U);
    CHECK(parse_c_uint32("00") == 0U);
    CHECK(parse_c_uint32("0xffffffff") == 4294967295U);
    CHECK(parse_c_uint32("4294967295") == 4294967295U);
    CHECK_FALSE(parse_c_uint32("4294967296"));
    CHECK_FALSE(parse_c_uint32("0x100000000"));
    CHECK_FALSE(parse_c_uint32(""));
    CHECK_FALSE(parse_c_uint32("0x"));
    CHECK_FALSE(parse_c_uint32("08"));
    CHECK_FALSE(parse_c_uint32("-1"));
    CHECK_FALSE(parse_c_uint32("0x-1"));
    CHECK_FALSE(parse_c_uint32("+1"));
    CHECK_FALSE(parse_c_uint32(" 1"));
    CHECK_FALSE(parse_c_uint32("1k"));
}

TEST_CASE("parse_c_uint64 takes the same syntax up to 2^64-1", "[cli]") {
    CHECK(parse_c_uint64("0x10") == 16U);
    CHECK(parse_c_uint64("010") == 8U);
    CHECK(parse_c_uint64("4294967296") == 4294967296ULL);
    CHECK(parse_c_uint64("0xffffffffffffffff") == ~0ULL);
    CHECK_FALSE(parse_c_uint64("0x10000000000000000"));
    CHECK_FALSE(parse_c_uint64("18446744073709551616"));
    CHECK_FALSE(parse_c_uint64("0x-1"));
    CHECK_FALSE(parse_c_uint64("+1"));
    CHECK_FALSE(parse_c_uint64("08"));
    CHECK_FALSE(parse_c_uint64(""));
}

TEST_CASE("flags_option takes a number in C syntax", "[cli]") {
    std::uint32_t flags = 3;
    CHECK_FALSE(flags_option("0x10", flags, 1));
    CHECK(flags == 16U);
    auto bad = flags_option("-3", flags, 2);
    REQUIRE(bad);
    CHECK(bad->exit_code == 2);
    CHECK(bad->message == "Invalid flags argument: '-3'; try '--help' for more information");
    CHECK(flags == 16U);
}

TEST_CASE("context arguments are numbers or self", "[cli]") {
    auto n = parse_xid_arg("42");
    REQUIRE(n);
    CHECK_FALSE(n->self);
    CHECK(n->xid == 42U);
    auto self = parse_xid_arg("self");
    REQUIRE(self);
    CHECK(self->self);
    CHECK_FALSE(parse_xid_arg("SELF"));
    CHECK_FALSE(parse_xid_arg("guest"));
    CHECK_FALSE(parse_xid_arg(""));
    CHECK_FALSE(parse_xid_arg("-2"));
    CHECK(invalid_xid_message("guest") == "invalid context 'guest' (a number or 'self')");
}

TEST_CASE("an option naming a context takes a number or self", "[cli]") {
    std::optional<XidArg> xid;
    CHECK_FALSE(xid_option("self", xid, 3));
    REQUIRE(xid);
    CHECK(xid->self);
    CHECK_FALSE(nid_option("7", xid, 3));
    REQUIRE(xid);
    CHECK(xid->xid == 7U);
    auto bad = xid_option("guest", xid, 3);
    REQUIRE(bad);
    CHECK(bad->exit_code == 3);
    CHECK(bad->message == "invalid context 'guest' (a number or 'self')");
    auto bad_nid = nid_option("eth0", xid, 4);
    REQUIRE(bad_nid);
    CHECK(bad_nid->exit_code == 4);
    CHECK(bad_nid->message == "invalid network context 'eth0' (a number or 'self')");
}

TEST_CASE("usage_error turns a refused argument into a UsageError", "[cli]") {
    CHECK_FALSE(usage_error(vserver::ok(), 1));
    auto bad = usage_error(vserver::error(EINVAL, "unknown flag 'x'"), 2);
    REQUIRE(bad);
    CHECK(bad->exit_code == 2);
    CHECK(bad->message == "unknown flag 'x'");
}

TEST_CASE("self is resolved with task_xid(0), numbers without a call", "[cli]") {
    FakeSyscall fake;
    fake.replies = {42};
    auto self = resolve_xid(XidArg{true, 0}, fake);
    REQUIRE(self.ok());
    CHECK(self.value() == 42U);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_task_xid);
    CHECK(fake.calls[0].id == 0U);

    auto number = resolve_xid(XidArg{false, 7}, fake);
    REQUIRE(number.ok());
    CHECK(number.value() == 7U);
    CHECK(fake.calls.size() == 1);
}

TEST_CASE("a failed self lookup is reported", "[cli]") {
    FakeSyscall fake; // no replies: ENOSYS, like a kernel without vserver
    auto self = resolve_xid(XidArg{true, 0}, fake);
    REQUIRE_FALSE(self.ok());
    CHECK(self.error().errnum == ENOSYS);
    CHECK(self.error().message == "vc_get_task_xid: Function not implemented (ENOSYS)");
}

TEST_CASE("the version line names tool, package and purpose", "[cli]") {
    CHECK(version_line("ncontext", "manages the creation of network contexts") ==
          "ncontext (" + std::string(vserver::package_string()) +
              ") -- manages the creation of network contexts");
    CHECK(std::string(vserver::package_string()).starts_with("vserver-userspace "));
}

TEST_CASE("network contexts are numbers or self, self via task_nid(0)", "[cli]") {
    CHECK(invalid_nid_message("eth0") == "invalid network context 'eth0' (a number or 'self')");
    FakeSyscall fake;
    fake.replies = {42};
    auto self = resolve_nid(XidArg{true, 0}, fake);
    REQUIRE(self.ok());
    CHECK(self.value() == 42U);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_task_nid);
    CHECK(fake.calls[0].id == 0U);
    auto number = resolve_nid(XidArg{false, 7}, fake);
    REQUIRE(number.ok());
    CHECK(number.value() == 7U);
    CHECK(fake.calls.size() == 1);
    auto failed = resolve_nid(XidArg{true, 0}, fake); // no replies left: ENOSYS
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == "vc_get_task_nid: Function not implemented (ENOSYS)");
}

TEST_CASE("exec_if_given succeeds without a program and reports a failed exec", "[cli]") {
    char tool[] = "vtool";
    char prog[] = "/nonexistent/vserver-test-program";
    char *argv[] = {tool, prog, nullptr};
    CHECK(exec_if_given("vtool", 3, 2, argv, 2) == EXIT_SUCCESS);

    std::ostringstream err;
    auto *old = std::cerr.rdbuf(err.rdbuf());
    const int status = exec_if_given("vtool", 3, 2, argv, 1);
    std::cerr.rdbuf(old);
    CHECK(status == 3);
    CHECK(err.str() == "vtool: cannot execute '/nonexistent/vserver-test-program': No such file or "
                       "directory\n");
}

TEST_CASE("exec_program returns an error when the program is missing", "[cli]") {
    char prog[] = "/nonexistent/vserver-test-program";
    char *argv[] = {prog, nullptr};
    const vserver::Error e = exec_program(argv);
    CHECK(e.errnum == ENOENT);
    CHECK(e.message ==
          "cannot execute '/nonexistent/vserver-test-program': No such file or directory");
}
