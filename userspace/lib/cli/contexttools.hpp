// SPDX-License-Identifier: GPL-2.0-only
//
// The security context tools of util-vserver 0.30.216 (src/vcontext.c,
// src/vattribute.c, src/vkill.c, src/vwait.c, src/vuname.c): their option
// tables, their command lines and the system calls they make, so that all
// of it can be tested without a kernel. The mains in tools/ add what needs
// the real process: vcontext's chroot, setuid and exec, vwait's alarm.
//
// Every parser resets getopt (optind = 0), finds all command-line errors
// before any system call and leaves the index of the first operand in
// `command` (argc when there is none).

#ifndef VSERVER_CONTEXTTOOLS_HPP
#define VSERVER_CONTEXTTOOLS_HPP

#include "chain.hpp"
#include "cli.hpp"
#include "names.hpp"
#include "options.hpp"
#include "result.hpp"
#include "signal.hpp"
#include "sys.hpp"

#include <array>
#include <csignal>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace vserver {

// --- vcontext ---------------------------------------------------------------

// util-vserver: every failure of the wrapper exits 255; an existing context
// on --create exits 254.
inline constexpr int vcontext_exit_code = 255;
inline constexpr int vcontext_exists_exit_code = 254;

// No --xid: util-vserver's VC_DYNAMIC_XID, which a kernel without dynamic
// ids refuses.
inline constexpr std::uint32_t dynamic_xid = 0xffffffffU;

struct VcontextArgs : cli::EnterArgs {
    bool endsetup = false;
    bool initpid = false;
    bool chroot = false;
    bool closefd = false;
    std::optional<cli::XidArg> xid;
    std::optional<std::uint32_t> uid;
};

const cli::ToolSpec &vcontext_spec();

// vcontext {--create [--xid X] | --migrate --xid X | --migrate-self}
//          [--chroot] [--uid N] [--initpid] [--endsetup] [--disconnect]
//          [--closefd] [--silent] [--silentexist] [--syncsock F]
//          [--syncmsg M] [--] <program> <args>*
// --ctx is --xid, --fakeinit is --initpid; --initpid needs --migrate.
cli::Parsed<VcontextArgs> parse_vcontext_args(int argc, char *argv[]);

// The xid vcontext acts on: the caller's (task_xid(0)) for --migrate-self
// and "--xid self", the number given, or dynamic_xid.
Result<std::uint32_t> vcontext_xid(const VcontextArgs &args, Syscall &sys = kernel_syscall());

// --- vattribute -------------------------------------------------------------

// vattribute fails with 1, and with 255 for an unknown option.
inline constexpr int vattribute_exit_code = 1;
inline constexpr int vattribute_usage_exit_code = 255;

struct VattributeArgs {
    cli::Action action = cli::Action::run;
    bool get = false;               // --get; --set is the default
    std::optional<cli::XidArg> xid; // none: the caller's, via task_xid(0)
    bool secure = false;            // --secure was given
    // The lists; with --secure, only what came after the last --secure
    // (vattribute_resolve_secure puts the secure values under them).
    BitList bcaps;
    BitList ccaps;
    BitList flags;
    BitList umask;
    int command = 0;
};

const cli::ToolSpec &vattribute_spec();

// vattribute [--xid X] {--get|--set [--bcap L] [--ccap L] [--flag L]
//            [--umask L] [--secure]} [--] [<program> <args>*]
cli::Parsed<VattributeArgs> parse_vattribute_args(int argc, char *argv[]);

// --secure replaces what earlier options chose, as in util-vserver: the
// secure bounding set (SYS_BOOT with the kernel's VSHELPER feature,
// AUDIT_WRITE with MIGRATE: get_version and get_vci ask) and ccaps,
// everything else cleared, and the flag hide_netif; the lists given after
// it apply on top. Without --secure nothing changes and nothing is asked.
void vattribute_resolve_secure(VattributeArgs &args, Syscall &sys = kernel_syscall());

// --set: set_ccaps and set_bcaps (both, ccaps first, when either has a
// mask, as util-vserver's vc_set_ccaps does), set_cflags, set_umask, each
// only when it changes something.
Result<void> vattribute_set(const VattributeArgs &args, std::uint32_t xid,
                            Syscall &sys = kernel_syscall());

// --get: "bcapabilities:\n<names>\nccapabilities:\n<names>\nflags:\n<names>\n"
// and, when the kernel has get_umask, "umask:\n<names>\n".
Result<void> vattribute_get(std::uint32_t xid, std::ostream &out, Syscall &sys = kernel_syscall());

// --- vkill ------------------------------------------------------------------

// vkill fails with 1.
inline constexpr int vkill_exit_code = 1;

struct VkillArgs {
    cli::Action action = cli::Action::run;
    std::optional<cli::XidArg> xid; // none: each pid's own context
    int sig = SIGTERM;
    std::vector<std::string> pids; // as given; checked when they are signalled
};

const cli::ToolSpec &vkill_spec();

// vkill [--xid|-c X] [-s <signal>] [--] <pid>*
// Without --xid at least one pid.
cli::Parsed<VkillArgs> parse_vkill_args(int argc, char *argv[]);

// ctx_kill for each pid (pid 0, the whole context, when there is none);
// without `xid` each pid's context comes from task_xid. A pid that is no
// number or a refused command does not stop the others: each failure goes
// to `report` at once ("'<pid>' is not a number", "<error> (pid N)" for
// task_xid, the ctx_kill error). Returns the number of failures.
int vkill_send(const VkillArgs &args, std::optional<std::uint32_t> xid,
               const std::function<void(const Error &)> &report, Syscall &sys = kernel_syscall());

// --- vwait ------------------------------------------------------------------

// vwait fails with 1 for a bad command line.
inline constexpr int vwait_exit_code = 1;

struct VwaitArgs {
    cli::Action action = cli::Action::run;
    int timeout = -1; // seconds; <= 0: none
    int status_fd = -1;
    bool terminate = false;
    cli::XidArg xid;
};

const cli::ToolSpec &vwait_spec();

// vwait [--timeout <seconds>] [--terminate] [--status-fd <fd>] [--] <xid>
cli::Parsed<VwaitArgs> parse_vwait_args(int argc, char *argv[]);

// How vwait ended, and the exit status util-vserver's vwait uses for it.
enum class WaitStatus {
    finished, // the context is gone (exit 0)
    killed,   // timeout, and --terminate killed it (exit 1)
    timeout,  // timeout (exit 2)
    error,    // wait_exit failed (exit 127)
};

struct WaitOutcome {
    WaitStatus status = WaitStatus::error;
    ExitInfo info;  // for finished
    int errnum = 0; // for error
};

// The line vwait writes to --status-fd: "FINISHED <reboot_cmd> <exit_code>",
// "KILLED", "TIMEOUT" or "ERROR <errno>", each ending in a newline.
std::string format_wait_status(const WaitOutcome &outcome);

int wait_status_exit_code(WaitStatus status) noexcept;

// --- vuname -----------------------------------------------------------------

// vuname fails with 255, and with 1 for an unknown option.
inline constexpr int vuname_exit_code = 255;
inline constexpr int vuname_usage_exit_code = 1;

// The fields vuname knows: VHIN_CONTEXT .. VHIN_DOMAINNAME.
inline constexpr std::size_t vuname_field_count = 7;
using VunameValues = std::array<std::optional<std::string>, vuname_field_count>;

struct VunameArgs {
    cli::Action action = cli::Action::run;
    bool set = false; // --set; --get is the default
    std::optional<cli::XidArg> xid;
    std::optional<std::string> dir; // --dir
    bool missing_ok = false;        // --missingok
    VunameValues values;            // -t <TAG>=<VALUE>
    std::vector<std::uint32_t> get; // --get: the fields to print, in order (default all)
    int command = 0;
};

const cli::ToolSpec &vuname_spec();

// vuname [--get] --xid X <TAG>*
// vuname --set --xid X -t <TAG>=<VALUE> [-t ...] [--] [<command> <args>*]
// vuname --dir <dir> --xid X [--missingok] [--] [<command> <args>*]
// With --get (neither --set nor --dir) the operands are tags, not a program.
cli::Parsed<VunameArgs> parse_vuname_args(int argc, char *argv[]);

// --dir: each field from the first line of <dir>/<tag>, replacing the -t
// values; files that cannot be opened are skipped, a missing directory is
// an error ("stat '<dir>': <reason>") unless --missingok.
Result<void> vuname_read_dir(const std::string &dir, bool missing_ok, VunameValues &values);

// set_vhi_name for each value given, in field order; the first refusal
// ends it ("<error> (<tag>)").
Result<void> vuname_set(const VunameValues &values, std::uint32_t xid,
                        Syscall &sys = kernel_syscall());

// --get: the values of `fields` separated by blanks, then a newline; one
// that cannot be read is "???", as in util-vserver.
void vuname_get(const std::vector<std::uint32_t> &fields, std::uint32_t xid, std::ostream &out,
                Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_CONTEXTTOOLS_HPP
