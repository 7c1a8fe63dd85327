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

int show_help() {
    std::cout << "Usage:  " << prog
              << " [-Radx] [--] <file>*\n"
                 "\n"
                 "Options:\n"
                 "    -R  ...  recurse through directories\n"
                 "    -a  ...  display files starting with '.' also\n"
                 "    -d  ...  list directories like other files instead of listing\n"
                 "             their content\n"
                 "    -x  ...  do not cross filesystems\n"
                 "\n"
                 "Each line: nine columns, a blank and the file. The columns are admin (a),\n"
                 "watch (w), hide (h), write (m), barrier (b), iunlink (u), immutable (i),\n"
                 "cow (c) and tag (x): upper case when set, lower case when not set, '-'\n"
                 "when the file cannot have it.\n";
    return EXIT_SUCCESS;
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_showattr_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return vserver::cli::fail(prog, bad->message, bad->exit_code);
    const auto &args = std::get<vserver::FsToolArgs>(parsed);
    if (args.action == vserver::cli::Action::help)
        return show_help();
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(prog, "shows vserver attributes of files");

    const vserver::Reporter report = [](const vserver::Error &e) {
        vserver::cli::fail(prog, e.message, 0);
    };
    return vserver::run_showattr(args, std::cout, report) == 0 ? EXIT_SUCCESS
                                                               : vserver::fstool_exit_code;
}
