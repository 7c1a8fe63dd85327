// SPDX-License-Identifier: GPL-2.0-only
//
// naddress: adds addresses to a network context, removes them or replaces
// them all, then runs a program (util-vserver's src/naddress.c).

#include "cli.hpp"
#include "nettools.hpp"

#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "naddress";

int fail(std::string_view msg) {
    return vserver::cli::fail(prog, msg, vserver::naddress_exit_code);
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_naddress_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::naddress_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::NaddressArgs>(parsed);

    auto nid = vserver::cli::resolve_nid(args.nid.value_or(vserver::cli::XidArg{true, 0}));
    if (!nid)
        return fail(nid.error().message);
    if (auto r = vserver::naddress_apply(args, nid.value(), std::cout); !r)
        return fail(r.error().message);
    return vserver::cli::exec_if_given(prog, vserver::naddress_exit_code, argc, argv, args.command);
}
