// SPDX-License-Identifier: GPL-2.0-only
//
// vshelper: what the kernel runs on the host ("/sbin/vshelper <action>
// <xid>") when a guest calls reboot(2), when a context is created or has
// lost its last task, and when a network context comes or goes. It finds
// the guest in /run/vshelper/<xid> (written by `vserver <name> start`)
// and starts `vserver <name> restart|stop` detached. Deciding what to do
// is a pure function here (plan_vshelper); the tool only forks and execs.
// util-vserver's scripts/vshelper is the model; its configurable methods
// and handlers are left out, its default (":restart") is what this does.

#ifndef VSERVER_VSHELPER_HPP
#define VSERVER_VSHELPER_HPP

#include "cli.hpp"
#include "options.hpp"
#include "result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// vshelper fails with 1.
inline constexpr int vshelper_exit_code = 1;

// Where `vserver start` registers its guests; the environment variable
// VSHELPER_RUNDIR overrides it (for tests).
inline constexpr std::string_view vshelper_rundir = "/run/vshelper";

enum class VshelperEvent { restart, halt, poweroff, swsusp, startup, shutdown, netup, netdown };

// The kernel's words: "restart", "halt", ... "netdown".
std::optional<VshelperEvent> parse_vshelper_event(std::string_view word) noexcept;
std::string_view vshelper_event_name(VshelperEvent event) noexcept;

struct VshelperArgs {
    cli::Action action = cli::Action::run;
    VshelperEvent event = VshelperEvent::startup;
    std::uint32_t xid = 0; // a nid for netup/netdown
};

const cli::ToolSpec &vshelper_spec();

// vshelper <action> <xid> [<args>]*: further arguments are ignored, as
// util-vserver does. Refused: fewer than two operands ("missing arguments;
// try '--help' for more information"), "unknown action '<word>'",
// "invalid xid '<text>'" (a decimal number).
cli::Parsed<VshelperArgs> parse_vshelper_args(int argc, char *argv[]);

// /run/vshelper/<xid>: the guest's name on the first line; a later line
// "stopping" says that `vserver stop` (or vshelper itself, for a restart
// or halt) is already taking the guest down. Other lines are ignored.
struct VshelperRunFile {
    std::string guest;
    bool stopping = false;

    friend bool operator==(const VshelperRunFile &, const VshelperRunFile &) = default;
};

// Nullopt when the first line is empty.
std::optional<VshelperRunFile> parse_vshelper_run_file(std::string_view text);

// <dir>/<xid>.
std::string vshelper_run_file_path(std::string_view dir, std::uint32_t xid);

// The file of `xid` in `dir`: nullopt when it does not exist; an error when
// it cannot be read or names no guest ("'<path>' names no guest").
Result<std::optional<VshelperRunFile>> read_vshelper_run_file(std::string_view dir,
                                                              std::uint32_t xid);

// Appends the "stopping" line.
Result<void> mark_vshelper_stopping(std::string_view dir, std::uint32_t xid);

// Removes the file; one that is gone already is no error.
Result<void> remove_vshelper_run_file(std::string_view dir, std::uint32_t xid);

// What vshelper does for one call.
struct VshelperPlan {
    enum class FileChange { none, mark_stopping, remove };

    int exit_code = 0;
    std::string log;                    // one line, always
    FileChange file = FileChange::none; // done before the command is started
    std::vector<std::string> command;   // started detached; empty: none

    friend bool operator==(const VshelperPlan &, const VshelperPlan &) = default;
};

// The decision, from the event, the xid, the registered guest (nullopt:
// no file) and the path of the vserver tool:
//   restart          guest: mark stopping, `vserver <g> restart`; exit 0
//   halt, poweroff   guest: mark stopping, `vserver <g> stop`; exit 0
//                    (both: nothing when a stop is in progress; exit 1
//                    when no guest is registered)
//   swsusp           nothing; exit 0
//   startup          nothing; exit 0 (the context may be created)
//   shutdown         guest, no stop in progress (it ended without
//                    `vserver stop`): remove the file, `vserver <g> stop`
//                    to undo the rest of the start; otherwise nothing;
//                    exit 0
//   netup, netdown   nothing; exit 0
// Log lines: "restart of guest 'a' (xid 42) requested", "halt of guest
// 'a' (xid 42) requested", "poweroff of ...", "restart of guest 'a' (xid
// 42) ignored: it is being stopped", "restart of xid 42 requested, but no
// guest is registered", "swsusp of guest 'a' (xid 42) ignored",
// "startup of guest 'a' (xid 42)", "startup of xid 42 (no guest
// registered)", "shutdown of guest 'a' (xid 42) without 'vserver stop':
// stopping it", "shutdown of guest 'a' (xid 42) while it is being
// stopped", "shutdown of xid 42 (no guest registered)", "netup of nid 42".
VshelperPlan plan_vshelper(VshelperEvent event, std::uint32_t xid,
                           const std::optional<VshelperRunFile> &guest,
                           std::string_view vserver_path);

// The vserver tool: `override` (VSHELPER_VSERVER) when not empty; else
// "vserver" next to vshelper's own executable (`self_exe`, from
// /proc/self/exe) when `executable` says it is there; else
// /usr/sbin/vserver when it is there; else /sbin/vserver.
std::string find_vserver_tool(std::string_view override, std::string_view self_exe,
                              const std::function<bool(const std::string &)> &executable);

} // namespace vserver

#endif // VSERVER_VSHELPER_HPP
