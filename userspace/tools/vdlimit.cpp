// SPDX-License-Identifier: GPL-2.0-only
//
// vdlimit: shows, sets and removes the disk limit of a tag on a
// filesystem (util-vserver's src/vdlimit.c).

#include "cli.hpp"
#include "dlimittools.hpp"
#include "vconfig.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "vdlimit";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, vserver::vdlimit_exit_code); }

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_vdlimit_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vdlimit_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::VdlimitArgs>(parsed);

    auto tag = vserver::resolve_context_option(*args.xid);
    if (!tag)
        return fail(tag.error().message);
    // Like util-vserver, the first path that fails ends the run.
    for (const auto &path : args.paths) {
        if (args.set) {
            const auto failures = vserver::vdlimit_set(args, tag.value(), path);
            for (const auto &e : failures)
                vserver::cli::fail(prog, e.message, 0);
            if (!failures.empty())
                return vserver::vdlimit_exit_code;
        } else if (args.remove) {
            if (auto r = vserver::vdlimit_remove(args, tag.value(), path); !r)
                return fail(r.error().message);
        } else {
            if (auto r = vserver::vdlimit_show(args, tag.value(), path, std::cout); !r)
                return fail(r.error().message);
        }
    }
    return EXIT_SUCCESS;
}
