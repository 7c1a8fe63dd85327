// SPDX-License-Identifier: GPL-2.0-only
//
// showattr: shows the vserver attributes of files (util-vserver's
// src/showattr.c).

#include "cli.hpp"
#include "fstools.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "showattr";

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_showattr_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::showattr_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::FsToolArgs>(parsed);

    const vserver::Reporter report = [](const vserver::Error &e) {
        vserver::cli::fail(prog, e.message, 0);
    };
    return vserver::run_showattr(args, std::cout, report) == 0 ? EXIT_SUCCESS
                                                               : vserver::fstool_exit_code;
}
