// SPDX-License-Identifier: GPL-2.0-only
//
// chxid, lsxid, setattr and showattr: every option (setattr's ~ and !
// spellings and its mask arithmetic), the walk over a temporary tree (order,
// dot files, -d, -R, names relative to each directory, no symlink
// followed), the exact set_iattr structs, the lsxid and showattr columns,
// and each error as one line.

#include "argv.hpp"
#include "fake_syscall.hpp"
#include "fstools.hpp"
#include "fswalk.hpp"
#include "tempdir.hpp"

#include <vserver/cvirt_cmd.h>
#include <vserver/inode.h>
#include <vserver/inode_cmd.h>

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using vserver::FsToolArgs;
using vserver::InodeAttr;
using vserver::cli::Action;
using vserver::cli::UsageError;
using vserver::test::Argv;
using vserver::test::Call;
using vserver::test::FakeSyscall;
using vserver::test::TempDir;

namespace {

using Parser = vserver::cli::Parsed<FsToolArgs> (*)(int, char **);

FsToolArgs parsed_ok(Parser parser, Argv argv) {
    return vserver::test::accepted<FsToolArgs>(parser, std::move(argv));
}

std::string refused(Parser parser, Argv argv) {
    const auto bad = vserver::test::refused(parser, std::move(argv));
    CHECK(bad.exit_code == 1);
    return bad.message;
}

FsToolArgs chxid(Argv argv) { return parsed_ok(vserver::parse_chxid_args, std::move(argv)); }
FsToolArgs lsxid(Argv argv) { return parsed_ok(vserver::parse_lsxid_args, std::move(argv)); }
FsToolArgs setattr(Argv argv) { return parsed_ok(vserver::parse_setattr_args, std::move(argv)); }
FsToolArgs showattr(Argv argv) { return parsed_ok(vserver::parse_showattr_args, std::move(argv)); }

std::string pad(std::size_t n) { return std::string(n, ' '); }

// The parts one after the other (operator+ chains trip a false -Wrestrict
// of g++ 12).
std::string str(std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto &p : parts)
        out += p;
    return out;
}

// root/ a  .hidden  link -> sub  sub/ b  .c  deeper/ d
void make_tree(const TempDir &t) {
    t.write("a");
    t.write(".hidden");
    t.mkdir("sub/deeper");
    t.write("sub/b");
    t.write("sub/.c");
    t.write("sub/deeper/d");
    REQUIRE(::symlink("sub", (t / "link").c_str()) == 0);
}

std::string cwd() {
    char buf[4096];
    REQUIRE(::getcwd(buf, sizeof buf) != nullptr);
    return buf;
}

// What a walk visited: (name passed to the kernel, display).
struct Visited {
    std::vector<std::pair<std::string, std::string>> files;
    std::vector<std::string> errors;
};

Visited walk(const std::vector<std::string> &paths, const vserver::WalkOptions &options) {
    Visited v;
    const std::string before = cwd();
    const vserver::Visitor visit = [&](const char *name, const std::string &display,
                                       const struct stat &) {
        v.files.emplace_back(name, display);
        return vserver::Visit::ok;
    };
    const vserver::Reporter report = [&](const vserver::Error &e) {
        v.errors.push_back(e.message);
    };
    vserver::walk_files(paths, options, visit, report);
    CHECK(cwd() == before);
    return v;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The fields of a vcmd_ctx_iattr_v1 as sent (x86_64: pointer, tag, flags,
// mask, padding).
struct SentIattr {
    std::uint32_t tag, flags, mask, padding;
    friend bool operator==(const SentIattr &, const SentIattr &) = default;
};

SentIattr sent_iattr(const Call &call) {
    REQUIRE(call.sent.size() == 24U);
    SentIattr s{};
    std::memcpy(&s.tag, call.sent.data() + 8, 4);
    std::memcpy(&s.flags, call.sent.data() + 12, 4);
    std::memcpy(&s.mask, call.sent.data() + 16, 4);
    std::memcpy(&s.padding, call.sent.data() + 20, 4);
    return s;
}

// get_iattr answers by path ("." and entry names); others get `fallback`.
void answer_iattr(FakeSyscall &fake, std::map<std::string, InodeAttr> by_path, InodeAttr fallback) {
    fake.on_call = [by_path = std::move(by_path), fallback](const Call &call, void *data) {
        if (call.cmd != VCMD_get_iattr)
            return;
        auto it = by_path.find(call.path);
        const InodeAttr a = it == by_path.end() ? fallback : it->second;
        auto *attr = static_cast<struct vcmd_ctx_iattr_v1 *>(data);
        attr->tag = a.tag;
        attr->flags = a.flags;
        attr->mask = a.mask;
    };
}

struct Collected {
    std::vector<std::string> errors;
    vserver::Reporter reporter() {
        return [this](const vserver::Error &e) { errors.push_back(e.message); };
    }
};

constexpr std::uint32_t file_mask = IATTR_TAG | IATTR_IXUNLINK | IATTR_IMMUTABLE | IATTR_COW;
constexpr std::uint32_t dir_mask = IATTR_TAG | IATTR_IXUNLINK | IATTR_IMMUTABLE | IATTR_BARRIER;

} // namespace

// --- command lines ----------------------------------------------------------

TEST_CASE("chxid: options; dot files always, directories themselves unless -R", "[fstools]") {
    auto args = chxid({"chxid", "-c", "42", "f"});
    CHECK(args.action == Action::run);
    CHECK(args.context == "42");
    CHECK(args.paths == std::vector<std::string>{"f"});
    CHECK(args.walk.dotfiles);
    CHECK(args.walk.dirs_as_files);
    CHECK_FALSE(args.walk.recurse);
    CHECK_FALSE(args.walk.one_fs);
    CHECK_FALSE(args.skip_unified);

    auto all = chxid({"chxid", "-RxU", "-cguest", "f", "--", "-g"});
    CHECK(all.context == "guest");
    CHECK(all.walk.recurse);
    CHECK_FALSE(all.walk.dirs_as_files);
    CHECK(all.walk.one_fs);
    CHECK(all.skip_unified);
    CHECK(all.paths == std::vector<std::string>{"f", "-g"});
    // Options may follow the files (GNU getopt permutes).
    CHECK(chxid({"chxid", "f", "-c", "1"}).context == "1");

    CHECK(chxid({"chxid", "--help"}).action == Action::help);
    CHECK(chxid({"chxid", "--version"}).action == Action::version);
}

TEST_CASE("chxid: bad command lines give one line and 1", "[fstools]") {
    const auto parse = vserver::parse_chxid_args;
    CHECK(refused(parse, {"chxid"}) == "No filename given; use '--help' for more information");
    CHECK(refused(parse, {"chxid", "-c", "42"}) ==
          "No filename given; use '--help' for more information");
    CHECK(refused(parse, {"chxid", "f"}) == "No context given; use '--help' for more information");
    CHECK(refused(parse, {"chxid", "f", "-c"}) ==
          "option '-c' requires an argument (try '--help')");
    CHECK(refused(parse, {"chxid", "-a", "-c", "1", "f"}) == "invalid option '-a' (try '--help')");
    CHECK(refused(parse, {"chxid", "--iunlink", "-c", "1", "f"}) ==
          "invalid option '--iunlink' (try '--help')");
}

TEST_CASE("lsxid and showattr: -R -a -d -x (and lsxid's -n); no file means '.'", "[fstools]") {
    auto plain = lsxid({"lsxid"});
    CHECK(plain.paths.empty());
    CHECK_FALSE(plain.walk.recurse);
    CHECK_FALSE(plain.walk.dotfiles);
    CHECK_FALSE(plain.walk.dirs_as_files);
    CHECK_FALSE(plain.walk.one_fs);
    CHECK_FALSE(plain.numeric);
    auto all = lsxid({"lsxid", "-Radnx", "p", "q"});
    CHECK((all.walk.recurse && all.walk.dotfiles && all.walk.dirs_as_files && all.walk.one_fs &&
           all.numeric));
    CHECK(all.paths == std::vector<std::string>{"p", "q"});
    auto show = showattr({"showattr", "-R", "-a", "-d", "-x"});
    CHECK((show.walk.recurse && show.walk.dotfiles && show.walk.dirs_as_files && show.walk.one_fs));
    CHECK(refused(vserver::parse_showattr_args, {"showattr", "-n"}) ==
          "invalid option '-n' (try '--help')");
    CHECK(refused(vserver::parse_lsxid_args, {"lsxid", "-c", "1"}) ==
          "invalid option '-c' (try '--help')");
    CHECK(lsxid({"lsxid", "--help"}).action == Action::help);
    CHECK(showattr({"showattr", "--version"}).action == Action::version);
}

TEST_CASE("setattr: every attribute option and its ~ and ! spellings", "[fstools]") {
    const std::pair<const char *, std::uint32_t> options[] = {
        {"iunlink", IATTR_IMMUTABLE | IATTR_IXUNLINK},
        {"immu", IATTR_IMMUTABLE | IATTR_IXUNLINK},
        {"iunlink-but-not-immutable", IATTR_IXUNLINK},
        {"ixunlink", IATTR_IXUNLINK},
        {"immutable", IATTR_IMMUTABLE},
        {"admin", IATTR_ADMIN},
        {"watch", IATTR_WATCH},
        {"hide", IATTR_HIDE},
        {"barrier", IATTR_BARRIER},
        {"write", 0x8},
        {"cow", IATTR_COW},
    };
    for (const auto &[name, bits] : options) {
        INFO(name);
        const std::string set = std::string("--") + name;
        const std::string tilde = std::string("--~") + name;
        const std::string bang = std::string("--!") + name;
        auto s = setattr({"setattr", set.c_str(), "f"});
        CHECK(s.set_mask == bits);
        CHECK(s.del_mask == 0U);
        CHECK(s.iattr_flags() == bits);
        CHECK(s.iattr_mask() == bits);
        for (const std::string &clear : {tilde, bang}) {
            auto c = setattr({"setattr", clear.c_str(), "f"});
            CHECK(c.set_mask == 0U);
            CHECK(c.del_mask == bits);
            CHECK(c.iattr_flags() == 0U);
            CHECK(c.iattr_mask() == bits);
        }
    }
}

TEST_CASE("setattr: flags = set & ~clear, mask = set | clear", "[fstools]") {
    SECTION("--~iunlink clears immutable too") {
        auto a = setattr({"setattr", "--~iunlink", "f"});
        CHECK(a.iattr_flags() == 0U);
        CHECK(a.iattr_mask() == (IATTR_IMMUTABLE | IATTR_IXUNLINK));
    }
    SECTION("iunlink but not immutable") {
        auto a = setattr({"setattr", "--iunlink", "--~immutable", "f"});
        CHECK(a.iattr_flags() == IATTR_IXUNLINK);
        CHECK(a.iattr_mask() == (IATTR_IMMUTABLE | IATTR_IXUNLINK));
    }
    SECTION("clearing wins over setting, whatever the order") {
        auto a = setattr({"setattr", "--~barrier", "--barrier", "--cow", "f"});
        CHECK(a.iattr_flags() == IATTR_COW);
        CHECK(a.iattr_mask() == (IATTR_BARRIER | IATTR_COW));
    }
    SECTION("--flags and --~flags take raw bits in C syntax") {
        auto a =
            setattr({"setattr", "--flags", "0x40008", "--~flags", "0200000", "--!flags", "1", "f"});
        CHECK(a.set_mask == 0x40008U);
        CHECK(a.del_mask == 0x10001U);
        CHECK(a.iattr_flags() == 0x40008U);
        CHECK(a.iattr_mask() == 0x50009U);
    }
    SECTION("nothing given: mask 0, as util-vserver sends it") {
        auto a = setattr({"setattr", "f"});
        CHECK(a.iattr_flags() == 0U);
        CHECK(a.iattr_mask() == 0U);
    }
    SECTION("-R and -x; directories as chxid treats them") {
        auto plain = setattr({"setattr", "--cow", "f"});
        CHECK(plain.walk.dotfiles);
        CHECK(plain.walk.dirs_as_files);
        auto rec = setattr({"setattr", "-Rx", "--cow", "f"});
        CHECK(rec.walk.recurse);
        CHECK(rec.walk.one_fs);
        CHECK_FALSE(rec.walk.dirs_as_files);
    }
}

TEST_CASE("setattr: bad command lines give one line and 1", "[fstools]") {
    const auto parse = vserver::parse_setattr_args;
    CHECK(refused(parse, {"setattr", "--cow"}) ==
          "No filename given; use '--help' for more information");
    for (const char *bad : {"0x8x", "", "-1", "0x100000000", "eight"}) {
        Argv argv{"setattr", "--flags", bad, "f"};
        CHECK(refused(parse, {"setattr", "--flags", bad, "f"}) ==
              std::string("Invalid flags argument: '") + bad +
                  "'; try '--help' for more information");
    }
    CHECK(refused(parse, {"setattr", "--~flags", "x", "f"}) ==
          "Invalid flags argument: 'x'; try '--help' for more information");
    CHECK(refused(parse, {"setattr", "--flags"}) ==
          "option '--flags' requires an argument (try '--help')");
    CHECK(refused(parse, {"setattr", "--sticky", "f"}) ==
          "invalid option '--sticky' (try '--help')");
    CHECK(refused(parse, {"setattr", "-d", "f"}) == "invalid option '-d' (try '--help')");
    CHECK(refused(parse, {"setattr", "--~tag", "f"}) == "invalid option '--~tag' (try '--help')");
}

// --- output formats ---------------------------------------------------------

TEST_CASE("lsxid line: tag or name right-aligned in 20 columns, two blanks, file", "[fstools]") {
    CHECK(vserver::format_lsxid_line(42, std::nullopt, "f") == str({pad(18), "42  f\n"}));
    CHECK(vserver::format_lsxid_line(0, std::nullopt, "./a b") == str({pad(19), "0  ./a b\n"}));
    CHECK(vserver::format_lsxid_line(4294967295U, std::nullopt, "x") ==
          str({pad(10), "4294967295  x\n"}));
    CHECK(vserver::format_lsxid_line(42, std::string("web"), "/srv") ==
          str({pad(17), "web  /srv\n"}));
    CHECK(vserver::format_lsxid_line(42, std::string(20, 'n'), "f") ==
          str({std::string(20, 'n'), "  f\n"}));
    CHECK(vserver::format_lsxid_line(42, std::string(25, 'n'), "f") ==
          str({std::string(25, 'n'), "  f\n"}));
    CHECK(vserver::format_lsxid_line(std::nullopt, std::nullopt, "f") ==
          str({"!!ERR!!", pad(13), "  f\n"}));
}

TEST_CASE("showattr line: nine columns in bit order, a blank, the file", "[fstools]") {
    // A regular file on a tagged filesystem: immutable, iunlink and cow
    // supported, the tag always reported.
    CHECK(vserver::format_showattr_line(InodeAttr{5, IATTR_TAG, file_mask}, "f") ==
          "-----uicX f\n");
    // A unified file.
    CHECK(vserver::format_showattr_line(
              InodeAttr{5, IATTR_TAG | IATTR_IMMUTABLE | IATTR_IXUNLINK, file_mask}, "f") ==
          "-----UIcX f\n");
    // A directory with a barrier on an untagged filesystem.
    CHECK(vserver::format_showattr_line(
              InodeAttr{0, IATTR_TAG | IATTR_BARRIER, dir_mask & ~std::uint32_t{IATTR_TAG}}, "d") ==
          "----Bui-- d\n");
    // A /proc entry with admin and watch.
    CHECK(vserver::format_showattr_line(
              InodeAttr{0, IATTR_ADMIN | IATTR_WATCH,
                        IATTR_ADMIN | IATTR_WATCH | IATTR_HIDE | IATTR_IMMUTABLE},
              "/proc/x") == "AWh---i-- /proc/x\n");
    // Every bit set and supported, write included.
    const std::uint32_t all = IATTR_TAG | IATTR_ADMIN | IATTR_WATCH | IATTR_HIDE | 0x8 |
                              IATTR_BARRIER | IATTR_IXUNLINK | IATTR_IMMUTABLE | IATTR_COW;
    CHECK(vserver::format_showattr_line(InodeAttr{0, all, all}, "f") == "AWHMBUICX f\n");
    CHECK(vserver::format_showattr_line(InodeAttr{0, 0, all}, "f") == "awhmbuicx f\n");
    // Bits outside the columns change nothing; set but unsupported shows '-'.
    CHECK(vserver::format_showattr_line(InodeAttr{0, 0xf0000000U | IATTR_COW, 0xf0000000U}, "f") ==
          "--------- f\n");
    CHECK(vserver::format_showattr_line(std::nullopt, "f") == "ERR       f\n");
}

// --- the walk ---------------------------------------------------------------

TEST_CASE("walk: a directory lists '.' as itself, then its entries, sorted", "[fstools]") {
    TempDir t;
    make_tree(t);
    const std::string root = t.path();
    SECTION("plain: no dot files, subdirectories and symlinks as entries") {
        auto v = walk({root}, {});
        CHECK(v.files == Pairs{{".", root},
                               {"a", root + "/a"},
                               {"link", root + "/link"},
                               {"sub", root + "/sub"}});
        CHECK(v.errors.empty());
    }
    SECTION("-a: dot files too, never . and ..") {
        auto v = walk({root + "/"}, {.dotfiles = true});
        CHECK(v.files == Pairs{{".", root + "/"},
                               {".hidden", root + "/.hidden"},
                               {"a", root + "/a"},
                               {"link", root + "/link"},
                               {"sub", root + "/sub"}});
    }
    SECTION("-R: files first, then each subdirectory entered (symlinks not)") {
        auto v = walk({root + "//"}, {.recurse = true});
        CHECK(v.files == Pairs{{".", root + "//"},
                               {"a", root + "/a"},
                               {"link", root + "/link"},
                               {".", root + "/sub"},
                               {"b", root + "/sub/b"},
                               {".", root + "/sub/deeper"},
                               {"d", root + "/sub/deeper/d"}});
    }
    SECTION("-d: the directory itself") {
        auto v = walk({root, root + "/a"}, {.recurse = true, .dirs_as_files = true});
        CHECK(v.files == Pairs{{root, root}, {root + "/a", root + "/a"}});
    }
    SECTION("a symlink argument is itself, even to a directory") {
        auto v = walk({root + "/link"}, {.recurse = true});
        CHECK(v.files == Pairs{{root + "/link", root + "/link"}});
    }
    SECTION("relative arguments stay relative") {
        const std::string before = cwd();
        REQUIRE(::chdir(root.c_str()) == 0);
        auto v = walk({"sub", "a"}, {.recurse = true, .dotfiles = true});
        REQUIRE(::chdir(before.c_str()) == 0);
        CHECK(v.files == Pairs{{".", "sub"},
                               {".c", "sub/.c"},
                               {"b", "sub/b"},
                               {".", "sub/deeper"},
                               {"d", "sub/deeper/d"},
                               {"a", "a"}});
    }
}

TEST_CASE("walk: a missing path is one line and the others go on", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto v = walk({t / "nope", t / "a"}, {});
    CHECK(v.errors ==
          std::vector<std::string>{t / "nope" + ": No such file or directory (ENOENT)"});
    CHECK(v.files == Pairs{{t / "a", t / "a"}});
}

TEST_CASE("walk: an unreadable directory is reported, its siblings still visited", "[fstools]") {
    if (::geteuid() == 0)
        return; // root reads it anyway
    TempDir t;
    make_tree(t);
    t.mkdir("locked");
    REQUIRE(::chmod((t / "locked").c_str(), 0) == 0);
    auto v = walk({t.path()}, {.recurse = true});
    REQUIRE(::chmod((t / "locked").c_str(), 0700) == 0);
    CHECK(v.errors == std::vector<std::string>{t / "locked" + ": Permission denied (EACCES)"});
    CHECK(v.files.back() == std::pair<std::string, std::string>{"d", t / "sub/deeper/d"});
}

TEST_CASE("walk: -x does not enter another filesystem", "[fstools]") {
    // /sys/fs holds mount points (cgroup, ...) where sysfs is mounted.
    struct stat fs, cgroup;
    if (::stat("/sys/fs", &fs) != 0 || ::stat("/sys/fs/cgroup", &cgroup) != 0 ||
        fs.st_dev == cgroup.st_dev) {
        WARN("no mount point below /sys/fs; -x not exercised");
        return;
    }
    auto local = walk({"/sys/fs"}, {.recurse = true, .one_fs = true});
    for (const auto &[name, display] : local.files)
        CHECK_FALSE(display.starts_with("/sys/fs/cgroup"));
    auto across = walk({"/sys/fs"}, {.recurse = true, .one_fs = false});
    bool entered = false;
    for (const auto &[name, display] : across.files)
        entered = entered || display == "/sys/fs/cgroup";
    CHECK(entered);
}

TEST_CASE("walk: a visitor's stop ends the walk", "[fstools]") {
    TempDir t;
    make_tree(t);
    int seen = 0;
    const vserver::Visitor visit = [&](const char *, const std::string &, const struct stat &) {
        return ++seen == 2 ? vserver::Visit::stop : vserver::Visit::failed;
    };
    const std::string before = cwd();
    auto r = vserver::walk_files({t.path(), t.path()}, {.recurse = true}, visit,
                                 [](const vserver::Error &) {});
    CHECK(cwd() == before);
    CHECK(seen == 2);
    CHECK(r.failures == 2U);
    CHECK(r.stopped);
}

// --- chxid and setattr against the fake kernel ------------------------------

TEST_CASE("chxid: set_iattr(name, tag, 0, IATTR_TAG) for every file of the tree", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = chxid({"chxid", "-R", "-c", "1042", t.path().c_str()});
    FakeSyscall fake;
    fake.replies.assign(20, 0);
    Collected c;
    CHECK(vserver::run_chxid(args, 1042, c.reporter(), fake) == 0U);
    CHECK(c.errors.empty());
    std::vector<std::string> paths;
    for (const auto &call : fake.calls) {
        CHECK(call.cmd == 0x26020001U);
        CHECK(call.id == 0U);
        CHECK(sent_iattr(call) == SentIattr{1042, 0, 0x01000000, 0});
        paths.push_back(call.path);
    }
    CHECK(paths == std::vector<std::string>{".", ".hidden", "a", "link", ".", ".c", "b", ".", "d"});
}

TEST_CASE("chxid: without -R a directory is changed itself", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = chxid({"chxid", "-c", "7", t.path().c_str(), (t / "a").c_str()});
    FakeSyscall fake;
    fake.replies.assign(2, 0);
    Collected c;
    CHECK(vserver::run_chxid(args, 7, c.reporter(), fake) == 0U);
    REQUIRE(fake.calls.size() == 2);
    CHECK(fake.calls[0].path == t.path());
    CHECK(fake.calls[1].path == t / "a");
    CHECK(sent_iattr(fake.calls[1]) == SentIattr{7, 0, IATTR_TAG, 0});
}

TEST_CASE("chxid -U: unified files are left alone", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = chxid({"chxid", "-U", "-R", "-c", "7", (t / "sub").c_str()});
    constexpr std::uint32_t both = IATTR_IMMUTABLE | IATTR_IXUNLINK;
    FakeSyscall fake;
    fake.replies.assign(20, 0);
    answer_iattr(fake, {{"b", {0, both | IATTR_TAG, file_mask}}}, {0, IATTR_TAG, file_mask});
    Collected c;
    CHECK(vserver::run_chxid(args, 7, c.reporter(), fake) == 0U);
    std::vector<std::pair<std::uint32_t, std::string>> calls;
    for (const auto &call : fake.calls)
        calls.emplace_back(call.cmd, call.path);
    const std::uint32_t get = VCMD_get_iattr;
    const std::uint32_t set = VCMD_set_iattr;
    CHECK(calls == std::vector<std::pair<std::uint32_t, std::string>>{{get, "."},
                                                                      {set, "."},
                                                                      {get, ".c"},
                                                                      {set, ".c"},
                                                                      {get, "b"},
                                                                      {get, "."},
                                                                      {set, "."},
                                                                      {get, "d"},
                                                                      {set, "d"}});
}

TEST_CASE("chxid: an untagged filesystem is one line, every file a failure", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = chxid({"chxid", "-R", "-c", "7", (t / "sub").c_str()});
    FakeSyscall fake;
    fake.replies.assign(5, -EINVAL);
    Collected c;
    CHECK(vserver::run_chxid(args, 7, c.reporter(), fake) == 5U);
    CHECK(c.errors == std::vector<std::string>{t / "sub" + ": filesystem not mounted with -o tag"});
    CHECK(fake.calls.size() == 5U);
}

TEST_CASE("chxid: a missing file is one line, the others are still changed", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = chxid({"chxid", "-c", "7", (t / "gone").c_str(), (t / "a").c_str()});
    FakeSyscall fake;
    fake.replies = {0};
    Collected c;
    CHECK(vserver::run_chxid(args, 7, c.reporter(), fake) == 1U);
    CHECK(c.errors ==
          std::vector<std::string>{t / "gone" + ": No such file or directory (ENOENT)"});
    REQUIRE(fake.calls.size() == 1);
    CHECK(fake.calls[0].path == t / "a");
}

TEST_CASE("chxid: EPERM and ENOSYS end the run after one line", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = chxid({"chxid", "-R", "-c", "7", t.path().c_str()});
    SECTION("not root") {
        FakeSyscall fake;
        fake.replies = {-EPERM};
        Collected c;
        CHECK(vserver::run_chxid(args, 7, c.reporter(), fake) == 1U);
        CHECK(c.errors == std::vector<std::string>{
                              t.path() + ": vc_set_iattr: Operation not permitted (EPERM); "
                                         "run as root on the host"});
        CHECK(fake.calls.size() == 1U);
    }
    SECTION("no vserver kernel") {
        FakeSyscall fake;
        Collected c;
        CHECK(vserver::run_chxid(args, 7, c.reporter(), fake) == 1U);
        CHECK(c.errors ==
              std::vector<std::string>{"vc_set_iattr: Function not implemented (ENOSYS)"});
        CHECK(fake.calls.size() == 1U);
    }
}

TEST_CASE("setattr: the flags and mask of the command line for every file", "[fstools]") {
    TempDir t;
    make_tree(t);
    auto args = setattr({"setattr", "--~iunlink", "--cow", "-R", (t / "sub").c_str()});
    FakeSyscall fake;
    fake.replies.assign(10, 0);
    Collected c;
    CHECK(vserver::run_setattr(args, c.reporter(), fake) == 0U);
    std::vector<std::string> paths;
    for (const auto &call : fake.calls) {
        CHECK(call.cmd == 0x26020001U);
        CHECK(sent_iattr(call) == SentIattr{0, IATTR_COW, 0xe0000, 0});
        paths.push_back(call.path);
    }
    CHECK(paths == std::vector<std::string>{".", ".c", "b", ".", "d"});
}

TEST_CASE("setattr: errors name the file", "[fstools]") {
    TempDir t;
    make_tree(t);
    SECTION("admin, watch and hide") {
        auto args = setattr({"setattr", "--hide", (t / "a").c_str(), (t / "sub").c_str()});
        FakeSyscall fake;
        fake.replies = {-EINVAL, -EINVAL};
        Collected c;
        CHECK(vserver::run_setattr(args, c.reporter(), fake) == 2U);
        // Once per filesystem; every file is a failure.
        CHECK(c.errors == std::vector<std::string>{t / "a" + ": admin, watch and hide are not "
                                                             "supported (vs2.3 had them on /proc "
                                                             "entries only)"});
        CHECK(sent_iattr(fake.calls[0]) == SentIattr{0, IATTR_HIDE, IATTR_HIDE, 0});
    }
    SECTION("not root ends the run") {
        auto args = setattr({"setattr", "--iunlink", (t / "a").c_str(), (t / "sub").c_str()});
        FakeSyscall fake;
        fake.replies = {-EPERM};
        Collected c;
        CHECK(vserver::run_setattr(args, c.reporter(), fake) == 1U);
        CHECK(c.errors ==
              std::vector<std::string>{t / "a" + ": vc_set_iattr: Operation not permitted (EPERM); "
                                                 "run as root on the host"});
        CHECK(fake.calls.size() == 1U);
    }
    SECTION("anything else: the command's error") {
        auto args = setattr({"setattr", "--barrier", (t / "a").c_str()});
        FakeSyscall fake;
        fake.replies = {-EROFS};
        Collected c;
        CHECK(vserver::run_setattr(args, c.reporter(), fake) == 1U);
        CHECK(c.errors ==
              std::vector<std::string>{t / "a" + ": vc_set_iattr: Read-only file system (EROFS)"});
    }
    SECTION("a missing file") {
        auto args = setattr({"setattr", "--barrier", (t / "gone").c_str()});
        FakeSyscall fake;
        Collected c;
        CHECK(vserver::run_setattr(args, c.reporter(), fake) == 1U);
        CHECK(c.errors ==
              std::vector<std::string>{t / "gone" + ": No such file or directory (ENOENT)"});
        CHECK(fake.calls.empty());
    }
}

// --- lsxid and showattr against the fake kernel -----------------------------

TEST_CASE("lsxid: one line per file, names for running vservers", "[fstools]") {
    TempDir t;
    make_tree(t);
    TempDir cfg;
    cfg.mkdir("web");
    std::ofstream(cfg / "web/run") << "1042\n";
    std::ofstream(cfg / "web/name") << "www\n";

    FakeSyscall fake;
    fake.replies.assign(20, 0);
    answer_iattr(fake, {{"a", {1042, IATTR_TAG, file_mask}}, {"link", {7, IATTR_TAG, file_mask}}},
                 {0, IATTR_TAG, dir_mask});
    const auto answer_iattr_fn = fake.on_call;
    const std::string web = cfg / "web";
    fake.on_call = [&](const Call &call, void *data) {
        if (call.cmd == VCMD_get_vhi_name) {
            auto *vhi = static_cast<struct vcmd_vhi_name_v0 *>(data);
            std::memset(vhi->name, 0, sizeof vhi->name);
            const std::string name = call.id == 1042 ? web : "/nonexistent";
            std::memcpy(vhi->name, name.data(), name.size());
            return;
        }
        answer_iattr_fn(call, data);
    };
    vserver::VserverNames names(fake);
    std::ostringstream out;
    Collected c;
    auto args = lsxid({"lsxid", t.path().c_str()});
    CHECK(vserver::run_lsxid(args, out, c.reporter(), &names, fake) == 0U);
    CHECK(c.errors.empty());
    CHECK(out.str() == str({pad(19), "0  ", t.path(), "\n",   //
                            pad(17), "www  ", t / "a", "\n",  //
                            pad(19), "7  ", t / "link", "\n", //
                            pad(19), "0  ", t / "sub", "\n"}));
    // get_iattr per file, get_vhi_name once per context other than 0.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> calls;
    for (const auto &call : fake.calls)
        calls.emplace_back(call.cmd, call.id);
    const std::uint32_t get = VCMD_get_iattr;
    const std::uint32_t vhi = VCMD_get_vhi_name;
    CHECK(calls == std::vector<std::pair<std::uint32_t, std::uint32_t>>{
                       {get, 0}, {get, 0}, {vhi, 1042}, {get, 0}, {vhi, 7}, {get, 0}});
    CHECK(sent_iattr(fake.calls[0]) == SentIattr{0, 0, 0, 0});

    SECTION("-n: numbers only, no name lookups") {
        FakeSyscall plain;
        plain.replies.assign(20, 0);
        answer_iattr(plain, {{t / "a", {1042, IATTR_TAG, file_mask}}}, {0, IATTR_TAG, dir_mask});
        std::ostringstream numeric;
        auto n = lsxid({"lsxid", "-n", "-d", t.path().c_str(), (t / "a").c_str()});
        CHECK(vserver::run_lsxid(n, numeric, c.reporter(), nullptr, plain) == 0U);
        CHECK(numeric.str() ==
              str({pad(19), "0  ", t.path(), "\n", pad(16), "1042  ", t / "a", "\n"}));
        for (const auto &call : plain.calls)
            CHECK(call.cmd == VCMD_get_iattr);
    }
}

TEST_CASE("lsxid: a filesystem without tags gives !!ERR!! lines and one message", "[fstools]") {
    TempDir t;
    make_tree(t);
    FakeSyscall fake;
    fake.replies.assign(20, 0);
    answer_iattr(fake, {}, {0, IATTR_TAG, file_mask & ~std::uint32_t{IATTR_TAG}});
    std::ostringstream out;
    Collected c;
    auto args = lsxid({"lsxid", "-R", (t / "sub").c_str()});
    CHECK(vserver::run_lsxid(args, out, c.reporter(), nullptr, fake) == 4U);
    const std::string err = str({"!!ERR!!", pad(13), "  "});
    CHECK(out.str() == str({err, t / "sub", "\n", err, t / "sub/b", "\n", err, t / "sub/deeper",
                            "\n", err, t / "sub/deeper/d", "\n"}));
    CHECK(c.errors == std::vector<std::string>{t / "sub" + ": filesystem not mounted with -o tag"});
}

TEST_CASE("lsxid: a failing get_iattr gives !!ERR!!, ENOSYS only one line", "[fstools]") {
    TempDir t;
    make_tree(t);
    SECTION("EACCES for one file") {
        FakeSyscall fake;
        fake.replies = {-EACCES, 0};
        answer_iattr(fake, {}, {3, IATTR_TAG, file_mask});
        std::ostringstream out;
        Collected c;
        auto args = lsxid({"lsxid", (t / "a").c_str(), (t / "sub/b").c_str()});
        CHECK(vserver::run_lsxid(args, out, c.reporter(), nullptr, fake) == 1U);
        CHECK(out.str() ==
              str({"!!ERR!!", pad(13), "  ", t / "a", "\n", pad(19), "3  ", t / "sub/b", "\n"}));
        CHECK(c.errors ==
              std::vector<std::string>{t / "a" + ": vc_get_iattr: Permission denied (EACCES)"});
    }
    SECTION("no vserver kernel") {
        FakeSyscall fake;
        std::ostringstream out;
        Collected c;
        auto args = lsxid({"lsxid", "-R", t.path().c_str()});
        CHECK(vserver::run_lsxid(args, out, c.reporter(), nullptr, fake) == 1U);
        CHECK(out.str().empty());
        CHECK(c.errors ==
              std::vector<std::string>{"vc_get_iattr: Function not implemented (ENOSYS)"});
        CHECK(fake.calls.size() == 1U);
    }
    SECTION("a missing path") {
        FakeSyscall fake;
        std::ostringstream out;
        Collected c;
        auto args = lsxid({"lsxid", (t / "gone").c_str()});
        CHECK(vserver::run_lsxid(args, out, c.reporter(), nullptr, fake) == 1U);
        CHECK(out.str().empty());
        CHECK(c.errors ==
              std::vector<std::string>{t / "gone" + ": No such file or directory (ENOENT)"});
        CHECK(fake.calls.empty());
    }
}

TEST_CASE("lsxid: no argument lists the working directory", "[fstools]") {
    TempDir t;
    make_tree(t);
    FakeSyscall fake;
    fake.replies.assign(20, 0);
    answer_iattr(fake, {}, {9, IATTR_TAG, file_mask});
    std::ostringstream out;
    Collected c;
    const std::string before = cwd();
    REQUIRE(::chdir((t / "sub").c_str()) == 0);
    const auto failures =
        vserver::run_lsxid(lsxid({"lsxid", "-a"}), out, c.reporter(), nullptr, fake);
    REQUIRE(::chdir(before.c_str()) == 0);
    CHECK(failures == 0U);
    CHECK(out.str() == str({pad(19), "9  .\n", pad(19), "9  ./.c\n", pad(19), "9  ./b\n", pad(19),
                            "9  ./deeper\n"}));
}

TEST_CASE("showattr: the columns for every file", "[fstools]") {
    TempDir t;
    make_tree(t);
    FakeSyscall fake;
    fake.replies.assign(20, 0);
    answer_iattr(fake,
                 {{".", {0, IATTR_TAG | IATTR_BARRIER, dir_mask}},
                  {"a", {0, IATTR_TAG | IATTR_IMMUTABLE | IATTR_IXUNLINK, file_mask}},
                  {"link", {0, IATTR_TAG, file_mask & ~std::uint32_t{IATTR_COW}}}},
                 {0, IATTR_TAG, dir_mask});
    std::ostringstream out;
    Collected c;
    auto args = showattr({"showattr", t.path().c_str()});
    CHECK(vserver::run_showattr(args, out, c.reporter(), fake) == 0U);
    CHECK(out.str() == str({"----Bui-X ", t.path(), "\n",   //
                            "-----UIcX ", t / "a", "\n",    //
                            "-----ui-X ", t / "link", "\n", //
                            "----bui-X ", t / "sub", "\n"}));
    for (const auto &call : fake.calls) {
        CHECK(call.cmd == 0x26010001U);
        CHECK(sent_iattr(call) == SentIattr{0, 0, 0, 0});
    }
}

TEST_CASE("showattr: ERR for a file get_iattr fails on", "[fstools]") {
    TempDir t;
    make_tree(t);
    FakeSyscall fake;
    fake.replies = {-EIO, 0};
    answer_iattr(fake, {}, {0, IATTR_TAG, file_mask});
    std::ostringstream out;
    Collected c;
    auto args = showattr({"showattr", "-d", (t / "a").c_str(), (t / "sub").c_str()});
    CHECK(vserver::run_showattr(args, out, c.reporter(), fake) == 1U);
    CHECK(out.str() == str({"ERR       ", t / "a", "\n", "-----uicX ", t / "sub", "\n"}));
    CHECK(c.errors ==
          std::vector<std::string>{t / "a" + ": vc_get_iattr: Input/output error (EIO)"});
}
