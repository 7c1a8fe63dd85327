// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-stat: one line per running context with its processes, memory,
// CPU times and uptime (util-vserver's src/vserver-stat.c layout). The
// gathering and formatting are in lib/cli/vstat.

#include "cli.hpp"
#include "context.hpp"
#include "cvirt.hpp"
#include "vstat.hpp"

#include <vserver/cvirt_cmd.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

constexpr std::string_view prog = "vserver-stat";

std::uint64_t sysconf_or(int name, std::uint64_t fallback) {
    const long v = ::sysconf(name);
    return v > 0 ? static_cast<std::uint64_t>(v) : fallback;
}

} // namespace

int main(int argc, char *argv[]) {
    const auto &spec = vserver::vserver_stat_spec();
    if (auto status = vserver::cli::early_exit(spec, vserver::parse_vserver_stat_args(argc, argv)))
        return *status;

    vserver::StatSources sources;
    sources.clock_ticks = sysconf_or(_SC_CLK_TCK, 100);
    sources.page_size = sysconf_or(_SC_PAGESIZE, 4096);
    sources.self_pid = static_cast<std::uint32_t>(::getpid());
    sources.task_xid = [](std::uint32_t pid) { return vserver::task_xid(pid); };
    sources.context_name = [](std::uint32_t xid) {
        return vserver::get_vhi_name(xid, VHIN_CONTEXT);
    };

    auto table = vserver::collect_context_stats(sources);
    if (!table)
        return vserver::cli::fail(prog, table.error().message, vserver::vserver_stat_exit_code);
    std::cout << vserver::format_stat_table(table.value().rows) << std::flush;
    for (const auto &problem : table.value().problems)
        vserver::cli::fail(prog, problem, vserver::vserver_stat_exit_code);
    return table.value().problems.empty() ? EXIT_SUCCESS : vserver::vserver_stat_exit_code;
}
