// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-info: util-vserver compatible query tool. Only argument handling
// lives here; all kernel access and formatting is in libvserver.

#include "cli.hpp"
#include "result.hpp"
#include "sysinfo.hpp"
#include "version.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <getopt.h>
#include <iostream>
#include <span>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view prog = "vserver-info";

constexpr std::array<std::string_view, 2> implemented_tags{"SYSINFO", "FEATURE"};

// util-vserver's remaining tags: recognised so that callers get a clear
// "not yet" instead of "unknown".
constexpr std::array<std::string_view, 19> later_tags{
    "CONTEXT",   "ID",          "RUNNING", "VDIR",   "NAME", "CFGDIR", "APPDIR",
    "INITPID",   "INITPID_PID", "XID",     "APIVER", "UTS",  "PXID",   "CANONIFY",
    "VERIFYCAP", "VERIFYPROC",  "XIDTYPE", "NID",    "TAG",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N> &list, std::string_view s) {
    for (auto item : list)
        if (item == s)
            return true;
    return false;
}

int fail(std::string_view msg) {
    std::cerr << prog << ": " << msg << '\n';
    return EXIT_FAILURE;
}

constexpr std::string_view synopsis = "[-ql] <vserver>|- <tag> [args]";

int show_help() {
    std::cout << "Usage: " << prog << ' ' << synopsis << "\n"
              << "Returns information about vservers and the kernel.\n"
                 "\n"
                 "  -q          print nothing on stdout, only set the exit status\n"
                 "  -l          list the valid tags\n"
                 "  --help      show this help\n"
                 "  --version   show the version\n"
                 "\n"
                 "Tags (only '-', the host, is accepted as <vserver> so far):\n"
                 "  SYSINFO         versions and configuration of the kernel\n"
                 "  FEATURE <name>  exit 0 iff the kernel supports feature <name>\n"
                 "\n"
                 "Features:";
    std::string_view sep = " ";
    for (auto name : vserver::feature_names()) {
        std::cout << sep << name;
        sep = ", ";
    }
    std::cout << '\n';
    return EXIT_SUCCESS;
}

int show_tags() {
    std::cout << "Valid tags are: ";
    std::string_view sep;
    for (auto tag : implemented_tags) {
        std::cout << sep << tag;
        sep = ", ";
    }
    std::cout << '\n';
    return EXIT_SUCCESS;
}

// Like util-vserver: a failed query shows "???" and still succeeds, so the
// report is useful on a kernel without vserver too.
int sysinfo(bool quiet) {
    auto release = vserver::kernel_release();
    if (!release)
        return fail(release.error().message);
    const auto info = vserver::collect_sysinfo(release.value());
    if (!quiet)
        std::cout << vserver::format_sysinfo(info) << std::flush;
    if (!info.version)
        fail(info.version.error().message);
    if (!info.vci)
        fail(info.vci.error().message);
    return EXIT_SUCCESS;
}

// The answer is the exit status only. ENOSYS means "no vserver kernel",
// which is an answer (unsupported), not an error worth a message.
int feature(std::span<char *const> args, bool quiet) {
    if (args.empty())
        return fail("FEATURE needs a feature name");
    const std::string_view name = args[0];
    if (!vserver::is_known_feature(name)) {
        if (!quiet)
            fail("unknown feature '" + std::string(name) + "'");
        return EXIT_FAILURE;
    }
    const auto version = vserver::get_version();
    if (!version) {
        if (version.error().errnum != ENOSYS)
            fail(version.error().message);
        return EXIT_FAILURE;
    }
    // util-vserver treats a failing get_vci as "no bits set".
    const auto vci = vserver::get_vci().value_or(0);
    return vserver::is_supported(name, version.value(), vci) ? EXIT_SUCCESS : EXIT_FAILURE;
}

} // namespace

int main(int argc, char *argv[]) {
    static const option long_options[] = {
        {"help", no_argument, nullptr, 'h'},
        {"version", no_argument, nullptr, 'V'},
        {nullptr, 0, nullptr, 0},
    };
    bool quiet = false;

    // '+': stop at the first operand, so tag arguments are never options.
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+ql", long_options, nullptr)) != -1;) {
        switch (c) {
        case 'h':
            return show_help();
        case 'V':
            return vserver::cli::show_version(prog, "returns information about vservers");
        case 'l':
            return show_tags();
        case 'q':
            quiet = true;
            break;
        default: {
            const std::string opt =
                optopt != 0 ? std::string("-") + static_cast<char>(optopt) : argv[optind - 1];
            return fail("invalid option '" + opt + "' (try '--help')");
        }
        }
    }

    const std::span<char *const> operands(argv + optind, static_cast<std::size_t>(argc - optind));
    if (operands.size() < 2) {
        // util-vserver shows SYSINFO when called without a query.
        sysinfo(quiet);
        return fail("missing <vserver> <tag>; usage: " + std::string(prog) + ' ' +
                    std::string(synopsis));
    }

    const std::string_view vserver_arg = operands[0];
    const std::string_view tag = operands[1];
    if (contains(later_tags, tag))
        return fail("tag '" + std::string(tag) + "' is not supported yet");
    if (!contains(implemented_tags, tag))
        return fail("unknown tag '" + std::string(tag) + "' (use -l to list valid tags)");
    if (vserver_arg != "-")
        return fail("only '-' (the host) is supported as <vserver> for tag " + std::string(tag) +
                    ", not '" + std::string(vserver_arg) + "'");

    if (tag == "SYSINFO")
        return sysinfo(quiet);
    return feature(operands.subspan(2), quiet);
}
