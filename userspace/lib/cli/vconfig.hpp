// SPDX-License-Identifier: GPL-2.0-only
//
// util-vserver's configuration directories (/etc/vservers/<name>): a
// vserver named on the command line becomes its static context (the
// number in <dir>/context), and a running context becomes the name of its
// vserver again (lsxid). Follows lib/getvservercfgstyle.c,
// getvserverctx.c, xidopt2xid.c, getvserverbyctx.c and getvservername.c
// for the "recent" configuration style; the legacy style is not supported.

#ifndef VSERVER_VCONFIG_HPP
#define VSERVER_VCONFIG_HPP

#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vserver {

// util-vserver's CONFDIR.
inline constexpr std::string_view vserver_confdir = "/etc/vservers";

// The configuration directory of `id`: an absolute path, or one starting
// with "./" or "../", is the directory itself; anything else is a name
// under `confdir`. Nullopt unless the directory has a "vdir" entry (a
// directory or a symlink), util-vserver's sign of a vserver.
std::optional<std::string> vserver_config_dir(std::string_view id,
                                              std::string_view confdir = vserver_confdir);

// A context number as util-vserver reads it from a file: at most 50
// bytes, optional leading blanks, decimal digits, then the end or a
// newline (anything behind the newline is ignored).
std::optional<std::uint32_t> parse_context_file(std::string_view text) noexcept;

// The static context of a vserver: <dir>/context. Errors: "unknown
// context or vserver '<id>' (no <dir>/vdir)", "vserver '<id>' has no
// static context (cannot read '<file>': <reason>)", "invalid context in
// '<file>'".
//
// util-vserver first tries <dir>/run, the context of the running guest;
// this kernel has no dynamic contexts, so a running guest's context is
// always its static one and <dir>/run is not read.
Result<std::uint32_t> vserver_context(std::string_view id,
                                      std::string_view confdir = vserver_confdir);

// A context as chxid -c and vdlimit --xid take it (vc_xidopt2xid):
// "self" is the caller's context (task_xid(0)), a decimal number is
// itself, ":<vserver>" and any other text a vserver (vserver_context).
Result<std::uint32_t> resolve_context_option(std::string_view text, Syscall &sys = kernel_syscall(),
                                             std::string_view confdir = vserver_confdir);

// The names lsxid shows for contexts, each context looked up once.
class VserverNames {
  public:
    explicit VserverNames(Syscall &sys = kernel_syscall()) : sys_(sys) {}

    // The vserver running as `xid`: its VHIN_CONTEXT name must be an
    // absolute configuration directory whose "run" file holds `xid`
    // (util-vserver's check that the name is not stale). The name is then
    // the content of <dir>/name without trailing newlines, or, when that
    // is missing or empty, the last component of the directory (symlinks
    // resolved). None for context 0 (no call) and for contexts without a
    // vserver.
    std::optional<std::string> name_of(std::uint32_t xid);

  private:
    Syscall &sys_;
    struct Entry {
        std::uint32_t xid;
        std::optional<std::string> name;
    };
    std::vector<Entry> cache_;
};

} // namespace vserver

#endif // VSERVER_VCONFIG_HPP
