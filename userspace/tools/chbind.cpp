// SPDX-License-Identifier: GPL-2.0-only
//
// chbind: runs a program in a network context bound to some IP addresses.
// util-vserver's scripts/chbind is a shell chain of ncontext, nattribute
// and naddress; this does the same calls natively (see chbind_enter()).

#include "chain.hpp"
#include "cli.hpp"
#include "nettools.hpp"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "chbind";

int fail(std::string_view msg, int code = vserver::chbind_exit_code) {
    return vserver::cli::fail(prog, msg, code);
}

int show_help() {
    std::cout << "Usage: " << prog
              << " [--silent] --nid <nid> [--ip <ip>[/<mask>]]* [--lback <ip>]\n"
                 "              [--bcast <ip>] [--ncap <cap>]* [--flag <flag>]* [--secure]\n"
                 "              [--disconnect] [--] <program> <args>*\n"
                 "\n"
                 "--silent\n"
                 "    Do not print the new network context and the addresses assigned.\n"
                 "--nid <nid>\n"
                 "    Network context id to use (a number or 'self'). Required: this\n"
                 "    kernel has no dynamic network contexts.\n"
                 "--ip <ip>[/<mask>]\n"
                 "    IP address to bind to; <mask> is a prefix length or a netmask.\n"
                 "--lback <ip>\n"
                 "    Loopback address for the network context.\n"
                 "--bcast <ip>\n"
                 "    Broadcast address for the network context.\n"
                 "--ncap <caps>, --flag <flags>\n"
                 "    Network capabilities and flags to set (as nattribute --set).\n"
                 "--secure\n"
                 "    The secure ncaps and flags (as nattribute --secure).\n"
                 "--disconnect\n"
                 "    Start the program in the background.\n"
                 "\n"
                 "The network context <nid> is created with the capabilities, flags and\n"
                 "addresses given. If it exists already, the program joins it as it is.\n"
                 "Exits with 1 for a bad command line, 255 when the setup fails.\n";
    return EXIT_SUCCESS;
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_chbind_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return fail(bad->message, bad->exit_code);
    const auto &args = std::get<vserver::ChbindArgs>(parsed);
    if (args.action == vserver::cli::Action::help)
        return show_help();
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(prog, "bind to IP addresses and execute a program");

    auto nid = vserver::cli::resolve_nid(args.nid);
    if (!nid)
        return fail(nid.error().message);

    vserver::cli::ChainSteps steps;
    steps.disconnect = args.disconnect;
    steps.setup = [&args, &nid] {
        auto entered = vserver::chbind_enter(args, nid.value(), std::cout);
        return entered ? 0 : fail(entered.error().message);
    };
    return vserver::cli::run_chain(prog, vserver::chbind_exit_code, steps, argv + args.command);
}
