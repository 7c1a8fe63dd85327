// SPDX-License-Identifier: GPL-2.0-only
//
// vlimit: sets and shows the per-context resource limits (util-vserver's
// src/vlimit.c).

#include "cli.hpp"
#include "limittools.hpp"

#include <iostream>
#include <string_view>
#include <variant>
#include <vector>

namespace {

constexpr std::string_view prog = "vlimit";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, vserver::vlimit_exit_code); }

void report(const std::vector<vserver::Error> &failures) {
    for (const auto &e : failures)
        vserver::cli::fail(prog, e.message, 0);
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_vlimit_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vlimit_spec(), parsed))
        return *status;
    auto &args = std::get<vserver::VlimitArgs>(parsed);

    auto xid = vserver::cli::resolve_xid(args.xid.value_or(vserver::cli::XidArg{true, 0}));
    if (!xid)
        return fail(xid.error().message);
    if (auto r = vserver::vlimit_read_dir(args); !r)
        return fail(r.error().message);

    // Like util-vserver, a limit the kernel refuses is reported and the
    // others are still set, and the program still runs.
    report(vserver::vlimit_set(args, xid.value()));
    if (args.show_all) {
        std::vector<vserver::Error> failures;
        auto shown = vserver::vlimit_show_all(args, xid.value(), std::cout, failures);
        report(failures);
        if (!shown)
            return fail(shown.error().message);
    }
    return vserver::cli::exec_if_given(prog, vserver::vlimit_exit_code, argc, argv, args.command);
}
