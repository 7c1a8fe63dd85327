// SPDX-License-Identifier: GPL-2.0-only
//
// vapt-get: apt-get in several guests, one after the other (lib/cli/guestset).

#include "guestset.hpp"

#include <variant>

int main(int argc, char *argv[]) {
    const auto paths = vserver::guest::paths_from_environment();
    auto parsed = vserver::guest::parse_vapt_get_args(argc, argv, paths);
    if (auto status = vserver::cli::early_exit(vserver::guest::vapt_get_spec(), parsed))
        return *status;
    return vserver::guest::run_vapt_get(std::get<vserver::guest::VaptGetArgs>(parsed), paths);
}
