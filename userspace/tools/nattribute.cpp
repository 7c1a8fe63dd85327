// SPDX-License-Identifier: GPL-2.0-only
//
// nattribute: sets or shows the flags and capabilities of a network
// context (util-vserver's src/nattribute.c).

#include "cli.hpp"
#include "nettools.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "nattribute";

int fail(std::string_view msg) {
    return vserver::cli::fail(prog, msg, vserver::nattribute_exit_code);
}

int show_help() {
    std::cout << "Usage:\n    " << prog
              << " [--nid <nid>] {--get|--set [--ncap [~!]<ncap>] [--flag [~!]<flag>]\n"
                 "        [--secure]} [--] [<program> <args>*]\n"
                 "\n"
                 " --nid <nid>    ...  the network context (a number or 'self'; default: own)\n"
                 " --ncap <caps>  ...  network capabilities to be set\n"
                 " --flag <flags> ...  network flags to be set\n"
                 " --secure       ...  ncaps raw_icmp only, and the flag hide_netif\n"
                 "\n"
                 "Lists are comma-separated; '~' or '!' before an item clears it, '^<n>' is\n"
                 "bit <n>. --get prints the current values.\n";
    return EXIT_SUCCESS;
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_nattribute_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return vserver::cli::fail(prog, bad->message, bad->exit_code);
    const auto &args = std::get<vserver::NattributeArgs>(parsed);
    if (args.action == vserver::cli::Action::help)
        return show_help();
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(prog, "sets attributes of network contexts");

    auto nid = vserver::cli::resolve_nid(args.nid.value_or(vserver::cli::XidArg{true, 0}));
    if (!nid)
        return fail(nid.error().message);
    auto done = args.get ? vserver::nattribute_get(nid.value(), std::cout)
                         : vserver::nattribute_set(args, nid.value());
    if (!done)
        return fail(done.error().message);
    if (args.command < argc)
        return fail(vserver::cli::exec_program(argv + args.command).message);
    return EXIT_SUCCESS;
}
