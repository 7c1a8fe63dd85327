// SPDX-License-Identifier: GPL-2.0-only
//
// vkill: sends a signal to processes of a context, or to all of them
// (util-vserver's src/vkill.c).

#include "cli.hpp"
#include "contexttools.hpp"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <variant>

namespace {

constexpr std::string_view prog = "vkill";

int fail(std::string_view msg) { return vserver::cli::fail(prog, msg, vserver::vkill_exit_code); }

} // namespace

int main(int argc, char *argv[]) {
    auto parsed = vserver::parse_vkill_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vkill_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::VkillArgs>(parsed);

    std::optional<std::uint32_t> xid;
    if (args.xid) {
        auto resolved = vserver::cli::resolve_xid(*args.xid);
        if (!resolved)
            return fail(resolved.error().message);
        xid = resolved.value();
    }
    const int failures =
        vserver::vkill_send(args, xid, [](const vserver::Error &e) { fail(e.message); });
    return failures == 0 ? EXIT_SUCCESS : vserver::vkill_exit_code;
}
