// SPDX-License-Identifier: GPL-2.0-only

#include "limittools.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>
#include <utility>

namespace vserver {

using cli::Parsed;
using cli::UsageError;

namespace {

enum : int {
    opt_dir = cli::opt_first,
    opt_missingok,
    // opt_limit + id for --<resource> and --<nr>
    opt_limit = 0x2000,
};

constexpr std::uint32_t sel_min = 1;
constexpr std::uint32_t sel_soft = 2;
constexpr std::uint32_t sel_hard = 4;

// Reads a small file; nullopt when it cannot be opened (util-vserver skips
// those), an Error when it opens but cannot be read.
Result<std::optional<std::string>> read_small_file(const std::string &path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::optional<std::string>{};
    char buf[127];
    const ssize_t len = ::read(fd, buf, sizeof buf);
    const int err = errno;
    ::close(fd);
    if (len < 0)
        return error(err, "cannot read " + cli::quote(path) + ": " + std::strerror(err));
    return std::optional<std::string>{std::string(buf, static_cast<std::size_t>(len))};
}

// Applies one file if it exists; true when it did.
Result<bool> read_limit_file(const std::string &path, std::uint64_t *fields[], std::size_t count) {
    auto text = read_small_file(path);
    if (!text)
        return text.error();
    if (!text.value())
        return false;
    auto value = parse_limit_value(*text.value());
    if (!value)
        return error(EINVAL, "Invalid limit in " + cli::quote(path));
    for (std::size_t i = 0; i < count; ++i)
        *fields[i] = *value;
    return true;
}

void put(std::string &buf, std::size_t at, std::string_view text) {
    if (buf.size() < at + text.size())
        buf.resize(at + text.size(), ' ');
    buf.replace(at, text.size(), text);
}

// util-vserver's appendLimit: returns the end of what it wrote.
std::size_t append_limit(std::string &buf, std::size_t at, bool present, std::uint64_t value,
                         bool decimal) {
    put(buf, at, "  ");
    at += 2;
    std::string text;
    if (!present) {
        text = "N/A";
    } else if (value == limit_infinity) {
        text = "inf";
    } else if (decimal) {
        text = std::to_string(value);
    } else {
        char hex[19];
        std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(value));
        text = std::string("0x") + hex;
    }
    put(buf, at, text);
    return at + text.size();
}

} // namespace

std::string invalid_limit_message(std::string_view text) {
    return "Can not parse limit " + cli::quote(text);
}

const cli::ToolSpec &vlimit_spec() {
    static const cli::ToolSpec spec = [] {
        using cli::ArgKind;
        std::vector<cli::Option> o{
            {"xid", 'c', ArgKind::required, "<xid>",
             "operate on context <xid> (a number or 'self'; default: own)"},
            {"all", 'a', ArgKind::none, "", "show all available limits"},
            {"", 'n', ArgKind::none, "", "do not resolve limit-names"},
            {"", 'd', ArgKind::none, "", "show limits in decimal"},
            {"", 'M', ArgKind::none, "", "set Minimum limit"},
            {"", 'S', ArgKind::none, "", "set Soft limit"},
            {"", 'H', ArgKind::none, "",
             "set Hard limit (assumed by default, when neither M nor S was requested)"},
            {"dir", 0, ArgKind::required, "<pathname>",
             "read limits from <pathname>/; allowed filenames are <resource> and "
             "<resource>.{min,soft,hard}. When a limit was set by the CLI already, the "
             "corresponding file will be ignored",
             opt_dir},
            {"missingok", 0, ArgKind::none, "", "do not fail when <pathname> does not exist",
             opt_missingok},
            {"<resource>|<nr>", 0, ArgKind::required, "<value>",
             "set specified (MSH) limit for <resource> to <value>", 0, true},
        };
        // The family --<resource> and --<nr>: --0 .. --31, then the names.
        std::vector<std::string> names;
        for (std::uint32_t i = 0; i < max_limit_ids; ++i)
            o.push_back({std::to_string(i), 0, ArgKind::required, "<value>", "",
                         opt_limit + static_cast<int>(i)});
        for (std::uint32_t i = 0; i < max_limit_ids; ++i) {
            if (auto name = limit_option_name(i)) {
                o.push_back(
                    {*name, 0, ArgKind::required, "<value>", "", opt_limit + static_cast<int>(i)});
                names.push_back(*name);
            }
        }
        o.push_back(cli::help_option());
        o.push_back(cli::version_option());

        std::string valid = "Valid values for resource are ";
        for (std::size_t i = 0; i < names.size(); ++i) {
            valid += names[i];
            valid += i + 2 < names.size() ? ", " : i + 1 < names.size() ? ", and " : ".";
        }
        valid += " Values are numbers (C syntax) with an optional suffix K (1024), M (1024^2), "
                 "k (1000) or m (1000^2), or 'inf'.";
        return cli::ToolSpec{
            "vlimit",
            "sets and shows the resource limits of a context",
            "limits context-resources",
            {"[--xid|-c <xid>] [-nd] [-a|--all]\n[[-MSH] --(<resource>|<nr>) <value>]*\n"
             "[--dir <pathname> [--missingok]] [--] [<program> <args>*]"},
            "+:",
            std::move(o),
            {{"", valid}},
        };
    }();
    return spec;
}

Parsed<VlimitArgs> parse_vlimit_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vlimit_spec());
    constexpr int code = vlimit_exit_code;
    VlimitArgs args;
    std::uint32_t select = 0;
    auto option = [&](int c) -> std::optional<UsageError> {
        if (c >= opt_limit && c < opt_limit + static_cast<int>(max_limit_ids)) {
            const auto id = static_cast<std::size_t>(c - opt_limit);
            auto value = parse_limit_value(optarg);
            if (!value)
                return UsageError{code, invalid_limit_message(optarg)};
            if (select == 0)
                select = sel_hard;
            auto &limit = args.limits[id];
            if ((select & sel_min) != 0)
                limit.minimum = *value;
            if ((select & sel_soft) != 0)
                limit.soft = *value;
            if ((select & sel_hard) != 0)
                limit.hard = *value;
            args.mask |= std::uint32_t{1} << id;
            select = 0;
            return std::nullopt;
        }
        switch (c) {
        case 'a':
            args.show_all = true;
            break;
        case 'n':
            args.numeric = true;
            break;
        case 'd':
            args.decimal = true;
            break;
        case opt_dir:
            args.dir = optarg;
            break;
        case opt_missingok:
            args.missing_ok = true;
            break;
        case 'c':
            return cli::xid_option(optarg, args.xid, code);
        case 'M':
            select |= sel_min;
            break;
        case 'S':
            select |= sel_soft;
            break;
        case 'H':
            select |= sel_hard;
            break;
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.command = optind;
    return args;
}

Result<void> vlimit_read_dir(VlimitArgs &args) {
    if (!args.dir)
        return ok();
    const std::string &dir = *args.dir;
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT && args.missing_ok)
            return ok();
        return error(err, "fstat(" + cli::quote(dir) + "): " + std::strerror(err));
    }
    std::string base = dir;
    if (!base.empty() && base.back() != '/')
        base += '/';
    for (std::uint32_t id = 0; id < max_limit_ids; ++id) {
        auto name = limit_option_name(id);
        const std::uint32_t bit = std::uint32_t{1} << id;
        if (!name || (args.mask & bit) != 0)
            continue;
        const std::string path = base + *name;
        auto &limit = args.limits[id];
        std::uint64_t *all[] = {&limit.minimum, &limit.soft, &limit.hard};
        std::uint64_t *min[] = {&limit.minimum};
        std::uint64_t *soft[] = {&limit.soft};
        std::uint64_t *hard[] = {&limit.hard};
        const std::pair<const char *, std::pair<std::uint64_t **, std::size_t>> files[] = {
            {"", {all, 3}},
            {".min", {min, 1}},
            {".soft", {soft, 1}},
            {".hard", {hard, 1}},
        };
        for (const auto &[suffix, fields] : files) {
            auto found = read_limit_file(path + suffix, fields.first, fields.second);
            if (!found)
                return found.error();
            if (found.value())
                args.mask |= bit;
        }
    }
    return ok();
}

std::vector<Error> vlimit_set(const VlimitArgs &args, std::uint32_t xid, Syscall &sys) {
    std::vector<Error> failures;
    for (std::uint32_t id = 0; id < max_limit_ids; ++id) {
        if ((args.mask & (std::uint32_t{1} << id)) == 0)
            continue;
        if (auto r = set_rlimit(xid, id, args.limits[id], sys); !r)
            failures.push_back(r.error());
    }
    return failures;
}

std::string format_limit_line(std::uint32_t id, const RlimitMask &mask, const Rlimit &limit,
                              bool numeric, bool decimal) {
    std::string buf(128, ' ');
    auto name = limit_name(id);
    put(buf, 0, !numeric && name ? std::string(*name) : std::to_string(id));
    const std::uint32_t bit = std::uint32_t{1} << id;
    append_limit(buf, 10, (mask.minimum & bit) != 0, limit.minimum, decimal);
    append_limit(buf, 30, (mask.soft & bit) != 0, limit.soft, decimal);
    const std::size_t end = append_limit(buf, 50, (mask.hard & bit) != 0, limit.hard, decimal);
    buf.resize(end);
    return buf;
}

Result<void> vlimit_show_all(const VlimitArgs &args, std::uint32_t xid, std::ostream &out,
                             std::vector<Error> &failures, Syscall &sys) {
    auto mask = get_rlimit_mask(xid, sys);
    if (!mask)
        return mask.error();
    for (std::uint32_t id = 0; id < max_limit_ids; ++id) {
        if ((mask.value().any() & (std::uint32_t{1} << id)) == 0)
            continue;
        auto limit = get_rlimit(xid, id, sys);
        // No such context: one error, not one per limit.
        if (!limit && limit.error().errnum == ESRCH)
            return limit.error();
        if (!limit) {
            failures.push_back(limit.error());
            continue;
        }
        out << format_limit_line(id, mask.value(), limit.value(), args.numeric, args.decimal)
            << '\n';
    }
    out << std::flush;
    return ok();
}

} // namespace vserver
