// SPDX-License-Identifier: GPL-2.0-only
//
// vlimit: every option, good and bad (one-line message and exit status),
// the exact set_rlimit structs it sends (CRLIM_KEEP in the fields not
// given), the layout of -a and the --dir files, against the fake syscall
// and a temporary folder.

#include "argv.hpp"
#include "fake_syscall.hpp"
#include "limittools.hpp"
#include "tempdir.hpp"

#include <vserver/limit.h>
#include <vserver/limit_cmd.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using vserver::Rlimit;
using vserver::RlimitMask;
using vserver::VlimitArgs;
using vserver::cli::Action;
using vserver::cli::UsageError;
using vserver::test::accepted;
using vserver::test::Argv;
using vserver::test::Bytes;
using vserver::test::FakeSyscall;
using vserver::test::le32;
using vserver::test::le64;
using vserver::test::refused;
using vserver::test::TempDir;

namespace {

VlimitArgs vlimit_ok(Argv argv) {
    return accepted<VlimitArgs>(vserver::parse_vlimit_args, std::move(argv));
}

UsageError vlimit_refused(Argv argv) {
    auto bad = refused(vserver::parse_vlimit_args, std::move(argv));
    CHECK(bad.exit_code == 255);
    return bad;
}

constexpr std::uint64_t keep = 0xfffffffffffffffeULL;
constexpr std::uint64_t inf = 0xffffffffffffffffULL;

// vcmd_ctx_rlimit_v0 as x86_64 lays it out: id, 4 bytes of padding, the
// three u64 fields.
Bytes rlimit_bytes(std::uint32_t id, std::uint64_t min, std::uint64_t soft, std::uint64_t hard) {
    Bytes out = le32(id);
    for (const Bytes &part : {le32(0), le64(min), le64(soft), le64(hard)})
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

std::string spaces(std::size_t n) { return std::string(n, ' '); }

// The parts one after the other (operator+ chains trip a false -Wrestrict
// of g++ 12).
std::string str(std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto &p : parts)
        out += p;
    return out;
}

} // namespace

TEST_CASE("vlimit: defaults", "[vlimit]") {
    auto args = vlimit_ok({"vlimit"});
    CHECK(args.action == Action::run);
    CHECK_FALSE(args.show_all);
    CHECK_FALSE(args.numeric);
    CHECK_FALSE(args.decimal);
    CHECK_FALSE(args.xid.has_value());
    CHECK_FALSE(args.dir.has_value());
    CHECK_FALSE(args.missing_ok);
    CHECK(args.mask == 0U);
    for (const auto &limit : args.limits)
        CHECK(limit == Rlimit{keep, keep, keep});
    CHECK(args.command == 1);
}

TEST_CASE("vlimit: --help and --version", "[vlimit]") {
    CHECK(vlimit_ok({"vlimit", "--help"}).action == Action::help);
    CHECK(vlimit_ok({"vlimit", "--version"}).action == Action::version);
}

TEST_CASE("vlimit: every resource option names its id", "[vlimit]") {
    const std::pair<const char *, std::uint32_t> resources[] = {
        {"--cpu", RLIMIT_CPU},
        {"--fsize", RLIMIT_FSIZE},
        {"--data", RLIMIT_DATA},
        {"--stack", RLIMIT_STACK},
        {"--core", RLIMIT_CORE},
        {"--rss", RLIMIT_RSS},
        {"--nproc", RLIMIT_NPROC},
        {"--nofile", RLIMIT_NOFILE},
        {"--memlock", RLIMIT_MEMLOCK},
        {"--as", RLIMIT_AS},
        {"--locks", RLIMIT_LOCKS},
        {"--msgqueue", RLIMIT_MSGQUEUE},
        {"--nsock", 16},
        {"--openfd", 17},
        {"--anon", 18},
        {"--shmem", 19},
        {"--semary", 20},
        {"--nsems", 21},
        {"--dentry", 22},
    };
    for (const auto &[option, id] : resources) {
        INFO(option);
        auto args = vlimit_ok({"vlimit", option, "77"});
        CHECK(args.mask == std::uint32_t{1} << id);
        CHECK(args.limits[id] == Rlimit{keep, keep, 77});
    }
}

TEST_CASE("vlimit: --<nr> for 0..31", "[vlimit]") {
    for (std::uint32_t id = 0; id < 32; ++id) {
        const std::string option = "--" + std::to_string(id);
        INFO(option);
        auto args = vlimit_ok({"vlimit", option.c_str(), "5"});
        CHECK(args.mask == std::uint32_t{1} << id);
        CHECK(args.limits[id] == Rlimit{keep, keep, 5});
    }
    CHECK(vlimit_refused({"vlimit", "--32", "5"}).message ==
          "invalid option '--32' (try '--help')");
}

TEST_CASE("vlimit: -M, -S and -H choose the fields of the next resource", "[vlimit]") {
    SECTION("the hard limit by default") {
        auto args = vlimit_ok({"vlimit", "--nproc", "10"});
        CHECK(args.limits[RLIMIT_NPROC] == Rlimit{keep, keep, 10});
    }
    SECTION("each alone") {
        auto args =
            vlimit_ok({"vlimit", "-M", "--nproc", "1", "-S", "--nofile", "2", "-H", "--as", "3"});
        CHECK(args.limits[RLIMIT_NPROC] == Rlimit{1, keep, keep});
        CHECK(args.limits[RLIMIT_NOFILE] == Rlimit{keep, 2, keep});
        CHECK(args.limits[RLIMIT_AS] == Rlimit{keep, keep, 3});
        CHECK(args.mask == ((1U << RLIMIT_NPROC) | (1U << RLIMIT_NOFILE) | (1U << RLIMIT_AS)));
    }
    SECTION("combined, and only for the next resource") {
        auto args = vlimit_ok({"vlimit", "-SH", "--nproc", "10", "--nofile", "20"});
        CHECK(args.limits[RLIMIT_NPROC] == Rlimit{keep, 10, 10});
        CHECK(args.limits[RLIMIT_NOFILE] == Rlimit{keep, keep, 20});
        auto all = vlimit_ok({"vlimit", "-M", "-S", "-H", "--dentry", "inf"});
        CHECK(all.limits[22] == Rlimit{inf, inf, inf});
    }
    SECTION("fields of one resource accumulate; a later value wins") {
        auto args =
            vlimit_ok({"vlimit", "-S", "--nproc", "10", "--nproc", "20", "-H", "--nproc", "30"});
        CHECK(args.limits[RLIMIT_NPROC] == Rlimit{keep, 10, 30});
        CHECK(args.mask == 1U << RLIMIT_NPROC);
    }
    SECTION("values with suffixes") {
        auto args = vlimit_ok({"vlimit", "--as", "2M", "-S", "--as", "1m", "--nofile", "0x10K"});
        CHECK(args.limits[RLIMIT_AS] == Rlimit{keep, 1000000, 2U * 1024 * 1024});
        CHECK(args.limits[RLIMIT_NOFILE] == Rlimit{keep, keep, 16384});
    }
}

TEST_CASE("vlimit: -a, -n, -d, --all", "[vlimit]") {
    auto args = vlimit_ok({"vlimit", "-a", "-n", "-d"});
    CHECK(args.show_all);
    CHECK(args.numeric);
    CHECK(args.decimal);
    CHECK(vlimit_ok({"vlimit", "--all"}).show_all);
    auto combined = vlimit_ok({"vlimit", "-nda"});
    CHECK((combined.show_all && combined.numeric && combined.decimal));
}

TEST_CASE("vlimit: -c and --xid", "[vlimit]") {
    auto args = vlimit_ok({"vlimit", "-c", "42"});
    REQUIRE(args.xid.has_value());
    CHECK_FALSE(args.xid->self);
    CHECK(args.xid->xid == 42U);
    auto self = vlimit_ok({"vlimit", "--xid", "self"});
    REQUIRE(self.xid.has_value());
    CHECK(self.xid->self);
    CHECK(vlimit_ok({"vlimit", "-c42"}).xid->xid == 42U);
    CHECK(vlimit_refused({"vlimit", "--xid", "guest"}).message ==
          "invalid context 'guest' (a number or 'self')");
    CHECK(vlimit_refused({"vlimit", "-c", "-1"}).message ==
          "invalid context '-1' (a number or 'self')");
}

TEST_CASE("vlimit: --dir and --missingok", "[vlimit]") {
    auto args = vlimit_ok({"vlimit", "--dir", "/etc/vservers/g/rlimits", "--missingok"});
    CHECK(args.dir == "/etc/vservers/g/rlimits");
    CHECK(args.missing_ok);
}

TEST_CASE("vlimit: the program and its arguments", "[vlimit]") {
    Argv argv{"vlimit", "--nproc", "10", "--", "sh", "-c", "true"};
    auto args = vlimit_ok(std::move(argv));
    CHECK(args.command == 4);
    // Options stop at the first non-option ('+').
    auto plain = vlimit_ok({"vlimit", "-c", "42", "ls", "--nproc", "1"});
    CHECK(plain.command == 3);
    CHECK(plain.mask == 0U);
}

TEST_CASE("vlimit: the message for a bad value is util-vserver's", "[vlimit]") {
    CHECK(vserver::invalid_limit_message("10x") == "Can not parse limit '10x'");
}

TEST_CASE("vlimit: bad command lines give one line and 255", "[vlimit]") {
    CHECK(vlimit_refused({"vlimit", "--nproc", "10x"}).message == "Can not parse limit '10x'");
    CHECK(vlimit_refused({"vlimit", "-S", "--nofile", "-1"}).message == "Can not parse limit '-1'");
    CHECK(vlimit_refused({"vlimit", "--as", ""}).message == "Can not parse limit ''");
    CHECK(vlimit_refused({"vlimit", "--as", "1G"}).message == "Can not parse limit '1G'");
    CHECK(vlimit_refused({"vlimit", "--as", "18446744073709551616"}).message ==
          "Can not parse limit '18446744073709551616'");
    CHECK(vlimit_refused({"vlimit", "--bogus"}).message ==
          "invalid option '--bogus' (try '--help')");
    CHECK(vlimit_refused({"vlimit", "--sigpending", "1"}).message ==
          "invalid option '--sigpending' (try '--help')");
    CHECK(vlimit_refused({"vlimit", "-x"}).message == "invalid option '-x' (try '--help')");
    CHECK(vlimit_refused({"vlimit", "--nproc"}).message ==
          "option '--nproc' requires an argument (try '--help')");
    CHECK(vlimit_refused({"vlimit", "-c"}).message ==
          "option '-c' requires an argument (try '--help')");
    CHECK(vlimit_refused({"vlimit", "--dir"}).message ==
          "option '--dir' requires an argument (try '--help')");
}

TEST_CASE("vlimit: set_rlimit per limit in id order, KEEP where not given", "[vlimit]") {
    auto args = vlimit_ok({"vlimit", "--nofile", "100", "-S", "--nproc", "1K", "--nsock", "inf"});
    FakeSyscall fake;
    fake.replies = {0, 0, 0};
    auto failures = vserver::vlimit_set(args, 42, fake);
    CHECK(failures.empty());
    REQUIRE(fake.calls.size() == 3);
    for (const auto &call : fake.calls) {
        CHECK(call.cmd == 0x3c020000U);
        CHECK(call.id == 42U);
        CHECK(call.sent.size() == 32U);
    }
    CHECK(fake.calls[0].sent == rlimit_bytes(RLIMIT_NPROC, keep, 1024, keep));
    CHECK(fake.calls[1].sent == rlimit_bytes(RLIMIT_NOFILE, keep, keep, 100));
    CHECK(fake.calls[2].sent == rlimit_bytes(16, keep, keep, inf));
}

TEST_CASE("vlimit: a refused limit does not stop the others", "[vlimit]") {
    auto args = vlimit_ok({"vlimit", "--rss", "1000", "--nproc", "10"});
    FakeSyscall fake;
    fake.replies = {-EINVAL, 0};
    auto failures = vserver::vlimit_set(args, 42, fake);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].message == "vc_set_rlimit(RSS): Invalid argument (EINVAL)");
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[1].sent == rlimit_bytes(RLIMIT_NPROC, keep, keep, 10));
}

TEST_CASE("vlimit: nothing to set sends nothing", "[vlimit]") {
    FakeSyscall fake;
    CHECK(vserver::vlimit_set(vlimit_ok({"vlimit", "-a"}), 42, fake).empty());
    CHECK(fake.calls.empty());
}

TEST_CASE("vlimit -a: one line in util-vserver's columns", "[vlimit]") {
    const RlimitMask mask{0, 1U << RLIMIT_NPROC, (1U << RLIMIT_NPROC) | (1U << 16)};
    const Rlimit nproc{0, 100, inf};
    // Name at 0, then "  " + value at 10, 30 and 50: the values start at
    // columns 12, 32 and 52.
    const std::string line = vserver::format_limit_line(RLIMIT_NPROC, mask, nproc, false, false);
    CHECK(line.find("N/A") == 12U);
    CHECK(line.find("0x64") == 32U);
    CHECK(line.find("inf") == 52U);
    CHECK(line == str({"NPROC", spaces(5), "  N/A", spaces(15), "  0x64", spaces(14), "  inf"}));
    CHECK(vserver::format_limit_line(RLIMIT_NPROC, mask, nproc, true, true) ==
          str({"6", spaces(9), "  N/A", spaces(15), "  100", spaces(15), "  inf"}));
    CHECK(vserver::format_limit_line(16, mask, Rlimit{0, 0, 0x1234abcd}, false, false) ==
          str({"NSOCK", spaces(5), "  N/A", spaces(15), "  N/A", spaces(15), "  0x1234abcd"}));
    // Ids without a name are shown as numbers.
    CHECK(
        vserver::format_limit_line(23, RlimitMask{0, 0, 1U << 23}, Rlimit{0, 0, 5}, false, true) ==
        str({"23", spaces(8), "  N/A", spaces(15), "  N/A", spaces(15), "  5"}));
    // A full 64-bit hex value fills its column exactly; a 20-digit decimal
    // one is overwritten by the next column, as in util-vserver.
    const RlimitMask all{1, 1, 1};
    CHECK(vserver::format_limit_line(0, all, Rlimit{keep, 1, 2}, false, false) ==
          str({"CPU", spaces(7), "  0xfffffffffffffffe", "  0x1", spaces(15), "  0x2"}));
    CHECK(vserver::format_limit_line(0, all, Rlimit{keep, 1, 2}, false, true) ==
          str({"CPU", spaces(7), "  184467440737095516", "  1", spaces(17), "  2"}));
}

TEST_CASE("vlimit -a: get_rlimit_mask, then get_rlimit for each id in the masks", "[vlimit]") {
    FakeSyscall fake;
    fake.replies = {0, 0, -EINVAL, 0};
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        if (call.cmd == VCMD_get_rlimit_mask) {
            vserver::test::fill(
                data,
                vcmd_ctx_rlimit_mask_v0{0, 1U << RLIMIT_NPROC,
                                        (1U << RLIMIT_NPROC) | (1U << RLIMIT_NOFILE) | (1U << 22)});
            return;
        }
        auto *lim = static_cast<struct vcmd_ctx_rlimit_v0 *>(data);
        lim->minimum = 0;
        lim->softlimit = lim->id == RLIMIT_NPROC ? 50 : inf;
        lim->maximum = lim->id == RLIMIT_NPROC ? 100 : 0x400;
    };
    std::ostringstream out;
    std::vector<vserver::Error> failures;
    auto args = vlimit_ok({"vlimit", "-a"});
    REQUIRE(vserver::vlimit_show_all(args, 42, out, failures, fake).ok());
    CHECK(out.str() ==
          str({"NPROC", spaces(5), "  N/A", spaces(15), "  0x32", spaces(14), "  0x64\n", "DENTRY",
               spaces(4), "  N/A", spaces(15), "  N/A", spaces(15), "  0x400\n"}));
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].message == "vc_get_rlimit(NOFILE): Invalid argument (EINVAL)");
    REQUIRE(fake.calls.size() == 4);
    CHECK(fake.calls[0].cmd == 0x3c030000U);
    CHECK(fake.calls[0].id == 42U);
    CHECK(fake.calls[1].cmd == 0x3c010000U);
    CHECK(fake.calls[1].id == 42U);
    CHECK(fake.calls[1].sent == rlimit_bytes(RLIMIT_NPROC, 0, 0, 0));
    CHECK(fake.calls[2].sent == rlimit_bytes(RLIMIT_NOFILE, 0, 0, 0));
    CHECK(fake.calls[3].sent == rlimit_bytes(22, 0, 0, 0));
}

TEST_CASE("vlimit -a: a failed get_rlimit_mask is the error", "[vlimit]") {
    FakeSyscall fake;
    std::ostringstream out;
    std::vector<vserver::Error> failures;
    auto shown = vserver::vlimit_show_all(vlimit_ok({"vlimit", "-a"}), 42, out, failures, fake);
    REQUIRE_FALSE(shown.ok());
    CHECK(shown.error().message == "vc_get_rlimit_mask: Function not implemented (ENOSYS)");
    CHECK(out.str().empty());
    CHECK(fake.calls.size() == 1);
}

TEST_CASE("vlimit -a: a missing context is one error", "[vlimit]") {
    FakeSyscall fake;
    fake.replies = {0, -ESRCH, -ESRCH};
    fake.on_call = [](const vserver::test::Call &call, void *data) {
        if (call.cmd == VCMD_get_rlimit_mask)
            vserver::test::fill(data, vcmd_ctx_rlimit_mask_v0{0, 0, (1U << RLIMIT_NPROC) | 1U});
    };
    std::ostringstream out;
    std::vector<vserver::Error> failures;
    auto shown = vserver::vlimit_show_all(vlimit_ok({"vlimit", "-a"}), 42, out, failures, fake);
    REQUIRE_FALSE(shown.ok());
    CHECK(shown.error().message == "vc_get_rlimit(CPU): No such process (ESRCH)");
    CHECK(failures.empty());
    CHECK(out.str().empty());
    CHECK(fake.calls.size() == 2);
}

TEST_CASE("vlimit --dir: <resource>, .min, .soft and .hard files", "[vlimit]") {
    TempDir dir;
    dir.write("nproc", "100\n");      // all three fields
    dir.write("nproc.soft", "50\n");  // then the soft one
    dir.write("nofile.hard", "1K\n"); // only the hard one
    dir.write("as.min", "inf");       // only the minimum
    dir.write("as.soft", "2m\n");     // and the soft one
    dir.write("dentry", "0x20\n");    // a vserver limit
    dir.write("NPROC.hard", "1\n");   // names are lower case
    dir.write("mapped", "1\n");       // no file name for MAPPED
    dir.write("sigpending", "1\n");   // nor for SIGPENDING
    auto args = vlimit_ok({"vlimit", "--dir", dir.path().c_str()});
    REQUIRE(vserver::vlimit_read_dir(args).ok());
    CHECK(args.mask ==
          ((1U << RLIMIT_NPROC) | (1U << RLIMIT_NOFILE) | (1U << RLIMIT_AS) | (1U << 22)));
    CHECK(args.limits[RLIMIT_NPROC] == Rlimit{100, 50, 100});
    CHECK(args.limits[RLIMIT_NOFILE] == Rlimit{keep, keep, 1024});
    CHECK(args.limits[RLIMIT_AS] == Rlimit{inf, 2000000, keep});
    CHECK(args.limits[22] == Rlimit{32, 32, 32});

    FakeSyscall fake;
    fake.replies = {0, 0, 0, 0};
    CHECK(vserver::vlimit_set(args, 42, fake).empty());
    REQUIRE(fake.calls.size() == 4);
    CHECK(fake.calls[0].sent == rlimit_bytes(RLIMIT_NPROC, 100, 50, 100));
    CHECK(fake.calls[1].sent == rlimit_bytes(RLIMIT_NOFILE, keep, keep, 1024));
    CHECK(fake.calls[2].sent == rlimit_bytes(RLIMIT_AS, inf, 2000000, keep));
    CHECK(fake.calls[3].sent == rlimit_bytes(22, 32, 32, 32));
}

TEST_CASE("vlimit --dir: a limit given on the command line ignores its files", "[vlimit]") {
    TempDir dir;
    dir.write("nproc", "100\n");
    dir.write("nproc.hard", "200\n");
    dir.write("nofile", "300\n");
    const std::string slash = dir.path() + "/";
    auto args = vlimit_ok({"vlimit", "-S", "--nproc", "7", "--dir", slash.c_str()});
    REQUIRE(vserver::vlimit_read_dir(args).ok());
    CHECK(args.limits[RLIMIT_NPROC] == Rlimit{keep, 7, keep});
    CHECK(args.limits[RLIMIT_NOFILE] == Rlimit{300, 300, 300});
}

TEST_CASE("vlimit --dir: a bad file is one line naming it", "[vlimit]") {
    TempDir dir;
    dir.write("nproc.soft", "lots\n");
    auto args = vlimit_ok({"vlimit", "--dir", dir.path().c_str()});
    auto r = vserver::vlimit_read_dir(args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "Invalid limit in '" + dir.path() + "/nproc.soft'");
    dir.write("nproc.soft", "");
    auto empty = vlimit_ok({"vlimit", "--dir", dir.path().c_str()});
    CHECK_FALSE(vserver::vlimit_read_dir(empty).ok());
}

TEST_CASE("vlimit --dir: a folder where a file should be cannot be read", "[vlimit]") {
    TempDir dir;
    REQUIRE(::mkdir((dir.path() + "/core").c_str(), 0700) == 0);
    auto args = vlimit_ok({"vlimit", "--dir", dir.path().c_str()});
    auto r = vserver::vlimit_read_dir(args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "cannot read '" + dir.path() + "/core': Is a directory");
}

TEST_CASE("vlimit --dir: a missing folder, with and without --missingok", "[vlimit]") {
    TempDir dir;
    const std::string missing = dir.path() + "/rlimits";
    auto strict = vlimit_ok({"vlimit", "--nproc", "1", "--dir", missing.c_str()});
    auto r = vserver::vlimit_read_dir(strict);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == ENOENT);
    CHECK(r.error().message == "fstat('" + missing + "'): No such file or directory");

    auto tolerant = vlimit_ok({"vlimit", "--nproc", "1", "--dir", missing.c_str(), "--missingok"});
    REQUIRE(vserver::vlimit_read_dir(tolerant).ok());
    CHECK(tolerant.mask == 1U << RLIMIT_NPROC);

    // An empty folder sets nothing.
    auto empty = vlimit_ok({"vlimit", "--dir", dir.path().c_str()});
    REQUIRE(vserver::vlimit_read_dir(empty).ok());
    CHECK(empty.mask == 0U);
    // No --dir: nothing to read.
    auto none = vlimit_ok({"vlimit"});
    REQUIRE(vserver::vlimit_read_dir(none).ok());
}
