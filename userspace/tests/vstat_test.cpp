// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-stat: the command line, the parsers of /proc/uptime, cvirt and
// /proc/<pid>/stat, util-vserver's cells and columns, the names, and the
// whole table gathered from a fixture /proc and /etc/vservers.

#include "argv.hpp"
#include "tempdir.hpp"
#include "vstat.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <string>
#include <variant>
#include <vector>

using vserver::ContextStat;
using vserver::format_size;
using vserver::format_time;
using vserver::test::Argv;
using vserver::test::TempDir;

namespace {

const std::string cvirt_text = "BiasUptime:\t100.25\n"
                               "nr_threads:\t5\n"
                               "nr_running:\t1\n"
                               "nr_unintr:\t0\n"
                               "nr_onhold:\t0\n"
                               "load_updates:\t12\n"
                               "loadavg:\t0.00 0.01 0.05\n"
                               "total_forks:\t40\n"
                               "nr_processes:\t3\n"
                               "vm_kb:\t20480\n"
                               "rss_kb:\t1536\n"
                               "utime_ns:\t1500000000\n"
                               "stime_ns:\t250000000\n";

// A /proc/<pid>/stat line with the given fields (ticks, bytes, pages).
std::string stat_line(std::uint32_t pid, const std::string &comm, std::uint64_t utime,
                      std::uint64_t stime, std::uint64_t cutime, std::uint64_t cstime,
                      std::uint64_t start, std::uint64_t vsize, std::uint64_t rss) {
    return std::to_string(pid) + " (" + comm + ") S 1 1 1 0 -1 4194560 100 0 0 0 " +
           std::to_string(utime) + " " + std::to_string(stime) + " " + std::to_string(cutime) +
           " " + std::to_string(cstime) + " 20 0 1 0 " + std::to_string(start) + " " +
           std::to_string(vsize) + " " + std::to_string(rss) +
           " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
}

} // namespace

TEST_CASE("vserver-stat takes only --help and --version", "[vstat]") {
    Argv none{"vserver-stat"};
    auto parsed = vserver::parse_vserver_stat_args(none.argc(), none.argv());
    REQUIRE(std::holds_alternative<vserver::VserverStatArgs>(parsed));
    CHECK(std::get<vserver::VserverStatArgs>(parsed).action == vserver::cli::Action::run);

    Argv help{"vserver-stat", "--help"};
    parsed = vserver::parse_vserver_stat_args(help.argc(), help.argv());
    REQUIRE(std::holds_alternative<vserver::VserverStatArgs>(parsed));
    CHECK(std::get<vserver::VserverStatArgs>(parsed).action == vserver::cli::Action::help);

    Argv extra{"vserver-stat", "foo"};
    parsed = vserver::parse_vserver_stat_args(extra.argc(), extra.argv());
    REQUIRE(std::holds_alternative<vserver::cli::UsageError>(parsed));
    CHECK(std::get<vserver::cli::UsageError>(parsed).exit_code == 1);
    CHECK(std::get<vserver::cli::UsageError>(parsed).message ==
          "unexpected argument 'foo'; try '--help' for more information");

    Argv bad{"vserver-stat", "-x"};
    parsed = vserver::parse_vserver_stat_args(bad.argc(), bad.argv());
    REQUIRE(std::holds_alternative<vserver::cli::UsageError>(parsed));
    CHECK(std::get<vserver::cli::UsageError>(parsed).message ==
          "invalid option '-x' (try '--help')");
}

TEST_CASE("seconds with a fraction become milliseconds", "[vstat]") {
    CHECK(vserver::parse_seconds_ms("12345.67 54321.00\n") == 12345670U);
    CHECK(vserver::parse_seconds_ms("100.25") == 100250U);
    CHECK(vserver::parse_seconds_ms("7") == 7000U);
    CHECK(vserver::parse_seconds_ms("7.") == 7000U);
    CHECK(vserver::parse_seconds_ms("7.5") == 7500U);
    CHECK(vserver::parse_seconds_ms("7.123") == 7123U);
    CHECK_FALSE(vserver::parse_seconds_ms("7.1234"));
    CHECK_FALSE(vserver::parse_seconds_ms(""));
    CHECK_FALSE(vserver::parse_seconds_ms("x.5"));
    CHECK_FALSE(vserver::parse_seconds_ms("-1.5"));
    CHECK(vserver::parse_proc_uptime("3600.00 7000.10\n") == 3600000U);
}

TEST_CASE("cvirt files give the usage of a context", "[vstat]") {
    auto info = vserver::parse_cvirt(cvirt_text);
    REQUIRE(info.ok());
    CHECK(info.value() == vserver::CvirtInfo{100250, 3, 20480, 1536, 1500000000, 250000000});
}

TEST_CASE("cvirt files without the usage lines are refused", "[vstat]") {
    auto old = vserver::parse_cvirt("BiasUptime:\t1.00\nnr_threads:\t1\n");
    REQUIRE_FALSE(old.ok());
    CHECK(old.error().message == "no 'nr_processes' line");
    auto bad = vserver::parse_cvirt("BiasUptime:\tsoon\n");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "invalid 'BiasUptime' line");
    std::string broken = cvirt_text;
    broken.replace(broken.find("1536"), 4, "lots");
    auto r = vserver::parse_cvirt(broken);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "invalid 'rss_kb' line");
}

TEST_CASE("/proc/<pid>/stat lines are read after the command name", "[vstat]") {
    auto s = vserver::parse_proc_stat(stat_line(42, "a) (b c", 10, 20, 30, 40, 500, 8192, 3));
    REQUIRE(s);
    CHECK(*s == vserver::ProcStat{10, 20, 30, 40, 500, 8192, 3});
    CHECK_FALSE(vserver::parse_proc_stat("42 (x) S 1 2 3"));
    CHECK_FALSE(vserver::parse_proc_stat("no parenthesis"));
}

TEST_CASE("sizes are shortened like util-vserver's", "[vstat]") {
    CHECK(format_size(0) == "     0 ");
    CHECK(format_size(999) == "   999 ");
    CHECK(format_size(1000) == "   0.9K"); // 1000 >> 10 is 0, 10 * 1000 / 1024 is 9
    CHECK(format_size(1024) == "     1K");
    CHECK(format_size(1536) == "   1.5K");
    CHECK(format_size(1500) == "   1.4K");
    CHECK(format_size(20480ULL * 1024) == "    20M");
    CHECK(format_size(1536ULL * 1024) == "   1.5M");
    CHECK(format_size(999ULL * 1024) == "   999K");
    CHECK(format_size(3ULL << 30) == "     3G");
    CHECK(format_size(5ULL << 40) == "     5T");
    CHECK(format_size(~0ULL) == "  15.9+");
}

TEST_CASE("times are shortened like util-vserver's", "[vstat]") {
    CHECK(format_time(0) == "   0m00s00");
    CHECK(format_time(5) == "   0m00s05");
    CHECK(format_time(50) == "   0m00s50");
    CHECK(format_time(500) == "   0m00s50");
    CHECK(format_time(999) == "   0m00s99");
    CHECK(format_time(12 * 60000 + 7 * 1000 + 250) == "  12m07s25");
    CHECK(format_time(3600000) == "   1h00m00");
    CHECK(format_time(3600000 + 2 * 60000 + 3000) == "   1h02m03");
    const std::uint64_t day = 24ULL * 3600000;
    CHECK(format_time(day + 3 * 3600000 + 39 * 60000) == "   1d03h39");
    CHECK(format_time(999 * day) == " 999d00h00");
    CHECK(format_time(1000 * day + 5 * 3600000) == "   2y27d05"); // 1000 % 365 = 270
    CHECK(format_time(1094 * day) == "   2y36d00");               // 364 -> "36"
    CHECK(format_time(1095 * day) == "   3y00d00");
    CHECK(format_time(999ULL * 999 * day + day) == "   INVALID");
}

TEST_CASE("the header and rows use util-vserver's columns", "[vstat]") {
    const std::string header(vserver::stat_header());
    CHECK(header == "CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME");
    CHECK(header.find("PROC") + 4 == 10);
    CHECK(header.find("NAME") == 55);

    ContextStat row{42, 3, 20480ULL * 1024, 1536ULL * 1024, 1500, 250, 3600000, "guest1"};
    const std::string line = vserver::format_stat_row(row);
    CHECK(line == "42       3    20M   1.5M   0m01s50   0m00s25   1h00m00 guest1");
    CHECK(line.substr(0, 2) == "42");
    CHECK(line[9] == '3');
    CHECK(line.substr(10, 7) == "    20M");
    CHECK(line.substr(17, 7) == "   1.5M");
    CHECK(line.substr(24, 10) == "   0m01s50");
    CHECK(line.substr(34, 10) == "   0m00s25");
    CHECK(line.substr(44, 10) == "   1h00m00");
    CHECK(line.substr(55) == "guest1");

    ContextStat host{0, 123, 5ULL << 30, 300ULL << 20, 3600000, 60000, 86400000, "root server"};
    CHECK(vserver::format_stat_row(host) ==
          "0      123     5G   300M   1h00m00   1m00s00   1d00h00 root server");

    ContextStat long_name{7, 1, 0, 0, 0, 0, 0, "a-very-long-guest-name-indeed"};
    CHECK(vserver::format_stat_row(long_name).substr(55) == "a-very-long-guest-na");
    ContextStat no_name{7, 1, 0, 0, 0, 0, 0, ""};
    CHECK(vserver::format_stat_row(no_name).size() == 55);

    CHECK(vserver::format_stat_table({row}) == header + "\n" + line + "\n");
}

TEST_CASE("context names come from the configuration, the context name or the id", "[vstat]") {
    TempDir etc;
    etc.mkdir("alpha/vdir");
    etc.write("alpha/context", "42\n");
    etc.mkdir("beta");
    etc.write("beta/context", "43\n");
    etc.write("beta/name", "Beta Server\nignored\n");
    etc.mkdir(".defaults");
    etc.write(".defaults/context", "44\n");
    vserver::StatSources sources;
    sources.confdir = etc.path();
    sources.context_name = [](std::uint32_t xid) -> vserver::Result<std::string> {
        if (xid == 44)
            return std::string("/etc/vservers/gamma/");
        if (xid == 45)
            return std::string("plain");
        return vserver::error(ESRCH, "vc_get_vhi_name: No such process (ESRCH)");
    };
    CHECK(vserver::stat_context_name(0, sources) == "root server");
    CHECK(vserver::stat_context_name(1, sources) == "monitoring server");
    CHECK(vserver::stat_context_name(42, sources) == "alpha");
    CHECK(vserver::stat_context_name(43, sources) == "Beta Server");
    CHECK(vserver::stat_context_name(44, sources) == "gamma");
    CHECK(vserver::stat_context_name(45, sources) == "45");
    CHECK(vserver::stat_context_name(46, sources) == "46");
}

TEST_CASE("the table is gathered from /proc and /proc/virtual", "[vstat]") {
    TempDir proc;
    TempDir etc;
    proc.write("uptime", "7200.50 10000.00\n");
    // Host processes 1 and 200, a guest process 300 (left out), this
    // process 400 (left out), a process that vanished (500).
    proc.mkdir("1");
    proc.write("1/stat", stat_line(1, "init", 100, 50, 1000, 500, 10, 4 << 20, 256));
    proc.mkdir("200");
    proc.write("200/stat", stat_line(200, "sh", 200, 100, 0, 0, 3000, 8 << 20, 512));
    proc.mkdir("300");
    proc.write("300/stat", stat_line(300, "guest", 1, 1, 1, 1, 1, 1, 1));
    proc.mkdir("400");
    proc.write("400/stat", stat_line(400, "vserver-stat", 1, 1, 1, 1, 1, 1, 1));
    proc.mkdir("500");
    proc.mkdir("self");
    proc.mkdir("virtual/42");
    proc.write("virtual/42/cvirt", cvirt_text);
    proc.mkdir("virtual/7"); // ended: its file is gone
    proc.mkdir("virtual/9");
    proc.write("virtual/9/cvirt", "BiasUptime:\t1.00\n");
    proc.write("virtual/info", "VCIVersion:\t0002:0308\n");
    etc.mkdir("guest");
    etc.write("guest/context", "42\n");

    vserver::StatSources sources;
    sources.proc_root = proc.path();
    sources.confdir = etc.path();
    sources.clock_ticks = 100;
    sources.page_size = 4096;
    sources.self_pid = 400;
    std::vector<std::uint32_t> asked;
    sources.task_xid = [&](std::uint32_t pid) -> vserver::Result<std::uint32_t> {
        asked.push_back(pid);
        if (pid == 300)
            return 42U;
        if (pid == 500)
            return vserver::error(ESRCH, "vc_get_task_xid: No such process (ESRCH)");
        return 0U;
    };
    sources.context_name = [](std::uint32_t) -> vserver::Result<std::string> {
        return vserver::error(ESRCH, "vc_get_vhi_name: No such process (ESRCH)");
    };

    auto table = vserver::collect_context_stats(sources);
    REQUIRE(table.ok());
    CHECK(asked == std::vector<std::uint32_t>{1, 200, 300, 500});
    REQUIRE(table.value().rows.size() == 2);
    const auto &host = table.value().rows[0];
    CHECK(host == ContextStat{0, 2, 12ULL << 20, 768ULL * 4096, 1000 + 10000 + 2000,
                              500 + 5000 + 1000, 7200500 - 100, "root server"});
    const auto &guest = table.value().rows[1];
    CHECK(guest == ContextStat{42, 3, 20480ULL * 1024, 1536ULL * 1024, 1500, 250, 7200500 - 100250,
                               "guest"});
    REQUIRE(table.value().problems.size() == 1);
    CHECK(table.value().problems[0] == proc.path() + "/virtual/9/cvirt: no 'nr_processes' line");
}

TEST_CASE("a kernel without /proc/virtual is an error", "[vstat]") {
    TempDir proc;
    proc.write("uptime", "1.00 1.00\n");
    vserver::StatSources sources;
    sources.proc_root = proc.path();
    auto table = vserver::collect_context_stats(sources);
    REQUIRE_FALSE(table.ok());
    CHECK(table.error().errnum == ENOENT);
    CHECK(table.error().message == "cannot open '" + proc.path() +
                                       "/virtual': No such file or directory (is this a "
                                       "Linux-VServer kernel?)");
}
