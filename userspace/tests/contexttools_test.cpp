// SPDX-License-Identifier: GPL-2.0-only
//
// vcontext, vattribute, vkill, vwait and vuname: every option, good and
// bad (one-line message and exit status), the commands each one sends
// against the fake syscall, and vwait's status lines.

#include "argv.hpp"
#include "contexttools.hpp"
#include "fake_syscall.hpp"
#include "tempdir.hpp"
#include "version.hpp"

#include <vserver/context.h>
#include <vserver/context_cmd.h>
#include <vserver/cvirt_cmd.h>
#include <vserver/signal_cmd.h>
#include <vserver/switch.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using vserver::BitList;
using vserver::WaitOutcome;
using vserver::WaitStatus;
using vserver::cli::Action;
using vserver::cli::UsageError;
using vserver::test::accepted;
using vserver::test::Argv;
using vserver::test::Bytes;
using vserver::test::cat;
using vserver::test::commands;
using vserver::test::FakeSyscall;
using vserver::test::le32;
using vserver::test::le64;
using vserver::test::refused;
using vserver::test::TempDir;

namespace {

auto vcontext = [](int argc, char **argv) { return vserver::parse_vcontext_args(argc, argv); };
auto vattribute = [](int argc, char **argv) { return vserver::parse_vattribute_args(argc, argv); };
auto vkill = [](int argc, char **argv) { return vserver::parse_vkill_args(argc, argv); };
auto vwait = [](int argc, char **argv) { return vserver::parse_vwait_args(argc, argv); };
auto vuname = [](int argc, char **argv) { return vserver::parse_vuname_args(argc, argv); };

vserver::VcontextArgs vcontext_ok(Argv argv) {
    return accepted<vserver::VcontextArgs>(vcontext, std::move(argv));
}
vserver::VattributeArgs vattribute_ok(Argv argv) {
    return accepted<vserver::VattributeArgs>(vattribute, std::move(argv));
}
vserver::VkillArgs vkill_ok(Argv argv) {
    return accepted<vserver::VkillArgs>(vkill, std::move(argv));
}
vserver::VwaitArgs vwait_ok(Argv argv) {
    return accepted<vserver::VwaitArgs>(vwait, std::move(argv));
}
vserver::VunameArgs vuname_ok(Argv argv) {
    return accepted<vserver::VunameArgs>(vuname, std::move(argv));
}

const std::string help_hint = "try '--help' for more information";

} // namespace

// --- vcontext ---------------------------------------------------------------

TEST_CASE("vcontext --create takes --xid and the setup options", "[vcontext]") {
    auto args = vcontext_ok({"vcontext",
                             "--create",
                             "--xid",
                             "42",
                             "--chroot",
                             "--uid",
                             "7",
                             "--endsetup",
                             "--disconnect",
                             "--closefd",
                             "--silent",
                             "--silent",
                             "--silentexist",
                             "--syncsock",
                             "/s",
                             "--syncmsg",
                             "go",
                             "--",
                             "ls",
                             "-l"});
    CHECK(args.action == Action::run);
    CHECK(args.create);
    CHECK_FALSE(args.migrate);
    REQUIRE(args.xid);
    CHECK_FALSE(args.xid->self);
    CHECK(args.xid->xid == 42U);
    CHECK(args.chroot);
    CHECK(args.uid == 7U);
    CHECK(args.endsetup);
    CHECK(args.disconnect);
    CHECK(args.closefd);
    CHECK(args.verbosity == -1);
    CHECK(args.silentexist);
    CHECK(args.sync_sock == "/s");
    CHECK(args.sync_msg == "go");
    CHECK(args.command == 18);

    auto plain = vcontext_ok({"vcontext", "--create", "true"});
    CHECK_FALSE(plain.xid);
    CHECK(plain.verbosity == 1);
    CHECK_FALSE(plain.sync_sock);
    CHECK(plain.sync_msg == "ok");
    CHECK(plain.command == 2);
}

TEST_CASE("vcontext --migrate, --migrate-self and the aliases", "[vcontext]") {
    auto migrate = vcontext_ok({"vcontext", "--migrate", "--ctx", "self", "--fakeinit", "sh"});
    CHECK(migrate.migrate);
    CHECK_FALSE(migrate.migrate_self);
    REQUIRE(migrate.xid);
    CHECK(migrate.xid->self);
    CHECK(migrate.initpid);

    auto self = vcontext_ok({"vcontext", "--migrate-self", "--initpid", "sh"});
    CHECK(self.migrate);
    CHECK(self.migrate_self);
    CHECK(self.initpid);

    // Options stop at the program ('+').
    auto stop = vcontext_ok({"vcontext", "--create", "ls", "--bogus"});
    CHECK(stop.command == 2);
}

TEST_CASE("vcontext --help and --version stop parsing", "[vcontext]") {
    CHECK(vcontext_ok({"vcontext", "--help", "--bogus"}).action == Action::help);
    CHECK(vcontext_ok({"vcontext", "--version"}).action == Action::version);
}

TEST_CASE("vcontext refuses bad command lines with util-vserver's messages and 255", "[vcontext]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(vcontext, std::move(argv));
        CHECK(bad.message == message);
        CHECK(bad.exit_code == 255);
    };
    check({"vcontext"}, "Neither '--create' nor '--migrate' specified; " + help_hint);
    check({"vcontext", "--create", "--migrate-self", "--", "true"},
          "Can not specify '--create' and '--migrate' at the same time; " + help_hint);
    check({"vcontext", "--create", "--initpid", "true"},
          "'--initpid' is possible in combination with '--migrate' only");
    check({"vcontext", "--migrate", "true"}, "Can not migrate to an unknown context");
    check({"vcontext", "--create", "--xid", "42"},
          "No command given; use '--help' for more information.");
    check({"vcontext", "--migrate", "--xid", "guest", "true"},
          "invalid context 'guest' (a number or 'self')");
    check({"vcontext", "--create", "--uid", "root", "true"}, "Uid 'root' is not a number");
    check({"vcontext", "--create", "--uid", "-1", "true"}, "Uid '-1' is not a number");
    check({"vcontext", "--bogus"}, "invalid option '--bogus' (try '--help')");
    check({"vcontext", "-x"}, "invalid option '-x' (try '--help')");
    check({"vcontext", "--create", "--xid"}, "option '--xid' requires an argument (try '--help')");
    // Ambiguous: --silent or --silentexist.
    check({"vcontext", "--sil", "--create", "true"}, "invalid option '--sil' (try '--help')");
    check({"vcontext", "--create=1", "true"}, "invalid option '--create=1' (try '--help')");
}

TEST_CASE("vcontext acts on the caller's context, the one given or a dynamic one", "[vcontext]") {
    FakeSyscall fake;
    fake.replies = {40};
    CHECK(vserver::vcontext_xid(vcontext_ok({"vcontext", "--migrate-self", "sh"}), fake).value() ==
          40U);
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_task_xid});
    fake.calls.clear();
    fake.replies = {41};
    CHECK(vserver::vcontext_xid(vcontext_ok({"vcontext", "--migrate", "--xid", "self", "sh"}), fake)
              .value() == 41U);
    CHECK(fake.calls.size() == 1);
    fake.calls.clear();
    CHECK(vserver::vcontext_xid(vcontext_ok({"vcontext", "--migrate", "--xid", "9", "sh"}), fake)
              .value() == 9U);
    CHECK(vserver::vcontext_xid(vcontext_ok({"vcontext", "--create", "sh"}), fake).value() ==
          vserver::dynamic_xid);
    CHECK(fake.calls.empty());
}

// --- vattribute -------------------------------------------------------------

TEST_CASE("vattribute reads --xid, --get/--set and the lists", "[vattribute]") {
    auto args = vattribute_ok({"vattribute", "--xid", "42", "--get", "--set", "--flag", "virt_mem",
                               "--ccap", "~set_utsname", "--bcap", "CHOWN", "--umask", "newuts",
                               "--", "true"});
    CHECK_FALSE(args.get);
    REQUIRE(args.xid);
    CHECK(args.xid->xid == 42U);
    CHECK(args.flags.set == VXF_VIRT_MEM);
    CHECK(args.ccaps.clear == VXC_SET_UTSNAME);
    CHECK(args.bcaps.set == 1U); // CAP_CHOWN
    CHECK(args.umask.set == static_cast<std::uint64_t>(CLONE_NEWUTS));
    CHECK(args.command == 14);
    CHECK_FALSE(args.secure);

    auto get = vattribute_ok({"vattribute", "--get"});
    CHECK(get.get);
    CHECK_FALSE(get.xid);
    CHECK(get.command == 2);
    CHECK(vattribute_ok({"vattribute", "--help"}).action == Action::help);
    CHECK(vattribute_ok({"vattribute", "--version"}).action == Action::version);
}

TEST_CASE("vattribute refuses bad lists with 1, bad options with 255", "[vattribute]") {
    auto check = [](Argv argv, const std::string &message, int code) {
        auto bad = refused(vattribute, std::move(argv));
        CHECK(bad.message == message);
        CHECK(bad.exit_code == code);
    };
    check({"vattribute", "--set", "--flag", "virt_mem,nosuch"}, "unknown flag 'nosuch'", 1);
    check({"vattribute", "--set", "--ccap", "~chown"}, "unknown ccap 'chown'", 1);
    check({"vattribute", "--set", "--bcap", "CAP_FOO"}, "unknown bcap 'CAP_FOO'", 1);
    check({"vattribute", "--set", "--umask", "newfoo"}, "unknown namespace 'newfoo'", 1);
    check({"vattribute", "--set", "--bcap", "CHOWN,^64"}, "bad bit number in '^64' (0..63)", 1);
    check({"vattribute", "--set", "--flag", "nproc,"}, "empty flag name in list", 1);
    check({"vattribute", "--xid", "x", "--get"}, "invalid context 'x' (a number or 'self')", 1);
    check({"vattribute", "--bogus"}, "invalid option '--bogus' (try '--help')", 255);
    check({"vattribute", "--xid"}, "option '--xid' requires an argument (try '--help')", 255);
    check({"vattribute", "--s"}, "invalid option '--s' (try '--help')", 255); // set, secure
}

TEST_CASE("vattribute --secure replaces earlier choices, later ones apply on top", "[vattribute]") {
    auto args = vattribute_ok({"vattribute", "--bcap", "SYS_ADMIN", "--flag", "virt_mem", "--umask",
                               "newuts", "--secure", "--bcap", "~CHOWN", "--ccap", "raw_icmp"});
    CHECK(args.secure);
    CHECK(args.bcaps == BitList{0, 1}); // only what came after --secure
    CHECK(args.flags == BitList{});     // virt_mem is gone
    CHECK(args.umask.set == static_cast<std::uint64_t>(CLONE_NEWUTS)); // not part of --secure

    // A kernel with every feature: version 2.3, all VCI bits.
    FakeSyscall fake;
    fake.replies = {0x00020308, 0x7fffffff};
    vserver::vattribute_resolve_secure(args, fake);
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_version, VCMD_get_vci});
    CHECK_FALSE(args.secure);
    const std::uint64_t raw_icmp = *vserver::lookup_bit_name(vserver::BitKind::ccap, "raw_icmp");
    const auto vshelper = vserver::is_supported("VSHELPER", 0x00020308, 0x7fffffff);
    const auto migrate = vserver::is_supported("MIGRATE", 0x00020308, 0x7fffffff);
    const std::uint64_t bcaps = vserver::secure_bcaps(vshelper, migrate) & ~std::uint64_t{1};
    CHECK(args.bcaps == BitList{bcaps, ~bcaps});
    const std::uint64_t ccaps = ~vserver::insecure_ccaps() | raw_icmp;
    CHECK(args.ccaps == BitList{ccaps, ~ccaps});
    CHECK(args.flags == BitList{VXF_HIDE_NETIF, 0});

    // Without --secure nothing is asked.
    FakeSyscall none;
    auto plain = vattribute_ok({"vattribute", "--flag", "virt_mem"});
    vserver::vattribute_resolve_secure(plain, none);
    CHECK(none.calls.empty());
    CHECK(plain.flags == BitList{VXF_VIRT_MEM, 0});
}

TEST_CASE("vattribute --set sends ccaps and bcaps together, then flags and umask", "[vattribute]") {
    FakeSyscall fake;
    fake.replies = {0, 0, 0, 0};
    auto args = vattribute_ok(
        {"vattribute", "--set", "--bcap", "~CHOWN", "--flag", "virt_mem", "--umask", "newuts"});
    REQUIRE(vserver::vattribute_set(args, 42, fake).ok());
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_set_ccaps, VCMD_set_bcaps,
                                                       VCMD_set_cflags, VCMD_set_umask});
    for (const auto &c : fake.calls)
        CHECK(c.id == 42U);
    CHECK(fake.calls[0].sent == cat({le64(0), le64(0)}));
    CHECK(fake.calls[1].sent == cat({le64(0), le64(1)}));
    CHECK(fake.calls[2].sent == cat({le64(VXF_VIRT_MEM), le64(VXF_VIRT_MEM)}));
    const auto uts = static_cast<std::uint64_t>(CLONE_NEWUTS);
    CHECK(fake.calls[3].sent == cat({le64(uts), le64(uts)}));

    // Nothing to change: nothing sent; a refusal ends it.
    FakeSyscall quiet;
    REQUIRE(vserver::vattribute_set(vattribute_ok({"vattribute", "--set"}), 42, quiet).ok());
    CHECK(quiet.calls.empty());
    FakeSyscall refusing;
    refusing.replies = {-EPERM};
    auto r =
        vserver::vattribute_set(vattribute_ok({"vattribute", "--ccap", "raw_icmp"}), 42, refusing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EPERM);
    CHECK(refusing.calls.size() == 1);
}

TEST_CASE("vattribute --get prints bcaps, ccaps, flags and the umask when there is one",
          "[vattribute]") {
    FakeSyscall fake;
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        if (call.cmd == VCMD_get_cflags)
            vserver::test::fill(data, vcmd_ctx_flags_v0{VXF_VIRT_MEM, 0});
        else if (call.cmd == VCMD_get_ccaps)
            vserver::test::fill(data, vcmd_ctx_caps_v1{VXC_SET_UTSNAME, 0});
        else if (call.cmd == VCMD_get_bcaps)
            vserver::test::fill(data, vcmd_bcaps{1, 0});
        else if (call.cmd == VCMD_get_umask)
            vserver::test::fill(data, vcmd_umask{static_cast<std::uint64_t>(CLONE_NEWUTS), 0});
    };
    fake.replies = {0, 0, 0, 0};
    std::ostringstream out;
    REQUIRE(vserver::vattribute_get(42, out, fake).ok());
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_cflags, VCMD_get_ccaps,
                                                       VCMD_get_bcaps, VCMD_get_umask});
    CHECK(out.str() == "bcapabilities:\nCHOWN\nccapabilities:\nset_utsname\nflags:\nvirt_mem\n"
                       "umask:\nnewuts\n");

    // A kernel without get_umask: no umask lines, no error.
    fake.calls.clear();
    fake.replies = {0, 0, 0, -EINVAL};
    std::ostringstream without;
    REQUIRE(vserver::vattribute_get(42, without, fake).ok());
    CHECK(without.str() ==
          "bcapabilities:\nCHOWN\nccapabilities:\nset_utsname\nflags:\nvirt_mem\n");

    // A failing get prints nothing.
    FakeSyscall failing;
    std::ostringstream nothing;
    auto r = vserver::vattribute_get(42, nothing, failing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == ENOSYS);
    CHECK(nothing.str().empty());
}

// --- vkill ------------------------------------------------------------------

TEST_CASE("vkill reads --xid/-c, -s and the pids", "[vkill]") {
    auto args = vkill_ok({"vkill", "-c", "42", "-s", "KILL", "1", "x"});
    REQUIRE(args.xid);
    CHECK(args.xid->xid == 42U);
    CHECK(args.sig == SIGKILL);
    CHECK(args.pids == std::vector<std::string>{"1", "x"});

    auto plain = vkill_ok({"vkill", "--xid=self"});
    REQUIRE(plain.xid);
    CHECK(plain.xid->self);
    CHECK(plain.sig == SIGTERM);
    CHECK(plain.pids.empty());

    CHECK(vkill_ok({"vkill", "-s", "sigusr1", "--", "-1"}).pids == std::vector<std::string>{"-1"});
    CHECK(vkill_ok({"vkill", "--help"}).action == Action::help);
    CHECK(vkill_ok({"vkill", "--version"}).action == Action::version);
}

TEST_CASE("vkill refuses bad command lines with 1", "[vkill]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(vkill, std::move(argv));
        CHECK(bad.message == message);
        CHECK(bad.exit_code == 1);
    };
    check({"vkill"}, "No pid specified");
    check({"vkill", "-s", "FOO", "1"}, "Invalid signal specified: 'FOO'");
    check({"vkill", "-s", "65", "1"}, "Invalid signal specified: '65'");
    check({"vkill", "-c", "abc", "1"}, "invalid context 'abc' (a number or 'self')");
    check({"vkill", "-x", "1"}, "invalid option '-x' (try '--help')");
    check({"vkill", "-s"}, "option '-s' requires an argument (try '--help')");
    check({"vkill", "--xid"}, "option '--xid' requires an argument (try '--help')");
}

TEST_CASE("vkill sends ctx_kill per pid, the whole context without one", "[vkill]") {
    std::vector<std::string> reported;
    auto report = [&reported](const vserver::Error &e) { reported.push_back(e.message); };

    FakeSyscall fake;
    fake.replies = {0};
    CHECK(vserver::vkill_send(vkill_ok({"vkill", "-c", "42"}), 42U, report, fake) == 0);
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == VCMD_ctx_kill);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].sent == cat({le32(0), le32(SIGTERM)}));

    // Without --xid each pid's context is asked; failures do not stop the rest.
    FakeSyscall each;
    each.replies = {7, 0, -ESRCH, 8, -EPERM};
    const int failures = vserver::vkill_send(vkill_ok({"vkill", "-s", "9", "10", "x", "11", "12"}),
                                             std::nullopt, report, each);
    CHECK(failures == 3);
    CHECK(commands(each) == std::vector<std::uint32_t>{VCMD_task_xid, VCMD_ctx_kill, VCMD_task_xid,
                                                       VCMD_task_xid, VCMD_ctx_kill});
    CHECK(each.calls[0].id == 10U);
    CHECK(each.calls[1].id == 7U);
    CHECK(each.calls[1].sent == cat({le32(10), le32(9)}));
    CHECK(each.calls[2].id == 11U);
    CHECK(each.calls[4].id == 8U);
    REQUIRE(reported.size() == 3);
    CHECK(reported[0] == "'x' is not a number");
    CHECK(reported[1] == "vc_get_task_xid: No such process (ESRCH) (pid 11)");
    CHECK(reported[2].starts_with("vc_ctx_kill: "));
}

// --- vwait ------------------------------------------------------------------

TEST_CASE("vwait reads --timeout, --terminate, --status-fd and one context", "[vwait]") {
    auto args = vwait_ok({"vwait", "--timeout", "30", "--terminate", "--status-fd", "3", "42"});
    CHECK(args.timeout == 30);
    CHECK(args.terminate);
    CHECK(args.status_fd == 3);
    CHECK_FALSE(args.xid.self);
    CHECK(args.xid.xid == 42U);

    auto plain = vwait_ok({"vwait", "--", "self"});
    CHECK(plain.timeout == -1);
    CHECK_FALSE(plain.terminate);
    CHECK(plain.status_fd == -1);
    CHECK(plain.xid.self);
    CHECK(vwait_ok({"vwait", "--timeout", "-5", "1"}).timeout == -5);
    CHECK(vwait_ok({"vwait", "--help"}).action == Action::help);
    CHECK(vwait_ok({"vwait", "--version", "--bogus"}).action == Action::version);
}

TEST_CASE("vwait refuses bad command lines with 1", "[vwait]") {
    auto check = [](Argv argv, const std::string &message) {
        auto bad = refused(vwait, std::move(argv));
        CHECK(bad.message == message);
        CHECK(bad.exit_code == 1);
    };
    check({"vwait"}, "no context specified; " + help_hint);
    check({"vwait", "--", "42", "43"}, "can not wait for more than one context; " + help_hint);
    check({"vwait", "guest"}, "invalid context specified; " + help_hint);
    check({"vwait", "--timeout", "1s", "42"}, "invalid timeout '1s'");
    check({"vwait", "--status-fd", "-3", "42"}, "invalid file descriptor '-3'");
    check({"vwait", "--status-fd", "x", "42"}, "invalid file descriptor 'x'");
    check({"vwait", "--bogus", "42"}, "invalid option '--bogus' (try '--help')");
    check({"vwait", "--timeout"}, "option '--timeout' requires an argument (try '--help')");
    check({"vwait", "--t", "1", "42"},
          "invalid option '--t' (try '--help')"); // --timeout, --terminate
}

TEST_CASE("vwait status lines", "[vwait]") {
    WaitOutcome finished{WaitStatus::finished, {0x01234567, 0}, 0};
    CHECK(vserver::format_wait_status(finished) == "FINISHED 19088743 0\n");
    WaitOutcome negative{WaitStatus::finished, {-1, 255}, 0};
    CHECK(vserver::format_wait_status(negative) == "FINISHED -1 255\n");
    CHECK(vserver::format_wait_status({WaitStatus::killed, {}, 0}) == "KILLED\n");
    CHECK(vserver::format_wait_status({WaitStatus::timeout, {}, 0}) == "TIMEOUT\n");
    CHECK(vserver::format_wait_status({WaitStatus::error, {}, ESRCH}) == "ERROR 3\n");
}

TEST_CASE("vwait exit codes are util-vserver's", "[vwait]") {
    CHECK(vserver::wait_status_exit_code(WaitStatus::finished) == 0);
    CHECK(vserver::wait_status_exit_code(WaitStatus::killed) == 1);
    CHECK(vserver::wait_status_exit_code(WaitStatus::timeout) == 2);
    CHECK(vserver::wait_status_exit_code(WaitStatus::error) == 127);
}

// --- vuname -----------------------------------------------------------------

TEST_CASE("vuname --get reads the tags to print, all by default", "[vuname]") {
    auto all = vuname_ok({"vuname", "--xid", "42"});
    CHECK_FALSE(all.set);
    REQUIRE(all.xid);
    CHECK(all.xid->xid == 42U);
    CHECK(all.get == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6});

    auto some = vuname_ok({"vuname", "-g", "--xid", "self", "NodeName", "context"});
    CHECK(some.xid->self);
    CHECK(some.get == std::vector<std::uint32_t>{2, 0});
    CHECK(vuname_ok({"vuname", "--help"}).action == Action::help);
    CHECK(vuname_ok({"vuname", "--version"}).action == Action::version);
}

TEST_CASE("vuname --set and --dir take -t values, --missingok and a program", "[vuname]") {
    auto set = vuname_ok({"vuname", "--set", "--xid", "42", "-t", "nodename=guest", "-t", "release",
                          "-t", "domainname=a=b", "--", "true"});
    CHECK(set.set);
    CHECK(set.values[2] == "guest");
    CHECK(set.values[3] == "");
    CHECK(set.values[6] == "a=b");
    CHECK_FALSE(set.values[1]);
    CHECK(set.get.empty());
    CHECK(set.command == 11);

    auto dir =
        vuname_ok({"vuname", "--dir", "/etc/vservers/g/uts", "--missingok", "--xid", "1", "sh"});
    CHECK_FALSE(dir.set);
    CHECK(dir.dir == "/etc/vservers/g/uts");
    CHECK(dir.missing_ok);
    CHECK(dir.get.empty()); // the operands are a program
    CHECK(dir.command == 6);
}

TEST_CASE("vuname refuses bad command lines with 255, bad options with 1", "[vuname]") {
    auto check = [](Argv argv, const std::string &message, int code) {
        auto bad = refused(vuname, std::move(argv));
        CHECK(bad.message == message);
        CHECK(bad.exit_code == code);
    };
    check({"vuname", "--get"}, "No context specified; " + help_hint, 255);
    check({"vuname", "--xid", "42", "--set", "-t", "foo=bar"}, "Tag 'foo' not recognized", 255);
    check({"vuname", "--xid", "42", "--get", "host"}, "Tag 'host' not recognized", 255);
    check({"vuname", "--xid", "-1", "--get"}, "invalid context '-1' (a number or 'self')", 255);
    check({"vuname", "--bogus"}, "invalid option '--bogus' (try '--help')", 1);
    check({"vuname", "-t"}, "option '-t' requires an argument (try '--help')", 1);
}

TEST_CASE("vuname --set sends set_vhi_name per value, in field order", "[vuname]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    auto args =
        vuname_ok({"vuname", "--set", "--xid", "42", "-t", "release=6.12", "-t", "nodename=guest"});
    REQUIRE(vserver::vuname_set(args.values, 42, fake).ok());
    REQUIRE(commands(fake) == std::vector<std::uint32_t>{VCMD_set_vhi_name, VCMD_set_vhi_name});
    CHECK(fake.calls[0].id == 42U);
    CHECK(std::memcmp(fake.calls[0].sent.data(), le32(2).data(), 4) == 0);
    CHECK(std::string(reinterpret_cast<const char *>(fake.calls[0].sent.data() + 4)) == "guest");
    CHECK(std::memcmp(fake.calls[1].sent.data(), le32(3).data(), 4) == 0);

    FakeSyscall refusing;
    refusing.replies = {-EPERM};
    auto r = vserver::vuname_set(args.values, 42, refusing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "vc_set_vhi_name: Operation not permitted (EPERM) (nodename)");
    CHECK(refusing.calls.size() == 1);
}

TEST_CASE("vuname --get prints the values, question marks for one it cannot read", "[vuname]") {
    FakeSyscall fake;
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        vcmd_vhi_name_v0 answer{};
        std::memcpy(&answer, data, sizeof answer);
        const char *value = answer.field == 2 ? "guest" : "Linux";
        std::strncpy(answer.name, value, sizeof answer.name - 1);
        if (call.cmd == VCMD_get_vhi_name)
            vserver::test::fill(data, answer);
    };
    fake.replies = {0, -EINVAL, 0};
    std::ostringstream out;
    vserver::vuname_get({2, 3, 1}, 42, out, fake);
    CHECK(out.str() == "guest ??? Linux\n");
    CHECK(commands(fake) == std::vector<std::uint32_t>(3, VCMD_get_vhi_name));
}

TEST_CASE("vuname --dir reads the first line of each tag's file", "[vuname]") {
    TempDir t;
    const std::string dir = t / "uname";
    t.mkdir("uname");
    t.write("uname/nodename", "guest\nsecond line\n");
    t.write("uname/release", "6.12");
    t.write("uname/unrelated", "x\n");

    vserver::VunameValues values;
    REQUIRE(vserver::vuname_read_dir(dir, false, values).ok());
    CHECK(values[2] == "guest");
    CHECK(values[3] == "6.12");
    CHECK_FALSE(values[0]);
    CHECK_FALSE(values[1]);
    std::filesystem::remove_all(dir);

    vserver::VunameValues none;
    CHECK(vserver::vuname_read_dir(dir, true, none).ok());
    auto missing = vserver::vuname_read_dir(dir, false, none);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "stat '" + dir + "': No such file or directory");
}
