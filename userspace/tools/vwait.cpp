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
#include <ctime>
#include <string>
#include <string_view>
#include <unistd.h>
#include <variant>

namespace {

constexpr std::string_view prog = "vwait";

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
    auto parsed = vserver::parse_vwait_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vwait_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::VwaitArgs>(parsed);

    auto xid = vserver::cli::resolve_xid(args.xid);
    if (!xid)
        return vserver::cli::fail(prog, xid.error().message, vserver::vwait_exit_code);

    const auto outcome = wait_for(xid.value(), args.timeout, args.terminate);
    if (args.status_fd != -1)
        write_all(args.status_fd, vserver::format_wait_status(outcome));
    return vserver::wait_status_exit_code(outcome.status);
}
