// SPDX-License-Identifier: GPL-2.0-only
//
// vps: ps output with a CONTEXT column after the PID column (util-vserver's
// src/vps.c layout), and its command line. The text processing is pure;
// looking up a pid's context is left to a callback so that it can be tested
// without a kernel.

#ifndef VSERVER_VPS_HPP
#define VSERVER_VPS_HPP

#include "cli.hpp"
#include "options.hpp"
#include "result.hpp"
#include "sys.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// util-vserver's vps fails with 254.
inline constexpr int vps_exit_code = 254;

struct VpsArgs {
    cli::Action action = cli::Action::run;
};

const cli::ToolSpec &vps_spec();

// vps <ps-opts>*: like util-vserver, only a first argument "--help" or
// "--version" (spelled out) is vps's own; everything else belongs to ps.
// Never refuses a command line.
cli::Parsed<VpsArgs> parse_vps_args(int argc, char *argv[]);

// Width of the inserted column, separator included.
inline constexpr std::size_t vps_context_width = 20;

// One cell: the xid right-aligned in 5 characters (or "ERR" when the lookup
// failed), a space and the name, padded with spaces to vps_context_width;
// a cell that would fill the width or more gets a single space instead
// (util-vserver's rule).
std::string format_context_cell(std::optional<std::uint32_t> xid, std::string_view name);

// The name vps shows: "MAIN" for 0, "ALL_PROC" for 1, otherwise the
// context's VHIN_CONTEXT name. util-vserver's start scripts set that to the
// guest's configuration directory; like util-vserver, vps then shows the
// first line of <dir>/name (`name_file`, when given and not empty) or the
// last component of the directory.
std::string context_display_name(std::uint32_t xid, std::string_view name,
                                 std::string_view name_file = {});

// Inserts the column into `ps_output` behind the PID column and one blank:
// the header gets "CONTEXT" padded to vps_context_width, every other
// non-empty line cell_for_pid(pid) at the same offset, with pid read from
// the PID column (nullopt when the line has no number there). The offset is
// util-vserver's (after "PID ") when the pids are right-aligned under the
// heading (procps), and after the whole pid field when the heading is
// left-aligned over it (busybox). Fails when the first line has no "PID"
// heading.
Result<std::string>
insert_context_column(std::string_view ps_output,
                      const std::function<std::string(std::optional<long> pid)> &cell_for_pid);

// The first line of <dir>/name, empty when it cannot be read.
std::string read_name_file(std::string_view dir);

// The real lookup for insert_context_column: task_xid(pid) and, for a
// guest, get_vhi_name(VHIN_CONTEXT) (and read_name_file for a directory),
// each context asked once.
class ContextCellLookup {
  public:
    explicit ContextCellLookup(Syscall &sys = kernel_syscall()) : sys_(sys) {}
    std::string operator()(std::optional<long> pid);

    // The name shown for `xid` (see context_display_name).
    std::string name_of(std::uint32_t xid);

  private:
    Syscall &sys_;
    struct Entry {
        std::uint32_t xid;
        std::string name;
    };
    std::vector<Entry> cache_;
};

} // namespace vserver

#endif // VSERVER_VPS_HPP
