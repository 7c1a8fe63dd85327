// SPDX-License-Identifier: GPL-2.0-only
//
// newvserver: builds a Debian guest in one command, with
// vserver-debiantools' option names (lib/cli/guestbuild).

#include "guestbuild.hpp"

#include <variant>

int main(int argc, char *argv[]) {
    auto parsed = vserver::guest::parse_newvserver_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::guest::newvserver_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::guest::NewvserverArgs>(parsed);
    return vserver::guest::build(vserver::guest::paths_from_environment(), args.build);
}
