// SPDX-License-Identifier: GPL-2.0-only
//
// vshelper: the command line, the guest files in the run directory, the
// decision for every event, and where the vserver tool is found.

#include "argv.hpp"
#include "tempdir.hpp"
#include "vshelper.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

using vserver::VshelperEvent;
using vserver::VshelperPlan;
using vserver::VshelperRunFile;
using vserver::test::Argv;
using vserver::test::TempDir;
using FileChange = VshelperPlan::FileChange;

namespace {

std::string slurp(const std::string &path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

vserver::cli::Parsed<vserver::VshelperArgs> parse(Argv argv) {
    return vserver::parse_vshelper_args(argv.argc(), argv.argv());
}

std::string refusal(Argv argv) {
    auto parsed = parse(std::move(argv));
    REQUIRE(std::holds_alternative<vserver::cli::UsageError>(parsed));
    CHECK(std::get<vserver::cli::UsageError>(parsed).exit_code == 1);
    return std::get<vserver::cli::UsageError>(parsed).message;
}

const VshelperRunFile guest_a{"a", false};
const VshelperRunFile stopping_a{"a", true};

} // namespace

TEST_CASE("vshelper's events have the kernel's names", "[vshelper]") {
    const char *const names[] = {"restart", "halt",     "poweroff", "swsusp",
                                 "startup", "shutdown", "netup",    "netdown"};
    for (const char *name : names) {
        auto e = vserver::parse_vshelper_event(name);
        REQUIRE(e);
        CHECK(vserver::vshelper_event_name(*e) == name);
    }
    CHECK_FALSE(vserver::parse_vshelper_event("reboot"));
    CHECK_FALSE(vserver::parse_vshelper_event("Restart"));
    CHECK_FALSE(vserver::parse_vshelper_event(""));
}

TEST_CASE("vshelper takes an action and an xid", "[vshelper]") {
    auto parsed = parse({"vshelper", "restart", "42"});
    REQUIRE(std::holds_alternative<vserver::VshelperArgs>(parsed));
    const auto &args = std::get<vserver::VshelperArgs>(parsed);
    CHECK(args.action == vserver::cli::Action::run);
    CHECK(args.event == VshelperEvent::restart);
    CHECK(args.xid == 42);

    // Further arguments are ignored, as util-vserver does.
    parsed = parse({"vshelper", "shutdown", "7", "extra"});
    REQUIRE(std::holds_alternative<vserver::VshelperArgs>(parsed));
    CHECK(std::get<vserver::VshelperArgs>(parsed).event == VshelperEvent::shutdown);

    parsed = parse({"vshelper", "--help"});
    REQUIRE(std::holds_alternative<vserver::VshelperArgs>(parsed));
    CHECK(std::get<vserver::VshelperArgs>(parsed).action == vserver::cli::Action::help);
}

TEST_CASE("vshelper refuses bad command lines", "[vshelper]") {
    CHECK(refusal({"vshelper"}) == "missing arguments; try '--help' for more information");
    CHECK(refusal({"vshelper", "restart"}) ==
          "missing arguments; try '--help' for more information");
    CHECK(refusal({"vshelper", "reboot", "42"}) == "unknown action 'reboot'");
    CHECK(refusal({"vshelper", "restart", "abc"}) == "invalid xid 'abc'");
    CHECK(refusal({"vshelper", "restart", "-1"}) == "invalid xid '-1'");
    CHECK(refusal({"vshelper", "-x", "restart", "1"}) == "invalid option '-x' (try '--help')");
}

TEST_CASE("guest files hold the name and maybe the stop mark", "[vshelper]") {
    CHECK(vserver::parse_vshelper_run_file("a\n") == VshelperRunFile{"a", false});
    CHECK(vserver::parse_vshelper_run_file("my guest") == VshelperRunFile{"my guest", false});
    CHECK(vserver::parse_vshelper_run_file("a\ndefault\nstopping\n") == VshelperRunFile{"a", true});
    CHECK(vserver::parse_vshelper_run_file("a \r\nstopping\r\n") == VshelperRunFile{"a", true});
    CHECK_FALSE(vserver::parse_vshelper_run_file(""));
    CHECK_FALSE(vserver::parse_vshelper_run_file("\nstopping\n"));
    CHECK(vserver::vshelper_run_file_path("/run/vshelper", 42) == "/run/vshelper/42");
}

TEST_CASE("guest files are read, marked and removed", "[vshelper]") {
    TempDir run;
    auto none = vserver::read_vshelper_run_file(run.path(), 42);
    REQUIRE(none.ok());
    CHECK_FALSE(none.value());

    run.write("42", "a\n");
    auto file = vserver::read_vshelper_run_file(run.path(), 42);
    REQUIRE(file.ok());
    CHECK(file.value() == VshelperRunFile{"a", false});

    REQUIRE(vserver::mark_vshelper_stopping(run.path(), 42).ok());
    CHECK(slurp(run / "42") == "a\nstopping\n");
    file = vserver::read_vshelper_run_file(run.path(), 42);
    REQUIRE(file.ok());
    CHECK(file.value() == VshelperRunFile{"a", true});

    run.write("43", "b");
    REQUIRE(vserver::mark_vshelper_stopping(run.path(), 43).ok());
    CHECK(slurp(run / "43") == "b\nstopping\n");

    REQUIRE(vserver::remove_vshelper_run_file(run.path(), 42).ok());
    CHECK_FALSE(vserver::read_vshelper_run_file(run.path(), 42).value());
    CHECK(vserver::remove_vshelper_run_file(run.path(), 42).ok()); // gone already

    run.write("44", "\n");
    auto empty = vserver::read_vshelper_run_file(run.path(), 44);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message == "'" + run.path() + "/44' names no guest");

    auto missing = vserver::mark_vshelper_stopping(run.path(), 45);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().errnum == ENOENT);
}

TEST_CASE("restart, halt and poweroff start vserver detached", "[vshelper]") {
    const std::string tool = "/usr/sbin/vserver";
    CHECK(vserver::plan_vshelper(VshelperEvent::restart, 42, guest_a, tool) ==
          VshelperPlan{0,
                       "restart of guest 'a' (xid 42) requested",
                       FileChange::mark_stopping,
                       {tool, "a", "restart"}});
    CHECK(vserver::plan_vshelper(VshelperEvent::halt, 42, guest_a, tool) ==
          VshelperPlan{0,
                       "halt of guest 'a' (xid 42) requested",
                       FileChange::mark_stopping,
                       {tool, "a", "stop"}});
    CHECK(vserver::plan_vshelper(VshelperEvent::poweroff, 42, guest_a, tool) ==
          VshelperPlan{0,
                       "poweroff of guest 'a' (xid 42) requested",
                       FileChange::mark_stopping,
                       {tool, "a", "stop"}});
}

TEST_CASE("restart, halt and poweroff need a guest that is not being stopped", "[vshelper]") {
    const std::string tool = "/usr/sbin/vserver";
    CHECK(vserver::plan_vshelper(VshelperEvent::restart, 42, std::nullopt, tool) ==
          VshelperPlan{
              1, "restart of xid 42 requested, but no guest is registered", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::halt, 42, std::nullopt, tool).exit_code == 1);
    CHECK(
        vserver::plan_vshelper(VshelperEvent::restart, 42, stopping_a, tool) ==
        VshelperPlan{
            0, "restart of guest 'a' (xid 42) ignored: it is being stopped", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::poweroff, 42, stopping_a, tool) ==
          VshelperPlan{0,
                       "poweroff of guest 'a' (xid 42) ignored: it is being stopped",
                       FileChange::none,
                       {}});
}

TEST_CASE("swsusp, startup, netup and netdown only log", "[vshelper]") {
    const std::string tool = "/sbin/vserver";
    CHECK(vserver::plan_vshelper(VshelperEvent::swsusp, 42, guest_a, tool) ==
          VshelperPlan{0, "swsusp of guest 'a' (xid 42) ignored", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::swsusp, 42, std::nullopt, tool) ==
          VshelperPlan{0, "swsusp of xid 42 ignored", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::startup, 42, guest_a, tool) ==
          VshelperPlan{0, "startup of guest 'a' (xid 42)", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::startup, 42, std::nullopt, tool) ==
          VshelperPlan{0, "startup of xid 42 (no guest registered)", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::netup, 42, std::nullopt, tool) ==
          VshelperPlan{0, "netup of nid 42", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::netdown, 42, guest_a, tool) ==
          VshelperPlan{0, "netdown of nid 42", FileChange::none, {}});
}

TEST_CASE("shutdown cleans up after a guest that ended without vserver stop", "[vshelper]") {
    const std::string tool = "/usr/sbin/vserver";
    CHECK(vserver::plan_vshelper(VshelperEvent::shutdown, 42, guest_a, tool) ==
          VshelperPlan{0,
                       "shutdown of guest 'a' (xid 42) without 'vserver stop': stopping it",
                       FileChange::remove,
                       {tool, "a", "stop"}});
    CHECK(vserver::plan_vshelper(VshelperEvent::shutdown, 42, stopping_a, tool) ==
          VshelperPlan{
              0, "shutdown of guest 'a' (xid 42) while it is being stopped", FileChange::none, {}});
    CHECK(vserver::plan_vshelper(VshelperEvent::shutdown, 42, std::nullopt, tool) ==
          VshelperPlan{0, "shutdown of xid 42 (no guest registered)", FileChange::none, {}});
}

TEST_CASE("the vserver tool is found next to vshelper, then in the sbin folders", "[vshelper]") {
    std::vector<std::string> present;
    auto executable = [&](const std::string &p) {
        return std::find(present.begin(), present.end(), p) != present.end();
    };
    CHECK(vserver::find_vserver_tool("/opt/vserver", "/usr/sbin/vshelper", executable) ==
          "/opt/vserver");
    CHECK(vserver::find_vserver_tool("", "/usr/sbin/vshelper", executable) == "/sbin/vserver");
    present = {"/usr/sbin/vserver"};
    CHECK(vserver::find_vserver_tool("", "/opt/bin/vshelper", executable) == "/usr/sbin/vserver");
    present = {"/usr/sbin/vserver", "/opt/bin/vserver"};
    CHECK(vserver::find_vserver_tool("", "/opt/bin/vshelper", executable) == "/opt/bin/vserver");
    CHECK(vserver::find_vserver_tool("", "", executable) == "/usr/sbin/vserver");
}
