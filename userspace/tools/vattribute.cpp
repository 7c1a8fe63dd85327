// SPDX-License-Identifier: GPL-2.0-only
//
// vattribute: sets or shows the flags, context capabilities, bounding set
// and unshare mask of a context (util-vserver's src/vattribute.c).

#include "cli.hpp"
#include "contexttools.hpp"

#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "vattribute";

int fail(std::string_view msg) {
    return vserver::cli::fail(prog, msg, vserver::vattribute_exit_code);
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_vattribute_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vattribute_spec(), parsed))
        return *status;
    auto &args = std::get<vserver::VattributeArgs>(parsed);

    vserver::vattribute_resolve_secure(args);
    auto xid = vserver::cli::resolve_xid(args.xid.value_or(vserver::cli::XidArg{true, 0}));
    if (!xid)
        return fail(xid.error().message);
    auto done = args.get ? vserver::vattribute_get(xid.value(), std::cout)
                         : vserver::vattribute_set(args, xid.value());
    if (!done)
        return fail(done.error().message);
    return vserver::cli::exec_if_given(prog, vserver::vattribute_exit_code, argc, argv,
                                       args.command);
}
