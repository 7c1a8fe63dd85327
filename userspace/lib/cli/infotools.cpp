// SPDX-License-Identifier: GPL-2.0-only

#include "infotools.hpp"

#include "version.hpp"

#include <getopt.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace vserver {

using cli::ArgKind;
using cli::UsageError;

namespace {

constexpr std::array<std::string_view, 2> implemented_tags{"SYSINFO", "FEATURE"};

// util-vserver's remaining tags.
constexpr std::array<std::string_view, 19> later_tags{
    "CONTEXT",   "ID",          "RUNNING", "VDIR",   "NAME", "CFGDIR", "APPDIR",
    "INITPID",   "INITPID_PID", "XID",     "APIVER", "UTS",  "PXID",   "CANONIFY",
    "VERIFYCAP", "VERIFYPROC",  "XIDTYPE", "NID",    "TAG",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N> &list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string features_line() {
    std::string out = "Features:";
    std::string_view sep = " ";
    for (auto name : feature_names()) {
        out += sep;
        out += name;
        sep = ", ";
    }
    return out;
}

} // namespace

const cli::ToolSpec &vserver_info_spec() {
    static const cli::ToolSpec spec{
        "vserver-info",
        "returns information about vservers and the kernel",
        "returns information about vservers",
        {"[-ql] <vserver>|- <tag> [args]"},
        "+",
        {
            {"", 'q', ArgKind::none, "", "print nothing on stdout, only set the exit status"},
            {"", 'l', ArgKind::none, "", "list the valid tags"},
            // 'h' and 'V' are no short options: they only name --help and
            // --version in the message for "--help=x" ("-h").
            {"help", 0, ArgKind::none, "", "show this help and exit", 'h'},
            {"version", 0, ArgKind::none, "", "show the version and exit", 'V'},
        },
        {
            {"", "Tags (only '-', the host, is accepted as <vserver> so far):"},
            {"SYSINFO", "versions and configuration of the kernel"},
            {"FEATURE <name>", "exit 0 iff the kernel supports feature <name>"},
            {"", features_line()},
            {"", "Without <vserver> and <tag>, the SYSINFO report is shown and the exit status "
                 "is 1."},
        },
    };
    return spec;
}

cli::Parsed<VserverInfoArgs> parse_vserver_info_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vserver_info_spec());
    constexpr int code = vserver_info_exit_code;
    VserverInfoArgs args;
    cli::Getopt::reset();
    for (int c; (c = getopt.next(argc, argv)) != -1;) {
        switch (c) {
        case 'h':
            args.action = cli::Action::help;
            return args;
        case 'V':
            args.action = cli::Action::version;
            return args;
        case 'l':
            args.list_tags = true;
            return args;
        case 'q':
            args.quiet = true;
            break;
        default: {
            // Unlike the other tools, the option is named by optopt when
            // getopt has one, even for a long option.
            const std::string opt =
                optopt != 0 ? std::string("-") + static_cast<char>(optopt) : argv[optind - 1];
            return UsageError{code, "invalid option '" + opt + "' (try '--help')"};
        }
        }
    }
    args.command = optind;
    if (argc - optind < 2)
        return args;

    const std::string_view vserver_arg = argv[optind];
    const std::string_view tag = argv[optind + 1];
    if (contains(later_tags, tag))
        return UsageError{code, "tag '" + std::string(tag) + "' is not supported yet"};
    if (!contains(implemented_tags, tag))
        return UsageError{code,
                          "unknown tag '" + std::string(tag) + "' (use -l to list valid tags)"};
    if (vserver_arg != "-")
        return UsageError{code, "only '-' (the host) is supported as <vserver> for tag " +
                                    std::string(tag) + ", not '" + std::string(vserver_arg) + "'"};
    return args;
}

std::string vserver_info_tag_list() {
    std::string out = "Valid tags are: ";
    std::string_view sep;
    for (auto tag : implemented_tags) {
        out += sep;
        out += tag;
        sep = ", ";
    }
    return out + '\n';
}

} // namespace vserver
