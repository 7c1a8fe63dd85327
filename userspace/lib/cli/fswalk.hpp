// SPDX-License-Identifier: GPL-2.0-only
//
// How chxid, lsxid, setattr and showattr go through the files named on the
// command line (util-vserver's src/fstool.c): a directory stands for its
// content unless it is to be shown like a file; its own entry comes first
// (as "."), then its files, then, with recursion, its subdirectories.
//
// The walk changes into each directory and hands the visitor names
// relative to it, so the kernel resolves one component at a time and no
// symlink is followed: a directory is entered only when it is still the
// one lstat saw (O_NOFOLLOW, same device and inode). The working directory
// is restored before walk_files returns.

#ifndef VSERVER_FSWALK_HPP
#define VSERVER_FSWALK_HPP

#include "result.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vserver {

struct WalkOptions {
    bool recurse = false;       // -R: descend into subdirectories
    bool dotfiles = false;      // -a: also entries starting with '.' (never "." and "..")
    bool dirs_as_files = false; // -d: a directory argument is itself, not its content
    bool one_fs = false;        // -x: do not descend into other filesystems
};

enum class Visit {
    ok,
    failed, // counted, the walk goes on
    stop,   // counted, the walk ends (an error every other file would repeat)
};

// `name` is what to pass to the kernel (relative to the current directory),
// `display` what to print, `st` the file's lstat.
using Visitor =
    std::function<Visit(const char *name, const std::string &display, const struct stat &st)>;

// Receives the walk's own failures: "<display>: <reason> (<ERRNO>)" for a
// path that cannot be lstat'ed, a directory that cannot be opened or read.
using Reporter = std::function<void(const Error &)>;

struct WalkResult {
    std::uint64_t failures = 0;
    bool stopped = false;
};

// Visits `paths` in order:
// - a path lstat cannot see is a failure;
// - a directory, unless dirs_as_files: "." shown as the path itself, then
//   its entries sorted by name (dot entries only with dotfiles), each shown
//   as <path>/<entry> (trailing slashes of the path dropped); with
//   recurse, subdirectories are not visited as entries but entered after
//   the files, in the same way (with one_fs only those on the directory's
//   own filesystem);
// - anything else (a symlink too) is visited as the path.
// util-vserver lists entries in readdir order; sorting them makes the
// output stable.
WalkResult walk_files(const std::vector<std::string> &paths, const WalkOptions &options,
                      const Visitor &visit, const Reporter &report);

} // namespace vserver

#endif // VSERVER_FSWALK_HPP
