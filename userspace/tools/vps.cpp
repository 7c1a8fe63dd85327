// SPDX-License-Identifier: GPL-2.0-only
//
// vps: ps for all contexts. Moves into the spectator context (which sees
// every process), runs ps with the given arguments and adds a CONTEXT
// column after PID (util-vserver's src/vps.c).

#include "vps.hpp"
#include "cli.hpp"
#include "context.hpp"

#include <vserver/switch.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <variant>
#include <vector>

namespace {

constexpr std::string_view prog = "vps";

constexpr int failure_exit_code = vserver::vps_exit_code;

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, failure_exit_code); }

std::string errno_text(std::string_view what, int err) {
    return std::string(what) + ": " + std::strerror(err);
}

// Runs ps with argv[1..] and collects its standard output. A failed exec is
// reported through a close-on-exec pipe, so it becomes one message here.
int run_ps(char *argv[], std::string &output, int &status) {
    int out[2];
    int report[2];
    if (::pipe2(out, O_CLOEXEC) == -1 || ::pipe2(report, O_CLOEXEC) == -1)
        return fail(errno_text("pipe", errno));
    const pid_t pid = ::fork();
    if (pid == -1)
        return fail(errno_text("fork", errno));
    if (pid == 0) {
        int null = ::open("/dev/null", O_RDONLY);
        if (null != -1)
            ::dup2(null, 0);
        ::dup2(out[1], 1);
        argv[0] = const_cast<char *>("ps");
        ::execvp("ps", argv);
        const int err = errno;
        while (::write(report[1], &err, sizeof err) == -1 && errno == EINTR) {
        }
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(report[1]);

    char buf[16384];
    for (;;) {
        ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n == -1 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        output.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);

    int exec_errno = 0;
    ssize_t got = 0;
    while ((got = ::read(report[0], &exec_errno, sizeof exec_errno)) == -1 && errno == EINTR) {
    }
    ::close(report[0]);
    while (::waitpid(pid, &status, 0) == -1 && errno == EINTR) {
    }
    if (got == static_cast<ssize_t>(sizeof exec_errno))
        return fail(errno_text("cannot execute 'ps'", exec_errno));
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    // Everything but a first --help or --version belongs to ps.
    if (auto status =
            vserver::cli::early_exit(vserver::vps_spec(), vserver::parse_vps_args(argc, argv)))
        return *status;

    if (auto r = vserver::ctx_migrate(VX_ID_SPECTATOR, 0); !r)
        return fail(r.error().message);

    std::signal(SIGCHLD, SIG_DFL);
    std::vector<char *> ps_argv(argv, argv + argc);
    ps_argv.push_back(nullptr);
    std::string output;
    int status = 0;
    if (int rc = run_ps(ps_argv.data(), output, status); rc != 0)
        return rc;

    // ps already explained why it printed nothing.
    if (output.empty() && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        return WIFEXITED(status) ? WEXITSTATUS(status) : failure_exit_code;

    vserver::ContextCellLookup lookup;
    auto table = vserver::insert_context_column(
        output, [&lookup](std::optional<long> pid) { return lookup(pid); });
    if (!table)
        return fail(table.error().message);
    std::cout << table.value() << std::flush;

    // Exit like ps did.
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return failure_exit_code;
}
