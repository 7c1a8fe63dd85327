// SPDX-License-Identifier: GPL-2.0-only
//
// vwait: waits until a context is gone (util-vserver's src/vwait.c). The
// result goes to --status-fd as one line and into the exit status.

#include "cli.hpp"
#include "contexttools.hpp"
#include "signal.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <getopt.h>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

constexpr std::string_view prog = "vwait";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, EXIT_FAILURE); }

int show_help() {
    std::cout << "Usage: " << prog
              << " [--timeout <seconds>] [--terminate] [--status-fd <fd>] [--] <xid>\n"
                 "\n"
                 "Waits until context <xid> (a number or 'self') has ended. With\n"
                 "--status-fd, one line goes to <fd>: 'FINISHED <reboot_cmd> <exit_code>',\n"
                 "'TIMEOUT', 'KILLED' (after --terminate killed the context at the timeout)\n"
                 "or 'ERROR <errno>'. Exit status: 0, 2, 1 or 127 respectively.\n";
    return EXIT_SUCCESS;
}

// SIGALRM only interrupts the wait; the handler re-arms itself so that a
// signal arriving just before the system call is entered cannot be lost.
void on_alarm(int) { ::alarm(1); }

void write_all(int fd, const std::string &text) {
    std::string_view rest = text;
    while (!rest.empty()) {
        ssize_t n = ::write(fd, rest.data(), rest.size());
        if (n == -1 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
}

vserver::WaitOutcome wait_for(std::uint32_t xid, int timeout, bool terminate) {
    using vserver::WaitStatus;
    std::time_t end = 0;
    if (timeout > 0) {
        struct sigaction sa {};
        sa.sa_handler = on_alarm;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0; // no SA_RESTART: the wait must return EINTR
        ::sigaction(SIGALRM, &sa, nullptr);
        end = std::time(nullptr) + timeout;
        ::alarm(static_cast<unsigned>(timeout));
    }
    auto keep_waiting = [&]() {
        if (timeout <= 0)
            return true;
        const std::time_t now = std::time(nullptr);
        if (now >= end)
            return false;
        ::alarm(static_cast<unsigned>(end - now));
        return true;
    };

    vserver::WaitOutcome outcome;
    auto result = vserver::wait_exit(xid, keep_waiting);
    ::alarm(0);
    if (result) {
        outcome.status = WaitStatus::finished;
        outcome.info = result.value();
    } else if (const int err = result.error().errnum; err == EINTR || err == EAGAIN) {
        // Only a reached timeout ends the retries with these.
        if (terminate) {
            // Like util-vserver: init first, then everything; errors do not
            // change the outcome.
            (void)vserver::ctx_kill(xid, 1, SIGKILL);
            (void)vserver::ctx_kill(xid, 0, SIGKILL);
            outcome.status = WaitStatus::killed;
        } else {
            outcome.status = WaitStatus::timeout;
        }
    } else {
        vserver::cli::fail(prog, result.error().message, 0);
        outcome.status = WaitStatus::error;
        outcome.errnum = err;
    }
    return outcome;
}

} // namespace

int main(int argc, char *argv[]) {
    enum { opt_help = 0x1000, opt_version, opt_timeout, opt_terminate, opt_status_fd };
    static const option long_options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"timeout", required_argument, nullptr, opt_timeout},
        {"terminate", no_argument, nullptr, opt_terminate},
        {"status-fd", required_argument, nullptr, opt_status_fd},
        {nullptr, 0, nullptr, 0},
    };

    int timeout = -1;
    int status_fd = -1;
    bool terminate = false;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", long_options, nullptr)) != -1;) {
        switch (c) {
        case opt_help:
            return show_help();
        case opt_version:
            return vserver::cli::show_version(prog, "waits for a context to finish");
        case opt_terminate:
            terminate = true;
            break;
        case opt_timeout: {
            auto n = vserver::cli::parse_int32(optarg);
            if (!n)
                return fail(std::string("invalid timeout '") + optarg + "'");
            timeout = *n;
            break;
        }
        case opt_status_fd: {
            auto n = vserver::cli::parse_int32(optarg);
            if (!n || *n < 0)
                return fail(std::string("invalid file descriptor '") + optarg + "'");
            status_fd = *n;
            break;
        }
        default:
            return fail(vserver::cli::option_error(c, optopt, argv[optind - 1]));
        }
    }

    if (optind + 1 > argc)
        return fail("no context specified; try '--help' for more information");
    if (optind + 1 < argc)
        return fail("can not wait for more than one context; try '--help' for more information");
    auto xid_arg = vserver::cli::parse_xid_arg(argv[optind]);
    if (!xid_arg)
        return fail("invalid context specified; try '--help' for more information");
    auto xid = vserver::cli::resolve_xid(*xid_arg);
    if (!xid)
        return fail(xid.error().message);

    const auto outcome = wait_for(xid.value(), timeout, terminate);
    if (status_fd != -1)
        write_all(status_fd, vserver::format_wait_status(outcome));
    return vserver::wait_status_exit_code(outcome.status);
}
