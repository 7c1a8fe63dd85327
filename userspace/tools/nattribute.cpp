// SPDX-License-Identifier: GPL-2.0-only
//
// nattribute: sets or shows the flags and capabilities of a network
// context (util-vserver's src/nattribute.c).

#include "cli.hpp"
#include "nettools.hpp"

#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "nattribute";

int fail(std::string_view msg) {
    return vserver::cli::fail(prog, msg, vserver::nattribute_exit_code);
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_nattribute_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::nattribute_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::NattributeArgs>(parsed);

    auto nid = vserver::cli::resolve_nid(args.nid.value_or(vserver::cli::XidArg{true, 0}));
    if (!nid)
        return fail(nid.error().message);
    auto done = args.get ? vserver::nattribute_get(nid.value(), std::cout)
                         : vserver::nattribute_set(args, nid.value());
    if (!done)
        return fail(done.error().message);
    return vserver::cli::exec_if_given(prog, vserver::nattribute_exit_code, argc, argv,
                                       args.command);
}
