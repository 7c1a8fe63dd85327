// SPDX-License-Identifier: GPL-2.0-only
//
// Guests as a set: which are configured, their init marks, the start order
// their depends files give, and the command lines of vapt-get and
// vserver-start-marked (with what they do when no guest runs).

#include "argv.hpp"
#include "fake_syscall.hpp"
#include "guest_paths.hpp"
#include "guestset.hpp"
#include "tempdir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

using vserver::guest::Paths;
using vserver::guest::StartMarkedArgs;
using vserver::guest::VaptGetArgs;
using vserver::test::accepted;
using vserver::test::Argv;
using vserver::test::paths_in;
using vserver::test::refused;
using vserver::test::TempDir;
using Names = std::vector<std::string>;

namespace {

// A guest that load() accepts: a context, no interfaces, a vdir.
void guest(const TempDir &dir, const std::string &name, const std::string &depends = "",
           const std::string &mark = "") {
    dir.write("etc/" + name + "/context", "1001\n");
    dir.mkdir("vservers/" + name);
    if (!depends.empty())
        dir.write("etc/" + name + "/apps/init/depends", depends);
    if (!mark.empty())
        dir.write("etc/" + name + "/apps/init/mark", mark);
}

Names order_of(const Paths &p, const Names &selected) {
    auto order = vserver::guest::start_order(p, selected);
    if (!order)
        FAIL("start_order failed: " << order.error().message);
    return order.value();
}

std::string order_error(const Paths &p, const Names &selected) {
    auto order = vserver::guest::start_order(p, selected);
    REQUIRE_FALSE(order);
    CHECK(order.error().message.find('\n') == std::string::npos);
    return order.error().message;
}

struct Captured {
    int rc;
    std::string out, err;
};

template <typename Run> Captured captured(Run run) {
    std::ostringstream out, err;
    auto *old_out = std::cout.rdbuf(out.rdbuf());
    auto *old_err = std::cerr.rdbuf(err.rdbuf());
    const int rc = run();
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {rc, out.str(), err.str()};
}

} // namespace

TEST_CASE("configured_guests: the directories, sorted, without dot-names", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    CHECK(vserver::guest::configured_guests(p).empty()); // no confdir at all
    dir.mkdir("etc/b");
    dir.mkdir("etc/a");
    dir.mkdir("etc/.defaults");
    dir.mkdir("elsewhere/c");
    dir.write("etc/README", "not a guest\n");
    REQUIRE(::symlink((dir / "elsewhere/c").c_str(), (dir / "etc/c").c_str()) == 0);
    REQUIRE(::symlink((dir / "nowhere").c_str(), (dir / "etc/d").c_str()) == 0);
    CHECK(vserver::guest::configured_guests(p) == Names{"a", "b", "c"});
}

TEST_CASE("init_mark: the first line, trimmed", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    guest(dir, "a", "", "  default \nsecond line\n");
    guest(dir, "b", "", "other");
    guest(dir, "c");
    guest(dir, "d", "", "\n");
    CHECK(vserver::guest::init_mark(p, "a") == "default");
    CHECK(vserver::guest::init_mark(p, "b") == "other");
    CHECK(vserver::guest::init_mark(p, "c").empty());
    CHECK(vserver::guest::init_mark(p, "d").empty());
    CHECK(vserver::guest::init_mark(p, "nosuch").empty());
    CHECK(vserver::guest::marked_guests(p, "default") == Names{"a"});
    CHECK(vserver::guest::marked_guests(p, "other") == Names{"b"});
    CHECK(vserver::guest::marked_guests(p, "").empty());
}

TEST_CASE("init_depends: names, comments and blank lines", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    guest(dir, "a", "# the database first\n\n  db  \nweb # and the web\ndb\n\t\n");
    guest(dir, "b");
    auto a = vserver::guest::init_depends(p, "a");
    REQUIRE(a);
    CHECK(a.value() == Names{"db", "web"});
    auto b = vserver::guest::init_depends(p, "b");
    REQUIRE(b);
    CHECK(b.value().empty());
}

TEST_CASE("start_order: dependencies first, ties in name order", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    SECTION("independent guests go in name order") {
        guest(dir, "c");
        guest(dir, "a");
        guest(dir, "b");
        CHECK(order_of(p, {"c", "a", "b"}) == Names{"a", "b", "c"});
        CHECK(order_of(p, {}).empty());
    }
    SECTION("a chain, pulled in from its end") {
        guest(dir, "a", "b\n");
        guest(dir, "b", "c\n");
        guest(dir, "c");
        guest(dir, "z");
        CHECK(order_of(p, {"a"}) == Names{"c", "b", "a"});
        CHECK(order_of(p, {"a", "z"}) == Names{"c", "b", "a", "z"});
    }
    SECTION("a diamond: the shared dependency once, first") {
        guest(dir, "top", "left\nright\n");
        guest(dir, "left", "base\n");
        guest(dir, "right", "base\n");
        guest(dir, "base");
        CHECK(order_of(p, {"top"}) == Names{"base", "left", "right", "top"});
        // A guest free to go early goes by name, not by where it was found.
        guest(dir, "aaa");
        CHECK(order_of(p, {"top", "aaa"}) == Names{"aaa", "base", "left", "right", "top"});
    }
    SECTION("a dependency named later in name order still comes first") {
        guest(dir, "a", "zz\n");
        guest(dir, "zz");
        guest(dir, "m");
        CHECK(order_of(p, {"a", "m"}) == Names{"m", "zz", "a"});
    }
}

TEST_CASE("start_order: missing guests and cycles are one line", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    SECTION("a selected guest without configuration") {
        guest(dir, "a");
        CHECK(order_error(p, {"a", "x"}) == "no guest 'x' in " + p.confdir);
    }
    SECTION("a depends entry without configuration") {
        guest(dir, "a", "b\n");
        guest(dir, "b", "x\n");
        CHECK(order_error(p, {"a"}) == p.confdir + "/b/apps/init/depends: no guest 'x'");
    }
    SECTION("a depends entry that is no guest's name") {
        guest(dir, "a", "../a\n");
        CHECK(order_error(p, {"a"}) == p.confdir + "/a/apps/init/depends: no guest '../a'");
        dir.write("etc/a/apps/init/depends", ".defaults\n");
        dir.mkdir("etc/.defaults");
        CHECK(order_error(p, {"a"}) == p.confdir + "/a/apps/init/depends: no guest '.defaults'");
    }
    SECTION("two guests needing each other") {
        guest(dir, "a", "b\n");
        guest(dir, "b", "a\n");
        CHECK(order_error(p, {"a"}) == "dependency cycle: a -> b -> a");
        CHECK(order_error(p, {"b"}) == "dependency cycle: a -> b -> a");
    }
    SECTION("a guest needing itself") {
        guest(dir, "a", "a\n");
        CHECK(order_error(p, {"a"}) == "dependency cycle: a -> a");
    }
    SECTION("a longer cycle behind a free guest") {
        guest(dir, "app", "x\n");
        guest(dir, "x", "y\nfree\n");
        guest(dir, "y", "z\n");
        guest(dir, "z", "x\n");
        guest(dir, "free");
        CHECK(order_error(p, {"app"}) == "dependency cycle: x -> y -> z -> x");
    }
}

TEST_CASE("vapt-get: the command line", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    guest(dir, "a");
    guest(dir, "b");
    auto parse = [&p](int argc, char *argv[]) {
        return vserver::guest::parse_vapt_get_args(argc, argv, p);
    };
    using Select = VaptGetArgs::Select;

    auto named = accepted<VaptGetArgs>(parse, {"vapt-get", "b", "a", "b", "--", "install", "-y"});
    CHECK(named.select == Select::names);
    CHECK(named.names == Names{"a", "b"});
    CHECK(named.apt_args == Names{"install", "-y"});
    CHECK_FALSE(named.quiet);

    // apt-get's own options, and a later "--", stay apt-get's.
    auto all = accepted<VaptGetArgs>(
        parse, {"vapt-get", "--all", "--quiet", "--", "--all", "-q", "--", "x"});
    CHECK(all.select == Select::all);
    CHECK(all.quiet);
    CHECK(all.names.empty());
    CHECK(all.apt_args == Names{"--all", "-q", "--", "x"});

    CHECK(accepted<VaptGetArgs>(parse, {"vapt-get", "--running", "--", "update"}).select ==
          Select::running);
    auto marked = accepted<VaptGetArgs>(parse, {"vapt-get", "--marked", "web", "--", "update"});
    CHECK(marked.select == Select::marked);
    CHECK(marked.mark == "web");
    // Options after the names are still ours.
    CHECK(accepted<VaptGetArgs>(parse, {"vapt-get", "a", "-q", "--", "update"}).quiet);
    CHECK(accepted<VaptGetArgs>(parse, {"vapt-get", "--help"}).action ==
          vserver::cli::Action::help);
    CHECK(accepted<VaptGetArgs>(parse, {"vapt-get", "--version"}).action ==
          vserver::cli::Action::version);

    const std::string several = "give guest names or one of --all, --running and --marked, not "
                                "several; try '--help' for more information";
    CHECK(refused(parse, {"vapt-get", "--", "update"}).message ==
          "no guests selected (names, --all, --running or --marked <mark>); try '--help' for "
          "more information");
    CHECK(refused(parse, {"vapt-get", "-q"}).message ==
          "no guests selected (names, --all, --running or --marked <mark>); try '--help' for "
          "more information");
    CHECK(refused(parse, {"vapt-get", "a", "--all", "--", "update"}).message == several);
    CHECK(refused(parse, {"vapt-get", "--all", "--running", "--", "update"}).message == several);
    CHECK(refused(parse, {"vapt-get", "--marked", "x", "a", "--", "update"}).message == several);
    CHECK(refused(parse, {"vapt-get", "--marked", "x", "--marked", "y", "--", "update"}).message ==
          several);
    CHECK(refused(parse, {"vapt-get", "--all"}).message ==
          "missing '--' before the apt-get arguments; try '--help' for more information");
    CHECK(refused(parse, {"vapt-get", "a", "update"}).message ==
          "missing '--' before the apt-get arguments; try '--help' for more information");
    CHECK(refused(parse, {"vapt-get", "a", "--"}).message ==
          "no apt-get arguments after '--'; try '--help' for more information");
    CHECK(refused(parse, {"vapt-get", "a", "x", "--", "update"}).message ==
          "no guest 'x' in " + p.confdir);
    CHECK(refused(parse, {"vapt-get", "../a", "--", "update"}).message ==
          "no guest '../a' in " + p.confdir);
    CHECK(refused(parse, {"vapt-get", "--marked", "", "--", "update"}).message == "empty mark");
    CHECK(refused(parse, {"vapt-get", "--bogus", "a", "--", "update"}).message ==
          "invalid option '--bogus' (try '--help')");
    CHECK(refused(parse, {"vapt-get", "--marked", "--", "update"}).message ==
          "option '--marked' requires an argument (try '--help')");
    for (const auto &bad :
         {refused(parse, {"vapt-get", "--", "x"}), refused(parse, {"vapt-get", "--bogus"})})
        CHECK(bad.exit_code == 1);
}

TEST_CASE("vapt-get: stopped guests are skipped or fail", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    guest(dir, "a", "", "web\n");
    guest(dir, "b");
    dir.write("etc/broken/context", "not a number\n");
    vserver::test::FakeSyscall fake; // no context exists: nothing runs
    p.sys = &fake;

    VaptGetArgs all;
    all.select = VaptGetArgs::Select::all;
    all.apt_args = {"update"};
    auto r = captured([&] { return vserver::guest::run_vapt_get(all, p); });
    CHECK(r.rc == 1); // the broken configuration
    CHECK(r.out.empty());
    std::istringstream lines(r.err);
    std::string first, second, third, last;
    std::getline(lines, first);
    std::getline(lines, second);
    std::getline(lines, third);
    std::getline(lines, last);
    CHECK(first == "vapt-get: 'a' is not running; skipped");
    CHECK(second == "vapt-get: 'b' is not running; skipped");
    CHECK(third.rfind("vapt-get: " + p.confdir + "/broken/context: ", 0) == 0);
    CHECK(last == "vapt-get: apt-get failed in: broken");

    std::filesystem::remove_all(dir / "etc/broken");
    all.quiet = true;
    r = captured([&] { return vserver::guest::run_vapt_get(all, p); });
    CHECK(r.rc == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());

    VaptGetArgs named;
    named.names = {"a", "b"};
    named.apt_args = {"update"};
    r = captured([&] { return vserver::guest::run_vapt_get(named, p); });
    CHECK(r.rc == 1);
    CHECK(r.err == "vapt-get: 'a' is not running\nvapt-get: 'b' is not running\n"
                   "vapt-get: apt-get failed in: a b\n");

    VaptGetArgs marked;
    marked.select = VaptGetArgs::Select::marked;
    marked.mark = "web";
    marked.apt_args = {"update"};
    r = captured([&] { return vserver::guest::run_vapt_get(marked, p); });
    CHECK(r.rc == 1);
    CHECK(r.err == "vapt-get: 'a' is not running\nvapt-get: apt-get failed in: a\n");
    marked.mark = "db";
    r = captured([&] { return vserver::guest::run_vapt_get(marked, p); });
    CHECK(r.rc == 1);
    CHECK(r.err == "vapt-get: no guests marked 'db'\n");
}

TEST_CASE("vserver-start-marked: the command line", "[guestset]") {
    auto parse = vserver::guest::parse_start_marked_args;
    auto start = accepted<StartMarkedArgs>(parse, {"vserver-start-marked", "start"});
    CHECK(start.mark == "default");
    CHECK_FALSE(start.all);
    CHECK_FALSE(start.stop);
    auto stop = accepted<StartMarkedArgs>(parse, {"vserver-start-marked", "stop", "--mark", "db"});
    CHECK(stop.mark == "db");
    CHECK(stop.stop);
    CHECK(accepted<StartMarkedArgs>(parse, {"vserver-start-marked", "-m", "x", "start"}).mark ==
          "x");
    CHECK(accepted<StartMarkedArgs>(parse, {"vserver-start-marked", "--all", "stop"}).all);
    CHECK(accepted<StartMarkedArgs>(parse, {"vserver-start-marked", "--help"}).action ==
          vserver::cli::Action::help);

    CHECK(refused(parse, {"vserver-start-marked"}).message ==
          "missing command (start or stop); try '--help' for more information");
    CHECK(refused(parse, {"vserver-start-marked", "--all"}).message ==
          "missing command (start or stop); try '--help' for more information");
    CHECK(refused(parse, {"vserver-start-marked", "restart"}).message ==
          "unknown command 'restart' (start or stop); try '--help' for more information");
    CHECK(refused(parse, {"vserver-start-marked", "start", "stop"}).message ==
          "unexpected argument 'stop'; try '--help' for more information");
    CHECK(refused(parse, {"vserver-start-marked", "--mark", "x", "--all", "start"}).message ==
          "--mark and --all exclude each other; try '--help' for more information");
    CHECK(refused(parse, {"vserver-start-marked", "--mark", "", "start"}).message == "empty mark");
    CHECK(refused(parse, {"vserver-start-marked", "--bogus", "start"}).message ==
          "invalid option '--bogus' (try '--help')");
    CHECK(refused(parse, {"vserver-start-marked", "start", "--mark"}).message ==
          "option '--mark' requires an argument (try '--help')");
    CHECK(refused(parse, {"vserver-start-marked", "-x", "start"}).exit_code == 1);
}

TEST_CASE("vserver-start-marked: nothing marked, nothing running, bad dependencies", "[guestset]") {
    TempDir dir;
    Paths p = paths_in(dir);
    vserver::test::FakeSyscall fake;
    p.sys = &fake;
    auto run = [&p](std::initializer_list<const char *> words) {
        Argv argv(words);
        auto parsed = vserver::guest::parse_start_marked_args(argv.argc(), argv.argv());
        REQUIRE(std::holds_alternative<StartMarkedArgs>(parsed));
        return captured(
            [&] { return vserver::guest::run_start_marked(std::get<StartMarkedArgs>(parsed), p); });
    };

    auto none = run({"vserver-start-marked", "start"});
    CHECK(none.rc == 0);
    CHECK(none.out == "vserver-start-marked: no guests marked 'default'\n");
    CHECK(none.err.empty());
    CHECK(run({"vserver-start-marked", "--all", "stop"}).out ==
          "vserver-start-marked: no guests configured\n");

    guest(dir, "a", "b\n", "default\n");
    guest(dir, "b", "", "other\n");
    guest(dir, "c", "", "default\n");
    auto stop = run({"vserver-start-marked", "stop"});
    CHECK(stop.rc == 0);
    CHECK(stop.out == "vserver-start-marked: 'c' is not running\n"
                      "vserver-start-marked: 'a' is not running\n");
    CHECK(stop.err.empty());

    // Before anything is started: one line, exit 1.
    dir.write("etc/b/apps/init/depends", "a\n");
    auto cycle = run({"vserver-start-marked", "start"});
    CHECK(cycle.rc == 1);
    CHECK(cycle.out.empty());
    CHECK(cycle.err == "vserver-start-marked: dependency cycle: a -> b -> a\n");
    // Stopping goes on in reverse name order, and still fails.
    auto stop_anyway = run({"vserver-start-marked", "stop"});
    CHECK(stop_anyway.rc == 1);
    CHECK(stop_anyway.err == "vserver-start-marked: dependency cycle: a -> b -> a\n");
    CHECK(stop_anyway.out == "vserver-start-marked: 'c' is not running\n"
                             "vserver-start-marked: 'a' is not running\n");

    dir.write("etc/b/apps/init/depends", "gone\n");
    auto missing = run({"vserver-start-marked", "start"});
    CHECK(missing.rc == 1);
    CHECK(missing.err ==
          "vserver-start-marked: " + p.confdir + "/b/apps/init/depends: no guest 'gone'\n");
}
