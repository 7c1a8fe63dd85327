// SPDX-License-Identifier: GPL-2.0-only
//
// setattr: sets the vserver attributes of files (util-vserver's
// src/setattr.c).

#include "cli.hpp"
#include "fstools.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "setattr";

int show_help() {
    std::cout << "Usage:  " << prog
              << " [-Rx] [--[~](iunlink|admin|watch|hide|barrier|iunlink-but-not-immutable|\n"
                 "                immutable|write|cow|ixunlink)]* [--[~]flags <n>] [--] <file>+\n"
                 "\n"
                 "Options:\n"
                 "    -R  ...  recurse through directories (symlinks are not followed)\n"
                 "    -x  ...  do not cross filesystems\n"
                 "\n"
                 "Attributes ('~' or '!' in front clears instead of setting):\n"
                 "    --iunlink, --immu    immutable and iunlink: a unified file\n"
                 "    --iunlink-but-not-immutable, --ixunlink\n"
                 "                         iunlink: may be unlinked even when immutable\n"
                 "    --immutable          immutable\n"
                 "    --barrier            a chroot barrier (directories)\n"
                 "    --cow                copy on write (regular files)\n"
                 "    --admin, --watch, --hide\n"
                 "                         visibility of /proc entries\n"
                 "    --write              util-vserver's write bit (0x8)\n"
                 "    --flags <n>          the raw bits of <n> (C syntax)\n"
                 "\n"
                 "Without -R a directory is changed itself, with -R its whole tree.\n";
    return EXIT_SUCCESS;
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_setattr_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return vserver::cli::fail(prog, bad->message, bad->exit_code);
    const auto &args = std::get<vserver::FsToolArgs>(parsed);
    if (args.action == vserver::cli::Action::help)
        return show_help();
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(prog, "sets vserver attributes of files");

    const vserver::Reporter report = [](const vserver::Error &e) {
        vserver::cli::fail(prog, e.message, 0);
    };
    return vserver::run_setattr(args, report) == 0 ? EXIT_SUCCESS : vserver::fstool_exit_code;
}
