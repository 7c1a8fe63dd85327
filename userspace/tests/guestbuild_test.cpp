// SPDX-License-Identifier: GPL-2.0-only

#include "guestbuild.hpp"

#include "argv.hpp"
#include "netaddr.hpp"
#include "tempdir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace vserver;
using namespace vserver::guest;
using vserver::test::Argv;
using vserver::test::TempDir;

namespace {

std::string build_error(const std::vector<std::string> &words, const std::string &name = "g") {
    auto r = parse_build_args(name, words);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find('\n') == std::string::npos);
    return r.error().message;
}

std::string slurp(const std::string &path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST_CASE("interfaces: --interface takes util-vserver's [NAME=][DEV:]IP[/PREFIX]", "[guestbuild]") {
    auto full = parse_interface_spec("web=eth0:192.168.0.2/24");
    REQUIRE(full);
    CHECK(full.value().name == "web");
    CHECK(full.value().dev == "eth0");
    CHECK(format_ipv4(full.value().ip) == "192.168.0.2");
    CHECK(full.value().prefix == 24);
    auto bare = parse_interface_spec("10.0.0.9");
    REQUIRE(bare);
    CHECK(bare.value().dev.empty());
    CHECK(bare.value().prefix == 32);
    auto mask = parse_interface_spec("eth1:10.0.0.9/255.255.0.0");
    REQUIRE(mask);
    CHECK(mask.value().prefix == 16);
    CHECK_FALSE(parse_interface_spec("eth0:10.0.0.300"));
    CHECK_FALSE(parse_interface_spec("eth0:10.0.0.1/255.0.255.0"));
    CHECK_FALSE(parse_interface_spec(":10.0.0.1"));
    CHECK_FALSE(parse_interface_spec("averyveryverylongdev:10.0.0.1"));
}

TEST_CASE("build's options and each method's", "[guestbuild]") {
    auto a = parse_build_args("web", {"-m", "debootstrap", "--context", "1201", "--hostname", "www",
                                      "--interface", "eth0:10.0.0.2/24", "--", "-d", "trixie", "-m",
                                      "http://m/debian", "--", "--no-check-gpg"});
    REQUIRE(a);
    CHECK(a.value().method == "debootstrap");
    CHECK(*a.value().xid == 1201);
    CHECK(a.value().hostname == "www");
    CHECK(a.value().dist == "trixie");
    CHECK(a.value().mirror == "http://m/debian");
    CHECK(a.value().debootstrap_options == std::vector<std::string>{"--no-check-gpg"});
    REQUIRE(a.value().interfaces.size() == 1);

    auto d = parse_build_args("web", {"-m", "debootstrap"});
    REQUIRE(d);
    CHECK(d.value().dist == "bookworm");
    CHECK_FALSE(d.value().xid);

    auto t = parse_build_args("web", {"--method=template", "--", "-t", "/x.tar", "-a", "i386"});
    REQUIRE(t);
    CHECK(t.value().tarball == "/x.tar");
    CHECK(t.value().arch == "i386");

    auto c = parse_build_args("web", {"-m", "clone", "--", "--source", "old"});
    REQUIRE(c);
    CHECK(c.value().excludes ==
          std::vector<std::string>{"/var/log", "/var/run", "/var/spool/mail"});
    auto c2 = parse_build_args("web",
                               {"-m", "clone", "--", "--source", "old", "--exclude", "/srv/cache"});
    REQUIRE(c2);
    CHECK(c2.value().excludes == std::vector<std::string>{"/srv/cache"});
}

TEST_CASE("bad build command lines: one line each", "[guestbuild]") {
    CHECK(build_error({"-m", "debootstrap"}, "../etc") ==
          "bad guest name '../etc' (letters, digits, '.', '_', '-'; at most 64)");
    CHECK(build_error({}) == "build: no method (-m debootstrap|template|clone)");
    CHECK(build_error({"-m", "rpm"}) ==
          "build: unknown method 'rpm' (debootstrap, template, clone)");
    CHECK(build_error({"-m", "debootstrap", "--", "-d", "etch"}) ==
          "build -m debootstrap: unknown distribution 'etch' (known: bullseye, bookworm, "
          "trixie, forky, sid, unstable)");
    CHECK(build_error({"-m", "debootstrap", "--interface", "eth0:10.1.2.256"})
              .find("build: --interface 'eth0:10.1.2.256': ") == 0);
    CHECK(build_error({"-m", "debootstrap", "--context", "1"}) ==
          "build: --context '1' is not a static context id (2..49151)");
    CHECK(build_error({"-m", "debootstrap", "--context", "49152"}) ==
          "build: --context '49152' is not a static context id (2..49151)");
    CHECK(build_error({"-m", "debootstrap", "--context"}) == "build: --context needs a value");
    CHECK(build_error({"-m", "debootstrap", "--bogus"}) == "build: unknown option '--bogus'");
    CHECK(build_error({"-m", "debootstrap", "--initstyle", "plain"}) ==
          "build: --initstyle 'plain' is not supported (sysv is)");
    CHECK(build_error({"-m", "debootstrap", "--rootdir", "rel"}) ==
          "build: --rootdir needs an absolute path");
    CHECK(build_error({"-m", "template"}) == "build -m template: no tarball (-- -t TARBALL)");
    CHECK(build_error({"-m", "clone", "--"}) == "build -m clone: no source (-- --source GUEST)");
    CHECK(build_error({"-m", "clone", "--", "--source", "a", "--exclude", "var"}) ==
          "build -m clone: --exclude 'var' is not an absolute path in the guest");
    CHECK(build_error({"-m", "template", "--", "-d", "x"}) ==
          "build -m template: unknown option '-d'");
    CHECK(build_error({"-m", "debootstrap", "--", "-a", "arm64"}) ==
          "build: unsupported architecture 'arm64' (amd64, i386)");
}

TEST_CASE("sources.list in today's spelling", "[guestbuild]") {
    CHECK(sources_list("bookworm", "http://deb.debian.org/debian",
                       "http://deb.debian.org/debian-security") ==
          "deb http://deb.debian.org/debian bookworm main non-free-firmware\n"
          "deb http://deb.debian.org/debian bookworm-updates main non-free-firmware\n"
          "deb http://deb.debian.org/debian-security bookworm-security main "
          "non-free-firmware\n");
    CHECK(sources_list("bullseye", "http://m/debian", "http://s/debian-security") ==
          "deb http://m/debian bullseye main\ndeb http://m/debian bullseye-updates main\n"
          "deb http://s/debian-security bullseye-security main\n");
    CHECK(sources_list("sid", "http://m/debian", "http://s") ==
          "deb http://m/debian sid main non-free-firmware\n");
}

TEST_CASE("the host's mirrors from sources.list and deb822 files", "[guestbuild]") {
    TempDir apt;
    apt.mkdir("sources.list.d");
    auto none = host_mirrors(apt.path());
    CHECK(none.debian == "http://deb.debian.org/debian");
    apt.write("sources.list.d/debian.sources",
              "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm "
              "bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: "
              "http://sec.example/debian-security\nSuites: bookworm-security\n");
    auto deb822 = host_mirrors(apt.path());
    CHECK(deb822.debian == "http://mirror.example/debian");
    CHECK(deb822.security == "http://sec.example/debian-security");
    TempDir apt2;
    apt2.write("sources.list", "# comment\ndeb [arch=amd64] http://m2/debian bookworm main\n"
                               "deb http://s2/debian-security bookworm-security main\n");
    auto list = host_mirrors(apt2.path());
    CHECK(list.debian == "http://m2/debian");
    CHECK(list.security == "http://s2/debian-security");
}

TEST_CASE("init scripts: the guest keeps rc, ssh, cron, syslog and no gettys", "[guestbuild]") {
    TempDir root;
    for (const char *d : {"etc/init.d", "etc/rc2.d", "etc/rcS.d", "etc/rc6.d"})
        root.mkdir(d);
    for (const char *s : {"rc", "rcS", "ssh", "cron", "rsyslog", "hwclock.sh", "reboot", "sendsigs",
                          "mountall.sh", "skeleton"})
        root.write(std::string("etc/init.d/") + s, "#!/bin/sh\n");
    for (const char *l :
         {"rc2.d/S02ssh", "rc2.d/S01rsyslog", "rc2.d/S02cron", "rcS.d/S01hwclock.sh",
          "rcS.d/S06mountall.sh", "rc6.d/K01reboot", "rc6.d/S02sendsigs"})
        ::symlink("../init.d/x", (root / (std::string("etc/") + l)).c_str());
    root.write("etc/inittab", "id:2:initdefault:\n1:2345:respawn:/sbin/getty 38400 tty1\n"
                              "#2:23:respawn:/sbin/getty 38400 tty2\n");
    auto removed = strip_init_scripts(root.path());
    std::sort(removed.begin(), removed.end());
    CHECK(removed == std::vector<std::string>{"hwclock.sh", "mountall.sh", "reboot"});
    CHECK(access((root / "etc/init.d/ssh").c_str(), F_OK) == 0);
    CHECK(access((root / "etc/init.d/hwclock.sh").c_str(), F_OK) != 0);
    struct stat st {};
    CHECK(lstat((root / "etc/rc2.d/S02ssh").c_str(), &st) == 0);
    CHECK(lstat((root / "etc/rc6.d/S02sendsigs").c_str(), &st) == 0);
    CHECK(lstat((root / "etc/rcS.d/S01hwclock.sh").c_str(), &st) != 0);
    // An unlinked script is no service: it stays.
    CHECK(access((root / "etc/init.d/skeleton").c_str(), F_OK) == 0);
    CHECK(slurp(root / "etc/inittab") ==
          "id:2:initdefault:\n#1:2345:respawn:/sbin/getty 38400 tty1\n"
          "#2:23:respawn:/sbin/getty 38400 tty2\n");
    CHECK(kept_init_script("inetutils-syslogd"));
    CHECK_FALSE(kept_init_script("halt"));
}

TEST_CASE("copy_tree: links, modes and excluded directories", "[guestbuild]") {
    TempDir t;
    t.mkdir("src/var/log/apt");
    t.mkdir("src/etc");
    t.write("src/var/log/syslog", "old log");
    t.write("src/var/log/apt/history.log", "x");
    t.write("src/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
    ::chmod((t / "src/etc/passwd").c_str(), 0640);
    ::link((t / "src/etc/passwd").c_str(), (t / "src/etc/passwd.hard").c_str());
    ::symlink("passwd", (t / "src/etc/passwd.sym").c_str());
    REQUIRE(copy_tree(t / "src", t / "dst", {"/var/log"}));
    CHECK(slurp(t / "dst/etc/passwd") == "root:x:0:0::/root:/bin/sh\n");
    struct stat a {
    }, b{};
    REQUIRE(::stat((t / "dst/etc/passwd").c_str(), &a) == 0);
    REQUIRE(::stat((t / "dst/etc/passwd.hard").c_str(), &b) == 0);
    CHECK((a.st_mode & 07777) == 0640);
    CHECK(a.st_ino == b.st_ino);
    struct stat src {};
    REQUIRE(::stat((t / "src/etc/passwd").c_str(), &src) == 0);
    CHECK(src.st_ino != a.st_ino); // a copy: the guests share no file
    char target[16] = {};
    CHECK(::readlink((t / "dst/etc/passwd.sym").c_str(), target, sizeof(target) - 1) == 6);
    CHECK(std::string(target) == "passwd");
    CHECK(std::filesystem::is_directory(t / "dst/var/log/apt"));
    CHECK_FALSE(std::filesystem::exists(t / "dst/var/log/syslog"));
    CHECK_FALSE(std::filesystem::exists(t / "dst/var/log/apt/history.log"));
}

TEST_CASE("newvserver's options map onto build", "[guestbuild]") {
    auto a = vserver::test::accepted<NewvserverArgs>(
        parse_newvserver_args,
        Argv{"newvserver", "--hostname", "example", "--domain", "example.net", "--ip",
             "192.168.0.2/24", "--dist", "trixie", "--interface", "eth0", "--context", "2001"});
    CHECK(a.build.name == "example");
    CHECK(a.build.method == "debootstrap");
    CHECK(a.build.domain == "example.net");
    CHECK(*a.build.xid == 2001);
    CHECK(a.build.dist == "trixie");
    REQUIRE(a.build.interfaces.size() == 1);
    CHECK(a.build.interfaces[0].dev == "eth0");
    CHECK(a.build.interfaces[0].prefix == 24);
    using vserver::test::refused;
    CHECK(refused(parse_newvserver_args, Argv{"newvserver", "--ip", "10.0.0.1"}).message ==
          "--hostname is required");
    CHECK(refused(parse_newvserver_args, Argv{"newvserver", "--hostname", "h"}).message ==
          "--ip is required");
    CHECK(refused(parse_newvserver_args,
                  Argv{"newvserver", "--hostname", "h", "--ip", "10.0.0.1", "--dist", "etch"})
              .message == "unknown distribution 'etch' (known: bullseye, bookworm, trixie, "
                          "forky, sid, unstable)");
    CHECK(refused(parse_newvserver_args, Argv{"newvserver", "--hostname", "h", "--ip", "1.2.3"})
              .message.find("--interface '1.2.3': ") == 0);
    CHECK(refused(parse_newvserver_args,
                  Argv{"newvserver", "--hostname", "h", "--ip", "10.0.0.1", "--context", "x"})
              .message == "--context 'x' is not a static context id (2..49151)");
}

TEST_CASE("a build refuses an existing guest and a used xid before making anything",
          "[guestbuild]") {
    TempDir t;
    Paths p;
    p.confdir = t / "etc";
    p.vdirbase = t / "vservers";
    t.mkdir("etc/old");
    t.write("etc/old/context", "1500\n");
    auto args = parse_build_args("old", {"-m", "template", "--", "-t", "/nonexistent.tar"});
    REQUIRE(args);
    CHECK(build(p, args.value()) == 1);
    auto used = parse_build_args(
        "new", {"-m", "template", "--context", "1500", "--", "-t", (t / "etc/old/context")});
    REQUIRE(used);
    CHECK(build(p, used.value()) == 1);
    CHECK_FALSE(std::filesystem::exists(t / "etc/new"));
    CHECK_FALSE(std::filesystem::exists(t / "vservers/new"));
    CHECK(free_xid(p).value_or(0) == first_auto_xid);
}

TEST_CASE("rsyslog in a guest does not read the host's kernel log", "[guestbuild]") {
    TempDir root;
    root.write("etc/rsyslog.conf", "module(load=\"imuxsock\")\nmodule(load=\"imklog\")\n"
                                   "#module(load=\"immark\")\n");
    CHECK(disable_kernel_log_input(root.path()));
    CHECK(slurp(root / "etc/rsyslog.conf") ==
          "module(load=\"imuxsock\")\n#module(load=\"imklog\") # the kernel log is the host's\n"
          "#module(load=\"immark\")\n");
    CHECK_FALSE(disable_kernel_log_input(root.path()));
    TempDir none;
    CHECK_FALSE(disable_kernel_log_input(none.path()));
}
