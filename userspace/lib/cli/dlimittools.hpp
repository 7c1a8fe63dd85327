// SPDX-License-Identifier: GPL-2.0-only
//
// vdlimit of util-vserver 0.30.216 (src/vdlimit.c): its option table and
// command line, the system calls it makes for each path, its output and
// clear messages for what the kernel refuses, so that all of it can be
// tested without a kernel. tools/vdlimit.cpp resolves the context.

#ifndef VSERVER_DLIMITTOOLS_HPP
#define VSERVER_DLIMITTOOLS_HPP

#include "cli.hpp"
#include "dlimit.hpp"
#include "options.hpp"
#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// vdlimit fails with 1, for every error.
inline constexpr int vdlimit_exit_code = 1;

// Where mount_info() looks by default.
inline constexpr std::string_view self_mountinfo = "/proc/self/mountinfo";

struct VdlimitArgs {
    cli::Action action = cli::Action::run;
    std::optional<std::string> xid; // --xid, as given (resolve_context_option)
    std::uint32_t flags = 0;        // --flags
    DiskLimit limit;                // --set; fields not given: dlimit_keep
    bool set = false;
    bool remove = false;
    std::vector<std::string> paths;
};

const cli::ToolSpec &vdlimit_spec();

// vdlimit --xid|-x <xid> [--flags|-f <flags>] (--set|-s <limit>=<value>)*|--remove|-d
//         <mount point>+
// Limits: space_used, space_total (KiB), inodes_used, inodes_total,
// reserved (percent), each at most once; values are numbers in C syntax
// (decimal, 0x hex, 0 octal) or -1 for infinity. Options stop at the first
// non-option. Errors, checked in this order (util-vserver's texts):
// "can not parse number in '<arg>'", "value already set in '<arg>'",
// "unknown limit in '<arg>'", "Invalid flags argument: '<flags>'; try
// '--help' for more information", "Can not specify multiple operations;
// ...", "No mount point specified; ...", "No xid specified; ...",
// "invalid parameters: 'space_used' is larger than 'space_total'" (and
// inodes), and, not in util-vserver, "invalid parameters: 'reserved' is
// larger than 100".
cli::Parsed<VdlimitArgs> parse_vdlimit_args(int argc, char *argv[]);

// "<tag> <path>\nspace_used=N\nspace_total=N\ninodes_used=N\n
// inodes_total=N\nreserved=N\n", every value in decimal, -1 for infinity.
std::string format_dlimit(std::uint32_t tag, std::string_view path, const DiskLimit &limit);

// The filesystem a path is on, from a mountinfo file: its type, the
// mount source (the device for ext4) and its super options.
struct MountInfo {
    std::string fstype;
    std::string source;
    std::string options;

    // Mounted with "tag" (or its old spelling "tagxid").
    bool tagged() const;
};

// The first mountinfo line whose device matches lstat(path); none when
// either cannot be read.
std::optional<MountInfo> mount_info(const std::string &path,
                                    const std::string &mountinfo = std::string(self_mountinfo));

// The failed dlimit command `e` on `path` again, with the one line vdlimit
// prints for it:
// - ESRCH: "no disk limit for tag <tag> on <path>";
// - EOPNOTSUPP: "<path>: filesystem without disk limit support; run
//   'tune2fs -O quota,project <device>' on the unmounted filesystem"
//   (<device> from mountinfo when known); for a filesystem that is not
//   ext4 "<path>: <fstype> has no disk limit support (ext4 with the
//   quota and project features has)";
// - EINVAL on a filesystem that mountinfo shows without "tag": for ext4
//   "<path>: filesystem not mounted with -o tag (disk limits need ext4
//   with the quota and project features, 'tune2fs -O quota,project
//   <device>', mounted with -o tag)", else the not-ext4 line above;
// - ENOENT: "<path>: No such file or directory (ENOENT)";
// - EPERM: "<command>: Operation not permitted (EPERM); run as root on
//   the host";
// - ENOSYS: "<command>: Function not implemented (ENOSYS)";
// - anything else: "<path>: <command>: <reason> (<ERRNO>)".
Error explain_dlimit_error(const Error &e, std::uint32_t tag, const std::string &path,
                           const std::string &mountinfo = std::string(self_mountinfo));

// --set on one path: get_dlimit; if that fails, add_dlimit (its failure
// ends it); then set_dlimit with args.limit, and if that fails and the
// record was added here, rem_dlimit again. The failures, explained
// (set's, then rem's); empty when it worked.
std::vector<Error> vdlimit_set(const VdlimitArgs &args, std::uint32_t tag, const std::string &path,
                               Syscall &sys = kernel_syscall(),
                               const std::string &mountinfo = std::string(self_mountinfo));

// --remove on one path: rem_dlimit (errors explained).
Result<void> vdlimit_remove(const VdlimitArgs &args, std::uint32_t tag, const std::string &path,
                            Syscall &sys = kernel_syscall(),
                            const std::string &mountinfo = std::string(self_mountinfo));

// Neither: get_dlimit and format_dlimit on `out` (errors explained).
Result<void> vdlimit_show(const VdlimitArgs &args, std::uint32_t tag, const std::string &path,
                          std::ostream &out, Syscall &sys = kernel_syscall(),
                          const std::string &mountinfo = std::string(self_mountinfo));

} // namespace vserver

#endif // VSERVER_DLIMITTOOLS_HPP
