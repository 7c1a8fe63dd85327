// SPDX-License-Identifier: GPL-2.0-only
//
// The messages are util-vserver's where it has one (ncontext shares
// vcontext's), otherwise one line in the style of the other tools.

#include "nettools.hpp"

#include "netaddr.hpp"

#include <vserver/network.h>

#include <cerrno>
#include <getopt.h>
#include <ostream>
#include <string_view>

namespace vserver {

namespace {

using cli::ArgKind;
using cli::Parsed;
using cli::UsageError;

enum : int {
    opt_nid = cli::opt_enter_end,
    opt_add,
    opt_remove,
    opt_set,
    opt_get,
    opt_ip,
    opt_mask,
    opt_range,
    opt_bcast,
    opt_lback,
    opt_ncap,
    opt_flag,
    opt_secure,
};

// The report and the calls of naddress --add / --remove for `entries`.
Result<void> apply_entries(const std::vector<Ipv4Entry> &entries, bool remove, bool silent,
                           std::uint32_t nid, std::ostream &out, Syscall &sys) {
    if (!silent)
        out << (remove ? "Removing" : "Adding");
    Result<void> status = ok();
    for (const auto &entry : entries) {
        const std::string ip = format_ipv4(entry.ip);
        if (!silent)
            out << ' ' << ip;
        auto r = remove ? net_remove_address(nid, entry, sys) : net_add_address(nid, entry, sys);
        if (!r) {
            status = error(r.error().errnum, r.error().message + " (address " + ip + ')');
            break;
        }
    }
    if (!silent)
        out << '\n' << std::flush;
    return status;
}

} // namespace

// --- ncontext ---------------------------------------------------------------

const cli::ToolSpec &ncontext_spec() {
    static const cli::ToolSpec spec{
        "ncontext",
        "creates a network context or migrates into one, then runs a program",
        "manages the creation of network contexts",
        {"--create [--nid <nid>] <opts>* [--] <program> <args>*",
         "[(--migrate --nid <nid>)|--migrate-self] <opts>*\n[--] <program> <args>*"},
        "+:",
        {
            {"create", 0, ArgKind::none, "", "create a new network context", cli::opt_create},
            {"migrate", 0, ArgKind::none, "", "migrate into the network context <nid>",
             cli::opt_migrate},
            {"migrate-self", 0, ArgKind::none, "", "stay in the own network context",
             cli::opt_migrate_self},
            {"nid", 0, ArgKind::required, "<nid>", "the network context: a number or 'self'",
             opt_nid},
            {"disconnect", 0, ArgKind::none, "", "start the program in the background",
             cli::opt_disconnect},
            {"silent", 0, ArgKind::none, "", "do not print the new network context id",
             cli::opt_silent},
            {"silentexist", 0, ArgKind::none, "", "no message when the context exists (--create)",
             cli::opt_silentexist},
            {"syncsock", 0, ArgKind::required, "<file>",
             "before exec, send a message to this SOCK_STREAM unix socket and wait until it is "
             "closed",
             cli::opt_syncsock},
            {"syncmsg", 0, ArgKind::required, "<msg>", "the message for --syncsock (default 'ok')",
             cli::opt_syncmsg},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "This kernel has no dynamic network contexts: give --nid with --create."},
            {"", "'ncontext --create' exits with 254 iff the context exists already, with 255 "
                 "for any other failure."},
        },
    };
    return spec;
}

Parsed<NcontextArgs> parse_ncontext_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(ncontext_spec());
    constexpr int code = ncontext_exit_code;
    NcontextArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        if (c == opt_nid)
            return cli::nid_option(optarg, args.nid, code);
        cli::enter_option(c, optarg, args);
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.command = optind;
    if (auto bad = cli::check_enter_args(args, false, args.nid.has_value(), argc, code))
        return *bad;
    return args;
}

Result<std::uint32_t> ncontext_nid(const NcontextArgs &args, Syscall &sys) {
    if (args.migrate_self)
        return task_nid(0, sys);
    if (args.nid)
        return cli::resolve_nid(*args.nid, sys);
    return dynamic_nid;
}

Result<std::uint32_t> ncontext_enter(const NcontextArgs &args, std::uint32_t nid, std::ostream &out,
                                     Syscall &sys) {
    if (args.create) {
        auto created = net_create(nid, std::nullopt, sys);
        if (!created)
            return created.error();
        nid = created.value();
        if (args.verbosity >= 1)
            out << "New network context is " << nid << '\n' << std::flush;
    }
    if (args.migrate && !args.migrate_self) {
        if (auto r = net_migrate(nid, sys); !r)
            return r.error();
    }
    return nid;
}

// --- naddress ---------------------------------------------------------------

const cli::ToolSpec &naddress_spec() {
    static const cli::ToolSpec spec{
        "naddress",
        "adds addresses to a network context, removes them or replaces them all, then runs a "
        "program",
        "bind to an ip and execute a program",
        {"(--add|--remove|--set) [--silent] [--nid <nid>] <address>*\n"
         "[--] [<program> <args>*]"},
        "+:",
        {
            {"add", 0, ArgKind::none, "", "add the addresses to the network context", opt_add},
            {"remove", 0, ArgKind::none, "", "remove them", opt_remove},
            {"set", 0, ArgKind::none, "", "remove every address first, then add them", opt_set},
            {"nid", 0, ArgKind::required, "<nid>",
             "the network context (a number or 'self'; default: own)", opt_nid},
            {"silent", 0, ArgKind::none, "", "do not print the addresses", cli::opt_silent},
            {"ip", 0, ArgKind::required, "<ip>[/<mask>]", "an address (mask 0.0.0.0 without one)",
             opt_ip},
            {"mask", 0, ArgKind::required, "<ip>/<mask>", "a whole network", opt_mask},
            {"range", 0, ArgKind::required, "<ip1>-<ip2>[/<mask>]",
             "the addresses ip1 up to, not including, ip2", opt_range},
            {"bcast", 0, ArgKind::required, "<ip>", "the broadcast address of the context",
             opt_bcast},
            {"lback", 0, ArgKind::required, "<ip>[/<mask>]", "the loopback address of the context",
             opt_lback},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "<address> is one of --ip, --mask, --range, --bcast and --lback. <mask> is a "
                 "prefix length (24) or a netmask (255.255.255.0). Only IPv4 addresses are "
                 "accepted, no interface names."},
        },
    };
    return spec;
}

Parsed<NaddressArgs> parse_naddress_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(naddress_spec());
    constexpr int code = naddress_exit_code;
    NaddressArgs args;
    bool add = false;
    bool remove = false;
    bool set = false;
    auto entry = [&](AddressOption kind) -> std::optional<UsageError> {
        auto e = parse_address_option(kind, optarg);
        if (!e)
            return UsageError{code, e.error().message};
        args.entries.push_back(e.value());
        return std::nullopt;
    };
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case cli::opt_silent:
            args.silent = true;
            break;
        case opt_add:
            add = true;
            break;
        case opt_remove:
            remove = true;
            break;
        case opt_set:
            set = true;
            break;
        case opt_nid:
            return cli::nid_option(optarg, args.nid, code);
        case opt_ip:
            return entry(AddressOption::ip);
        case opt_mask:
            return entry(AddressOption::mask);
        case opt_range:
            return entry(AddressOption::range);
        case opt_bcast:
            return entry(AddressOption::bcast);
        case opt_lback:
            return entry(AddressOption::lback);
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.command = optind;

    const int ops = int{add} + int{remove} + int{set};
    if (ops == 0)
        return UsageError{code, "No operation specified; try '--help' for more information"};
    if (ops > 1)
        return UsageError{code, "Multiple operations specified; try '--help' for more information"};
    args.op = add ? NaddressOp::add : remove ? NaddressOp::remove : NaddressOp::set;
    return args;
}

Result<void> naddress_apply(const NaddressArgs &args, std::uint32_t nid, std::ostream &out,
                            Syscall &sys) {
    if (args.op == NaddressOp::set) {
        if (auto r = net_remove_all(nid, sys); !r)
            return r;
    }
    return apply_entries(args.entries, args.op == NaddressOp::remove, args.silent, nid, out, sys);
}

// --- nattribute -------------------------------------------------------------

const cli::ToolSpec &nattribute_spec() {
    static const cli::ToolSpec spec{
        "nattribute",
        "sets or shows the flags and capabilities of a network context",
        "sets attributes of network contexts",
        {"[--nid <nid>] {--get|--set [--ncap [~!]<ncap>]\n"
         "[--flag [~!]<flag>] [--secure]} [--] [<program> <args>*]"},
        "+:",
        {
            {"nid", 0, ArgKind::required, "<nid>",
             "the network context (a number or 'self'; default: own)", opt_nid},
            {"get", 0, ArgKind::none, "", "print the current values", opt_get},
            {"set", 0, ArgKind::none, "", "set the values given (the default)", opt_set},
            {"ncap", 0, ArgKind::required, "<caps>", "network capabilities to be set", opt_ncap},
            {"flag", 0, ArgKind::required, "<flags>", "network flags to be set", opt_flag},
            {"secure", 0, ArgKind::none, "", "ncaps raw_icmp only, and the flag hide_netif",
             opt_secure},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "Lists are comma-separated; '~' or '!' before an item clears it, '^<n>' is bit "
                 "<n>. --secure replaces what earlier options chose; later ones apply on top."},
            {"", "Exits with 1 when something fails, 255 for an unknown option."},
        },
    };
    return spec;
}

Parsed<NattributeArgs> parse_nattribute_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(nattribute_spec());
    constexpr int code = nattribute_exit_code;
    NattributeArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case opt_set:
            args.get = false;
            break;
        case opt_get:
            args.get = true;
            break;
        case opt_nid:
            return cli::nid_option(optarg, args.nid, code);
        case opt_ncap:
            return cli::usage_error(parse_bit_list(BitKind::ncap, optarg, args.ncaps), code);
        case opt_flag:
            return cli::usage_error(parse_bit_list(BitKind::nflag, optarg, args.nflags), code);
        case opt_secure:
            args.ncaps = {secure_ncaps(), ~secure_ncaps()};
            args.nflags = {NXF_HIDE_NETIF, 0};
            break;
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, nattribute_usage_exit_code, option))
        return *done;
    args.command = optind;
    return args;
}

Result<void> nattribute_set(const NattributeArgs &args, std::uint32_t nid, Syscall &sys) {
    if (args.ncaps.mask() != 0) {
        if (auto r = set_ncaps(nid, masked_word(args.ncaps), sys); !r)
            return r;
    }
    if (args.nflags.mask() != 0) {
        if (auto r = set_nflags(nid, masked_word(args.nflags), sys); !r)
            return r;
    }
    return ok();
}

Result<void> nattribute_get(std::uint32_t nid, std::ostream &out, Syscall &sys) {
    auto flags = get_nflags(nid, sys);
    if (!flags)
        return flags.error();
    auto caps = get_ncaps(nid, sys);
    if (!caps)
        return caps.error();
    out << "ncapabilities:\n"
        << format_bits(BitKind::ncap, caps.value().value) << "\nnflags:\n"
        << format_bits(BitKind::nflag, flags.value().value) << '\n'
        << std::flush;
    return ok();
}

// --- chbind -----------------------------------------------------------------

const cli::ToolSpec &chbind_spec() {
    static const cli::ToolSpec spec{
        "chbind",
        "runs a program in a network context bound to some IP addresses",
        "bind to IP addresses and execute a program",
        {"[--silent] --nid <nid> [--ip <ip>[/<mask>]]* [--lback <ip>]\n"
         "[--bcast <ip>] [--ncap <cap>]* [--flag <flag>]* [--secure]\n"
         "[--disconnect] [--] <program> <args>*"},
        "+:",
        {
            {"silent", 0, ArgKind::none, "",
             "do not print the new network context and the addresses assigned", cli::opt_silent},
            {"nid", 0, ArgKind::required, "<nid>",
             "the network context to use (a number or 'self'); required: this kernel has no "
             "dynamic network contexts",
             opt_nid},
            {"ip", 0, ArgKind::required, "<ip>[/<mask>]",
             "an IP address to bind to; <mask> is a prefix length or a netmask", opt_ip},
            {"lback", 0, ArgKind::required, "<ip>", "the loopback address for the network context",
             opt_lback},
            {"bcast", 0, ArgKind::required, "<ip>", "the broadcast address for the network context",
             opt_bcast},
            {"ncap", 0, ArgKind::required, "<caps>",
             "network capabilities to set (as nattribute --set)", opt_ncap},
            {"flag", 0, ArgKind::required, "<flags>", "network flags to set (as nattribute --set)",
             opt_flag},
            {"secure", 0, ArgKind::none, "", "the secure ncaps and flags (as nattribute --secure)",
             opt_secure},
            {"disconnect", 0, ArgKind::none, "", "start the program in the background",
             cli::opt_disconnect},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "The network context <nid> is created with the capabilities, flags and "
                 "addresses given. If it exists already, the program joins it as it is."},
            {"", "Exits with 1 for a bad command line, 255 when the setup fails."},
        },
    };
    return spec;
}

Parsed<ChbindArgs> parse_chbind_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(chbind_spec());
    constexpr int code = chbind_usage_exit_code;
    ChbindArgs args;
    std::optional<cli::XidArg> nid;
    bool secure = false;
    BitList ncaps;
    BitList nflags;
    std::optional<Ipv4Entry> bcast;
    std::optional<Ipv4Entry> lback;
    std::vector<Ipv4Entry> ips;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case cli::opt_silent:
            args.silent = true;
            break;
        case cli::opt_disconnect:
            args.disconnect = true;
            break;
        case opt_secure:
            secure = true;
            break;
        case opt_nid:
            return cli::nid_option(optarg, nid, code);
        case opt_ncap:
            return cli::usage_error(parse_bit_list(BitKind::ncap, optarg, ncaps), code);
        case opt_flag:
            return cli::usage_error(parse_bit_list(BitKind::nflag, optarg, nflags), code);
        case opt_ip:
        case opt_bcast:
        case opt_lback: {
            const auto kind = c == opt_ip      ? AddressOption::ip
                              : c == opt_bcast ? AddressOption::bcast
                                               : AddressOption::lback;
            auto e = parse_address_option(kind, optarg);
            if (!e)
                return UsageError{code, e.error().message};
            if (c == opt_ip)
                ips.push_back(e.value());
            else
                (c == opt_bcast ? bcast : lback) = e.value();
            break;
        }
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.command = optind;

    if (!nid)
        return UsageError{code, "--nid is required: this kernel has no dynamic network contexts"};
    if (args.command >= argc)
        return UsageError{code, "No command given; use '--help' for more information."};
    args.nid = *nid;
    if (secure) {
        args.ncaps = {secure_ncaps(), ~secure_ncaps()};
        args.nflags = {NXF_HIDE_NETIF, 0};
    }
    args.ncaps = overlay(args.ncaps, ncaps);
    args.nflags = overlay(args.nflags, nflags);
    if (bcast)
        args.entries.push_back(*bcast);
    if (lback)
        args.entries.push_back(*lback);
    args.entries.insert(args.entries.end(), ips.begin(), ips.end());
    return args;
}

Result<std::uint32_t> chbind_enter(const ChbindArgs &args, std::uint32_t nid, std::ostream &out,
                                   Syscall &sys) {
    auto created = net_create(nid, std::nullopt, sys);
    if (!created) {
        if (created.error().errnum != EEXIST)
            return created.error();
        if (auto r = net_migrate(nid, sys); !r)
            return r.error();
        return nid;
    }
    if (!args.silent)
        out << "New network context is " << created.value() << '\n' << std::flush;

    auto self = task_nid(0, sys);
    if (!self)
        return self.error();
    NattributeArgs attrs;
    attrs.ncaps = args.ncaps;
    attrs.nflags = args.nflags;
    if (auto r = nattribute_set(attrs, self.value(), sys); !r)
        return r.error();
    if (auto r = apply_entries(args.entries, false, args.silent, self.value(), out, sys); !r)
        return r.error();
    return self.value();
}

} // namespace vserver
