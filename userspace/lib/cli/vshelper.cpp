// SPDX-License-Identifier: GPL-2.0-only

#include "vshelper.hpp"

#include <getopt.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vserver {

using cli::UsageError;

namespace {

struct EventName {
    VshelperEvent event;
    std::string_view name;
};

constexpr std::array<EventName, 8> events{{
    {VshelperEvent::restart, "restart"},
    {VshelperEvent::halt, "halt"},
    {VshelperEvent::poweroff, "poweroff"},
    {VshelperEvent::swsusp, "swsusp"},
    {VshelperEvent::startup, "startup"},
    {VshelperEvent::shutdown, "shutdown"},
    {VshelperEvent::netup, "netup"},
    {VshelperEvent::netdown, "netdown"},
}};

std::string errno_text(int err) { return std::strerror(err); }

} // namespace

std::optional<VshelperEvent> parse_vshelper_event(std::string_view word) noexcept {
    for (const auto &e : events)
        if (e.name == word)
            return e.event;
    return std::nullopt;
}

std::string_view vshelper_event_name(VshelperEvent event) noexcept {
    for (const auto &e : events)
        if (e.event == event)
            return e.name;
    return {};
}

const cli::ToolSpec &vshelper_spec() {
    static const cli::ToolSpec spec{
        "vshelper",
        "acts on the kernel's calls for guest reboots and context events",
        "userspace reboot helper",
        {"<action> <xid>"},
        "+",
        {
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "The kernel runs vshelper on the host (its path is in /proc/sys/kernel/"
                 "vshelper) when a guest calls reboot(2), when a context is created or has lost "
                 "its last process, and when a network context comes or goes. The guest is the "
                 "one whose name the first line of /run/vshelper/<xid> holds; 'vserver <name> "
                 "start' writes that file."},
            {"restart", "runs 'vserver <name> restart' in the background"},
            {"halt, poweroff", "runs 'vserver <name> stop' in the background"},
            {"swsusp", "does nothing"},
            {"startup", "does nothing and succeeds, so that the context is created"},
            {"shutdown", "when the guest ended without 'vserver stop', removes its file and "
                         "runs 'vserver <name> stop' in the background to undo the rest of its "
                         "start"},
            {"netup, netdown", "do nothing"},
            {"", "Before a restart or stop is started, the line 'stopping' is added to the "
                 "guest's file; while it is there, restart, halt, poweroff and shutdown leave "
                 "the guest alone. Each call is logged in one line to syslog (or to stderr "
                 "without /dev/log). Exit status 1 for a bad command line and for restart, "
                 "halt and poweroff of an xid without a guest."},
            {"VSHELPER_RUNDIR", "the directory of the guests' files instead of /run/vshelper"},
            {"VSHELPER_VSERVER", "the vserver tool to run; by default the 'vserver' next to "
                                 "vshelper, else /usr/sbin/vserver or /sbin/vserver"},
        },
    };
    return spec;
}

cli::Parsed<VshelperArgs> parse_vshelper_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vshelper_spec());
    constexpr int code = vshelper_exit_code;
    VshelperArgs args;
    if (auto done = getopt.parse(argc, argv, args, code,
                                 [](int) -> std::optional<UsageError> { return {}; }))
        return *done;
    if (argc - optind < 2)
        return UsageError{code, "missing arguments; try '--help' for more information"};
    auto event = parse_vshelper_event(argv[optind]);
    if (!event)
        return UsageError{code, "unknown action " + cli::quote(argv[optind])};
    auto xid = cli::parse_uint32(argv[optind + 1]);
    if (!xid)
        return UsageError{code, "invalid xid " + cli::quote(argv[optind + 1])};
    args.event = *event;
    args.xid = *xid;
    return args;
}

std::optional<VshelperRunFile> parse_vshelper_run_file(std::string_view text) {
    VshelperRunFile file;
    bool first = true;
    while (!text.empty() || first) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (first) {
            if (line.empty())
                return std::nullopt;
            file.guest = std::string(line);
            first = false;
        } else if (line == "stopping") {
            file.stopping = true;
        }
    }
    return file;
}

std::string vshelper_run_file_path(std::string_view dir, std::uint32_t xid) {
    return std::string(dir) + "/" + std::to_string(xid);
}

Result<std::optional<VshelperRunFile>> read_vshelper_run_file(std::string_view dir,
                                                              std::uint32_t xid) {
    const std::string path = vshelper_run_file_path(dir, xid);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd == -1) {
        if (errno == ENOENT)
            return std::optional<VshelperRunFile>{};
        return error(errno, "cannot open " + cli::quote(path) + ": " + errno_text(errno));
    }
    std::string text;
    char buf[1024];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == -1 && errno == EINTR)
            continue;
        if (n == -1) {
            const int err = errno;
            ::close(fd);
            return error(err, "cannot read " + cli::quote(path) + ": " + errno_text(err));
        }
        if (n == 0 || text.size() > 65536)
            break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    auto file = parse_vshelper_run_file(text);
    if (!file)
        return error(EINVAL, cli::quote(path) + " names no guest");
    return std::optional<VshelperRunFile>{std::move(*file)};
}

Result<void> mark_vshelper_stopping(std::string_view dir, std::uint32_t xid) {
    const std::string path = vshelper_run_file_path(dir, xid);
    const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
    if (fd == -1)
        return error(errno, "cannot open " + cli::quote(path) + ": " + errno_text(errno));
    // A file written without a final newline still gets the mark on a line
    // of its own.
    std::string_view mark = "\nstopping\n";
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        char last = 0;
        if (::pread(fd, &last, 1, st.st_size - 1) == 1 && last == '\n')
            mark.remove_prefix(1);
    }
    ssize_t n;
    while ((n = ::write(fd, mark.data(), mark.size())) == -1 && errno == EINTR) {
    }
    const int err = errno;
    ::close(fd);
    if (n != static_cast<ssize_t>(mark.size()))
        return error(n == -1 ? err : EIO,
                     "cannot write " + cli::quote(path) + ": " + errno_text(n == -1 ? err : EIO));
    return ok();
}

Result<void> remove_vshelper_run_file(std::string_view dir, std::uint32_t xid) {
    const std::string path = vshelper_run_file_path(dir, xid);
    if (::unlink(path.c_str()) == -1 && errno != ENOENT)
        return error(errno, "cannot remove " + cli::quote(path) + ": " + errno_text(errno));
    return ok();
}

VshelperPlan plan_vshelper(VshelperEvent event, std::uint32_t xid,
                           const std::optional<VshelperRunFile> &guest,
                           std::string_view vserver_path) {
    const std::string action(vshelper_event_name(event));
    const std::string id = "xid " + std::to_string(xid);
    const std::string who =
        guest ? "guest " + cli::quote(guest->guest) + " (" + id + ")" : std::string(id);
    VshelperPlan plan;
    auto run = [&](std::string_view verb) {
        plan.command = {std::string(vserver_path), guest->guest, std::string(verb)};
    };
    switch (event) {
    case VshelperEvent::restart:
    case VshelperEvent::halt:
    case VshelperEvent::poweroff:
        if (!guest) {
            plan.exit_code = vshelper_exit_code;
            plan.log = action + " of " + id + " requested, but no guest is registered";
        } else if (guest->stopping) {
            plan.log = action + " of " + who + " ignored: it is being stopped";
        } else {
            plan.log = action + " of " + who + " requested";
            plan.file = VshelperPlan::FileChange::mark_stopping;
            run(event == VshelperEvent::restart ? "restart" : "stop");
        }
        break;
    case VshelperEvent::swsusp:
        plan.log = action + " of " + who + " ignored";
        break;
    case VshelperEvent::startup:
        plan.log = action + " of " + who + (guest ? "" : " (no guest registered)");
        break;
    case VshelperEvent::shutdown:
        if (!guest) {
            plan.log = action + " of " + id + " (no guest registered)";
        } else if (guest->stopping) {
            plan.log = action + " of " + who + " while it is being stopped";
        } else {
            plan.log = action + " of " + who + " without 'vserver stop': stopping it";
            plan.file = VshelperPlan::FileChange::remove;
            run("stop");
        }
        break;
    case VshelperEvent::netup:
    case VshelperEvent::netdown:
        plan.log = action + " of nid " + std::to_string(xid);
        break;
    }
    return plan;
}

std::string find_vserver_tool(std::string_view override, std::string_view self_exe,
                              const std::function<bool(const std::string &)> &executable) {
    if (!override.empty())
        return std::string(override);
    const auto slash = self_exe.rfind('/');
    if (slash != std::string_view::npos) {
        std::string next_to_self = std::string(self_exe.substr(0, slash + 1)) + "vserver";
        if (executable(next_to_self))
            return next_to_self;
    }
    if (executable("/usr/sbin/vserver"))
        return "/usr/sbin/vserver";
    return "/sbin/vserver";
}

} // namespace vserver
