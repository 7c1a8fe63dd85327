// SPDX-License-Identifier: GPL-2.0-only
//
// What the wrapper tools that set something up and then run a program
// (vcontext, ncontext, chbind) share: --syncsock (util-vserver's external
// synchronization), --disconnect (run the program in the background) and
// the order of these steps around the tool's own work.

#ifndef VSERVER_CHAIN_HPP
#define VSERVER_CHAIN_HPP

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

} // namespace vserver::cli

#endif // VSERVER_CHAIN_HPP
