// SPDX-License-Identifier: GPL-2.0-only
//
// `vserver NAME build`: a new guest's configuration in /etc/vservers/NAME
// and its tree under the guests' root, by one of three methods:
//   debootstrap  a Debian tree from a mirror (Debian's debootstrap)
//   template     a prepared tarball unpacked (offline, the fast path)
//   clone        a copy of another guest's tree
// then the post-install every method shares: hostname, hosts, resolver,
// no gettys, no init scripts that touch hardware or the host, ssh host keys
// of the guest's own, the tree tagged with the guest's xid.
// newvserver (vserver-debiantools' front end) maps its options onto this.

#ifndef VSERVER_GUESTBUILD_HPP
#define VSERVER_GUESTBUILD_HPP

#include "cli.hpp"
#include "guest.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vserver::guest {

struct BuildArgs {
    std::string name;
    std::string method; // debootstrap, template, clone
    std::optional<std::uint32_t> xid;
    std::string hostname; // empty: the name
    std::string domain;   // for /etc/hosts
    std::vector<Interface> interfaces;
    std::string initstyle = "sysv";
    std::string rootdir; // empty: paths.vdirbase
    bool force = false;  // replace an existing, stopped guest
    bool keep = false;   // keep what a failed build made
    // debootstrap: -d DIST -m MIRROR -a ARCH, then debootstrap's own options
    std::string dist = "bookworm";
    std::string mirror; // empty: the host's Debian mirror
    std::string arch;   // empty: the host's
    std::vector<std::string> debootstrap_options;
    // template: -t TARBALL
    std::string tarball;
    // clone: --source GUEST|DIR, --exclude DIR (default /var/log, /var/run,
    // /var/spool/mail)
    std::string source;
    std::vector<std::string> excludes;
    bool excludes_given = false;
    // newvserver's extras
    std::string authorized_keys_file;
    std::string post_install_script;
};

// The static context ids a build chooses from when none is given.
inline constexpr std::uint32_t first_auto_xid = 1000;
inline constexpr std::uint32_t last_static_xid = 49151;

// util-vserver's --interface [NAME=][DEV:]IP[/PREFIX|/MASK]; the prefix
// defaults to 32 (the address alone, no route for a subnet).
Result<Interface> parse_interface_spec(const std::string &spec);

// The words after `vserver NAME build`. Errors are one line each.
Result<BuildArgs> parse_build_args(const std::string &name, const std::vector<std::string> &words);

// The Debian releases the post-install knows how to write sources for.
bool known_dist(const std::string &dist);

// sources.list for `dist` from `mirror` and `security_mirror`, in today's
// spelling (DIST, DIST-updates, DIST-security; sid has only itself).
std::string sources_list(const std::string &dist, const std::string &mirror,
                         const std::string &security_mirror);

// The first Debian archive (and security archive) of the host's apt
// sources under `aptdir` (/etc/apt): sources.list, sources.list.d/*.list
// and *.sources; deb.debian.org's when none is found.
struct Mirrors {
    std::string debian = "http://deb.debian.org/debian";
    std::string security = "http://deb.debian.org/debian-security";
};
Mirrors host_mirrors(const std::string &aptdir = "/etc/apt");

// The lowest context id from first_auto_xid up that no configured guest
// names and no running context has.
std::optional<std::uint32_t> free_xid(const Paths &paths);

// The init scripts a guest keeps (rc, rcS, single, sendsigs, rc.local,
// cron, ssh and any syslog); the others that have rc?.d links go.
bool kept_init_script(const std::string &name);

// Removes the init scripts (and their links) that touch hardware or the
// host, and the gettys of /etc/inittab, in the tree at `root`. Returns the
// scripts removed.
std::vector<std::string> strip_init_scripts(const std::string &root);

// The kernel's log is the host's: comments out rsyslog's imklog in the
// tree at `root` (a guest may not read /proc/kmsg). True if it changed.
bool disable_kernel_log_input(const std::string &root);

// Copies the tree `from` to the new directory `to`: owners, modes, times,
// hard links within it, devices and symlinks as they are, a reflink where
// the filesystem has them; nothing below a directory of `excludes`
// (relative to `from`, e.g. "/var/log") but its subdirectories; mount
// points below `from` become empty directories.
Result<void> copy_tree(const std::string &from, const std::string &to,
                       const std::vector<std::string> &excludes);

int build(const Paths &paths, const BuildArgs &args);

// `vserver NAME build WORDS...`: parse, then build.
int build_command(const Paths &paths, const std::string &name,
                  const std::vector<std::string> &words);

// --- newvserver -----------------------------------------------------------------

const cli::ToolSpec &newvserver_spec();

struct NewvserverArgs {
    cli::Action action = cli::Action::run;
    BuildArgs build;
};

// newvserver --hostname H --domain D --ip IP[/LEN] [--interface DEV]
// [--context XID] [--dist DIST] [--mirror URL] [--arch ARCH]
// [--sshkeys FILE] [--post-install-script FILE] [--vsroot DIR] [--force]
cli::Parsed<NewvserverArgs> parse_newvserver_args(int argc, char *argv[]);

} // namespace vserver::guest

#endif // VSERVER_GUESTBUILD_HPP
