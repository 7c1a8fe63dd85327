// SPDX-License-Identifier: GPL-2.0-only

#include "fstools.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <ostream>
#include <set>
#include <string>
#include <utility>

namespace vserver {

using cli::Parsed;
using cli::UsageError;

namespace {

enum : int {
    opt_flags = cli::opt_first,
    opt_unset_flags,
    // opt_set + i and opt_unset + i for attr_options[i]
    opt_set = 0x2000,
    opt_unset = 0x3000,
};

struct AttrOption {
    const char *name;
    const char *alias; // the same option under util-vserver's other name, or nullptr
    std::uint32_t bits;
    const char *help;
};

// setattr's attribute options (util-vserver's CMD_IMMU ... CMD_COW).
constexpr std::array<AttrOption, 9> attr_options{{
    {"iunlink", "immu", iattr_immutable | iattr_iunlink, "immutable and iunlink: a unified file"},
    {"iunlink-but-not-immutable", "ixunlink", iattr_iunlink,
     "iunlink: may be unlinked even when immutable"},
    {"immutable", nullptr, iattr_immutable, "immutable"},
    {"barrier", nullptr, iattr_barrier, "a chroot barrier (directories)"},
    {"cow", nullptr, iattr_cow, "copy on write (regular files)"},
    {"admin", nullptr, iattr_admin, "visibility of /proc entries: admin"},
    {"watch", nullptr, iattr_watch, "visibility of /proc entries: watch"},
    {"hide", nullptr, iattr_hide, "visibility of /proc entries: hide"},
    {"write", nullptr, iattr_write, "util-vserver's write bit (0x8)"},
}};

constexpr int code = fstool_exit_code;

using cli::ArgKind;
using cli::Option;

Option short_option(char c, const char *help) { return {"", c, ArgKind::none, "", help}; }

std::vector<Option> with_help_and_version(std::vector<Option> options) {
    options.push_back(cli::help_option());
    options.push_back(cli::version_option());
    return options;
}

// The attributes, each also with '~' and '!' in front (to clear it), and
// --flags, --~flags, --!flags.
std::vector<Option> setattr_options() {
    std::vector<Option> o{short_option('R', "recurse through directories (symlinks are not "
                                            "followed)"),
                          short_option('x', "do not cross filesystems")};
    auto add = [&o](const std::string &name, int set_id, int unset_id, const char *help,
                    ArgKind arg = ArgKind::none) {
        const char *arg_name = arg == ArgKind::none ? "" : "<n>";
        o.push_back({name, 0, arg, arg_name, help, set_id});
        o.push_back({"~" + name, 0, arg, arg_name, "", unset_id});
        o.push_back({"!" + name, 0, arg, arg_name, "", unset_id});
    };
    for (std::size_t i = 0; i < attr_options.size(); ++i) {
        const auto &a = attr_options[i];
        const int idx = static_cast<int>(i);
        add(a.name, opt_set + idx, opt_unset + idx, a.help);
        if (a.alias != nullptr)
            add(a.alias, opt_set + idx, opt_unset + idx, "");
    }
    add("flags", opt_flags, opt_unset_flags, "the raw bits of <n> (C syntax)", ArgKind::required);
    return with_help_and_version(std::move(o));
}

} // namespace

const cli::ToolSpec &chxid_spec() {
    static const cli::ToolSpec spec{
        "chxid",
        "sets the tag (the owning context) of files",
        "sets the tag of files",
        {"-c <ctx|vserver> [-RxU] [--] <file>+"},
        ":",
        with_help_and_version({
            {"", 'c', ArgKind::required, "<ctx|vserver>",
             "the tag to give the files: a number, 'self' (the own context) or a vserver (a "
             "name under /etc/vservers or the path of its configuration; its 'context' file)"},
            short_option('R', "recurse through directories (symlinks are not followed)"),
            short_option('x', "do not cross filesystems"),
            short_option('U', "skip unified files (immutable and iunlink)"),
        }),
        {
            {"", "The filesystem must be mounted with -o tag."},
        },
    };
    return spec;
}

const cli::ToolSpec &lsxid_spec() {
    static const cli::ToolSpec spec{
        "lsxid",
        "shows the tag (the owning context) of files",
        "shows the tag of files",
        {"[-Radnx] [--] <file>*"},
        ":",
        with_help_and_version({
            short_option('R', "recurse through directories"),
            short_option('a', "display files starting with '.' also"),
            short_option('d', "list directories like other files instead of listing their "
                              "content"),
            short_option('n', "do not map tags to vserver names"),
            short_option('x', "do not cross filesystems"),
        }),
        {
            {"", "Each line: the tag (or the name of the running vserver with that context) "
                 "right-aligned in 20 columns, two blanks, the file. '!!ERR!!' marks a file "
                 "without a tag (its filesystem is not mounted with -o tag)."},
        },
    };
    return spec;
}

const cli::ToolSpec &setattr_spec() {
    static const cli::ToolSpec spec{
        "setattr",
        "sets the vserver attributes of files",
        "sets vserver attributes of files",
        {"[-Rx] [--[~]<attribute>]* [--[~]flags <n>] [--] <file>+"},
        ":",
        setattr_options(),
        {
            {"", "'~' or '!' in front of an attribute (--~iunlink, --!flags <n>) clears it "
                 "instead of setting it."},
            {"", "Without -R a directory is changed itself, with -R its whole tree."},
        },
    };
    return spec;
}

const cli::ToolSpec &showattr_spec() {
    static const cli::ToolSpec spec{
        "showattr",
        "shows the vserver attributes of files",
        "shows vserver attributes of files",
        {"[-Radx] [--] <file>*"},
        ":",
        with_help_and_version({
            short_option('R', "recurse through directories"),
            short_option('a', "display files starting with '.' also"),
            short_option('d', "list directories like other files instead of listing their "
                              "content"),
            short_option('x', "do not cross filesystems"),
        }),
        {
            {"", "Each line: nine columns, a blank and the file. The columns are admin (a), "
                 "watch (w), hide (h), write (m), barrier (b), iunlink (u), immutable (i), cow "
                 "(c) and tag (x): upper case when set, lower case when not set, '-' when the "
                 "file cannot have it."},
        },
    };
    return spec;
}

namespace {

// The shared loop of the four tools; each one's table decides which
// options exist.
Parsed<FsToolArgs> parse(int argc, char *argv[], const cli::Getopt &getopt) {
    FsToolArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        const auto nattr = static_cast<int>(attr_options.size());
        if (c >= opt_set && c < opt_set + nattr) {
            args.set_mask |= attr_options[static_cast<std::size_t>(c - opt_set)].bits;
            return std::nullopt;
        }
        if (c >= opt_unset && c < opt_unset + nattr) {
            args.del_mask |= attr_options[static_cast<std::size_t>(c - opt_unset)].bits;
            return std::nullopt;
        }
        switch (c) {
        case opt_flags:
        case opt_unset_flags: {
            std::uint32_t bits = 0;
            if (auto bad = cli::flags_option(optarg, bits, code))
                return bad;
            (c == opt_flags ? args.set_mask : args.del_mask) |= bits;
            break;
        }
        case 'R':
            args.walk.recurse = true;
            break;
        case 'a':
            args.walk.dotfiles = true;
            break;
        case 'd':
            args.walk.dirs_as_files = true;
            break;
        case 'n':
            args.numeric = true;
            break;
        case 'x':
            args.walk.one_fs = true;
            break;
        case 'U':
            args.skip_unified = true;
            break;
        case 'c':
            args.context = optarg;
            break;
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.paths = cli::operands(argc, argv);
    return args;
}

UsageError no_filename() {
    return UsageError{code, "No filename given; use '--help' for more information"};
}

// chxid and setattr: dot files always; a directory is itself unless -R.
void change_tree(FsToolArgs &args) {
    args.walk.dotfiles = true;
    args.walk.dirs_as_files = !args.walk.recurse;
}

std::string pad_left(std::string_view text, std::size_t width) {
    std::string out;
    if (text.size() < width)
        out.assign(width - text.size(), ' ');
    out += text;
    return out;
}

constexpr std::uint32_t proc_bits = iattr_admin | iattr_watch | iattr_hide;

// What went wrong with a set_iattr or get_iattr for `display`.
struct Failure {
    Error error;
    bool fatal = false;       // every other file would fail the same way
    bool once_per_fs = false; // the filesystem refuses it: report it once
};

Failure explain(const Error &e, const std::string &display, std::uint32_t mask, bool setting) {
    if (e.errnum == ENOSYS)
        return {e, true, false};
    if (setting && e.errnum == EPERM)
        return {error(e.errnum, display + ": " + e.message + "; run as root on the host"), true,
                false};
    if (setting && e.errnum == EINVAL && (mask & iattr_tag) != 0)
        return {error(e.errnum, display + ": filesystem not mounted with -o tag"), false, true};
    if (setting && e.errnum == EINVAL && (mask & proc_bits) != 0)
        return {error(e.errnum, display +
                                    ": admin, watch and hide are not supported (vs2.3 had them on "
                                    "/proc entries only)"),
                false, true};
    return {error(e.errnum, display + ": " + e.message), false, false};
}

// Reports a failure (untagged ones once per device) and tells the walk.
class FailureSink {
  public:
    explicit FailureSink(const Reporter &report) : report_(report) {}

    Visit operator()(const Failure &f, const struct stat &st) {
        if (!f.once_per_fs || devices_.insert(st.st_dev).second)
            report_(f.error);
        return f.fatal ? Visit::stop : Visit::failed;
    }

  private:
    const Reporter &report_;
    std::set<dev_t> devices_;
};

std::uint64_t run(const FsToolArgs &args, const Visitor &visit, const Reporter &report) {
    std::vector<std::string> paths = args.paths;
    if (paths.empty())
        paths.emplace_back(".");
    return walk_files(paths, args.walk, visit, report).failures;
}

std::uint64_t run(const FsToolArgs &args, const Visitor &visit, const Reporter &report,
                  std::ostream &out) {
    const auto failures = run(args, visit, report);
    out << std::flush;
    return failures;
}

} // namespace

Parsed<FsToolArgs> parse_chxid_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(chxid_spec());
    auto parsed = parse(argc, argv, getopt);
    auto *args = std::get_if<FsToolArgs>(&parsed);
    if (args == nullptr || args->action != cli::Action::run)
        return parsed;
    if (args->paths.empty())
        return no_filename();
    if (!args->context)
        return UsageError{code, "No context given; use '--help' for more information"};
    change_tree(*args);
    return parsed;
}

Parsed<FsToolArgs> parse_lsxid_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(lsxid_spec());
    return parse(argc, argv, getopt);
}

Parsed<FsToolArgs> parse_setattr_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(setattr_spec());
    auto parsed = parse(argc, argv, getopt);
    auto *args = std::get_if<FsToolArgs>(&parsed);
    if (args == nullptr || args->action != cli::Action::run)
        return parsed;
    if (args->paths.empty())
        return no_filename();
    change_tree(*args);
    return parsed;
}

Parsed<FsToolArgs> parse_showattr_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(showattr_spec());
    return parse(argc, argv, getopt);
}

std::string format_lsxid_line(std::optional<std::uint32_t> tag,
                              const std::optional<std::string> &name, std::string_view display) {
    constexpr std::size_t width = 20;
    std::string line;
    if (!tag) {
        line = "!!ERR!!";
        line.resize(width, ' ');
    } else if (name) {
        line = pad_left(*name, width);
    } else {
        line = pad_left(std::to_string(*tag), width);
    }
    line += "  ";
    line += display;
    line += '\n';
    return line;
}

std::string format_showattr_line(const std::optional<InodeAttr> &attr, std::string_view display) {
    struct Column {
        std::uint32_t bit;
        char marker;
    };
    // util-vserver's marker string read from bit 0 upwards.
    constexpr std::array<Column, 9> columns{{
        {iattr_admin, 'a'},
        {iattr_watch, 'w'},
        {iattr_hide, 'h'},
        {iattr_write, 'm'},
        {iattr_barrier, 'b'},
        {iattr_iunlink, 'u'},
        {iattr_immutable, 'i'},
        {iattr_cow, 'c'},
        {iattr_tag, 'x'},
    }};
    std::string line;
    if (!attr) {
        line = "ERR";
    } else {
        for (const auto &col : columns) {
            if ((attr->mask & col.bit) == 0)
                line += '-';
            else if ((attr->flags & col.bit) != 0)
                line += static_cast<char>(col.marker - 'a' + 'A');
            else
                line += col.marker;
        }
    }
    line.resize(10, ' ');
    line += display;
    line += '\n';
    return line;
}

std::uint64_t run_chxid(const FsToolArgs &args, std::uint32_t tag, const Reporter &report,
                        Syscall &sys) {
    FailureSink sink(report);
    const Visitor visit = [&](const char *name, const std::string &display, const struct stat &st) {
        if (args.skip_unified && is_unified(name, sys))
            return Visit::ok;
        auto r = set_iattr(name, tag, 0, iattr_tag, sys);
        if (!r)
            return sink(explain(r.error(), display, iattr_tag, true), st);
        return Visit::ok;
    };
    return run(args, visit, report);
}

std::uint64_t run_setattr(const FsToolArgs &args, const Reporter &report, Syscall &sys) {
    FailureSink sink(report);
    const std::uint32_t flags = args.iattr_flags();
    const std::uint32_t mask = args.iattr_mask();
    const Visitor visit = [&](const char *name, const std::string &display, const struct stat &st) {
        auto r = set_iattr(name, 0, flags, mask, sys);
        if (!r)
            return sink(explain(r.error(), display, mask, true), st);
        return Visit::ok;
    };
    return run(args, visit, report);
}

std::uint64_t run_lsxid(const FsToolArgs &args, std::ostream &out, const Reporter &report,
                        VserverNames *names, Syscall &sys) {
    FailureSink sink(report);
    const Visitor visit = [&](const char *name, const std::string &display, const struct stat &st) {
        auto attr = get_iattr(name, sys);
        if (!attr) {
            const auto failure = explain(attr.error(), display, 0, false);
            if (!failure.fatal)
                out << format_lsxid_line(std::nullopt, std::nullopt, display);
            return sink(failure, st);
        }
        if (!attr.value().has_tag()) {
            out << format_lsxid_line(std::nullopt, std::nullopt, display);
            return sink(Failure{error(EINVAL, display + ": filesystem not mounted with -o tag"),
                                false, true},
                        st);
        }
        const std::uint32_t tag = attr.value().tag;
        const auto vname = names != nullptr ? names->name_of(tag) : std::nullopt;
        out << format_lsxid_line(tag, vname, display);
        return Visit::ok;
    };
    return run(args, visit, report, out);
}

std::uint64_t run_showattr(const FsToolArgs &args, std::ostream &out, const Reporter &report,
                           Syscall &sys) {
    FailureSink sink(report);
    const Visitor visit = [&](const char *name, const std::string &display, const struct stat &st) {
        auto attr = get_iattr(name, sys);
        if (!attr) {
            const auto failure = explain(attr.error(), display, 0, false);
            if (!failure.fatal)
                out << format_showattr_line(std::nullopt, display);
            return sink(failure, st);
        }
        out << format_showattr_line(attr.value(), display);
        return Visit::ok;
    };
    return run(args, visit, report, out);
}

} // namespace vserver
