// SPDX-License-Identifier: GPL-2.0-only
//
// The security context tools of util-vserver 0.30.216 (src/vcontext.c,
// src/vattribute.c, src/vkill.c, src/vwait.c, src/vuname.c): their command
// lines and what they report, so that both can be tested without a kernel.
// The mains in tools/ do the system calls in util-vserver's order and run
// the program.

#ifndef VSERVER_CONTEXTTOOLS_HPP
#define VSERVER_CONTEXTTOOLS_HPP

#include "signal.hpp"

#include <string>

namespace vserver {

// --- vwait ------------------------------------------------------------------

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

} // namespace vserver

#endif // VSERVER_CONTEXTTOOLS_HPP
