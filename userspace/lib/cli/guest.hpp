// SPDX-License-Identifier: GPL-2.0-only
//
// Guests as admins run them: the configuration in /etc/vservers/NAME
// (util-vserver's layout) and the lifecycle of the `vserver` tool (start,
// stop, status, enter/exec). One process does what util-vserver's start
// chain does with some twenty exec'd helpers.

#ifndef VSERVER_GUEST_HPP
#define VSERVER_GUEST_HPP

#include "cli.hpp"
#include "names.hpp"
#include "options.hpp"
#include "result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vserver::guest {

// `vserver` exits 5 for an unknown guest, 3 for `status` of a stopped one.
inline constexpr int exit_unknown_guest = 5;
inline constexpr int exit_stopped = 3;

struct Paths {
    std::string confdir = "/etc/vservers";
    std::string rundir = "/run/vservers";
    std::string helperdir = "/run/vshelper";
    std::string vdirbase = "/vservers";
};

// The defaults, with VSERVER_CONFDIR from the environment if set.
Paths paths_from_environment();

struct Interface {
    std::string id; // the directory name under interfaces/
    std::uint32_t ip = 0;
    unsigned prefix = 32;
    std::string dev; // empty: nodev (the address only in the network context)
    std::string name;
};

struct FstabEntry {
    std::string source, target, type, options;
};

struct Config {
    std::string name;         // as given on the command line
    std::string display_name; // the `name` file, else `name`
    std::string dir;          // <confdir>/<name>
    std::uint32_t xid = 0;
    std::string vdir;
    std::vector<Interface> interfaces;
    std::vector<FstabEntry> fstab;
    std::optional<BitList> bcaps, ccaps, cflags, nflags, umask;
    std::optional<int> nice;
    std::optional<unsigned long> personality;
    std::string initstyle = "sysv";
    std::string runlevel = "3";
    std::vector<std::string> cmd_start, cmd_stop; // empty: the style's
    std::vector<std::string> shell;               // for enter
};

// Does <confdir>/<name> exist as a directory?
bool exists(const Paths &paths, const std::string &name);

// Reads and checks every file start needs. Errors name the file and what
// was wrong, e.g. "/etc/vservers/a/interfaces/0/ip: '10.0.0.300' is not
// an IPv4 address".
Result<Config> load(const Paths &paths, const std::string &name);

// One fstab line's fields, or nullopt for a blank or comment line;
// an error for a line with fewer than three fields.
Result<std::optional<FstabEntry>> parse_fstab_line(const std::string &line);

// mount(2)'s flags and data for an fstab options field.
struct MountOptions {
    unsigned long flags = 0;
    std::string data;
};
MountOptions parse_mount_options(const std::string &options);

// personality(2)'s value for util-vserver's names (linux32, ...).
std::optional<unsigned long> parse_personality(const std::string &text);

// The label an address gets on the host's device: "DEV:NAME" cut to 15
// characters (IFNAMSIZ - 1), or DEV alone without a name.
std::string address_label(const Interface &iface);

// Removes what a stopped guest leaves in <root>/var/run and <root>/var/lock
// (not the directories, never following a symlink, staying inside); a
// utmp is emptied, not removed.
void purge_stale_run_files(int root_fd);

// The bytes of a utmp RUN_LVL record for `runlevel` (previous 'N').
std::vector<unsigned char> runlevel_record(char runlevel);

// The lifecycle; each returns the tool's exit status and prints its
// messages ("vserver: ..." on stderr for errors).
int start(const Paths &paths, const Config &cfg);
int stop(const Paths &paths, const Config &cfg);
int status(const Paths &paths, const Config &cfg);
bool running(const Paths &paths, const Config &cfg);
// enter (command empty: the shell), exec, suexec (user set).
int exec_in(const Paths &paths, const Config &cfg, const std::vector<std::string> &command,
            const std::optional<std::string> &user);
int remove_guest(const Paths &paths, const Config &cfg, bool force);

// --- the command line ----------------------------------------------------------

struct VserverArgs {
    cli::Action action = cli::Action::run;
    std::string name;
    std::string command;
    std::vector<std::string> rest; // exec's command, suexec's user and command, ...
};

const cli::ToolSpec &vserver_spec();

// vserver [--silent|--sync|--verbose|--debug|--defaulttty] <name> <command> <args>*
// (the util-vserver options besides --help and --version are accepted and
// ignored). Commands: start, stop, restart, status, running, enter, exec,
// suexec, apt-get, delete.
cli::Parsed<VserverArgs> parse_vserver_args(int argc, char *argv[]);

// Runs a parsed command line; the tool's exit status.
int run(const VserverArgs &args, const Paths &paths);

} // namespace vserver::guest

#endif // VSERVER_GUEST_HPP
