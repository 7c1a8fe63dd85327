// SPDX-License-Identifier: GPL-2.0-only
//
// The guest configuration (/etc/vservers/NAME) and what start does
// without a kernel: files read and refused with one line naming the file,
// address labels, fstab and mount options, the stale-file purge and the
// utmp record.

#include "fake_syscall.hpp"
#include "guest.hpp"
#include "guest_paths.hpp"
#include "tempdir.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/mount.h>
#include <unistd.h>
#include <utmp.h>

using vserver::guest::Config;
using vserver::guest::Paths;
using vserver::test::paths_in;
using vserver::test::TempDir;

namespace {

// A guest "a" with one interface.
void write_guest(const TempDir &dir) {
    dir.write("etc/a/context", "1001\n");
    dir.write("etc/a/interfaces/0/ip", "10.0.0.1\n");
    dir.write("etc/a/interfaces/0/prefix", "24\n");
    dir.write("etc/a/interfaces/0/dev", "eth0\n");
    dir.write("etc/a/interfaces/0/name", "a\n");
    dir.mkdir("vservers/a");
}

} // namespace

TEST_CASE("a guest's configuration is read in util-vserver's layout", "[guest]") {
    TempDir dir;
    write_guest(dir);
    dir.write("etc/a/interfaces/1/ip", "10.0.1.1/16\n");
    dir.write("etc/a/interfaces/1/nodev", "");
    dir.write("etc/a/interfaces/2/ip", "10.0.2.1\n");
    dir.write("etc/a/interfaces/2/disabled", "");
    dir.write("etc/a/fstab", "# comment\nproc /proc proc defaults 0 0\n"
                             "none /tmp tmpfs size=16m,mode=1777 0 0\n");
    dir.write("etc/a/bcapabilities", "SYS_BOOT\n~CHOWN\n");
    dir.write("etc/a/nice", "5\n");
    dir.write("etc/a/name", "Guest A\n");
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
    CHECK(c.runlevel_stop == "6");
    CHECK(c.stop_timeout == 30);
    CHECK(c.dlimits.empty());
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
        {"etc/a/apps/init/runlevel", "35\n", "apps/init/runlevel: '35' is not a runlevel"},
        {"etc/a/apps/init/runlevel.stop", "x\n", "runlevel.stop: 'x' is not a runlevel"},
    };
    for (const auto &c : cases) {
        TempDir fresh;
        write_guest(fresh);
        fresh.write(c.file, c.text);
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
    dir.write("root/var/run/sshd.pid", "1");
    dir.write("root/var/run/sub/x.pid", "1");
    dir.write("root/var/run/utmp", "old records");
    dir.write("root/var/lock/lockfile", "1");
    dir.write("outside/keep", "host file");
    dir.write("outside/dir/keep", "host file");
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

TEST_CASE("interfaces take dev, prefix and mask from interfaces/", "[guest]") {
    TempDir dir;
    dir.write("etc/a/context", "1001\n");
    dir.write("etc/a/interfaces/dev", "br0\n");
    dir.write("etc/a/interfaces/mask", "255.255.0.0\n");
    dir.write("etc/a/interfaces/10/ip", "10.0.10.1\n");
    dir.write("etc/a/interfaces/2/ip", "10.0.2.1\n");
    dir.write("etc/a/interfaces/2/prefix", "24\n");
    dir.write("etc/a/interfaces/2/dev", "eth1\n");
    dir.write("etc/a/interfaces/2/name", "two\n");
    auto cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE(cfg);
    const auto &ifs = cfg.value().interfaces;
    REQUIRE(ifs.size() == 2);
    // util-vserver's glob order: "10" before "2"
    CHECK(ifs[0].id == "10");
    CHECK(ifs[0].dev == "br0");
    CHECK(ifs[0].prefix == 16);
    CHECK(vserver::guest::address_label(ifs[0]) == "br0");
    CHECK(ifs[1].id == "2");
    CHECK(ifs[1].dev == "eth1");
    CHECK(ifs[1].prefix == 24);
    CHECK(vserver::guest::address_label(ifs[1]) == "eth1:two");
}

TEST_CASE("an interface without dev or nodev is refused", "[guest]") {
    TempDir dir;
    dir.write("etc/a/context", "1001\n");
    dir.write("etc/a/interfaces/0/ip", "10.0.0.1\n");
    auto cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message ==
          dir / "etc/a/interfaces/0" + ": no device (dev, interfaces/dev or nodev)");
    dir.write("etc/a/interfaces/0/dev", "eth0:1\n");
    cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message ==
          dir / "etc/a/interfaces/0/dev" + ": 'eth0:1' is not a network device name");
    dir.write("etc/a/interfaces/mask", "255.0.255.0\n");
    dir.write("etc/a/interfaces/0/dev", "eth0\n");
    cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message.rfind(dir / "etc/a/interfaces/mask: ", 0) == 0);
}

TEST_CASE("dlimits and the stop timeout", "[guest]") {
    TempDir dir;
    write_guest(dir);
    dir.write("etc/a/dlimits/0/directory", "/vservers/a\n");
    dir.write("etc/a/dlimits/0/space_total", "1048576\n");
    dir.write("etc/a/dlimits/0/inodes_total", "-1\n");
    dir.write("etc/a/dlimits/0/reserved", "5\n");
    dir.write("etc/a/dlimits/1/disabled", "");
    dir.write("etc/a/apps/vshelper/sync-timeout", "7\n");
    auto cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE(cfg);
    REQUIRE(cfg.value().dlimits.size() == 1);
    const auto &d = cfg.value().dlimits[0];
    CHECK(d.directory == "/vservers/a");
    CHECK(d.space_total == 1048576U);
    CHECK(d.inodes_total == 0xffffffffU);
    CHECK(d.reserved == 5U);
    CHECK(cfg.value().stop_timeout == 7);

    struct Case {
        const char *file, *text, *message;
    } cases[] = {
        {"etc/a/dlimits/0/space_total", "1G\n", "dlimits/0/space_total: '1G' is not a number"},
        {"etc/a/dlimits/0/reserved", "101\n", "dlimits/0/reserved: '101' is not a percentage"},
        {"etc/a/dlimits/0/directory", "vservers/a\n",
         "dlimits/0/directory: 'vservers/a' is not "
         "absolute"},
        {"etc/a/apps/vshelper/sync-timeout", "0\n", "sync-timeout: '0' is not a number of seconds"},
    };
    for (const auto &c : cases) {
        TempDir fresh;
        write_guest(fresh);
        fresh.write("etc/a/dlimits/0/directory", "/vservers/a\n");
        fresh.write("etc/a/dlimits/0/space_total", "1\n");
        fresh.write("etc/a/dlimits/0/inodes_total", "1\n");
        fresh.write("etc/a/dlimits/0/reserved", "1\n");
        fresh.write(c.file, c.text);
        auto bad = vserver::guest::load(paths_in(fresh), "a");
        INFO(c.file);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().message.find(c.message) != std::string::npos);
    }
    TempDir missing;
    write_guest(missing);
    missing.write("etc/a/dlimits/0/directory", "/vservers/a\n");
    auto bad = vserver::guest::load(paths_in(missing), "a");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == missing / "etc/a/dlimits/0/space_total" + ": missing");
}

TEST_CASE("scripts: the guest's, in name order, else the defaults", "[guest]") {
    TempDir dir;
    write_guest(dir);
    auto cfg = vserver::guest::load(paths_in(dir), "a");
    REQUIRE(cfg);
    CHECK(vserver::guest::scriptlets(cfg.value(), "pre-start").empty());
    dir.write("etc/.defaults/scripts/pre-start", "true\n");
    CHECK(vserver::guest::scriptlets(cfg.value(), "pre-start") ==
          std::vector<std::string>{dir / "etc/.defaults/scripts/pre-start"});
    dir.write("etc/a/scripts/pre-start", "true\n");
    dir.write("etc/a/scripts/pre-start.d/20-b", "true\n");
    dir.write("etc/a/scripts/pre-start.d/10-a", "true\n");
    dir.write("etc/a/scripts/pre-start.d/10-a.rpmsave", "true\n");
    dir.mkdir("etc/a/scripts/pre-start.d/30-dir");
    CHECK(vserver::guest::scriptlets(cfg.value(), "pre-start") ==
          std::vector<std::string>{dir / "etc/a/scripts/pre-start",
                                   dir / "etc/a/scripts/pre-start.d/10-a",
                                   dir / "etc/a/scripts/pre-start.d/20-b"});
}

namespace {

// Runs the tool's run() with stdout and stderr captured.
struct Captured {
    int rc;
    std::string out, err;
};

Captured run_captured(const Paths &p, std::vector<std::string> words) {
    std::vector<char *> argv;
    for (auto &w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    auto parsed = vserver::guest::parse_vserver_args(static_cast<int>(words.size()), argv.data());
    REQUIRE(std::holds_alternative<vserver::guest::VserverArgs>(parsed));
    std::ostringstream out, err;
    auto *old_out = std::cout.rdbuf(out.rdbuf());
    auto *old_err = std::cerr.rdbuf(err.rdbuf());
    const int rc = vserver::guest::run(std::get<vserver::guest::VserverArgs>(parsed), p);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {rc, out.str(), err.str()};
}

} // namespace

TEST_CASE("status, running and exec: unknown, stopped, running", "[guest]") {
    TempDir dir;
    write_guest(dir);
    dir.mkdir("run");
    dir.mkdir("proc/virtual/1001");
    dir.write("proc/virtual/1001/cvirt",
              "BiasUptime:\t100.50\nnr_threads:\t3\nnr_processes:\t2\nvm_kb:\t10\n");
    dir.write("proc/uptime", "3825.62 100.00\n");
    vserver::test::FakeSyscall fake;
    Paths p = paths_in(dir);
    p.procdir = dir / "proc";
    p.sys = &fake;

    auto unknown = run_captured(p, {"vserver", "b", "status"});
    CHECK(unknown.rc == 5);
    CHECK(unknown.err == "vserver: Can not find a vserver-setup at '" + dir / "etc/b/" + "'\n");
    CHECK(fake.calls.empty());

    // No run file; the configured context does not exist (ESRCH).
    fake.replies = {-ESRCH};
    auto stopped = run_captured(p, {"vserver", "a", "status"});
    CHECK(stopped.rc == 3);
    CHECK(stopped.out == "Vserver 'a' is stopped\n");
    fake.replies = {-ESRCH};
    CHECK(run_captured(p, {"vserver", "a", "running"}).rc == 1);
    fake.replies = {-ESRCH};
    auto silent = run_captured(p, {"vserver", "--silent", "a", "status"});
    CHECK(silent.rc == 3);
    CHECK(silent.out.empty());
    fake.replies = {-ESRCH};
    auto exec = run_captured(p, {"vserver", "a", "exec", "true"});
    CHECK(exec.rc == 1);
    CHECK(exec.err == "'vserver ... suexec' is supported for running vservers only; aborting...\n");

    // The configured context exists but belongs to someone else.
    fake.calls.clear();
    fake.replies = {0, 0};
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        if (call.cmd == VCMD_get_vhi_name)
            std::strcpy(static_cast<vcmd_vhi_name_v0 *>(data)->name, "/vservers/other");
    };
    CHECK(run_captured(p, {"vserver", "a", "running"}).rc == 1);
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].cmd == VCMD_vx_info);
    CHECK(fake.calls[0].id == 1001U);
    CHECK(fake.calls[1].cmd == VCMD_get_vhi_name);

    // The run file names the context, which exists.
    dir.write("run/a", "1001\n");
    fake.calls.clear();
    fake.on_call = nullptr;
    fake.replies = {0};
    auto running = run_captured(p, {"vserver", "a", "status"});
    CHECK(running.rc == 0);
    CHECK(running.out == "Vserver 'a' is running at context '1001'\n"
                         "Number of processes: 2\n"
                         "Uptime: 1h02m05\n");
    fake.replies = {0};
    CHECK(run_captured(p, {"vserver", "a", "running"}).rc == 0);
    fake.replies = {0};
    auto del = run_captured(p, {"vserver", "a", "delete"});
    CHECK(del.rc == 1);
    CHECK(del.err == "vserver: vserver 'a' is running; stop it first\n");
    CHECK(std::filesystem::exists(dir / "etc/a"));
}

TEST_CASE("delete of a stopped guest with --silent asks nothing", "[guest]") {
    TempDir dir;
    write_guest(dir);
    dir.write("vservers/a/etc/hostname", "a\n");
    dir.write("outside/keep", "host file");
    std::filesystem::create_symlink(dir / "outside", dir / "vservers/a/link");
    vserver::test::FakeSyscall fake;
    Paths p = paths_in(dir);
    p.sys = &fake;
    fake.replies = {-ESRCH};
    auto del = run_captured(p, {"vserver", "--silent", "a", "delete"});
    CHECK(del.rc == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "etc/a"));
    CHECK_FALSE(std::filesystem::exists(dir / "vservers/a"));
    CHECK(std::filesystem::exists(dir / "outside/keep"));
}
