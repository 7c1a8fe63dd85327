// SPDX-License-Identifier: GPL-2.0-only
//
// chxid, lsxid, setattr and showattr of util-vserver 0.30.216 (src/chxid.c,
// lsxid.c, setattr.c, showattr.c over src/fstool.c): their option tables
// and command lines, the system calls they make for each file and what
// they print, so that all of it can be tested without a kernel.

#ifndef VSERVER_FSTOOLS_HPP
#define VSERVER_FSTOOLS_HPP

#include "cli.hpp"
#include "fswalk.hpp"
#include "iattr.hpp"
#include "options.hpp"
#include "sys.hpp"
#include "vconfig.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// The four tools fail with 1, for bad command lines too (util-vserver's
// fstool.c).
inline constexpr int fstool_exit_code = 1;

struct FsToolArgs {
    cli::Action action = cli::Action::run;
    WalkOptions walk;
    bool numeric = false;               // lsxid -n: no context -> vserver name mapping
    bool skip_unified = false;          // chxid -U
    std::optional<std::string> context; // chxid -c, as given
    std::uint32_t set_mask = 0;         // setattr: bits to set
    std::uint32_t del_mask = 0;         // setattr: bits to clear
    std::vector<std::string> paths;     // lsxid, showattr: "." when none given

    // What setattr sends: set_iattr(path, 0, flags, mask). A bit both set
    // and cleared is cleared.
    std::uint32_t iattr_flags() const noexcept { return set_mask & ~del_mask; }
    std::uint32_t iattr_mask() const noexcept { return set_mask | del_mask; }
};

// The option tables.
const cli::ToolSpec &chxid_spec();
const cli::ToolSpec &lsxid_spec();
const cli::ToolSpec &setattr_spec();
const cli::ToolSpec &showattr_spec();

// chxid -c <ctx|vserver> [-RxU] [--] <file>+
// Without -R a directory is changed itself; with -R its whole tree (dot
// files included). Errors: "No filename given; use '--help' for more
// information", then "No context given; ...".
cli::Parsed<FsToolArgs> parse_chxid_args(int argc, char *argv[]);

// lsxid [-Radnx] [--] <file>*
cli::Parsed<FsToolArgs> parse_lsxid_args(int argc, char *argv[]);

// setattr [-Rx] [--[~!](iunlink|immu|iunlink-but-not-immutable|ixunlink|
//         immutable|admin|watch|hide|barrier|write|cow)]*
//         [--flags <n>] [--~flags <n>] [--!flags <n>] [--] <file>+
// --iunlink (= --immu) sets IMMUTABLE and IUNLINK, so its ~ form clears
// both; --flags/--~flags add a raw mask (C syntax). Directories as chxid.
// Errors: "Invalid flags argument: '<n>'; try '--help' for more
// information", "No filename given; ...".
cli::Parsed<FsToolArgs> parse_setattr_args(int argc, char *argv[]);

// showattr [-Radx] [--] <file>*
cli::Parsed<FsToolArgs> parse_showattr_args(int argc, char *argv[]);

// lsxid's line (with the newline): the tag right-aligned in 20 columns,
// or the vserver name right-aligned in 20 columns (a longer one pushes the
// rest to the right), or "!!ERR!!" left-aligned in 20 columns for a file
// without a tag; then two spaces and `display`.
std::string format_lsxid_line(std::optional<std::uint32_t> tag,
                              const std::optional<std::string> &name, std::string_view display);

// showattr's line (with the newline): one column per bit in bit order,
// admin 'a', watch 'w', hide 'h', write 'm', barrier 'b', iunlink 'u',
// immutable 'i', cow 'c', tag 'x', upper case when set, lower case when
// supported but not set, '-' when not in the mask; a blank; `display`.
// Without attributes "ERR" instead of the ten columns.
std::string format_showattr_line(const std::optional<InodeAttr> &attr, std::string_view display);

// The runs: every file of args.paths (walk_files with args.walk), the
// system calls for it, lines on `out`, failures passed to `report` as
// one-line Errors ("<path>: <what went wrong>"). They return the number of
// failures (0: exit 0).
//
// A failure every further file would repeat ends the run: no vserver
// kernel (ENOSYS) and, for the set commands, EPERM ("...; run as root on
// the host").
// A filesystem not mounted with -o tag is reported once per filesystem:
// "<path>: filesystem not mounted with -o tag"; its other files still
// count as failures.

// set_iattr(name, tag, 0, IATTR_TAG) for every file; with -U a file that
// is_unified() is skipped.
std::uint64_t run_chxid(const FsToolArgs &args, std::uint32_t tag, const Reporter &report,
                        Syscall &sys = kernel_syscall());

// set_iattr(name, 0, args.iattr_flags(), args.iattr_mask()) for every
// file. EINVAL for admin/watch/hide (which this kernel refuses everywhere)
// is "<path>: admin, watch and hide are not supported (vs2.3 had them on
// /proc entries only)", once per filesystem like an untagged one.
std::uint64_t run_setattr(const FsToolArgs &args, const Reporter &report,
                          Syscall &sys = kernel_syscall());

// get_iattr and a format_lsxid_line for every file; names from `names`
// unless it is null (-n). A file whose get_iattr fails, or whose
// filesystem has no tags, gets the "!!ERR!!" line and is a failure.
std::uint64_t run_lsxid(const FsToolArgs &args, std::ostream &out, const Reporter &report,
                        VserverNames *names, Syscall &sys = kernel_syscall());

// get_iattr and a format_showattr_line for every file ("ERR" and a failure
// when get_iattr fails).
std::uint64_t run_showattr(const FsToolArgs &args, std::ostream &out, const Reporter &report,
                           Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_FSTOOLS_HPP
