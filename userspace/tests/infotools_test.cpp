// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-info's command line: options, the tag checks and their messages.

#include "argv.hpp"
#include "infotools.hpp"

#include <catch2/catch.hpp>

#include <string>

using vserver::cli::Action;
using vserver::test::accepted;
using vserver::test::Argv;
using vserver::test::refused;

namespace {

auto info = [](int argc, char **argv) { return vserver::parse_vserver_info_args(argc, argv); };

vserver::VserverInfoArgs info_ok(Argv argv) {
    return accepted<vserver::VserverInfoArgs>(info, std::move(argv));
}

} // namespace

TEST_CASE("vserver-info reads -q and stops at the first operand", "[vserver-info]") {
    auto args = info_ok({"vserver-info", "-q", "-", "FEATURE", "-l"});
    CHECK(args.action == Action::run);
    CHECK(args.quiet);
    CHECK_FALSE(args.list_tags);
    CHECK(args.command == 2);

    auto plain = info_ok({"vserver-info", "--", "-", "SYSINFO"});
    CHECK_FALSE(plain.quiet);
    CHECK(plain.command == 2);
}

TEST_CASE("vserver-info -l, --help and --version end the parsing", "[vserver-info]") {
    CHECK(info_ok({"vserver-info", "-l", "-x"}).list_tags);
    CHECK(info_ok({"vserver-info", "-ql"}).list_tags);
    CHECK(info_ok({"vserver-info", "--help", "-x"}).action == Action::help);
    CHECK(info_ok({"vserver-info", "--h"}).action == Action::help);
    CHECK(info_ok({"vserver-info", "--version"}).action == Action::version);
}

TEST_CASE("vserver-info without a query is not refused by the parser", "[vserver-info]") {
    CHECK(info_ok({"vserver-info"}).command == 1);
    CHECK(info_ok({"vserver-info", "-q", "-"}).command == 2);
}

TEST_CASE("vserver-info refuses options and tags with one line and 1", "[vserver-info]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(info, std::move(argv));
        CHECK(bad.message == message);
        CHECK(bad.exit_code == 1);
    };
    check({"vserver-info", "-x", "-", "SYSINFO"}, "invalid option '-x' (try '--help')");
    check({"vserver-info", "-h"}, "invalid option '-h' (try '--help')");
    check({"vserver-info", "--bogus"}, "invalid option '--bogus' (try '--help')");
    // util-vserver's way of naming a long option by its value.
    check({"vserver-info", "--help=x"}, "invalid option '-h' (try '--help')");
    check({"vserver-info", "--version=x"}, "invalid option '-V' (try '--help')");
    check({"vserver-info", "-", "NOSUCHTAG"},
          "unknown tag 'NOSUCHTAG' (use -l to list valid tags)");
    check({"vserver-info", "-", "sysinfo"}, "unknown tag 'sysinfo' (use -l to list valid tags)");
    check({"vserver-info", "-", "CONTEXT"}, "tag 'CONTEXT' is not supported yet");
    check({"vserver-info", "guest", "XID"}, "tag 'XID' is not supported yet");
    check({"vserver-info", "myguest", "SYSINFO"},
          "only '-' (the host) is supported as <vserver> for tag SYSINFO, not 'myguest'");
}

TEST_CASE("vserver-info -l lists the implemented tags", "[vserver-info]") {
    CHECK(vserver::vserver_info_tag_list() == "Valid tags are: SYSINFO, FEATURE\n");
}
