// SPDX-License-Identifier: GPL-2.0-only
//
// vdlimit: every option, good and bad (one line and exit status 1), the
// exact dlimit structs of --set (get, add when missing, set with
// CDLIM_KEEP in the fields not given, remove again when set fails),
// --remove and the print format, and the message for each refusal.

#include "argv.hpp"
#include "dlimittools.hpp"
#include "fake_syscall.hpp"
#include "tempdir.hpp"

#include <vserver/dlimit_cmd.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using vserver::DiskLimit;
using vserver::VdlimitArgs;
using vserver::cli::Action;
using vserver::cli::UsageError;
using vserver::test::accepted;
using vserver::test::Argv;
using vserver::test::Call;
using vserver::test::commands;
using vserver::test::FakeSyscall;
using vserver::test::refused;
using vserver::test::TempDir;

namespace {

VdlimitArgs vdlimit_ok(Argv argv) {
    return accepted<VdlimitArgs>(vserver::parse_vdlimit_args, std::move(argv));
}

std::string vdlimit_refused(Argv argv) {
    const auto bad = refused(vserver::parse_vdlimit_args, std::move(argv));
    CHECK(bad.exit_code == 1);
    return bad.message;
}

constexpr std::uint32_t keep = 0xfffffffeU;
constexpr std::uint32_t inf = 0xffffffffU;

// The u32 fields of a vcmd_ctx_dlimit_v0 as sent (x86_64: the pointer
// first): space_used, space_total, inodes_used, inodes_total, reserved,
// flags.
std::vector<std::uint32_t> dlimit_fields(const Call &call) {
    REQUIRE(call.sent.size() == 32U);
    std::vector<std::uint32_t> out(6);
    std::memcpy(out.data(), call.sent.data() + 8, 24);
    return out;
}

// The flags and padding of a vcmd_ctx_dlimit_base_v0 as sent.
std::vector<std::uint32_t> base_fields(const Call &call) {
    REQUIRE(call.sent.size() == 16U);
    std::vector<std::uint32_t> out(2);
    std::memcpy(out.data(), call.sent.data() + 8, 8);
    return out;
}

// A mountinfo file in `dir` with one unrelated line and one for the
// device of `dir`: "<fstype> <source> <options>".
std::string mountinfo(const TempDir &dir, const std::string &fstype, const std::string &source,
                      const std::string &options = "rw") {
    struct stat st;
    REQUIRE(::lstat(dir.path().c_str(), &st) == 0);
    const std::string file = dir / "mountinfo";
    std::ofstream(file) << "21 1 254:99 / /other rw - ext4 /dev/other rw\n"
                        << "22 1 " << major(st.st_dev) << ':' << minor(st.st_dev)
                        << " / /srv rw,relatime shared:1 - " << fstype << ' ' << source << ' '
                        << options << '\n';
    return file;
}

const VdlimitArgs set_args = [] {
    VdlimitArgs a;
    a.xid = "42";
    a.set = true;
    a.limit.space_total = 1000;
    a.limit.reserved = 5;
    a.paths = {"/srv"};
    return a;
}();

} // namespace

// --- command lines ----------------------------------------------------------

TEST_CASE("vdlimit: defaults and every option", "[vdlimit]") {
    auto show = vdlimit_ok({"vdlimit", "--xid", "42", "/srv"});
    CHECK(show.action == Action::run);
    CHECK(show.xid == "42");
    CHECK(show.flags == 0U);
    CHECK_FALSE(show.set);
    CHECK_FALSE(show.remove);
    CHECK(show.limit == DiskLimit{keep, keep, keep, keep, keep});
    CHECK(show.paths == std::vector<std::string>{"/srv"});

    auto set = vdlimit_ok({"vdlimit", "-x", "guest", "-f", "0x10", "-s", "space_used=0x100",
                           "--set", "space_total=-1", "-s", "inodes_used=010", "--set",
                           "inodes_total=1000", "-s", "reserved=5", "/a", "/b"});
    CHECK(set.xid == "guest");
    CHECK(set.flags == 16U);
    CHECK(set.set);
    CHECK(set.limit == DiskLimit{256, inf, 8, 1000, 5});
    CHECK(set.paths == std::vector<std::string>{"/a", "/b"});

    auto rem = vdlimit_ok({"vdlimit", "--remove", "--flags", "0", "--xid=self", "/srv"});
    CHECK(rem.remove);
    CHECK(rem.xid == "self");
    CHECK(vdlimit_ok({"vdlimit", "-d", "-x", "1", "/"}).remove);

    CHECK(vdlimit_ok({"vdlimit", "--help"}).action == Action::help);
    CHECK(vdlimit_ok({"vdlimit", "--version"}).action == Action::version);
}

TEST_CASE("vdlimit: options stop at the first mount point", "[vdlimit]") {
    auto args = vdlimit_ok({"vdlimit", "-x", "42", "/srv", "--remove", "-s"});
    CHECK_FALSE(args.remove);
    CHECK(args.paths == std::vector<std::string>{"/srv", "--remove", "-s"});
}

TEST_CASE("vdlimit: a used value may equal its total; infinity is never exceeded", "[vdlimit]") {
    auto args =
        vdlimit_ok({"vdlimit", "-x", "1", "-s", "space_used=10", "-s", "space_total=10", "-s",
                    "inodes_used=100", "-s", "inodes_total=-1", "-s", "reserved=100", "/"});
    CHECK(args.limit == DiskLimit{10, 10, 100, inf, 100});
    // A used value alone is not compared with the kernel's total.
    CHECK(vdlimit_ok({"vdlimit", "-x", "1", "-s", "space_used=999999", "/"}).limit.space_used ==
          999999U);
}

TEST_CASE("vdlimit: bad command lines give one line and 1", "[vdlimit]") {
    CHECK(vdlimit_refused({"vdlimit", "-x", "1", "-s", "space_total=10", "-s", "space_total=20",
                           "/"}) == "value already set in 'space_total=20'");
    CHECK(vdlimit_refused({"vdlimit", "-s", "space=10", "/"}) == "unknown limit in 'space=10'");
    CHECK(vdlimit_refused({"vdlimit", "-s", "space_total", "/"}) ==
          "unknown limit in 'space_total'");
    CHECK(vdlimit_refused({"vdlimit", "-s", "space_totalx=1", "/"}) ==
          "unknown limit in 'space_totalx=1'");
    for (const char *bad : {"space_total=", "space_total=10k", "space_total=-2",
                            "space_total=4294967296", "reserved= 5", "inodes_used=0x"}) {
        CHECK(vdlimit_refused({"vdlimit", "-s", bad, "/"}) ==
              std::string("can not parse number in '") + bad + "'");
    }
    CHECK(vdlimit_refused({"vdlimit", "-f", "x", "/"}) ==
          "Invalid flags argument: 'x'; try '--help' for more information");
    CHECK(vdlimit_refused({"vdlimit", "-x", "1", "-d", "-s", "reserved=1", "/"}) ==
          "Can not specify multiple operations; try '--help' for more information");
    CHECK(vdlimit_refused({"vdlimit", "-x", "1"}) ==
          "No mount point specified; try '--help' for more information");
    CHECK(vdlimit_refused({"vdlimit", "/srv"}) ==
          "No xid specified; try '--help' for more information");
    CHECK(vdlimit_refused(
              {"vdlimit", "-x", "1", "-s", "space_used=11", "-s", "space_total=10", "/"}) ==
          "invalid parameters: 'space_used' is larger than 'space_total'");
    CHECK(vdlimit_refused(
              {"vdlimit", "-x", "1", "-s", "inodes_used=-1", "-s", "inodes_total=10", "/"}) ==
          "invalid parameters: 'inodes_used' is larger than 'inodes_total'");
    CHECK(vdlimit_refused({"vdlimit", "-x", "1", "-s", "reserved=101", "/"}) ==
          "invalid parameters: 'reserved' is larger than 100");
    CHECK(vdlimit_refused({"vdlimit", "--bogus"}) == "invalid option '--bogus' (try '--help')");
    CHECK(vdlimit_refused({"vdlimit", "--xid"}) ==
          "option '--xid' requires an argument (try '--help')");
    CHECK(vdlimit_refused({"vdlimit", "-s"}) == "option '-s' requires an argument (try '--help')");
}

// --- output -----------------------------------------------------------------

TEST_CASE("vdlimit: util-vserver's print format, -1 for infinity", "[vdlimit]") {
    CHECK(vserver::format_dlimit(42, "/srv", DiskLimit{1234, 1000000, 56, inf, 5}) ==
          "42 /srv\n"
          "space_used=1234\n"
          "space_total=1000000\n"
          "inodes_used=56\n"
          "inodes_total=-1\n"
          "reserved=5\n");
    CHECK(vserver::format_dlimit(0, "a b", DiskLimit{0, inf, 0, 4294967294U, 0}) ==
          "0 a b\nspace_used=0\nspace_total=-1\ninodes_used=0\ninodes_total=4294967294\n"
          "reserved=0\n");
}

TEST_CASE("vdlimit: show sends get_dlimit with the tag and prints the record", "[vdlimit]") {
    FakeSyscall fake;
    fake.replies = {0};
    fake.on_call = [](const Call &, void *data) {
        auto *d = static_cast<struct vcmd_ctx_dlimit_v0 *>(data);
        d->space_used = 10;
        d->space_total = inf;
        d->inodes_used = 2;
        d->inodes_total = 300;
        d->reserved = 0;
    };
    auto args = vdlimit_ok({"vdlimit", "-x", "42", "-f", "3", "/srv"});
    std::ostringstream out;
    REQUIRE(vserver::vdlimit_show(args, 42, "/srv", out, fake).ok());
    CHECK(out.str() == "42 /srv\nspace_used=10\nspace_total=-1\ninodes_used=2\ninodes_total=300\n"
                       "reserved=0\n");
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x24060000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[0].path == "/srv");
    CHECK(dlimit_fields(fake.calls[0]) == std::vector<std::uint32_t>{0, 0, 0, 0, 0, 3});
}

TEST_CASE("vdlimit: show and remove without a record", "[vdlimit]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH, -ESRCH};
    auto args = vdlimit_ok({"vdlimit", "-x", "42", "/srv"});
    std::ostringstream out;
    auto shown = vserver::vdlimit_show(args, 42, "/srv", out, fake);
    REQUIRE_FALSE(shown.ok());
    CHECK(shown.error().message == "no disk limit for tag 42 on /srv");
    CHECK(out.str().empty());
    auto removed = vserver::vdlimit_remove(args, 42, "/srv", fake);
    REQUIRE_FALSE(removed.ok());
    CHECK(removed.error().message == "no disk limit for tag 42 on /srv");
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_dlimit, VCMD_rem_dlimit});
}

TEST_CASE("vdlimit --remove: rem_dlimit with the tag and the flags", "[vdlimit]") {
    FakeSyscall fake;
    fake.replies = {0};
    auto args = vdlimit_ok({"vdlimit", "-d", "-f", "1", "-x", "7", "/srv"});
    REQUIRE(vserver::vdlimit_remove(args, 7, "/srv", fake).ok());
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].cmd == 0x24020000U);
    CHECK(fake.calls[0].id == 7U);
    CHECK(fake.calls[0].path == "/srv");
    CHECK(base_fields(fake.calls[0]) == std::vector<std::uint32_t>{1, 0});
}

// --- --set --------------------------------------------------------------------

TEST_CASE("vdlimit --set on an existing record: get, then set with KEEP elsewhere", "[vdlimit]") {
    FakeSyscall fake;
    fake.replies = {0, 0};
    CHECK(vserver::vdlimit_set(set_args, 42, "/srv", fake).empty());
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_dlimit, VCMD_set_dlimit});
    for (const auto &call : fake.calls) {
        CHECK(call.id == 42U);
        CHECK(call.path == "/srv");
    }
    CHECK(dlimit_fields(fake.calls[0]) == std::vector<std::uint32_t>{0, 0, 0, 0, 0, 0});
    CHECK(dlimit_fields(fake.calls[1]) == std::vector<std::uint32_t>{keep, 1000, keep, keep, 5, 0});
}

TEST_CASE("vdlimit --set on a missing record: get fails, add, set", "[vdlimit]") {
    FakeSyscall fake;
    fake.replies = {-ESRCH, 0, 0};
    auto args = vdlimit_ok({"vdlimit", "-x", "42", "-f", "0x10", "-s", "space_used=1", "-s",
                            "space_total=2", "-s", "inodes_used=3", "-s", "inodes_total=4", "-s",
                            "reserved=5", "/srv"});
    CHECK(vserver::vdlimit_set(args, 42, "/srv", fake).empty());
    CHECK(commands(fake) == std::vector<std::uint32_t>{0x24060000U, 0x24010000U, 0x24050000U});
    CHECK(dlimit_fields(fake.calls[0]) == std::vector<std::uint32_t>{0, 0, 0, 0, 0, 0x10});
    CHECK(base_fields(fake.calls[1]) == std::vector<std::uint32_t>{0x10, 0});
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].path == "/srv");
    CHECK(dlimit_fields(fake.calls[2]) == std::vector<std::uint32_t>{1, 2, 3, 4, 5, 0x10});
}

TEST_CASE("vdlimit --set: a refused set removes the record it added", "[vdlimit]") {
    // No mountinfo: EINVAL is not explained by the host's own mounts.
    const std::string no_mountinfo = "/nonexistent/mountinfo";
    SECTION("added here: removed again") {
        FakeSyscall fake;
        fake.replies = {-ESRCH, 0, -EINVAL, 0};
        auto failures = vserver::vdlimit_set(set_args, 42, "/srv", fake, no_mountinfo);
        REQUIRE(failures.size() == 1);
        CHECK(failures[0].message == "/srv: vc_set_dlimit: Invalid argument (EINVAL)");
        CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_dlimit, VCMD_add_dlimit,
                                                           VCMD_set_dlimit, VCMD_rem_dlimit});
        CHECK(fake.calls[3].id == 42U);
        CHECK(base_fields(fake.calls[3]) == std::vector<std::uint32_t>{0, 0});
    }
    SECTION("the removal fails too: two lines") {
        FakeSyscall fake;
        fake.replies = {-ESRCH, 0, -EINVAL, -EIO};
        auto failures = vserver::vdlimit_set(set_args, 42, "/srv", fake, no_mountinfo);
        REQUIRE(failures.size() == 2);
        CHECK(failures[0].message == "/srv: vc_set_dlimit: Invalid argument (EINVAL)");
        CHECK(failures[1].message == "/srv: vc_rem_dlimit: Input/output error (EIO)");
    }
    SECTION("there before: left alone") {
        FakeSyscall fake;
        fake.replies = {0, -EINVAL};
        auto failures = vserver::vdlimit_set(set_args, 42, "/srv", fake, no_mountinfo);
        REQUIRE(failures.size() == 1);
        CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_dlimit, VCMD_set_dlimit});
    }
}

TEST_CASE("vdlimit --set: a refused add is the error", "[vdlimit]") {
    TempDir t;
    FakeSyscall fake;
    fake.replies = {-EOPNOTSUPP, -EOPNOTSUPP};
    auto failures =
        vserver::vdlimit_set(set_args, 42, t.path(), fake, mountinfo(t, "ext4", "/dev/vdb"));
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].errnum == EOPNOTSUPP);
    CHECK(failures[0].message == t.path() +
                                     ": filesystem without disk limit support; run 'tune2fs "
                                     "-O quota,project /dev/vdb' on the unmounted filesystem");
    CHECK(commands(fake) == std::vector<std::uint32_t>{VCMD_get_dlimit, VCMD_add_dlimit});
}

// --- messages -----------------------------------------------------------------

TEST_CASE("vdlimit: one line for each refusal", "[vdlimit]") {
    TempDir t;
    const std::string p = t.path();
    auto explain = [&](int errnum, const char *command, const std::string &mountinfo) {
        const auto e = vserver::syscall_error(command, errnum);
        return vserver::explain_dlimit_error(e, 42, p, mountinfo).message;
    };
    const std::string none = p + "/no-mountinfo";
    CHECK(explain(ESRCH, "vc_get_dlimit", none) == "no disk limit for tag 42 on " + p);
    CHECK(explain(EOPNOTSUPP, "vc_add_dlimit", mountinfo(t, "ext4", "/dev/vdb")) ==
          p + ": filesystem without disk limit support; run 'tune2fs -O quota,project "
              "/dev/vdb' on the unmounted filesystem");
    CHECK(explain(EOPNOTSUPP, "vc_add_dlimit", mountinfo(t, "ext4", "/dev/my\\040disk")) ==
          p + ": filesystem without disk limit support; run 'tune2fs -O quota,project "
              "/dev/my disk' on the unmounted filesystem");
    CHECK(explain(EOPNOTSUPP, "vc_add_dlimit", none) ==
          p + ": filesystem without disk limit support; run 'tune2fs -O quota,project "
              "<device>' on the unmounted filesystem");
    CHECK(explain(EOPNOTSUPP, "vc_add_dlimit", mountinfo(t, "xfs", "/dev/vdc")) ==
          p + ": xfs has no disk limit support (ext4 with the quota and project features has)");
    CHECK(explain(ENOENT, "vc_get_dlimit", none) == p + ": No such file or directory (ENOENT)");
    CHECK(explain(EPERM, "vc_add_dlimit", none) ==
          "vc_add_dlimit: Operation not permitted (EPERM); run as root on the host");
    CHECK(explain(ENOSYS, "vc_get_dlimit", none) ==
          "vc_get_dlimit: Function not implemented (ENOSYS)");
    CHECK(explain(EINVAL, "vc_set_dlimit", none) ==
          p + ": vc_set_dlimit: Invalid argument (EINVAL)");
    // EINVAL: the kernel's answer for a filesystem not mounted with tag.
    CHECK(explain(EINVAL, "vc_add_dlimit", mountinfo(t, "ext4", "/dev/vdb")) ==
          p + ": filesystem not mounted with -o tag (disk limits need ext4 with the quota and "
              "project features, 'tune2fs -O quota,project /dev/vdb', mounted with -o tag)");
    CHECK(explain(EINVAL, "vc_get_dlimit", mountinfo(t, "tmpfs", "tmpfs", "rw,size=1024k")) ==
          p + ": tmpfs has no disk limit support (ext4 with the quota and project features has)");
    // On a tagged filesystem the values were wrong.
    CHECK(explain(EINVAL, "vc_set_dlimit", mountinfo(t, "ext4", "/dev/vda", "rw,tag")) ==
          p + ": vc_set_dlimit: Invalid argument (EINVAL)");
    CHECK(
        explain(EINVAL, "vc_set_dlimit", mountinfo(t, "ext4", "/dev/vda", "rw,tagxid,prjquota")) ==
        p + ": vc_set_dlimit: Invalid argument (EINVAL)");
}

TEST_CASE("mount_info: the line of the path's device", "[vdlimit]") {
    TempDir t;
    auto info = vserver::mount_info(t.path(), mountinfo(t, "ext4", "/dev/vdb"));
    REQUIRE(info);
    CHECK(info->fstype == "ext4");
    CHECK(info->source == "/dev/vdb");
    CHECK(info->options == "rw");
    CHECK_FALSE(info->tagged());
    CHECK(vserver::mount_info(t.path(), mountinfo(t, "ext4", "/dev/vda", "rw,tag"))->tagged());
    CHECK_FALSE(
        vserver::mount_info(t.path(), mountinfo(t, "ext4", "/dev/vda", "rw,notagcheck"))->tagged());
    CHECK_FALSE(vserver::mount_info(t.path() + "/missing", mountinfo(t, "ext4", "/dev/vdb")));
    CHECK_FALSE(vserver::mount_info(t.path(), t.path() + "/no-such-file"));
    // The real one knows the filesystem of /.
    auto root = vserver::mount_info("/");
    if (root)
        CHECK_FALSE(root->fstype.empty());
}
