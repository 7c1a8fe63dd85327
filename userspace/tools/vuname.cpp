// SPDX-License-Identifier: GPL-2.0-only
//
// vuname: shows or sets the uname fields and the name of a context
// (util-vserver's src/vuname.c).

#include "cli.hpp"
#include "contexttools.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "vuname";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, vserver::vuname_exit_code); }

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_vuname_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vuname_spec(), parsed))
        return *status;
    auto &args = std::get<vserver::VunameArgs>(parsed);

    auto xid = vserver::cli::resolve_xid(*args.xid);
    if (!xid)
        return fail(xid.error().message);
    if (!args.dir && !args.set) {
        vserver::vuname_get(args.get, xid.value(), std::cout);
        return EXIT_SUCCESS;
    }
    if (args.dir) {
        // As in util-vserver, --dir replaces the -t values.
        args.values = vserver::VunameValues{};
        if (auto r = vserver::vuname_read_dir(*args.dir, args.missing_ok, args.values); !r)
            return fail(r.error().message);
    }
    if (auto r = vserver::vuname_set(args.values, xid.value()); !r)
        return fail(r.error().message);
    return vserver::cli::exec_if_given(prog, vserver::vuname_exit_code, argc, argv, args.command);
}
