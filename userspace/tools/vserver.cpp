// SPDX-License-Identifier: GPL-2.0-only
//
// vserver: starts, stops, enters a guest from /etc/vservers/NAME
// (util-vserver's `vserver` script, as one program: lib/cli/guest).

#include "guest.hpp"

#include <variant>

int main(int argc, char *argv[]) {
    auto parsed = vserver::guest::parse_vserver_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::guest::vserver_spec(), parsed))
        return *status;
    return vserver::guest::run(std::get<vserver::guest::VserverArgs>(parsed),
                               vserver::guest::paths_from_environment());
}
