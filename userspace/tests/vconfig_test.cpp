// SPDX-License-Identifier: GPL-2.0-only
//
// vserver configuration directories on a temporary folder: names and paths
// to directories, the context file syntax, "self", numbers and names as
// chxid -c takes them, and the context -> name mapping lsxid shows.

#include "fake_syscall.hpp"
#include "tempdir.hpp"
#include "vconfig.hpp"

#include <vserver/context_cmd.h>
#include <vserver/cvirt_cmd.h>

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

using vserver::test::FakeSyscall;
using vserver::test::TempDir;

namespace {

// A vserver "name" under dir with vdir and, when given, a context file.
void make_vserver(const TempDir &dir, const std::string &name, const char *context) {
    dir.mkdir(name + "/vdir");
    if (context != nullptr)
        dir.write(name + "/context", context);
}

// Answers get_vhi_name(VHIN_CONTEXT) with `name`.
void answer_vhi_name(FakeSyscall &fake, const std::string &name) {
    fake.on_call = [name](const vserver::test::Call &call, void *data) {
        if (call.cmd != VCMD_get_vhi_name)
            return;
        auto *vhi = static_cast<struct vcmd_vhi_name_v0 *>(data);
        std::memset(vhi->name, 0, sizeof vhi->name);
        std::memcpy(vhi->name, name.data(), name.size());
    };
}

} // namespace

TEST_CASE("vserver_config_dir: names, paths and the vdir entry", "[vconfig]") {
    TempDir dir;
    make_vserver(dir, "guest", nullptr);
    dir.mkdir("novdir");
    dir.write("plainvdir/vdir", "not a directory");
    REQUIRE(::symlink("/nonexistent", (dir.path() + "/linked").c_str()) == 0);
    dir.mkdir("linkvdir");
    REQUIRE(::symlink("/nonexistent", (dir.path() + "/linkvdir/vdir").c_str()) == 0);

    CHECK(vserver::vserver_config_dir("guest", dir.path()) == dir.path() + "/guest");
    CHECK(vserver::vserver_config_dir(dir.path() + "/guest", "/nonexistent") ==
          dir.path() + "/guest");
    CHECK(vserver::vserver_config_dir("linkvdir", dir.path()) == dir.path() + "/linkvdir");
    CHECK_FALSE(vserver::vserver_config_dir("novdir", dir.path()));
    CHECK_FALSE(vserver::vserver_config_dir("plainvdir", dir.path()));
    CHECK_FALSE(vserver::vserver_config_dir("missing", dir.path()));
    CHECK_FALSE(vserver::vserver_config_dir("", dir.path()));
}

TEST_CASE("vserver_config_dir: ./ and ../ are paths, other relative names are not", "[vconfig]") {
    TempDir dir;
    make_vserver(dir, "a/b", nullptr);
    char old[4096];
    REQUIRE(::getcwd(old, sizeof old) != nullptr);
    REQUIRE(::chdir(dir.path().c_str()) == 0);
    CHECK(vserver::vserver_config_dir("./a/b", "/nonexistent") == "./a/b");
    CHECK(vserver::vserver_config_dir("a/b", dir.path()) == dir.path() + "/a/b");
    CHECK_FALSE(vserver::vserver_config_dir("a/b", "/nonexistent"));
    REQUIRE(::chdir((dir.path() + "/a").c_str()) == 0);
    CHECK(vserver::vserver_config_dir("../a/b", "/nonexistent") == "../a/b");
    REQUIRE(::chdir(old) == 0);
}

TEST_CASE("parse_context_file: util-vserver's number files", "[vconfig]") {
    CHECK(vserver::parse_context_file("42") == 42U);
    CHECK(vserver::parse_context_file("42\n") == 42U);
    CHECK(vserver::parse_context_file("  42\nignored") == 42U);
    CHECK(vserver::parse_context_file("4294967295\n") == 4294967295U);
    CHECK_FALSE(vserver::parse_context_file(""));
    CHECK_FALSE(vserver::parse_context_file("\n"));
    CHECK_FALSE(vserver::parse_context_file("42 \n"));
    CHECK_FALSE(vserver::parse_context_file("-1\n"));
    CHECK_FALSE(vserver::parse_context_file("0x10\n"));
    CHECK_FALSE(vserver::parse_context_file("4294967296"));
    CHECK_FALSE(vserver::parse_context_file(std::string(48, ' ') + "1\n\n"));
}

TEST_CASE("vserver_context: <dir>/context, or one line naming the problem", "[vconfig]") {
    TempDir dir;
    make_vserver(dir, "guest", "1042\n");
    make_vserver(dir, "nocontext", nullptr);
    make_vserver(dir, "badcontext", "guest\n");
    CHECK(vserver::vserver_context("guest", dir.path()).value() == 1042U);
    CHECK(vserver::vserver_context(dir.path() + "/guest").value() == 1042U);

    auto missing = vserver::vserver_context("nosuch", dir.path());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().errnum == ENOENT);
    CHECK(missing.error().message ==
          "unknown context or vserver 'nosuch' (no " + dir.path() + "/nosuch/vdir)");

    auto nocontext = vserver::vserver_context("nocontext", dir.path());
    REQUIRE_FALSE(nocontext.ok());
    CHECK(nocontext.error().errnum == ENOENT);
    CHECK(nocontext.error().message == "vserver 'nocontext' has no static context (cannot read '" +
                                           dir.path() +
                                           "/nocontext/context': No such file or directory)");

    auto bad = vserver::vserver_context("badcontext", dir.path());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "invalid context in '" + dir.path() + "/badcontext/context'");
}

TEST_CASE("resolve_context_option: self, numbers, :name and names", "[vconfig]") {
    TempDir dir;
    make_vserver(dir, "guest", "1042\n");
    make_vserver(dir, "7up", "1007\n");

    FakeSyscall fake;
    fake.replies = {1099};
    CHECK(vserver::resolve_context_option("self", fake, dir.path()).value() == 1099U);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_task_xid);
    CHECK(fake.calls[0].id == 0U);

    FakeSyscall none;
    CHECK(vserver::resolve_context_option("42", none, dir.path()).value() == 42U);
    CHECK(vserver::resolve_context_option("0", none, dir.path()).value() == 0U);
    CHECK(vserver::resolve_context_option("guest", none, dir.path()).value() == 1042U);
    CHECK(vserver::resolve_context_option(":guest", none, dir.path()).value() == 1042U);
    CHECK(vserver::resolve_context_option("7up", none, dir.path()).value() == 1007U);
    CHECK(none.calls.empty());

    auto unknown = vserver::resolve_context_option("-1", none, dir.path());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message ==
          "unknown context or vserver '-1' (no " + dir.path() + "/-1/vdir)");
    CHECK_FALSE(vserver::resolve_context_option(":42", none, dir.path()).ok());
}

TEST_CASE("VserverNames: the name file, the directory, and the run file check", "[vconfig]") {
    TempDir dir;
    dir.mkdir("guest");
    dir.write("guest/run", "1042\n");
    dir.write("guest/name", "web server\n\n");
    const std::string cfg = dir.path() + "/guest";

    FakeSyscall fake;
    fake.replies = {0};
    answer_vhi_name(fake, cfg);
    vserver::VserverNames names(fake);
    CHECK(names.name_of(1042) == "web server");
    CHECK(names.name_of(1042) == "web server"); // asked once
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_get_vhi_name);
    CHECK(fake.calls[0].id == 1042U);

    SECTION("no name file: the last component, trailing slashes ignored") {
        dir.write("guest/name", "\n");
        FakeSyscall f;
        f.replies = {0};
        answer_vhi_name(f, cfg + "//");
        CHECK(vserver::VserverNames(f).name_of(1042) == "guest");
    }
    SECTION("a symlinked directory: the name of its target") {
        std::filesystem::remove(cfg + "/name");
        REQUIRE(::symlink(cfg.c_str(), (dir.path() + "/alias").c_str()) == 0);
        FakeSyscall f;
        f.replies = {0};
        answer_vhi_name(f, dir.path() + "/alias");
        CHECK(vserver::VserverNames(f).name_of(1042) == "guest");
    }
    SECTION("a run file naming another context: stale, no name") {
        FakeSyscall f;
        f.replies = {0};
        answer_vhi_name(f, cfg);
        CHECK_FALSE(vserver::VserverNames(f).name_of(1043));
    }
    SECTION("no run file: no name") {
        std::filesystem::remove(cfg + "/run");
        FakeSyscall f;
        f.replies = {0};
        answer_vhi_name(f, cfg);
        CHECK_FALSE(vserver::VserverNames(f).name_of(1042));
    }
    SECTION("a name that is not an absolute directory: no name") {
        FakeSyscall f;
        f.replies = {0};
        answer_vhi_name(f, "guest");
        CHECK_FALSE(vserver::VserverNames(f).name_of(1042));
    }
    SECTION("get_vhi_name fails: no name") {
        FakeSyscall f;
        f.replies = {-ESRCH};
        vserver::VserverNames failing(f);
        CHECK_FALSE(failing.name_of(1042));
        CHECK_FALSE(failing.name_of(1042));
        CHECK(f.calls.size() == 1);
    }
    SECTION("context 0 is never looked up") {
        FakeSyscall f;
        CHECK_FALSE(vserver::VserverNames(f).name_of(0));
        CHECK(f.calls.empty());
    }
}
