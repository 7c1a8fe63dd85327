// SPDX-License-Identifier: GPL-2.0-only
//
// vshelper: run by the kernel on the host for a guest's reboot(2) and for
// context events. The decision is plan_vshelper() in lib/cli/vshelper;
// this main reads the guest's file, logs, and starts `vserver` detached
// (double fork, new session, stdio on /dev/null), so that the kernel's
// call returns at once and the command outlives the guest.

#include "vshelper.hpp"
#include "cli.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>
#include <variant>
#include <vector>

namespace {

constexpr std::string_view prog = "vshelper";

bool have_syslog() { return ::access("/dev/log", F_OK) == 0; }

// One line to syslog when there is one, else to stderr.
void log_line(const std::string &line, int priority = LOG_NOTICE) {
    if (have_syslog()) {
        ::openlog("vshelper", LOG_PID, LOG_DAEMON);
        ::syslog(priority, "%s", vserver::cli::one_line(line).c_str());
        ::closelog();
        return;
    }
    vserver::cli::fail(prog, line, 0);
}

std::string self_exe() {
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

std::string env(const char *name) {
    const char *v = std::getenv(name);
    return v != nullptr ? v : "";
}

// Starts `command` in a new session, detached from this process; returns
// once it has been executed (or has failed to be).
vserver::Result<void> spawn_detached(const std::vector<std::string> &command) {
    std::vector<char *> argv;
    for (const auto &a : command)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);

    int report[2];
    if (::pipe2(report, O_CLOEXEC) == -1)
        return vserver::error(errno, std::string("pipe: ") + std::strerror(errno));
    const pid_t child = ::fork();
    if (child == -1) {
        const int err = errno;
        ::close(report[0]);
        ::close(report[1]);
        return vserver::error(err, std::string("fork: ") + std::strerror(err));
    }
    if (child == 0) {
        ::close(report[0]);
        ::setsid();
        const pid_t grandchild = ::fork();
        if (grandchild != 0) {
            int err = errno;
            if (grandchild == -1)
                while (::write(report[1], &err, sizeof err) == -1 && errno == EINTR) {
                }
            ::_exit(grandchild == -1 ? 1 : 0);
        }
        const int null = ::open("/dev/null", O_RDWR);
        if (null != -1) {
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
            if (null > 2)
                ::close(null);
        }
        if (::chdir("/") == -1) {
        }
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(argv[0], argv.data());
        const int err = errno;
        while (::write(report[1], &err, sizeof err) == -1 && errno == EINTR) {
        }
        ::_exit(127);
    }
    ::close(report[1]);
    int status = 0;
    while (::waitpid(child, &status, 0) == -1 && errno == EINTR) {
    }
    int err = 0;
    ssize_t got;
    while ((got = ::read(report[0], &err, sizeof err)) == -1 && errno == EINTR) {
    }
    ::close(report[0]);
    if (got == static_cast<ssize_t>(sizeof err))
        return vserver::error(err, "cannot execute " + vserver::cli::quote(command[0]) + ": " +
                                       std::strerror(err));
    return vserver::ok();
}

} // namespace

int main(int argc, char *argv[]) {
    const auto &spec = vserver::vshelper_spec();
    auto parsed = vserver::parse_vshelper_args(argc, argv);
    if (const auto *bad = std::get_if<vserver::cli::UsageError>(&parsed)) {
        if (have_syslog())
            log_line(bad->message, LOG_ERR);
        return vserver::cli::fail(prog, bad->message, bad->exit_code);
    }
    if (auto status = vserver::cli::early_exit(spec, parsed))
        return *status;
    const auto &args = std::get<vserver::VshelperArgs>(parsed);

    std::string rundir = env("VSHELPER_RUNDIR");
    if (rundir.empty())
        rundir = vserver::vshelper_rundir;

    std::optional<vserver::VshelperRunFile> guest;
    if (args.event != vserver::VshelperEvent::netup &&
        args.event != vserver::VshelperEvent::netdown) {
        auto file = vserver::read_vshelper_run_file(rundir, args.xid);
        if (file)
            guest = file.value();
        else
            log_line(file.error().message, LOG_ERR);
    }

    const std::string vserver_tool =
        vserver::find_vserver_tool(env("VSHELPER_VSERVER"), self_exe(), [](const std::string &p) {
            return ::access(p.c_str(), X_OK) == 0;
        });
    const auto plan = vserver::plan_vshelper(args.event, args.xid, guest, vserver_tool);
    log_line(plan.log, plan.exit_code == 0 ? LOG_NOTICE : LOG_ERR);

    using FileChange = vserver::VshelperPlan::FileChange;
    if (plan.file == FileChange::mark_stopping) {
        if (auto r = vserver::mark_vshelper_stopping(rundir, args.xid); !r)
            log_line(r.error().message, LOG_ERR);
    } else if (plan.file == FileChange::remove) {
        if (auto r = vserver::remove_vshelper_run_file(rundir, args.xid); !r)
            log_line(r.error().message, LOG_ERR);
    }

    if (!plan.command.empty()) {
        if (auto r = spawn_detached(plan.command); !r) {
            log_line(r.error().message, LOG_ERR);
            return vserver::vshelper_exit_code;
        }
    }
    return plan.exit_code;
}
