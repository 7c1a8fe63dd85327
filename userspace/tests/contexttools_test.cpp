// SPDX-License-Identifier: GPL-2.0-only
//
// vcontext, vattribute, vkill, vwait and vuname: their command lines, good
// and bad (one-line message and exit status), and vwait's status lines.

#include "contexttools.hpp"

#include <catch2/catch.hpp>

#include <cerrno>

using vserver::WaitOutcome;
using vserver::WaitStatus;

TEST_CASE("vwait status lines", "[vwait]") {
    WaitOutcome finished{WaitStatus::finished, {0x01234567, 0}, 0};
    CHECK(vserver::format_wait_status(finished) == "FINISHED 19088743 0\n");
    WaitOutcome negative{WaitStatus::finished, {-1, 255}, 0};
    CHECK(vserver::format_wait_status(negative) == "FINISHED -1 255\n");
    CHECK(vserver::format_wait_status({WaitStatus::killed, {}, 0}) == "KILLED\n");
    CHECK(vserver::format_wait_status({WaitStatus::timeout, {}, 0}) == "TIMEOUT\n");
    CHECK(vserver::format_wait_status({WaitStatus::error, {}, ESRCH}) == "ERROR 3\n");
}

TEST_CASE("vwait exit codes are util-vserver's", "[vwait]") {
    CHECK(vserver::wait_status_exit_code(WaitStatus::finished) == 0);
    CHECK(vserver::wait_status_exit_code(WaitStatus::killed) == 1);
    CHECK(vserver::wait_status_exit_code(WaitStatus::timeout) == 2);
    CHECK(vserver::wait_status_exit_code(WaitStatus::error) == 127);
}
