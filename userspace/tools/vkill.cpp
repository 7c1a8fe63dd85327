// SPDX-License-Identifier: GPL-2.0-only
//
// vkill: sends a signal to processes of a context, or to all of them
// (util-vserver's src/vkill.c).

#include "cli.hpp"
#include "context.hpp"
#include "names.hpp"
#include "signal.hpp"

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <getopt.h>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view prog = "vkill";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, EXIT_FAILURE); }

int show_help() {
    std::cout << "Usage: " << prog
              << " [--xid|-c <xid>] [-s <signal>] [--] <pid>*\n"
                 "\n"
                 "Sends <signal> (default TERM; a number or a name with or without SIG)\n"
                 "to the processes <pid> of context <xid> (a number or 'self'). Without\n"
                 "<pid>, every process of the context is signalled; without --xid, the\n"
                 "context of each <pid> is looked up.\n";
    return EXIT_SUCCESS;
}

// One ctx_kill; a failure is reported and returns 1 to be counted.
int kill_one(std::optional<std::uint32_t> xid, std::string_view pid_text, int sig) {
    auto pid = vserver::cli::parse_int32(pid_text);
    if (!pid)
        return fail(vserver::cli::quote(pid_text) + " is not a number");
    if (!xid) {
        auto found = vserver::task_xid(static_cast<std::uint32_t>(*pid));
        if (!found)
            return fail(found.error().message + " (pid " + std::string(pid_text) + ")");
        xid = found.value();
    }
    if (auto r = vserver::ctx_kill(*xid, *pid, sig); !r)
        return fail(r.error().message);
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    enum { opt_help = 0x1000, opt_version };
    static const option long_options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"xid", required_argument, nullptr, 'c'},
        {nullptr, 0, nullptr, 0},
    };

    std::optional<vserver::cli::XidArg> xid_arg;
    int sig = SIGTERM;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:c:s:", long_options, nullptr)) != -1;) {
        switch (c) {
        case opt_help:
            return show_help();
        case opt_version:
            return vserver::cli::show_version(prog,
                                              "sends signals to processes within other contexts");
        case 'c':
            xid_arg = vserver::cli::parse_xid_arg(optarg);
            if (!xid_arg)
                return fail(vserver::cli::invalid_xid_message(optarg));
            break;
        case 's': {
            auto parsed = vserver::parse_signal(optarg);
            if (!parsed)
                return fail(std::string("Invalid signal specified: '") + optarg + "'");
            sig = *parsed;
            break;
        }
        default:
            return fail(vserver::cli::option_error(c, optopt, argv[optind - 1]));
        }
    }

    if (!xid_arg && optind == argc)
        return fail("No pid specified");

    std::optional<std::uint32_t> xid;
    if (xid_arg) {
        auto resolved = vserver::cli::resolve_xid(*xid_arg);
        if (!resolved)
            return fail(resolved.error().message);
        xid = resolved.value();
    }

    int failures = 0;
    if (optind == argc)
        failures += kill_one(xid, "0", sig);
    for (int i = optind; i < argc; ++i)
        failures += kill_one(xid, argv[i], sig);
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
