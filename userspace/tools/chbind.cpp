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

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_chbind_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::chbind_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::ChbindArgs>(parsed);

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
