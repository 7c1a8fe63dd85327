// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-info: util-vserver compatible query tool. Only argument handling
// lives here; all kernel access and formatting is in the libraries.

#include "cli.hpp"
#include "infotools.hpp"
#include "result.hpp"
#include "sysinfo.hpp"
#include "version.hpp"

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "vserver-info";

// Unlike the other tools' messages, these are printed as they are.
int fail(std::string_view msg) {
    std::cerr << prog << ": " << msg << '\n';
    return vserver::vserver_info_exit_code;
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
    auto parsed = vserver::parse_vserver_info_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return fail(bad->message);
    const auto &args = std::get<vserver::VserverInfoArgs>(parsed);
    const auto &spec = vserver::vserver_info_spec();
    if (args.action == vserver::cli::Action::help)
        return vserver::cli::show_help(spec);
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(spec);
    if (args.list_tags) {
        std::cout << vserver::vserver_info_tag_list();
        return EXIT_SUCCESS;
    }

    const std::span<char *const> operands(argv + args.command,
                                          static_cast<std::size_t>(argc - args.command));
    if (operands.size() < 2) {
        // util-vserver shows SYSINFO when called without a query.
        sysinfo(args.quiet);
        return fail("missing <vserver> <tag>; usage: " + spec.name + ' ' + spec.synopsis.front());
    }
    if (std::string_view(operands[1]) == "SYSINFO")
        return sysinfo(args.quiet);
    return feature(operands.subspan(2), args.quiet);
}
