// SPDX-License-Identifier: GPL-2.0-only
//
// What the wrapper tools that set something up and then run a program
// (vcontext, ncontext, chbind) share: --syncsock (util-vserver's external
// synchronization), --disconnect (run the program in the background) and
// the order of these steps around the tool's own work.

#ifndef VSERVER_CHAIN_HPP
#define VSERVER_CHAIN_HPP

#include "cli.hpp"
#include "options.hpp"
#include "result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vserver::cli {

// --syncsock: connects to a SOCK_STREAM unix socket; the descriptor is
// close-on-exec. Error: "cannot connect to '<path>': <reason>".
Result<int> connect_sync_socket(const std::string &path);

// Sends `msg`, shuts down the sending side and waits until the peer closes
// the connection; data from the peer is an error ("unexpected external
// synchronization event"). Closes `fd` on success.
Result<void> external_sync(int fd, std::string_view msg);

// The rest of a wrapper tool's life once its options are parsed:
//   1. --disconnect: fork; the parent waits until the child has exec'd
//      (returns 0) or failed (returns the child's exit status), with
//      util-vserver's sync pipes;
//   2. connect to the --syncsock socket;
//   3. `setup`, the tool's work (create, migrate, ...): 0 to go on, or the
//      exit status after it reported why it stopped;
//   4. synchronize with the socket;
//   5. --disconnect: stdin from /dev/null, a new session;
//   6. `before_exec` (vcontext --closefd), then exec `argv`.
// Failures of the steps themselves, the exec included, are reported as
// "<tool>: <message>" and return `exit_code`. What it returns is the
// status for main() to exit with; it never exits itself.
struct ChainSteps {
    bool disconnect = false;
    std::optional<std::string> sync_sock;
    std::string sync_msg = "ok";
    std::function<int()> setup;
    std::function<void()> before_exec;
};
int run_chain(std::string_view tool, int exit_code, const ChainSteps &steps, char *const argv[]);

// --- vcontext and ncontext --------------------------------------------------
//
// util-vserver's ncontext is vcontext's network twin: the same options
// around the context, the same checks and messages.

// The ids of the shared options in both tables; the tools' own options
// count on from opt_enter_end.
enum : int {
    opt_create = opt_first,
    opt_migrate,
    opt_migrate_self,
    opt_disconnect,
    opt_silent,
    opt_silentexist,
    opt_syncsock,
    opt_syncmsg,
    opt_enter_end,
};

struct EnterArgs {
    Action action = Action::run;
    bool create = false;
    bool migrate = false;
    bool migrate_self = false; // also sets migrate
    bool disconnect = false;
    bool silentexist = false;
    int verbosity = 1; // each --silent lowers it
    std::optional<std::string> sync_sock;
    std::string sync_msg = "ok";
    int command = 0;
};

// One of the shared options (`arg` is its argument) into `args`; false for
// any other id.
bool enter_option(int id, const char *arg, EnterArgs &args);

// The checks after the options, in util-vserver's order: --create or
// --migrate, not both; `initpid` (vcontext's --initpid) only with
// --migrate; a context to migrate into (`has_id`: --xid or --nid given)
// unless --create or --migrate-self; a program (args.command < argc).
std::optional<UsageError> check_enter_args(const EnterArgs &args, bool initpid, bool has_id,
                                           int argc, int exit_code);

// --disconnect and --syncsock/--syncmsg as run_chain takes them.
ChainSteps chain_steps(const EnterArgs &args);

} // namespace vserver::cli

#endif // VSERVER_CHAIN_HPP
