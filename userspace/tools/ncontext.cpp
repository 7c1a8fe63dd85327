// SPDX-License-Identifier: GPL-2.0-only
//
// ncontext: creates a network context or migrates into one, then runs a
// program (util-vserver's src/ncontext.c; the network twin of vcontext).

#include "chain.hpp"
#include "cli.hpp"
#include "nettools.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "ncontext";

int fail(std::string_view msg, int code = vserver::ncontext_exit_code) {
    return vserver::cli::fail(prog, msg, code);
}

// create or migrate; an existing context exits 254 (util-vserver).
int setup(const vserver::NcontextArgs &args, std::uint32_t nid) {
    auto entered = vserver::ncontext_enter(args, nid, std::cout);
    if (entered)
        return 0;
    if (args.create && entered.error().errnum == EEXIST) {
        if (!args.silentexist)
            fail(entered.error().message);
        return vserver::ncontext_exists_exit_code;
    }
    return fail(entered.error().message);
}

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_ncontext_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::ncontext_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::NcontextArgs>(parsed);

    auto nid = vserver::ncontext_nid(args);
    if (!nid)
        return fail(nid.error().message);

    auto steps = vserver::cli::chain_steps(args);
    steps.setup = [&args, &nid] { return setup(args, nid.value()); };
    return vserver::cli::run_chain(prog, vserver::ncontext_exit_code, steps, argv + args.command);
}
