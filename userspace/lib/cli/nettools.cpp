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

using cli::Parsed;
using cli::UsageError;

enum {
    opt_help = 0x1000,
    opt_version,
    opt_nid,
    opt_create,
    opt_migrate,
    opt_migrate_self,
    opt_disconnect,
    opt_silent,
    opt_silentexist,
    opt_syncsock,
    opt_syncmsg,
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

// getopt_long from the start of argv, '+' (stop at the program) and ':'
// (report a missing argument as ':').
int next_option(int argc, char *argv[], const option *options) {
    return getopt_long(argc, argv, "+:", options, nullptr);
}

void reset_getopt() {
    optind = 0; // glibc: reinitialize completely
    opterr = 0;
}

UsageError option_failure(int c, char *argv[], int code) {
    return UsageError{code, cli::option_error(c, optopt, argv[optind - 1])};
}

// Later items win per bit, as if `top` had been parsed after `base`.
BitList overlay(BitList base, const BitList &top) {
    base.set = (base.set & ~top.clear) | top.set;
    base.clear = (base.clear & ~top.set) | top.clear;
    return base;
}

MaskedWord word(const BitList &list) { return {list.set, list.mask()}; }

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

Parsed<NcontextArgs> parse_ncontext_args(int argc, char *argv[]) {
    static const option options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"nid", required_argument, nullptr, opt_nid},
        {"create", no_argument, nullptr, opt_create},
        {"migrate", no_argument, nullptr, opt_migrate},
        {"migrate-self", no_argument, nullptr, opt_migrate_self},
        {"disconnect", no_argument, nullptr, opt_disconnect},
        {"silent", no_argument, nullptr, opt_silent},
        {"silentexist", no_argument, nullptr, opt_silentexist},
        {"syncsock", required_argument, nullptr, opt_syncsock},
        {"syncmsg", required_argument, nullptr, opt_syncmsg},
        {nullptr, 0, nullptr, 0},
    };
    constexpr int code = ncontext_exit_code;
    NcontextArgs args;
    reset_getopt();
    for (int c; (c = next_option(argc, argv, options)) != -1;) {
        switch (c) {
        case opt_help:
            args.action = cli::Action::help;
            return args;
        case opt_version:
            args.action = cli::Action::version;
            return args;
        case opt_create:
            args.create = true;
            break;
        case opt_migrate:
            args.migrate = true;
            break;
        case opt_migrate_self:
            args.migrate = true;
            args.migrate_self = true;
            break;
        case opt_disconnect:
            args.disconnect = true;
            break;
        case opt_silent:
            --args.verbosity;
            break;
        case opt_silentexist:
            args.silentexist = true;
            break;
        case opt_syncsock:
            args.sync_sock = optarg;
            break;
        case opt_syncmsg:
            args.sync_msg = optarg;
            break;
        case opt_nid:
            args.nid = cli::parse_xid_arg(optarg);
            if (!args.nid)
                return UsageError{code, cli::invalid_nid_message(optarg)};
            break;
        default:
            return option_failure(c, argv, code);
        }
    }
    args.command = optind;

    if (!args.create && !args.migrate)
        return UsageError{code, "Neither '--create' nor '--migrate' specified; try '--help' for "
                                "more information"};
    if (args.create && args.migrate)
        return UsageError{code, "Can not specify '--create' and '--migrate' at the same time; "
                                "try '--help' for more information"};
    if (!args.create && !args.migrate_self && !args.nid)
        return UsageError{code, "Can not migrate to an unknown context"};
    if (args.command >= argc)
        return UsageError{code, "No command given; use '--help' for more information."};
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

Parsed<NaddressArgs> parse_naddress_args(int argc, char *argv[]) {
    static const option options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"silent", no_argument, nullptr, opt_silent},
        {"add", no_argument, nullptr, opt_add},
        {"remove", no_argument, nullptr, opt_remove},
        {"set", no_argument, nullptr, opt_set},
        {"nid", required_argument, nullptr, opt_nid},
        {"ip", required_argument, nullptr, opt_ip},
        {"mask", required_argument, nullptr, opt_mask},
        {"range", required_argument, nullptr, opt_range},
        {"bcast", required_argument, nullptr, opt_bcast},
        {"lback", required_argument, nullptr, opt_lback},
        {nullptr, 0, nullptr, 0},
    };
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
    reset_getopt();
    for (int c; (c = next_option(argc, argv, options)) != -1;) {
        std::optional<UsageError> bad;
        switch (c) {
        case opt_help:
            args.action = cli::Action::help;
            return args;
        case opt_version:
            args.action = cli::Action::version;
            return args;
        case opt_silent:
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
            args.nid = cli::parse_xid_arg(optarg);
            if (!args.nid)
                return UsageError{code, cli::invalid_nid_message(optarg)};
            break;
        case opt_ip:
            bad = entry(AddressOption::ip);
            break;
        case opt_mask:
            bad = entry(AddressOption::mask);
            break;
        case opt_range:
            bad = entry(AddressOption::range);
            break;
        case opt_bcast:
            bad = entry(AddressOption::bcast);
            break;
        case opt_lback:
            bad = entry(AddressOption::lback);
            break;
        default:
            return option_failure(c, argv, code);
        }
        if (bad)
            return *bad;
    }
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

Parsed<NattributeArgs> parse_nattribute_args(int argc, char *argv[]) {
    static const option options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"nid", required_argument, nullptr, opt_nid},
        {"set", no_argument, nullptr, opt_set},
        {"get", no_argument, nullptr, opt_get},
        {"ncap", required_argument, nullptr, opt_ncap},
        {"flag", required_argument, nullptr, opt_flag},
        {"secure", no_argument, nullptr, opt_secure},
        {nullptr, 0, nullptr, 0},
    };
    constexpr int code = nattribute_exit_code;
    NattributeArgs args;
    reset_getopt();
    for (int c; (c = next_option(argc, argv, options)) != -1;) {
        Result<void> parsed = ok();
        switch (c) {
        case opt_help:
            args.action = cli::Action::help;
            return args;
        case opt_version:
            args.action = cli::Action::version;
            return args;
        case opt_set:
            args.get = false;
            break;
        case opt_get:
            args.get = true;
            break;
        case opt_nid:
            args.nid = cli::parse_xid_arg(optarg);
            if (!args.nid)
                return UsageError{code, cli::invalid_nid_message(optarg)};
            break;
        case opt_ncap:
            parsed = parse_bit_list(BitKind::ncap, optarg, args.ncaps);
            break;
        case opt_flag:
            parsed = parse_bit_list(BitKind::nflag, optarg, args.nflags);
            break;
        case opt_secure:
            args.ncaps = {secure_ncaps(), ~secure_ncaps()};
            args.nflags = {NXF_HIDE_NETIF, 0};
            break;
        default:
            return option_failure(c, argv, nattribute_usage_exit_code);
        }
        if (!parsed)
            return UsageError{code, parsed.error().message};
    }
    args.command = optind;
    return args;
}

Result<void> nattribute_set(const NattributeArgs &args, std::uint32_t nid, Syscall &sys) {
    if (args.ncaps.mask() != 0) {
        if (auto r = set_ncaps(nid, word(args.ncaps), sys); !r)
            return r;
    }
    if (args.nflags.mask() != 0) {
        if (auto r = set_nflags(nid, word(args.nflags), sys); !r)
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

Parsed<ChbindArgs> parse_chbind_args(int argc, char *argv[]) {
    static const option options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"ncap", required_argument, nullptr, opt_ncap},
        {"nid", required_argument, nullptr, opt_nid},
        {"ip", required_argument, nullptr, opt_ip},
        {"bcast", required_argument, nullptr, opt_bcast},
        {"lback", required_argument, nullptr, opt_lback},
        {"disconnect", no_argument, nullptr, opt_disconnect},
        {"flag", required_argument, nullptr, opt_flag},
        {"secure", no_argument, nullptr, opt_secure},
        {"silent", no_argument, nullptr, opt_silent},
        {nullptr, 0, nullptr, 0},
    };
    constexpr int code = chbind_usage_exit_code;
    ChbindArgs args;
    std::optional<cli::XidArg> nid;
    bool secure = false;
    BitList ncaps;
    BitList nflags;
    std::optional<Ipv4Entry> bcast;
    std::optional<Ipv4Entry> lback;
    std::vector<Ipv4Entry> ips;
    reset_getopt();
    for (int c; (c = next_option(argc, argv, options)) != -1;) {
        Result<void> parsed = ok();
        switch (c) {
        case opt_help:
            args.action = cli::Action::help;
            return args;
        case opt_version:
            args.action = cli::Action::version;
            return args;
        case opt_silent:
            args.silent = true;
            break;
        case opt_disconnect:
            args.disconnect = true;
            break;
        case opt_secure:
            secure = true;
            break;
        case opt_nid:
            nid = cli::parse_xid_arg(optarg);
            if (!nid)
                return UsageError{code, cli::invalid_nid_message(optarg)};
            break;
        case opt_ncap:
            parsed = parse_bit_list(BitKind::ncap, optarg, ncaps);
            break;
        case opt_flag:
            parsed = parse_bit_list(BitKind::nflag, optarg, nflags);
            break;
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
        default:
            return option_failure(c, argv, code);
        }
        if (!parsed)
            return UsageError{code, parsed.error().message};
    }
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
