// SPDX-License-Identifier: GPL-2.0-only
//
// vlimit of util-vserver 0.30.216 (src/vlimit.c): its option table and
// command line, the --dir files and the system calls it makes, so that all
// of it can be tested without a kernel. tools/vlimit.cpp adds the
// resolution of the context and the exec of the program.

#ifndef VSERVER_LIMITTOOLS_HPP
#define VSERVER_LIMITTOOLS_HPP

#include "cli.hpp"
#include "limit.hpp"
#include "options.hpp"
#include "result.hpp"
#include "sys.hpp"

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// vlimit fails with 255 (util-vserver's wrapper_exit_code), for every error.
inline constexpr int vlimit_exit_code = 255;

struct VlimitArgs {
    cli::Action action = cli::Action::run;
    bool show_all = false;                      // -a, --all
    bool numeric = false;                       // -n: ids instead of names
    bool decimal = false;                       // -d: decimal instead of hex
    std::optional<cli::XidArg> xid;             // -c, --xid; none: task_xid(0)
    std::optional<std::string> dir;             // --dir
    bool missing_ok = false;                    // --missingok
    std::array<Rlimit, max_limit_ids> limits{}; // fields not given: CRLIM_KEEP
    std::uint32_t mask = 0;                     // bit n: limit n is to be set
    int command = 0;                            // index of the program (argc: none)
};

// "Can not parse limit '<text>'" (util-vserver's message for a bad value).
std::string invalid_limit_message(std::string_view text);

const cli::ToolSpec &vlimit_spec();

// vlimit [--xid|-c <xid>] [-nd] [-a|--all] [[-MSH] --(<resource>|<nr>) <value>]*
//        [--dir <path> [--missingok]] [--] [<program> <args>*]
//
// Resources are cpu, fsize, data, stack, core, rss, nproc, nofile, memlock,
// as, locks, msgqueue, nsock, openfd, anon, shmem, semary, nsems, dentry or
// a number 0..31. -M, -S and -H (combinable) choose which fields of the
// *next* resource option its value sets; without any of them the hard
// limit. Stops at the first non-option (getopt's '+').
cli::Parsed<VlimitArgs> parse_vlimit_args(int argc, char *argv[]);

// --dir: for every named resource not set on the command line, reads the
// files <dir>/<resource> (sets minimum, soft and hard), then
// <resource>.min, .soft and .hard, each overriding its field. A missing
// file is skipped; a missing directory is an error unless --missingok.
// Errors: "Invalid limit in '<file>'", "fstat('<dir>'): <reason>",
// "cannot read '<file>': <reason>".
Result<void> vlimit_read_dir(VlimitArgs &args);

// set_rlimit for every limit in args.mask, in id order. Like util-vserver,
// a refused limit does not stop the others: the failures are returned, one
// Error per refused limit.
std::vector<Error> vlimit_set(const VlimitArgs &args, std::uint32_t xid,
                              Syscall &sys = kernel_syscall());

// One line of -a (without the newline), util-vserver's layout: the name
// (or the id with -n, or when it has no name) from column 0, then for the
// minimum, soft and hard limit two spaces and the value from columns 12,
// 32 and 52: "0x<hex>" (decimal with -d), "inf" for infinity, "N/A" when
// the field is not in the mask. A value too long for its column is
// overwritten by the next one, as in util-vserver; the line ends after the
// hard limit.
std::string format_limit_line(std::uint32_t id, const RlimitMask &mask, const Rlimit &limit,
                              bool numeric, bool decimal);

// -a: get_rlimit_mask (a failure is the error), then get_rlimit and one
// line on `out` for each id in any of the masks. A failed get_rlimit skips
// its line and is returned in `failures`, as util-vserver carries on.
Result<void> vlimit_show_all(const VlimitArgs &args, std::uint32_t xid, std::ostream &out,
                             std::vector<Error> &failures, Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_LIMITTOOLS_HPP
