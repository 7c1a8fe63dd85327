// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-start-marked: the host's boot and shutdown of the guests of an
// init mark, dependencies first (lib/cli/guestset).

#include "guestset.hpp"

#include <variant>

int main(int argc, char *argv[]) {
    auto parsed = vserver::guest::parse_start_marked_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::guest::start_marked_spec(), parsed))
        return *status;
    return vserver::guest::run_start_marked(std::get<vserver::guest::StartMarkedArgs>(parsed),
                                            vserver::guest::paths_from_environment());
}
