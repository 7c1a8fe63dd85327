// SPDX-License-Identifier: GPL-2.0-only
//
// vattribute: sets or shows the flags, context capabilities, bounding set
// and unshare mask of a context (util-vserver's src/vattribute.c).

#include "cli.hpp"
#include "context.hpp"
#include "names.hpp"
#include "version.hpp"

#include <vserver/context.h>

#include <cstdint>
#include <cstdlib>
#include <getopt.h>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view prog = "vattribute";

// util-vserver's vattribute fails with 1, and with 255 for a bad option.
constexpr int failure_exit_code = 1;
constexpr int usage_exit_code = 255;

int fail(std::string_view msg, int code = failure_exit_code) {
    return vserver::cli::fail(prog, msg, code);
}

int show_help() {
    std::cout
        << "Usage:\n    " << prog
        << " [--xid <xid>] {--get|--set [--bcap [~!]<cap>] [--ccap [~!]<cap>]\n"
           "        [--flag [~!]<flag>] [--umask [~!]<ns>] [--secure]} [--] [<program> <args>*]\n"
           "\n"
           " --xid <xid>    ...  the context (a number or 'self'; default: own context)\n"
           " --bcap <caps>  ...  system capabilities to be set (bounding set)\n"
           " --ccap <caps>  ...  context capabilities to be set\n"
           " --flag <flags> ...  context flags to be set\n"
           " --umask <ns>   ...  unshare mask to be set\n"
           " --secure       ...  the secure bounding set, context capabilities and flags\n"
           "\n"
           "Lists are comma-separated; '~' or '!' before an item clears it, '^<n>' is\n"
           "bit <n>. --get prints the current values.\n";
    return EXIT_SUCCESS;
}

struct Args {
    bool get = false;
    std::optional<vserver::cli::XidArg> xid;
    vserver::BitList bcaps;
    vserver::BitList ccaps;
    vserver::BitList flags;
    vserver::BitList umask;
};

vserver::MaskedWord word(const vserver::BitList &list) { return {list.set, list.mask()}; }

// --secure replaces what earlier options chose, as in util-vserver: the
// secure bounding set and ccaps (everything else cleared) and the flag
// hide_netif. The bounding set depends on the kernel's features.
void apply_secure(Args &args) {
    const auto version = vserver::get_version();
    const auto vci = vserver::get_vci().value_or(0);
    const bool vshelper = version && vserver::is_supported("VSHELPER", version.value(), vci);
    const bool migrate = version && vserver::is_supported("MIGRATE", version.value(), vci);
    const std::uint64_t bcaps = vserver::secure_bcaps(vshelper, migrate);
    const std::uint64_t ccaps = ~vserver::insecure_ccaps();
    args.bcaps = {bcaps, ~bcaps};
    args.ccaps = {ccaps, ~ccaps};
    args.flags = {VXF_HIDE_NETIF, 0};
}

int print_attrs(std::uint32_t xid) {
    auto flags = vserver::get_cflags(xid);
    if (!flags)
        return fail(flags.error().message);
    auto ccaps = vserver::get_ccaps(xid);
    if (!ccaps)
        return fail(ccaps.error().message);
    auto bcaps = vserver::get_bcaps(xid);
    if (!bcaps)
        return fail(bcaps.error().message);
    using vserver::BitKind;
    using vserver::format_bits;
    std::cout << "bcapabilities:\n"
              << format_bits(BitKind::bcap, bcaps.value().value) << "\nccapabilities:\n"
              << format_bits(BitKind::ccap, ccaps.value().value) << "\nflags:\n"
              << format_bits(BitKind::cflag, flags.value().value) << '\n';
    // Like util-vserver: the umask is shown only when the kernel has it.
    if (auto umask = vserver::get_umask(xid))
        std::cout << "umask:\n" << format_bits(BitKind::umask, umask.value().value) << '\n';
    std::cout << std::flush;
    return 0;
}

int set_attrs(const Args &args, std::uint32_t xid) {
    // util-vserver's vc_set_ccaps sends both halves, ccaps first, whenever
    // either has a mask.
    if (args.ccaps.mask() != 0 || args.bcaps.mask() != 0) {
        if (auto r = vserver::set_ccaps(xid, word(args.ccaps)); !r)
            return fail(r.error().message);
        if (auto r = vserver::set_bcaps(xid, word(args.bcaps)); !r)
            return fail(r.error().message);
    }
    if (args.flags.mask() != 0) {
        if (auto r = vserver::set_cflags(xid, word(args.flags)); !r)
            return fail(r.error().message);
    }
    if (args.umask.mask() != 0) {
        if (auto r = vserver::set_umask(xid, word(args.umask)); !r)
            return fail(r.error().message);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    enum {
        opt_help = 0x1000,
        opt_version,
        opt_xid,
        opt_set,
        opt_get,
        opt_ccap,
        opt_bcap,
        opt_flag,
        opt_secure,
        opt_umask,
    };
    static const option long_options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"xid", required_argument, nullptr, opt_xid},
        {"set", no_argument, nullptr, opt_set},
        {"get", no_argument, nullptr, opt_get},
        {"ccap", required_argument, nullptr, opt_ccap},
        {"bcap", required_argument, nullptr, opt_bcap},
        {"flag", required_argument, nullptr, opt_flag},
        {"secure", no_argument, nullptr, opt_secure},
        {"umask", required_argument, nullptr, opt_umask},
        {nullptr, 0, nullptr, 0},
    };

    Args args;
    auto parse = [](vserver::BitKind kind, const char *text, vserver::BitList &into) {
        auto r = vserver::parse_bit_list(kind, text, into);
        if (!r)
            std::exit(fail(r.error().message));
    };
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", long_options, nullptr)) != -1;) {
        switch (c) {
        case opt_help:
            return show_help();
        case opt_version:
            return vserver::cli::show_version(prog, "sets/gets attributes of vservers");
        case opt_set:
            args.get = false;
            break;
        case opt_get:
            args.get = true;
            break;
        case opt_xid:
            args.xid = vserver::cli::parse_xid_arg(optarg);
            if (!args.xid)
                return fail(vserver::cli::invalid_xid_message(optarg));
            break;
        case opt_flag:
            parse(vserver::BitKind::cflag, optarg, args.flags);
            break;
        case opt_ccap:
            parse(vserver::BitKind::ccap, optarg, args.ccaps);
            break;
        case opt_bcap:
            parse(vserver::BitKind::bcap, optarg, args.bcaps);
            break;
        case opt_umask:
            parse(vserver::BitKind::umask, optarg, args.umask);
            break;
        case opt_secure:
            apply_secure(args);
            break;
        default:
            return fail(vserver::cli::option_error(c, optopt, argv[optind - 1]), usage_exit_code);
        }
    }

    auto xid = vserver::cli::resolve_xid(args.xid.value_or(vserver::cli::XidArg{true, 0}));
    if (!xid)
        return fail(xid.error().message);

    if (int rc = args.get ? print_attrs(xid.value()) : set_attrs(args, xid.value()); rc != 0)
        return rc;
    if (optind < argc)
        return fail(vserver::cli::exec_program(argv + optind).message);
    return EXIT_SUCCESS;
}
