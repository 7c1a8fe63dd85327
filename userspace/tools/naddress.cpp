// SPDX-License-Identifier: GPL-2.0-only
//
// naddress: adds addresses to a network context, removes them or replaces
// them all, then runs a program (util-vserver's src/naddress.c).

#include "cli.hpp"
#include "nettools.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "naddress";

int fail(std::string_view msg) {
    return vserver::cli::fail(prog, msg, vserver::naddress_exit_code);
}

int show_help() {
    std::cout << "Usage:\n    " << prog
              << " (--add|--remove|--set) [--silent] [--nid <nid>] <address>* [--] [<program> "
                 "<args>*]\n"
                 "\n"
                 " --add          ...  add the addresses to the network context\n"
                 " --remove       ...  remove them\n"
                 " --set          ...  remove every address first, then add them\n"
                 " --nid <nid>    ...  the network context (a number or 'self'; default: own)\n"
                 " --silent       ...  do not print the addresses\n"
                 "\n"
                 "<address> is one of:\n"
                 " --ip <ip>[/<mask>]             an address (mask 0.0.0.0 without one)\n"
                 " --mask <ip>/<mask>             a whole network\n"
                 " --range <ip1>-<ip2>[/<mask>]   the addresses ip1 up to, not including, ip2\n"
                 " --bcast <ip>                   the broadcast address of the context\n"
                 " --lback <ip>[/<mask>]          the loopback address of the context\n"
                 "<mask> is a prefix length (24) or a netmask (255.255.255.0). Only IPv4\n"
                 "addresses are accepted, no interface names.\n";
    return EXIT_SUCCESS;
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_naddress_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return vserver::cli::fail(prog, bad->message, bad->exit_code);
    const auto &args = std::get<vserver::NaddressArgs>(parsed);
    if (args.action == vserver::cli::Action::help)
        return show_help();
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(prog, "bind to an ip and execute a program");

    auto nid = vserver::cli::resolve_nid(args.nid.value_or(vserver::cli::XidArg{true, 0}));
    if (!nid)
        return fail(nid.error().message);
    if (auto r = vserver::naddress_apply(args, nid.value(), std::cout); !r)
        return fail(r.error().message);
    if (args.command < argc)
        return fail(vserver::cli::exec_program(argv + args.command).message);
    return EXIT_SUCCESS;
}
