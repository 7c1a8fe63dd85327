// SPDX-License-Identifier: GPL-2.0-only
//
// vps: its command line, the CONTEXT cell, the column insertion for several
// ps layouts and the kernel lookups behind each cell.

#include "argv.hpp"
#include "fake_syscall.hpp"
#include "vps.hpp"

#include <vserver/context_cmd.h>
#include <vserver/cvirt_cmd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>
#include <variant>
#include <vector>

using vserver::format_context_cell;
using vserver::insert_context_column;
using vserver::test::FakeSyscall;

namespace {

// A cell naming the pid, to see which pid each row produced.
std::string pid_cell(std::optional<long> pid) {
    return format_context_cell(
        pid ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*pid)) : std::nullopt, "p");
}

std::string insert(std::string_view ps) {
    auto r = insert_context_column(ps, pid_cell);
    REQUIRE(r.ok());
    return r.value();
}

} // namespace

TEST_CASE("vps: only a first --help or --version is its own", "[vps]") {
    using vserver::cli::Action;
    using vserver::test::Argv;
    auto action = [](Argv argv) {
        auto parsed = vserver::parse_vps_args(argv.argc(), argv.argv());
        REQUIRE(std::holds_alternative<vserver::VpsArgs>(parsed));
        return std::get<vserver::VpsArgs>(parsed).action;
    };
    CHECK(action({"vps"}) == Action::run);
    CHECK(action({"vps", "aux"}) == Action::run);
    CHECK(action({"vps", "--help"}) == Action::help);
    CHECK(action({"vps", "--help", "x"}) == Action::help);
    CHECK(action({"vps", "--version"}) == Action::version);
    // Everything else belongs to ps: no abbreviations, no later --help.
    CHECK(action({"vps", "--hel"}) == Action::run);
    CHECK(action({"vps", "x", "--help"}) == Action::run);
    CHECK(action({"vps", "--bogus"}) == Action::run);
    CHECK(action({"vps", "--help=x"}) == Action::run);
}

TEST_CASE("a context cell is 20 characters", "[vps]") {
    CHECK(format_context_cell(0, "MAIN") == "    0 MAIN          ");
    CHECK(format_context_cell(1, "ALL_PROC") == "    1 ALL_PROC      ");
    CHECK(format_context_cell(42, "guest") == "   42 guest         ");
    CHECK(format_context_cell(65535, "") == "65535               ");
    CHECK(format_context_cell(std::nullopt, "") == "  ERR               ");
    CHECK(format_context_cell(42, "").size() == vserver::vps_context_width);
}

TEST_CASE("a cell of 20 or more characters gets one space instead of padding", "[vps]") {
    CHECK(format_context_cell(42, "1234567890123") == "   42 1234567890123 ");
    CHECK(format_context_cell(42, "12345678901234") == "   42 12345678901234 ");
    CHECK(format_context_cell(42, "123456789012345") == "   42 123456789012345 ");
    CHECK(format_context_cell(4294967295U, "/etc/vservers/guest") ==
          "4294967295 /etc/vservers/guest ");
}

TEST_CASE("vps names the host and the spectator", "[vps]") {
    CHECK(vserver::context_display_name(0, "x") == "MAIN");
    CHECK(vserver::context_display_name(1, "x") == "ALL_PROC");
    CHECK(vserver::context_display_name(42, "guest") == "guest");
    CHECK(vserver::context_display_name(42, "") == "");
}

TEST_CASE("a configuration directory as name shows the guest's name", "[vps]") {
    using vserver::context_display_name;
    CHECK(context_display_name(42, "/etc/vservers/guest") == "guest");
    CHECK(context_display_name(42, "/etc/vservers/guest//") == "guest");
    CHECK(context_display_name(42, "/etc/vservers/guest", "web server") == "web server");
    CHECK(context_display_name(42, "plain", "ignored") == "plain");
    CHECK(context_display_name(42, "/") == "/");
}

TEST_CASE("read_name_file reads the first line of <dir>/name", "[vps]") {
    char tmpl[] = "/tmp/vps_test.XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    const std::string dir = tmpl;
    CHECK(vserver::read_name_file(dir).empty());
    { std::ofstream(dir + "/name") << "guest-name\nmore\n"; }
    CHECK(vserver::read_name_file(dir) == "guest-name");
    std::remove((dir + "/name").c_str());
    ::rmdir(dir.c_str());
    CHECK(vserver::read_name_file("/nonexistent/dir").empty());
}

namespace {

std::string header_cell() { return "CONTEXT" + std::string(13, ' '); }

} // namespace

TEST_CASE("busybox ps: left-aligned heading over a 5-wide pid field", "[vps]") {
    const std::string ps = "PID   USER     TIME  COMMAND\n"
                           "    1 root      0:01 init\n"
                           "  123 root      0:00 -sh\n"
                           "12345 nobody    0:00 sleep 100\n"
                           "123456 root     0:00 overflow\n";
    CHECK(insert(ps) == "PID   " + header_cell() + "USER     TIME  COMMAND\n" + "    1 " +
                            pid_cell(1) + "root      0:01 init\n" + "  123 " + pid_cell(123) +
                            "root      0:00 -sh\n" + "12345 " + pid_cell(12345) +
                            "nobody    0:00 sleep 100\n" + "123456" + pid_cell(123456) +
                            " root     0:00 overflow\n");
}

TEST_CASE("procps ps: the column goes after \"PID \" like util-vserver", "[vps]") {
    const std::string ps = "  PID TTY          TIME CMD\n"
                           "    1 ?        00:00:01 init\n"
                           " 4711 pts/0    00:00:00 bash\n";
    CHECK(insert(ps) == "  PID " + header_cell() + "TTY          TIME CMD\n" + "    1 " +
                            pid_cell(1) + "?        00:00:01 init\n" + " 4711 " + pid_cell(4711) +
                            "pts/0    00:00:00 bash\n");
    CHECK(pid_cell(1) == "    1 p" + std::string(13, ' '));
}

TEST_CASE("ps aux layout: PID after USER, wide pids overflow left", "[vps]") {
    const std::string ps = "USER         PID %CPU COMMAND\n"
                           "root           1  0.0 init\n"
                           "www-data  123456  0.0 nginx\n";
    CHECK(insert(ps) == "USER         PID " + header_cell() + "%CPU COMMAND\n" +
                            "root           1 " + pid_cell(1) + " 0.0 init\n" +
                            "www-data  123456 " + pid_cell(123456) + " 0.0 nginx\n");
}

TEST_CASE("PPID before PID does not fool the heading search", "[vps]") {
    const std::string ps = " PPID   PID CMD\n"
                           "    0     1 init\n"
                           "    1   300 sshd\n";
    CHECK(insert(ps) == " PPID   PID " + header_cell() + "CMD\n" + "    0     1 " + pid_cell(1) +
                            "init\n" + "    1   300 " + pid_cell(300) + "sshd\n");
}

TEST_CASE("rows without a number in the PID column get the nullopt cell", "[vps]") {
    const std::string ps = "  PID CMD\n"
                           "   ?? odd\n"
                           "\n"
                           "x\n";
    const std::string err = pid_cell(std::nullopt);
    CHECK(err == "  ERR p             ");
    CHECK(insert(ps) == "  PID " + header_cell() + "CMD\n" + "   ?? " + err + "odd\n" + "\n" +
                            "x     " + err + "\n");
}

TEST_CASE("PID as the last heading and output without a final newline", "[vps]") {
    CHECK(insert("CMD   PID\ninit    1") ==
          "CMD   PID " + header_cell() + "\n" + "init    1 " + pid_cell(1) + "\n");
    CHECK(insert("  PID\n") == "  PID " + header_cell() + "\n");
}

TEST_CASE("output without a PID heading is an error", "[vps]") {
    for (const char *bad : {"", "\n", "USER COMMAND\n1 init\n", "PIDS CMD\n", "  xPID CMD\n"}) {
        INFO(bad);
        auto r = insert_context_column(bad, pid_cell);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "failed to parse the output of ps: no PID column");
    }
}

TEST_CASE("the lookup asks task_xid per pid and the name once per context", "[vps]") {
    FakeSyscall fake;
    const std::map<std::uint32_t, long> xid_of{{1, 0}, {50, 42}, {51, 42}, {60, 1}};
    fake.on_call = [&](const vserver::test::Call &c, void *data) {
        if (c.cmd == VCMD_task_xid) {
            auto it = xid_of.find(c.id);
            fake.replies.push_back(it == xid_of.end() ? -ESRCH : it->second);
        } else if (c.cmd == VCMD_get_vhi_name) {
            std::strcpy(static_cast<vcmd_vhi_name_v0 *>(data)->name, "guest");
            fake.replies.push_back(0);
        }
    };
    vserver::ContextCellLookup lookup(fake);
    CHECK(lookup(1) == "    0 MAIN          ");
    CHECK(lookup(50) == "   42 guest         ");
    CHECK(lookup(51) == "   42 guest         ");
    CHECK(lookup(60) == "    1 ALL_PROC      ");
    CHECK(lookup(99) == "  ERR               ");
    CHECK(lookup(std::nullopt) == "  ERR               ");

    std::vector<std::uint32_t> cmds;
    for (const auto &c : fake.calls)
        cmds.push_back(c.cmd);
    CHECK(cmds == std::vector<std::uint32_t>{VCMD_task_xid, VCMD_task_xid, VCMD_get_vhi_name,
                                             VCMD_task_xid, VCMD_task_xid, VCMD_task_xid});
    CHECK(fake.calls[2].id == 42U);
    CHECK(fake.calls[2].sent[0] == VHIN_CONTEXT);
}

TEST_CASE("the lookup shortens a configuration directory name", "[vps]") {
    FakeSyscall fake;
    fake.replies = {7, 0};
    fake.on_call = [](const vserver::test::Call &c, void *data) {
        if (c.cmd == VCMD_get_vhi_name)
            std::strcpy(static_cast<vcmd_vhi_name_v0 *>(data)->name, "/nonexistent/guest7");
    };
    vserver::ContextCellLookup lookup(fake);
    CHECK(lookup(100) == "    7 guest7        ");
}

TEST_CASE("a context without a readable name shows only its xid", "[vps]") {
    FakeSyscall fake;
    fake.replies = {7, -ESRCH};
    vserver::ContextCellLookup lookup(fake);
    CHECK(lookup(100) == "    7               ");
}
