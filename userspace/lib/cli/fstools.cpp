// SPDX-License-Identifier: GPL-2.0-only

#include "fstools.hpp"

#include <getopt.h>

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
    opt_help = 0x1000,
    opt_version,
    opt_flags,
    opt_unset_flags,
    // opt_set + i and opt_unset + i for attr_options[i]
    opt_set = 0x2000,
    opt_unset = 0x3000,
};

struct AttrOption {
    const char *name;
    std::uint32_t bits;
};

// setattr's attribute options (util-vserver's CMD_IMMU ... CMD_COW).
constexpr std::array<AttrOption, 11> attr_options{{
    {"iunlink", iattr_immutable | iattr_iunlink},
    {"immu", iattr_immutable | iattr_iunlink},
    {"iunlink-but-not-immutable", iattr_iunlink},
    {"ixunlink", iattr_iunlink},
    {"immutable", iattr_immutable},
    {"admin", iattr_admin},
    {"watch", iattr_watch},
    {"hide", iattr_hide},
    {"barrier", iattr_barrier},
    {"write", iattr_write},
    {"cow", iattr_cow},
}};

constexpr int code = fstool_exit_code;

std::vector<option> common_options() {
    return {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
    };
}

const std::vector<option> &plain_options() {
    static const std::vector<option> options = [] {
        auto o = common_options();
        o.push_back({nullptr, 0, nullptr, 0});
        return o;
    }();
    return options;
}

const std::vector<option> &setattr_options() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto &a : attr_options) {
            n.push_back(a.name);
            n.push_back(std::string("~") + a.name);
            n.push_back(std::string("!") + a.name);
        }
        return n;
    }();
    static const std::vector<option> options = [] {
        auto o = common_options();
        for (std::size_t i = 0; i < attr_options.size(); ++i) {
            const int idx = static_cast<int>(i);
            o.push_back({names[3 * i].c_str(), no_argument, nullptr, opt_set + idx});
            o.push_back({names[3 * i + 1].c_str(), no_argument, nullptr, opt_unset + idx});
            o.push_back({names[3 * i + 2].c_str(), no_argument, nullptr, opt_unset + idx});
        }
        o.push_back({"flags", required_argument, nullptr, opt_flags});
        o.push_back({"~flags", required_argument, nullptr, opt_unset_flags});
        o.push_back({"!flags", required_argument, nullptr, opt_unset_flags});
        o.push_back({nullptr, 0, nullptr, 0});
        return o;
    }();
    return options;
}

// The shared loop of the four tools; `shorts` decides which letters exist.
Parsed<FsToolArgs> parse(int argc, char *argv[], const char *shorts,
                         const std::vector<option> &options) {
    FsToolArgs args;
    optind = 0; // glibc: reinitialize completely
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, shorts, options.data(), nullptr)) != -1;) {
        const auto nattr = static_cast<int>(attr_options.size());
        if (c >= opt_set && c < opt_set + nattr) {
            args.set_mask |= attr_options[static_cast<std::size_t>(c - opt_set)].bits;
            continue;
        }
        if (c >= opt_unset && c < opt_unset + nattr) {
            args.del_mask |= attr_options[static_cast<std::size_t>(c - opt_unset)].bits;
            continue;
        }
        switch (c) {
        case opt_help:
            args.action = cli::Action::help;
            return args;
        case opt_version:
            args.action = cli::Action::version;
            return args;
        case opt_flags:
        case opt_unset_flags: {
            auto bits = cli::parse_c_uint32(optarg);
            if (!bits)
                return UsageError{code, "Invalid flags argument: " + cli::quote(optarg) +
                                            "; try '--help' for more information"};
            (c == opt_flags ? args.set_mask : args.del_mask) |= *bits;
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
        default:
            return UsageError{code, cli::option_error(c, optopt, argv[optind - 1])};
        }
    }
    for (int i = optind; i < argc; ++i)
        args.paths.emplace_back(argv[i]);
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
    auto parsed = parse(argc, argv, ":Rc:xU", plain_options());
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
    return parse(argc, argv, ":Radnx", plain_options());
}

Parsed<FsToolArgs> parse_setattr_args(int argc, char *argv[]) {
    auto parsed = parse(argc, argv, ":Rx", setattr_options());
    auto *args = std::get_if<FsToolArgs>(&parsed);
    if (args == nullptr || args->action != cli::Action::run)
        return parsed;
    if (args->paths.empty())
        return no_filename();
    change_tree(*args);
    return parsed;
}

Parsed<FsToolArgs> parse_showattr_args(int argc, char *argv[]) {
    return parse(argc, argv, ":Radx", plain_options());
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
