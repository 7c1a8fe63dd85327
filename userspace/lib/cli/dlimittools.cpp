// SPDX-License-Identifier: GPL-2.0-only

#include "dlimittools.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <ostream>
#include <sstream>

namespace vserver {

using cli::Parsed;
using cli::UsageError;

namespace {

constexpr int code = vdlimit_exit_code;

struct Field {
    std::string_view name;
    std::uint32_t DiskLimit::*member;
};

constexpr std::array<Field, 5> fields{{
    {"space_used", &DiskLimit::space_used},
    {"space_total", &DiskLimit::space_total},
    {"inodes_used", &DiskLimit::inodes_used},
    {"inodes_total", &DiskLimit::inodes_total},
    {"reserved", &DiskLimit::reserved},
}};

// A value of --set: a number in C syntax, or -1 for infinity (what
// util-vserver's strtol turns into CDLIM_INFINITY).
std::optional<std::uint32_t> parse_value(std::string_view text) noexcept {
    if (text == "-1")
        return dlimit_infinity;
    return cli::parse_c_uint32(text);
}

// util-vserver's setDLimitField: "<name>=<value>" into `limit`; `given`
// remembers the fields already set.
std::optional<std::string> set_field(std::string_view arg, DiskLimit &limit, unsigned &given) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto &f = fields[i];
        if (!arg.starts_with(f.name) || arg.size() == f.name.size() || arg[f.name.size()] != '=')
            continue;
        const unsigned bit = 1U << i;
        if ((given & bit) != 0)
            return "value already set in " + cli::quote(arg);
        auto value = parse_value(arg.substr(f.name.size() + 1));
        if (!value)
            return "can not parse number in " + cli::quote(arg);
        limit.*f.member = *value;
        given |= bit;
        return std::nullopt;
    }
    return "unknown limit in " + cli::quote(arg);
}

bool higher(std::uint32_t lhs, std::uint32_t rhs) noexcept {
    return lhs != dlimit_keep && rhs != dlimit_keep && lhs > rhs;
}

std::string value_text(std::uint32_t value) {
    return value == dlimit_infinity ? "-1" : std::to_string(value);
}

// mountinfo escapes blanks, tabs, newlines and backslashes as \ooo.
std::string unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' &&
            text[i + 2] >= '0' && text[i + 2] <= '7' && text[i + 3] >= '0' && text[i + 3] <= '7') {
            out += static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                                     (text[i + 3] - '0'));
            i += 3;
            continue;
        }
        out += text[i];
    }
    return out;
}

} // namespace

const cli::ToolSpec &vdlimit_spec() {
    using cli::ArgKind;
    static const cli::ToolSpec spec{
        "vdlimit",
        "shows, sets and removes the disk limit of a tag on a filesystem",
        "manages disk limits",
        {"--xid <xid> [--flags <flags>] (--set <limit>=<value>|--remove)\n<mount point>+"},
        "+:",
        {
            {"xid", 'x', ArgKind::required, "<xid>",
             "the tag: a number, 'self' or a vserver (its 'context' file)"},
            {"set", 's', ArgKind::required, "<limit>=<value>",
             "set <limit> to <value>, where limit is one of: space_used, space_total (KiB), "
             "inodes_used, inodes_total, reserved (percent); -1 is no limit. A missing disk "
             "limit is added first."},
            {"remove", 'd', ArgKind::none, "", "remove the disk limit of <xid> from <mount point>"},
            {"flags", 'f', ArgKind::required, "<flags>", "the flags of the commands (default 0)"},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "Without --set or --remove the disk limit is shown. Disk limits need ext4 with "
                 "the quota and project features (tune2fs -O quota,project <device>)."},
        },
    };
    return spec;
}

Parsed<VdlimitArgs> parse_vdlimit_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vdlimit_spec());
    VdlimitArgs args;
    unsigned given = 0;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case 'x':
            args.xid = optarg;
            break;
        case 's':
            if (auto bad = set_field(optarg, args.limit, given))
                return UsageError{code, *bad};
            args.set = true;
            break;
        case 'd':
            args.remove = true;
            break;
        case 'f':
            return cli::flags_option(optarg, args.flags, code);
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.paths = cli::operands(argc, argv);

    const auto &l = args.limit;
    if (args.set && args.remove)
        return UsageError{code,
                          "Can not specify multiple operations; try '--help' for more information"};
    if (args.paths.empty())
        return UsageError{code, "No mount point specified; try '--help' for more information"};
    if (!args.xid)
        return UsageError{code, "No xid specified; try '--help' for more information"};
    if (higher(l.space_used, l.space_total))
        return UsageError{code, "invalid parameters: 'space_used' is larger than 'space_total'"};
    if (higher(l.inodes_used, l.inodes_total))
        return UsageError{code, "invalid parameters: 'inodes_used' is larger than 'inodes_total'"};
    if (l.reserved != dlimit_keep && l.reserved > 100)
        return UsageError{code, "invalid parameters: 'reserved' is larger than 100"};
    return args;
}

std::string format_dlimit(std::uint32_t tag, std::string_view path, const DiskLimit &limit) {
    std::string out = std::to_string(tag);
    out += ' ';
    out += path;
    out += '\n';
    for (const auto &f : fields) {
        out += f.name;
        out += '=';
        out += value_text(limit.*f.member);
        out += '\n';
    }
    return out;
}

bool MountInfo::tagged() const {
    std::istringstream in(options);
    for (std::string option; std::getline(in, option, ',');)
        if (option == "tag" || option == "tagxid")
            return true;
    return false;
}

std::optional<MountInfo> mount_info(const std::string &path, const std::string &mountinfo) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0)
        return std::nullopt;
    const std::string dev =
        std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev));
    std::ifstream in(mountinfo);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string id, parent, majmin;
        if (!(words >> id >> parent >> majmin) || majmin != dev)
            continue;
        // The optional fields end with a lone "-"; type and source follow.
        const auto sep = line.find(" - ");
        if (sep == std::string::npos)
            continue;
        std::istringstream tail(line.substr(sep + 3));
        std::string fstype, source, options;
        if (!(tail >> fstype >> source))
            continue;
        tail >> options;
        return MountInfo{unescape(fstype), unescape(source), unescape(options)};
    }
    return std::nullopt;
}

Error explain_dlimit_error(const Error &e, std::uint32_t tag, const std::string &path,
                           const std::string &mountinfo) {
    const auto not_ext4 = [&](const MountInfo &fs) {
        return error(e.errnum, path + ": " + fs.fstype +
                                   " has no disk limit support (ext4 with the quota and "
                                   "project features has)");
    };
    const auto device = [](const std::optional<MountInfo> &fs) {
        return fs && fs->source.starts_with('/') ? fs->source : std::string("<device>");
    };
    switch (e.errnum) {
    case ESRCH:
        return error(e.errnum, "no disk limit for tag " + std::to_string(tag) + " on " + path);
    case EOPNOTSUPP: {
        const auto fs = mount_info(path, mountinfo);
        if (fs && fs->fstype != "ext4")
            return not_ext4(*fs);
        return error(e.errnum, path +
                                   ": filesystem without disk limit support; run 'tune2fs -O "
                                   "quota,project " +
                                   device(fs) + "' on the unmounted filesystem");
    }
    case EINVAL: {
        // The kernel's answer for a filesystem not mounted with "tag";
        // on a tagged one it refused the values.
        const auto fs = mount_info(path, mountinfo);
        if (!fs || fs->tagged())
            return error(e.errnum, path + ": " + e.message);
        if (fs->fstype != "ext4")
            return not_ext4(*fs);
        return error(e.errnum, path +
                                   ": filesystem not mounted with -o tag (disk limits need ext4 "
                                   "with the quota and project features, 'tune2fs -O "
                                   "quota,project " +
                                   device(fs) + "', mounted with -o tag)");
    }
    case ENOENT:
        return syscall_error(path, e.errnum);
    case EPERM:
        return error(e.errnum, e.message + "; run as root on the host");
    case ENOSYS:
        return e;
    default:
        return error(e.errnum, path + ": " + e.message);
    }
}

std::vector<Error> vdlimit_set(const VdlimitArgs &args, std::uint32_t tag, const std::string &path,
                               Syscall &sys, const std::string &mountinfo) {
    std::vector<Error> failures;
    bool added = false;
    if (!get_dlimit(path.c_str(), tag, args.flags, sys)) {
        if (auto r = add_dlimit(path.c_str(), tag, args.flags, sys); !r) {
            failures.push_back(explain_dlimit_error(r.error(), tag, path, mountinfo));
            return failures;
        }
        added = true;
    }
    if (auto r = set_dlimit(path.c_str(), tag, args.flags, args.limit, sys); !r) {
        failures.push_back(explain_dlimit_error(r.error(), tag, path, mountinfo));
        if (added) {
            if (auto rem = rem_dlimit(path.c_str(), tag, args.flags, sys); !rem)
                failures.push_back(explain_dlimit_error(rem.error(), tag, path, mountinfo));
        }
    }
    return failures;
}

Result<void> vdlimit_remove(const VdlimitArgs &args, std::uint32_t tag, const std::string &path,
                            Syscall &sys, const std::string &mountinfo) {
    if (auto r = rem_dlimit(path.c_str(), tag, args.flags, sys); !r)
        return explain_dlimit_error(r.error(), tag, path, mountinfo);
    return ok();
}

Result<void> vdlimit_show(const VdlimitArgs &args, std::uint32_t tag, const std::string &path,
                          std::ostream &out, Syscall &sys, const std::string &mountinfo) {
    auto limit = get_dlimit(path.c_str(), tag, args.flags, sys);
    if (!limit)
        return explain_dlimit_error(limit.error(), tag, path, mountinfo);
    out << format_dlimit(tag, path, limit.value()) << std::flush;
    return ok();
}

} // namespace vserver
