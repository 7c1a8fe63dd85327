// SPDX-License-Identifier: GPL-2.0-only
//
// lsxid: shows the tag (the owning context) of files (util-vserver's
// src/lsxid.c).

#include "cli.hpp"
#include "fstools.hpp"
#include "vconfig.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "lsxid";

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_lsxid_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::lsxid_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::FsToolArgs>(parsed);

    const vserver::Reporter report = [](const vserver::Error &e) {
        vserver::cli::fail(prog, e.message, 0);
    };
    vserver::VserverNames names;
    const auto failures =
        vserver::run_lsxid(args, std::cout, report, args.numeric ? nullptr : &names);
    return failures == 0 ? EXIT_SUCCESS : vserver::fstool_exit_code;
}
