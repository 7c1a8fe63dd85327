// SPDX-License-Identifier: GPL-2.0-only
//
// The guest configuration (/etc/vservers/NAME) and what start does
// without a kernel: files read and refused with one line naming the file,
// address labels, fstab and mount options, the stale-file purge and the
// utmp record.

#include "guest.hpp"
#include "tempdir.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/mount.h>
#include <unistd.h>
#include <utmp.h>

using vserver::guest::Config;
using vserver::guest::Paths;
using vserver::test::TempDir;

namespace {

// TempDir::write with the parent directories made first.
void put(const TempDir &dir, const std::string &name, const std::string &text) {
    std::filesystem::create_directories(std::filesystem::path(dir / name).parent_path());
    std::ofstream(dir / name) << text;
}

Paths paths_in(const TempDir &dir) {
    Paths p;
    p.confdir = dir / "etc";
    p.rundir = dir / "run";
    p.helperdir = dir / "helper";
    p.vdirbase = dir / "vservers";
    return p;
}

// A guest "a" with one interface.
void write_guest(const TempDir &dir) {
    put(dir, "etc/a/context", "1001\n");
    put(dir, "etc/a/interfaces/0/ip", "10.0.0.1\n");
    put(dir, "etc/a/interfaces/0/prefix", "24\n");
    put(dir, "etc/a/interfaces/0/dev", "eth0\n");
    put(dir, "etc/a/interfaces/0/name", "a\n");
    dir.mkdir("vservers/a");
}

} // namespace

TEST_CASE("a guest's configuration is read in util-vserver's layout", "[guest]") {
    TempDir dir;
    write_guest(dir);
    put(dir, "etc/a/interfaces/1/ip", "10.0.1.1/16\n");
    put(dir, "etc/a/interfaces/1/nodev", "");
    put(dir, "etc/a/interfaces/2/ip", "10.0.2.1\n");
    put(dir, "etc/a/interfaces/2/disabled", "");
    put(dir, "etc/a/fstab",
        "# comment\nproc /proc proc defaults 0 0\n"
        "none /tmp tmpfs size=16m,mode=1777 0 0\n");
    put(dir, "etc/a/bcapabilities", "SYS_BOOT\n~CHOWN\n");
    put(dir, "etc/a/nice", "5\n");
    put(dir, "etc/a/name", "Guest A\n");
    auto cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE(cfg);
    const Config &c = cfg.value();
    CHECK(c.xid == 1001);
    CHECK(c.display_name == "Guest A");
    CHECK(c.vdir == dir / "vservers/a");
    REQUIRE(c.interfaces.size() == 2);
    CHECK(c.interfaces[0].ip == 0x0a000001U);
    CHECK(c.interfaces[0].prefix == 24);
    CHECK(c.interfaces[0].dev == "eth0");
    CHECK(vserver::guest::address_label(c.interfaces[0]) == "eth0:a");
    CHECK(c.interfaces[1].prefix == 16);
    CHECK(c.interfaces[1].dev.empty());
    REQUIRE(c.fstab.size() == 2);
    CHECK(c.fstab[1].target == "/tmp");
    CHECK(c.fstab[1].options == "size=16m,mode=1777");
    REQUIRE(c.bcaps);
    CHECK(c.bcaps->set != 0);
    CHECK(c.bcaps->clear == 1U); // CHOWN is capability 0
    CHECK(c.nice == 5);
    CHECK(c.initstyle == "sysv");
    CHECK(c.runlevel == "3");
}

TEST_CASE("bad configuration files are refused with their name", "[guest]") {
    TempDir dir;
    write_guest(dir);
    const auto p = paths_in(dir);
    struct Case {
        const char *file;
        const char *text;
        const char *message;
    } cases[] = {
        {"etc/a/interfaces/0/ip", "10.0.0.300\n", "interfaces/0/ip: '10.0.0.300' is not an IPv4"},
        {"etc/a/interfaces/0/prefix", "33\n", "interfaces/0/prefix: '33' is not a prefix"},
        {"etc/a/context", "1\n", "context: '1' is not a context id"},
        {"etc/a/context", "abc\n", "context: 'abc' is not a context id"},
        {"etc/a/flags", "no_such_flag\n", "/flags: "},
        {"etc/a/nice", "40\n", "nice: '40' is not a nice value"},
        {"etc/a/apps/init/style", "systemd\n", "unknown init style 'systemd'"},
        {"etc/a/fstab", "proc\n", "fstab: "},
        {"etc/a/personality", "vax\n", "unknown personality 'vax'"},
    };
    for (const auto &c : cases) {
        TempDir fresh;
        write_guest(fresh);
        put(fresh, c.file, c.text);
        auto cfg = vserver::guest::load(paths_in(fresh), "a");
        INFO(c.file);
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().message.find(c.message) != std::string::npos);
        CHECK(cfg.error().message.find('\n') == std::string::npos);
    }
    CHECK(vserver::guest::load(p, "a"));
}

TEST_CASE("an unknown guest is ENOENT; names cannot leave the directory", "[guest]") {
    TempDir dir;
    write_guest(dir);
    const auto p = paths_in(dir);
    CHECK(vserver::guest::exists(p, "a"));
    CHECK_FALSE(vserver::guest::exists(p, "b"));
    CHECK_FALSE(vserver::guest::exists(p, "../etc"));
    CHECK_FALSE(vserver::guest::exists(p, ".hidden"));
    auto cfg = vserver::guest::load(p, "b");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().errnum == ENOENT);
    CHECK(cfg.error().message.find("Can not find a vserver-setup") != std::string::npos);
}

TEST_CASE("fstab lines and mount options", "[guest]") {
    auto blank = vserver::guest::parse_fstab_line("   ");
    REQUIRE(blank);
    CHECK_FALSE(blank.value());
    auto line = vserver::guest::parse_fstab_line("devpts /dev/pts devpts gid=5,mode=620 0 0");
    REQUIRE(line);
    REQUIRE(line.value());
    CHECK(line.value()->type == "devpts");
    CHECK_FALSE(vserver::guest::parse_fstab_line("proc proc proc"));
    auto opts = vserver::guest::parse_mount_options("ro,nosuid,size=16m,defaults,mode=1777");
    CHECK(opts.flags == (MS_RDONLY | MS_NOSUID));
    CHECK(opts.data == "size=16m,mode=1777");
}

TEST_CASE("address labels fit IFNAMSIZ", "[guest]") {
    vserver::guest::Interface i;
    i.dev = "eth0";
    CHECK(vserver::guest::address_label(i) == "eth0");
    i.name = "averyveryverylongname";
    CHECK(vserver::guest::address_label(i) == "eth0:averyveryv");
}

TEST_CASE("the stale-file purge never follows a symlink", "[guest]") {
    TempDir dir;
    put(dir, "root/var/run/sshd.pid", "1");
    put(dir, "root/var/run/sub/x.pid", "1");
    put(dir, "root/var/run/utmp", "old records");
    put(dir, "root/var/lock/lockfile", "1");
    put(dir, "outside/keep", "host file");
    put(dir, "outside/dir/keep", "host file");
    std::filesystem::create_symlink(dir / "outside/keep", dir / "root/var/run/link");
    std::filesystem::create_symlink(dir / "outside/dir", dir / "root/var/lock/dirlink");
    const int root = ::open((dir / "root").c_str(), O_DIRECTORY | O_RDONLY);
    REQUIRE(root >= 0);
    vserver::guest::purge_stale_run_files(root);
    ::close(root);
    namespace fs = std::filesystem;
    CHECK_FALSE(fs::exists(dir / "root/var/run/sshd.pid"));
    CHECK_FALSE(fs::exists(dir / "root/var/run/sub/x.pid"));
    CHECK(fs::is_directory(dir / "root/var/run/sub"));
    CHECK(fs::file_size(dir / "root/var/run/utmp") == 0);
    CHECK_FALSE(fs::exists(dir / "root/var/lock/lockfile"));
    CHECK_FALSE(fs::is_symlink(dir / "root/var/run/link"));
    CHECK_FALSE(fs::is_symlink(dir / "root/var/lock/dirlink"));
    CHECK(fs::exists(dir / "outside/keep"));
    CHECK(fs::exists(dir / "outside/dir/keep"));
}

TEST_CASE("the runlevel record is a utmp RUN_LVL entry", "[guest]") {
    auto bytes = vserver::guest::runlevel_record('3');
    REQUIRE(bytes.size() == sizeof(struct utmp));
    struct utmp ut {};
    std::memcpy(&ut, bytes.data(), sizeof ut);
    CHECK(ut.ut_type == RUN_LVL);
    CHECK(ut.ut_pid == '3' + 256 * 'N');
    CHECK(std::string(ut.ut_user) == "runlevel");
}

TEST_CASE("the command line", "[guest]") {
    auto parse = [](std::vector<std::string> words) {
        std::vector<char *> argv;
        for (auto &w : words)
            argv.push_back(w.data());
        argv.push_back(nullptr);
        return vserver::guest::parse_vserver_args(static_cast<int>(words.size()), argv.data());
    };
    auto ok = parse({"vserver", "--silent", "a", "exec", "ls", "-l"});
    REQUIRE(std::holds_alternative<vserver::guest::VserverArgs>(ok));
    const auto &args = std::get<vserver::guest::VserverArgs>(ok);
    CHECK(args.name == "a");
    CHECK(args.command == "exec");
    CHECK(args.rest == std::vector<std::string>{"ls", "-l"});
    CHECK(std::holds_alternative<vserver::cli::UsageError>(parse({"vserver", "a", "fly"})));
    CHECK(std::holds_alternative<vserver::cli::UsageError>(parse({"vserver", "a"})));
    CHECK(std::holds_alternative<vserver::cli::UsageError>(parse({"vserver", "a", "suexec", "u"})));
}

TEST_CASE("status and running of a guest that never started", "[guest]") {
    TempDir dir;
    write_guest(dir);
    auto cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE(cfg);
    CHECK_FALSE(vserver::guest::running(paths_in(dir), cfg.value()));
}
