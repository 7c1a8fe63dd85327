// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-stat: one row per running context with its processes, memory,
// CPU times and uptime, in util-vserver's layout (src/vserver-stat.c).
// The host's row comes from a walk over /proc/<pid>, each guest's from
// /proc/virtual/<xid>/cvirt. Reading, parsing and formatting are here,
// with the /proc and /etc/vservers roots and the kernel lookups as
// parameters, so that all of it is tested on fixture files.

#ifndef VSERVER_VSTAT_HPP
#define VSERVER_VSTAT_HPP

#include "cli.hpp"
#include "options.hpp"
#include "result.hpp"
#include "vconfig.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// util-vserver's vserver-stat fails with 1.
inline constexpr int vserver_stat_exit_code = 1;

struct VserverStatArgs {
    cli::Action action = cli::Action::run;
};

const cli::ToolSpec &vserver_stat_spec();

// vserver-stat [--help|--version]: no operands ("unexpected argument
// '<arg>'; try '--help' for more information").
cli::Parsed<VserverStatArgs> parse_vserver_stat_args(int argc, char *argv[]);

// One row of the table.
struct ContextStat {
    std::uint32_t xid = 0;
    std::uint64_t processes = 0;
    std::uint64_t vsz_bytes = 0;
    std::uint64_t rss_bytes = 0;
    std::uint64_t utime_ms = 0;
    std::uint64_t stime_ms = 0;
    std::uint64_t uptime_ms = 0;
    std::string name;

    friend bool operator==(const ContextStat &, const ContextStat &) = default;
};

// A seconds value with an optional fraction of up to three digits
// ("12345", "12345.6", "12345.67", "12345.678") in milliseconds, followed
// by the end, a blank or a newline: the first field of /proc/uptime and
// the value of cvirt's BiasUptime.
std::optional<std::uint64_t> parse_seconds_ms(std::string_view text) noexcept;

// /proc/uptime: its first field in milliseconds.
std::optional<std::uint64_t> parse_proc_uptime(std::string_view text) noexcept;

// What vserver-stat needs of /proc/virtual/<xid>/cvirt ("<key>:\t<value>"
// lines).
struct CvirtInfo {
    std::uint64_t bias_uptime_ms = 0; // BiasUptime
    std::uint64_t processes = 0;      // nr_processes
    std::uint64_t vm_kb = 0;
    std::uint64_t rss_kb = 0;
    std::uint64_t utime_ns = 0;
    std::uint64_t stime_ns = 0;

    friend bool operator==(const CvirtInfo &, const CvirtInfo &) = default;
};

// Fails with "no '<key>' line" or "invalid '<key>' line" for the first of
// BiasUptime, nr_processes, vm_kb, rss_kb, utime_ns, stime_ns that is
// missing or not a number; other lines are ignored.
Result<CvirtInfo> parse_cvirt(std::string_view text);

// What vserver-stat needs of /proc/<pid>/stat (fields 14-17, 22-24).
struct ProcStat {
    std::uint64_t utime = 0;     // clock ticks
    std::uint64_t stime = 0;     // clock ticks
    std::uint64_t cutime = 0;    // clock ticks, reaped children
    std::uint64_t cstime = 0;    // clock ticks, reaped children
    std::uint64_t starttime = 0; // clock ticks after boot
    std::uint64_t vsize = 0;     // bytes
    std::uint64_t rss = 0;       // pages

    friend bool operator==(const ProcStat &, const ProcStat &) = default;
};

// The fields are counted after the last ')' (the command name may hold
// blanks and parentheses). Nullopt for a line too short or not numeric.
std::optional<ProcStat> parse_proc_stat(std::string_view text) noexcept;

// util-vserver's size cell, 7 characters, right-aligned: below 1000 the
// number of bytes and a blank ("    999 "), else divided by 1024 until
// below 1000 with the suffix K, M, G, T (then "+", at most 9999) and one
// decimal of the last division's remainder (10 * rest / 1024), left out
// when it is 0 or the number has four digits: "   1.4K", "    12M".
std::string format_size(std::uint64_t bytes);

// util-vserver's time cell, right-aligned in 10 characters:
//   below an hour     "<m>m<ss>s<cc>"   e.g. "0m00s00", "12m07s25"
//   below a day       "<h>h<mm>m<ss>"   e.g. "1h02m03"
//   up to 999 days    "<d>d<hh>h<mm>"   e.g. "1d03h39"
//   up to 999*999 d   "<y>y<dd>d<hh>"   (365-day years)
//   beyond            "INVALID"
// Every two-digit part is zero-padded, and a three-digit value is cut to
// its first two digits, as util-vserver does: the milliseconds 5, 50 and
// 500 all become two digits "05", "50", "50".
std::string format_time(std::uint64_t ms);

// "CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME"
std::string_view stat_header() noexcept;

// One row without the newline: the xid from column 0, PROC right-aligned
// ending in column 9, VSZ at 10 and RSS at 17 (format_size), userTIME at
// 24, sysTIME at 34 and UPTIME at 44 (format_time), NAME from column 55,
// cut to 20 characters.
std::string format_stat_row(const ContextStat &row);

// The header and the rows, each line ending in a newline.
std::string format_stat_table(const std::vector<ContextStat> &rows);

// What the table is gathered from.
struct StatSources {
    std::string proc_root = "/proc";
    std::string confdir = std::string(vserver_confdir);
    std::uint64_t clock_ticks = 100; // sysconf(_SC_CLK_TCK)
    std::uint64_t page_size = 4096;  // sysconf(_SC_PAGESIZE)
    std::uint32_t self_pid = 0;      // left out of the walk (0: none)
    // The context of a process (task_xid).
    std::function<Result<std::uint32_t>(std::uint32_t pid)> task_xid;
    // A context's VHIN_CONTEXT name (get_vhi_name).
    std::function<Result<std::string>(std::uint32_t xid)> context_name;
};

// The name of context `xid` in the NAME column: "root server" (0),
// "monitoring server" (1); else the vserver whose <confdir>/<dir>/context
// holds `xid` (directories in name order, dot-directories skipped): the
// first line of its "name" file, or the directory's name; else the last
// component of the context's VHIN_CONTEXT name when that contains a '/';
// else the xid in decimal.
std::string stat_context_name(std::uint32_t xid, const StatSources &sources);

// The rows, sorted by xid: contexts 0 and 1 from the processes of the
// /proc walk (task_xid 0 or 1; PROC = their number, VSZ/RSS/userTIME/
// sysTIME their sums, own and reaped children's CPU time, UPTIME since the
// oldest one started), every numeric directory of <proc>/virtual from its
// cvirt file (UPTIME = /proc/uptime - BiasUptime). A context whose cvirt
// file is gone or empty has ended since the listing and is left out; one
// whose file cannot be parsed is left out with a message in `problems`.
// Fails when <proc>/virtual or <proc>/uptime cannot be read.
struct StatTable {
    std::vector<ContextStat> rows;
    std::vector<std::string> problems;
};
Result<StatTable> collect_context_stats(const StatSources &sources);

} // namespace vserver

#endif // VSERVER_VSTAT_HPP
