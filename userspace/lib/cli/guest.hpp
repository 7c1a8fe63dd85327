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
#include "sys.hpp"

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
    std::string procdir = "/proc"; // /proc/virtual/<xid>/cvirt and /proc/uptime
    Syscall *sys = nullptr;        // the vserver syscall; null: the kernel's
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

// dlimits/<n>/: a disk limit for the guest's tag (its xid) on the
// filesystem of `directory` (a host path). Values in util-vserver's units
// (space in KiB); -1 is unlimited.
struct DiskLimitEntry {
    std::string id;
    std::string directory;
    std::uint32_t space_total = 0, inodes_total = 0, reserved = 0;
};

struct Config {
    std::string name;         // as given on the command line
    std::string display_name; // the `name` file, else `name`
    std::string dir;          // <confdir>/<name>
    std::uint32_t xid = 0;
    std::string vdir;
    std::vector<Interface> interfaces;
    std::vector<FstabEntry> fstab;
    std::vector<DiskLimitEntry> dlimits;
    std::optional<BitList> bcaps, ccaps, cflags, nflags, umask;
    std::optional<int> nice;
    std::optional<unsigned long> personality;
    std::string initstyle = "sysv";
    std::string runlevel = "3";                   // apps/init/runlevel, runlevel.start
    std::string runlevel_stop = "6";              // apps/init/runlevel.stop
    std::vector<std::string> cmd_start, cmd_stop; // empty: the style's
    std::vector<std::string> shell;               // for enter
    int stop_timeout = 30; // apps/vshelper/sync-timeout: seconds for the stop command
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

// The scripts util-vserver's execScriptlets runs for `flavor` (pre-start,
// post-start, pre-stop, post-stop, ...): scripts/<flavor> and
// scripts/<flavor>.d/* in name order, else the same in
// <confdir>/.defaults/scripts. Each gets the flavor and the guest's name.
std::vector<std::string> scriptlets(const Config &cfg, const std::string &flavor);

// The bytes of a utmp RUN_LVL record for `runlevel` (previous 'N').
std::vector<unsigned char> runlevel_record(char runlevel);

// The lifecycle; each returns the tool's exit status and prints its
// messages ("vserver: ..." on stderr for errors).
// `silent` (vserver --silent) drops the informational lines (status,
// "already running", "is not running"); errors are always printed.
int start(const Paths &paths, const Config &cfg, bool silent = false);
int stop(const Paths &paths, const Config &cfg, bool silent = false);
int status(const Paths &paths, const Config &cfg, bool silent = false);
// Running: the run file names a context that exists, or the configured
// context exists and its VHIN_CONTEXT is this guest's vdir.
bool running(const Paths &paths, const Config &cfg);
// The xid of a running guest.
std::optional<std::uint32_t> running_xid(const Paths &paths, const Config &cfg);
// enter (command empty: the shell), exec, suexec (user set).
int exec_in(const Paths &paths, const Config &cfg, const std::vector<std::string> &command,
            const std::optional<std::string> &user);
// delete: refuses a running guest (exit 1); asks unless `force` (an answer
// other than y or Y: exit 2); removes the vdir tree (never following a
// symlink, staying on its filesystem) and the configuration directory.
int remove_guest(const Paths &paths, const Config &cfg, bool force);

// Removes the tree at `root` (never following a symlink, staying on its
// filesystem); nothing when it does not exist.
void remove_tree(const std::string &root);

// --- the command line ----------------------------------------------------------

struct VserverArgs {
    cli::Action action = cli::Action::run;
    std::string name;
    std::string command;
    std::vector<std::string> rest; // exec's command, suexec's user and command, ...
    bool silent = false;           // --silent
};

const cli::ToolSpec &vserver_spec();

// vserver [--silent|--sync|--verbose|--debug|--defaulttty] <name> <command> <args>*
// (the util-vserver options besides --help and --version are accepted and
// ignored). Commands: start, stop, restart, status, running, enter, exec,
// suexec, apt-get, delete, build (lib/cli/guestbuild.hpp).
cli::Parsed<VserverArgs> parse_vserver_args(int argc, char *argv[]);

// Runs a parsed command line; the tool's exit status.
int run(const VserverArgs &args, const Paths &paths);

} // namespace vserver::guest

#endif // VSERVER_GUEST_HPP
