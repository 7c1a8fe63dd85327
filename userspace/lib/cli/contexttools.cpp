// SPDX-License-Identifier: GPL-2.0-only

#include "contexttools.hpp"

namespace vserver {

// --- vwait ------------------------------------------------------------------

std::string format_wait_status(const WaitOutcome &outcome) {
    switch (outcome.status) {
    case WaitStatus::finished:
        return "FINISHED " + std::to_string(outcome.info.reboot_cmd) + ' ' +
               std::to_string(outcome.info.exit_code) + '\n';
    case WaitStatus::killed:
        return "KILLED\n";
    case WaitStatus::timeout:
        return "TIMEOUT\n";
    case WaitStatus::error:
        return "ERROR " + std::to_string(outcome.errnum) + '\n';
    }
    return "???\n";
}

int wait_status_exit_code(WaitStatus status) noexcept {
    switch (status) {
    case WaitStatus::finished:
        return 0;
    case WaitStatus::killed:
        return 1;
    case WaitStatus::timeout:
        return 2;
    case WaitStatus::error:
        return 127;
    }
    return 126;
}

} // namespace vserver
