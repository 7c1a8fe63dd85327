// SPDX-License-Identifier: GPL-2.0-only
//
// vlimit: sets and shows the per-context resource limits (util-vserver's
// src/vlimit.c).

#include "cli.hpp"
#include "limittools.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>
#include <vector>

namespace {

constexpr std::string_view prog = "vlimit";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, vserver::vlimit_exit_code); }

int show_help() {
    std::cout
        << "Usage:  " << prog
        << " [--xid|-c <xid>] [-nd] [-a|--all] [[-MSH] --(<resource>|<nr>) <value>]*\n"
           "               [--dir <pathname> [--missingok]] [--] [<program> <args>*]\n"
           "\n"
           "Options:\n"
           "    -c|--xid <xid>\n"
           "                ...  operate on context <xid> (a number or 'self'; default: own)\n"
           "    -a|--all    ...  show all available limits\n"
           "    -n          ...  do not resolve limit-names\n"
           "    -d          ...  show limits in decimal\n"
           "    -M          ...  set Minimum limit\n"
           "    -S          ...  set Soft limit\n"
           "    -H          ...  set Hard limit (assumed by default, when neither\n"
           "                     M nor S was requested)\n"
           "    --dir <pathname>\n"
           "                ...  read limits from <pathname>/; allowed filenames are\n"
           "                     <resource> and <resource>.{min,soft,hard}. When a limit\n"
           "                     was set by the CLI already, the corresponding file\n"
           "                     will be ignored\n"
           "    --missingok ...  do not fail when <pathname> does not exist\n"
           "    --<resource>|<nr> <value>\n"
           "                ...  set specified (MSH) limit for <resource> to <value>\n"
           "\n"
           "Valid values for resource are cpu, fsize, data, stack, core, rss, nproc,\n"
           "nofile, memlock, as, locks, msgqueue, nsock, openfd, anon, shmem, semary,\n"
           "nsems, and dentry. Values are numbers (C syntax) with an optional suffix\n"
           "K (1024), M (1024^2), k (1000) or m (1000^2), or 'inf'.\n";
    return EXIT_SUCCESS;
}

void report(const std::vector<vserver::Error> &failures) {
    for (const auto &e : failures)
        vserver::cli::fail(prog, e.message, 0);
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_vlimit_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed))
        return vserver::cli::fail(prog, bad->message, bad->exit_code);
    auto &args = std::get<vserver::VlimitArgs>(parsed);
    if (args.action == vserver::cli::Action::help)
        return show_help();
    if (args.action == vserver::cli::Action::version)
        return vserver::cli::show_version(prog, "limits context-resources");

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
    if (args.command < argc)
        return fail(vserver::cli::exec_program(argv + args.command).message);
    return EXIT_SUCCESS;
}
