// SPDX-License-Identifier: GPL-2.0-only
//
// The network context tools of util-vserver 0.30.216 (src/ncontext.c,
// src/naddress.c, src/nattribute.c, scripts/chbind): their option tables,
// their command lines and the system calls each one makes, so that all of
// it can be tested without a kernel. The mains in tools/ add
// --disconnect/--syncsock and the exec of the program.
//
// Every parser resets getopt (optind = 0), finds all command-line errors
// before any system call and leaves the index of the program to run in
// `command` (argc when there is none).

#ifndef VSERVER_NETTOOLS_HPP
#define VSERVER_NETTOOLS_HPP

#include "chain.hpp"
#include "cli.hpp"
#include "names.hpp"
#include "network.hpp"
#include "options.hpp"
#include "result.hpp"
#include "sys.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace vserver {

// No --nid for a create: util-vserver's VC_DYNAMIC_XID, which a kernel
// without dynamic ids (ours) refuses with EINVAL.
inline constexpr std::uint32_t dynamic_nid = 0xffffffffU;

// --- ncontext ---------------------------------------------------------------

// ncontext (like vcontext) fails with 255, and with 254 when --create
// finds the context existing.
inline constexpr int ncontext_exit_code = 255;
inline constexpr int ncontext_exists_exit_code = 254;

struct NcontextArgs : cli::EnterArgs {
    std::optional<cli::XidArg> nid;
};

const cli::ToolSpec &ncontext_spec();

// ncontext {--create [--nid N] | --migrate --nid N | --migrate-self}
//          [--disconnect] [--silent] [--silentexist] [--syncsock F]
//          [--syncmsg M] [--] <program> <args>*
cli::Parsed<NcontextArgs> parse_ncontext_args(int argc, char *argv[]);

// The nid ncontext acts on: the caller's (task_nid(0)) for --migrate-self
// and "--nid self", the number given, or dynamic_nid.
Result<std::uint32_t> ncontext_nid(const NcontextArgs &args, Syscall &sys = kernel_syscall());

// --create: net_create v1 with a NULL data pointer (the kernel moves the
// caller into the new context) and "New network context is <nid>" on
// `out` unless --silent; --migrate: net_migrate (none for
// --migrate-self). Returns the nid; an existing context is the error
// EEXIST.
Result<std::uint32_t> ncontext_enter(const NcontextArgs &args, std::uint32_t nid, std::ostream &out,
                                     Syscall &sys = kernel_syscall());

// --- naddress ---------------------------------------------------------------

// naddress fails with 255.
inline constexpr int naddress_exit_code = 255;

enum class NaddressOp { add, remove, set };

struct NaddressArgs {
    cli::Action action = cli::Action::run;
    NaddressOp op = NaddressOp::add;
    bool silent = false;
    std::optional<cli::XidArg> nid; // none: the caller's, via task_nid(0)
    std::vector<Ipv4Entry> entries; // in command-line order
    int command = 0;
};

const cli::ToolSpec &naddress_spec();

// naddress (--add|--remove|--set) [--silent] [--nid N] [--ip <ip>[/<m>]]*
//          [--mask <ip>/<m>]* [--range <ip1>-<ip2>[/<m>]]* [--bcast <ip>]
//          [--lback <ip>[/<m>]] [--] [<program> <args>*]
// Exactly one of --add, --remove, --set.
cli::Parsed<NaddressArgs> parse_naddress_args(int argc, char *argv[]);

// --set first removes every address (net_remove_all); --add/--set then add
// each entry (net_add_address), --remove removes each one
// (net_remove_address). Unless --silent, util-vserver's report goes to
// `out`: "Adding" or "Removing", then " <ip>" per entry, then a newline
// (also when a command fails; the error names the address).
Result<void> naddress_apply(const NaddressArgs &args, std::uint32_t nid, std::ostream &out,
                            Syscall &sys = kernel_syscall());

// --- nattribute -------------------------------------------------------------

// nattribute fails with 1, and with 255 for an unknown option.
inline constexpr int nattribute_exit_code = 1;
inline constexpr int nattribute_usage_exit_code = 255;

struct NattributeArgs {
    cli::Action action = cli::Action::run;
    bool get = false;               // --get; --set is the default
    std::optional<cli::XidArg> nid; // none: the caller's, via task_nid(0)
    BitList ncaps;
    BitList nflags;
    int command = 0;
};

const cli::ToolSpec &nattribute_spec();

// nattribute {--set|--get} [--nid N] [--ncap [~!]<cap>]* [--flag [~!]<flag>]*
//            [--secure] [--] [<program> <args>*]
// --secure replaces what earlier options chose (as vattribute --secure):
// the ncaps become exactly secure_ncaps() and the flags hide_netif.
cli::Parsed<NattributeArgs> parse_nattribute_args(int argc, char *argv[]);

// --set: set_ncaps, then set_nflags, each only when it changes something
// (util-vserver's order).
Result<void> nattribute_set(const NattributeArgs &args, std::uint32_t nid,
                            Syscall &sys = kernel_syscall());

// --get: get_nflags and get_ncaps, printed like vattribute --get:
// "ncapabilities:\n<names>\nnflags:\n<names>\n", names comma-separated.
Result<void> nattribute_get(std::uint32_t nid, std::ostream &out, Syscall &sys = kernel_syscall());

// --- chbind -----------------------------------------------------------------

// chbind fails with 1 for a bad command line (what the getopt of
// util-vserver's script exits with) and with 255 when the setup fails (as
// ncontext and naddress do).
inline constexpr int chbind_usage_exit_code = 1;
inline constexpr int chbind_exit_code = 255;

struct ChbindArgs {
    cli::Action action = cli::Action::run;
    bool silent = false;
    bool disconnect = false;
    cli::XidArg nid;
    BitList ncaps;                  // --secure, then the --ncap lists
    BitList nflags;                 // --secure, then the --flag lists
    std::vector<Ipv4Entry> entries; // --bcast, --lback, then each --ip
    int command = 0;
};

const cli::ToolSpec &chbind_spec();

// chbind [--silent] [--nid <nid>] [--ip <ip>[/<mask>]]* [--lback <ip>]
//        [--bcast <ip>] [--ncap <cap>]* [--flag <flag>]* [--secure]
//        [--disconnect] [--] <program> <args>*
//
// --nid is required: util-vserver's chbind relies on dynamic network
// context ids without it, which this kernel does not have (it reports
// VCI NO_DYNAMIC), and guessing a free id (say from the first IP) could
// join an unrelated context. The last --bcast and --lback count, and the
// entries are in the order util-vserver's script hands them to naddress.
cli::Parsed<ChbindArgs> parse_chbind_args(int argc, char *argv[]);

// What util-vserver's chbind script runs, natively:
//   ncontext --create --silentexist [--silent] --nid N --
//     nattribute --set [--secure] [--ncap ...] [--flag ...] --
//     naddress --add [--silent] [--bcast B] [--lback L] --ip ...
// i.e. net_create v1 (NULL data; "New network context is N" unless
// --silent), task_nid(0) for the context the kernel moved us into, set_ncaps
// and set_nflags when they change something, net_add_address per entry
// ("Adding ..." unless --silent). When the context exists (EEXIST) the
// script runs "ncontext --nid N --migrate" instead: net_migrate only, the
// existing context's flags and addresses stay as they are. Returns the nid
// the caller is in.
Result<std::uint32_t> chbind_enter(const ChbindArgs &args, std::uint32_t nid, std::ostream &out,
                                   Syscall &sys = kernel_syscall());

} // namespace vserver

#endif // VSERVER_NETTOOLS_HPP
