// SPDX-License-Identifier: GPL-2.0-only
//
// chxid: sets the tag (the owning context) of files (util-vserver's
// src/chxid.c).

#include "cli.hpp"
#include "fstools.hpp"
#include "vconfig.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "chxid";

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_chxid_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::chxid_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::FsToolArgs>(parsed);

    auto tag = vserver::resolve_context_option(*args.context);
    if (!tag)
        return vserver::cli::fail(prog, tag.error().message, vserver::fstool_exit_code);
    const vserver::Reporter report = [](const vserver::Error &e) {
        vserver::cli::fail(prog, e.message, 0);
    };
    return vserver::run_chxid(args, tag.value(), report) == 0 ? EXIT_SUCCESS
                                                              : vserver::fstool_exit_code;
}
