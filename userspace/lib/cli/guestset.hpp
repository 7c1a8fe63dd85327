// SPDX-License-Identifier: GPL-2.0-only
//
// Several guests at once: which are configured, which carry an init mark
// (apps/init/mark, util-vserver's way of grouping guests for the boot),
// in which order they start given their apps/init/depends, and the two
// tools built on that: vapt-get (apt-get in each selected guest) and
// vserver-start-marked (the host's boot and shutdown of a mark's guests).

#ifndef VSERVER_GUESTSET_HPP
#define VSERVER_GUESTSET_HPP

#include "cli.hpp"
#include "guest.hpp"
#include "options.hpp"
#include "result.hpp"

#include <string>
#include <vector>

namespace vserver::guest {

// The directories in paths.confdir, sorted; names starting with '.'
// (.defaults) and entries that are not directories are left out. Empty
// when confdir cannot be read.
std::vector<std::string> configured_guests(const Paths &paths);

// The first line of <confdir>/<name>/apps/init/mark without surrounding
// blanks; empty when there is none.
std::string init_mark(const Paths &paths, const std::string &name);

// The configured guests whose init mark is `mark` (not empty), sorted.
std::vector<std::string> marked_guests(const Paths &paths, const std::string &mark);

// The guests <confdir>/<name>/apps/init/depends names, one a line, in the
// file's order without repeats; blanks around a name, blank lines and
// '#' comments are ignored. None without the file; an error when it
// cannot be read.
Result<std::vector<std::string>> init_depends(const Paths &paths, const std::string &name);

// `selected` and, recursively, the guests their depends files name, each
// after the guests it depends on; among guests free to go, the first in
// name order goes first. Errors (one line): "no guest 'x' in
// /etc/vservers" for a selected name, "/etc/vservers/a/apps/init/depends:
// no guest 'x'" for a depends entry, "dependency cycle: a -> b -> a".
// Stopping goes in the reverse order.
Result<std::vector<std::string>> start_order(const Paths &paths,
                                             const std::vector<std::string> &selected);

// --- vapt-get ------------------------------------------------------------------

inline constexpr int vapt_get_exit_code = 1;

struct VaptGetArgs {
    enum class Select { names, all, running, marked };

    cli::Action action = cli::Action::run;
    bool quiet = false;
    Select select = Select::names;
    std::vector<std::string> names; // Select::names: sorted, without repeats
    std::string mark;               // Select::marked
    std::vector<std::string> apt_args;
};

const cli::ToolSpec &vapt_get_spec();

// vapt-get [--quiet] <name>...|--all|--running|--marked <mark> -- <args>...
// Everything after the first "--" is apt-get's. Refused (exit 1): no
// selection, names with --all/--running/--marked or two of those, no "--"
// or nothing after it, an empty mark, a name without a configuration in
// paths.confdir ("no guest 'x' in /etc/vservers"), a bad option.
cli::Parsed<VaptGetArgs> parse_vapt_get_args(int argc, char *argv[], const Paths &paths);

// Runs `apt-get <args>` in each selected guest in name order, each after a
// header line "==> NAME <==" on stdout (not with --quiet). --all and
// --running skip a stopped guest with "vapt-get: 'a' is not running;
// skipped" on stderr (not with --quiet); a named or marked one that is
// stopped is a failure, as is a configuration that does not load. Exit 0
// when every apt-get exited 0, else 1 after a last line "vapt-get:
// apt-get failed in: a b".
int run_vapt_get(const VaptGetArgs &args, const Paths &paths);

// --- vserver-start-marked -------------------------------------------------------------

inline constexpr int start_marked_exit_code = 1;

struct StartMarkedArgs {
    cli::Action action = cli::Action::run;
    std::string mark = "default";
    bool all = false;
    bool stop = false; // the command: start or stop
};

const cli::ToolSpec &start_marked_spec();

// vserver-start-marked [--mark <mark>|--all] start|stop. Refused (exit 1):
// no command, another command, further operands, --mark with --all, an
// empty mark, a bad option.
cli::Parsed<StartMarkedArgs> parse_start_marked_args(int argc, char *argv[]);

// start: the selected guests and their dependencies in start_order(), each
// not yet running started (guest::start); a guest whose dependency failed
// is not started. stop: the selected guests that run, in the reverse
// order, stopped (guest::stop). A line per guest on stdout
// ("vserver-start-marked: starting 'a'", "... 'a' is already running",
// "stopping 'a'", "'a' is not running"); errors on stderr. Exit 0 when
// all went well, else 1 with a last line "could not start: a b" (or
// stop). No guest marked: "vserver-start-marked: no guests marked 'x'",
// exit 0.
int run_start_marked(const StartMarkedArgs &args, const Paths &paths);

} // namespace vserver::guest

#endif // VSERVER_GUESTSET_HPP
