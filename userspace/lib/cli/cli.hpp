// SPDX-License-Identifier: GPL-2.0-only
//
// Helpers shared by the tool mains: one-line error reports, option and
// number parsing, context id arguments and running the chained program.

#ifndef VSERVER_CLI_HPP
#define VSERVER_CLI_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace vserver::cli {

// `message` made safe for a one-line report: control characters (newlines
// included) are shown as "\n", "\t" or "\xNN".
std::string one_line(std::string_view message);

// The whole file at `path`; nullopt when it does not exist (ENOENT,
// ENOTDIR); other failures as "<path>: <strerror>".
Result<std::optional<std::string>> read_file_if_exists(const std::string &path);

// 'text' in single quotes, for messages.
std::string quote(std::string_view text);

// Writes "<tool>: <message>\n" to stderr and returns `code`.
int fail(std::string_view tool, std::string_view message, int code);

// "<tool> (vserver-userspace <version>) -- <what>": the --version line of
// every tool.
std::string version_line(std::string_view tool, std::string_view what);

// Prints version_line() to stdout and returns EXIT_SUCCESS.
int show_version(std::string_view tool, std::string_view what);

// A command line a tool refuses: the one line to print after "<tool>: "
// and the exit status util-vserver uses for it.
struct UsageError {
    int exit_code = 0;
    std::string message;
};

// What a tool's option parser returns: its arguments or a UsageError.
template <typename Args> using Parsed = std::variant<Args, UsageError>;

// What a parsed command line asks for: the tool's work, or --help/--version.
enum class Action { run, help, version };

// The message for getopt_long's '?' (unknown option) or ':' (missing
// argument) result; `opt` is optopt and `arg` the argument getopt stopped
// at (argv[optind - 1]). Ends with a hint at --help.
std::string option_error(int c, int opt, std::string_view arg);

// Strict decimal numbers: the whole text, no sign for the unsigned kinds.
std::optional<std::uint32_t> parse_uint32(std::string_view text) noexcept;
std::optional<std::int32_t> parse_int32(std::string_view text) noexcept;

// An unsigned number in C syntax (decimal, 0x/0X hex, 0 octal) up to
// 2^32-1 (2^64-1), the whole text, no sign or blanks.
std::optional<std::uint32_t> parse_c_uint32(std::string_view text) noexcept;
std::optional<std::uint64_t> parse_c_uint64(std::string_view text) noexcept;

// A --flags argument (setattr, vdlimit): parse_c_uint32(text) into
// `flags`, or the UsageError {exit_code, "Invalid flags argument: '<text>';
// try '--help' for more information"}.
std::optional<UsageError> flags_option(std::string_view text, std::uint32_t &flags, int exit_code);

// A context given on the command line: a decimal xid or "self".
struct XidArg {
    bool self = false;
    std::uint32_t xid = 0;
};

std::optional<XidArg> parse_xid_arg(std::string_view text) noexcept;

// "invalid context '<text>' (a number or 'self')".
std::string invalid_xid_message(std::string_view text);

// An option naming a context (--xid, -c): parse_xid_arg(text) into `xid`;
// when it is neither a number nor "self", the UsageError
// {exit_code, invalid_xid_message(text)}.
std::optional<UsageError> xid_option(std::string_view text, std::optional<XidArg> &xid,
                                     int exit_code);

// "self" becomes the caller's context via task_xid(0), as util-vserver
// resolves it; a number is returned unchanged without a system call.
Result<std::uint32_t> resolve_xid(const XidArg &arg, Syscall &sys = kernel_syscall());

// Network contexts are given the same way (parse_xid_arg); "self" is
// resolved with task_nid(0).
std::string invalid_nid_message(std::string_view text);
std::optional<UsageError> nid_option(std::string_view text, std::optional<XidArg> &nid,
                                     int exit_code);
Result<std::uint32_t> resolve_nid(const XidArg &arg, Syscall &sys = kernel_syscall());

// A refused option argument: std::nullopt when `parsed` is ok, otherwise
// the UsageError {exit_code, its message}.
std::optional<UsageError> usage_error(const Result<void> &parsed, int exit_code);

// execvp(argv[0], argv); returns only when that failed, with the message
// "cannot execute '<program>': <reason>".
Error exec_program(char *const argv[]);

// The end of the tools that may run a program after their work
// (vattribute, nattribute, naddress, vlimit, vuname): with one
// (command < argc), exec_program(argv + command), and when that fails its
// message reported as fail(tool, ..., exit_code) and exit_code returned;
// without one, EXIT_SUCCESS.
int exec_if_given(std::string_view tool, int exit_code, int argc, char *argv[], int command);

} // namespace vserver::cli

#endif // VSERVER_CLI_HPP
