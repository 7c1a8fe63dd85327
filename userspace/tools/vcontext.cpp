// SPDX-License-Identifier: GPL-2.0-only
//
// vcontext: creates a security context or migrates into one, then runs a
// program (util-vserver's src/vcontext.c options and order of actions).

#include "chain.hpp"
#include "cli.hpp"
#include "context.hpp"

#include <vserver/context.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <getopt.h>
#include <iostream>
#include <linux/close_range.h>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

constexpr std::string_view prog = "vcontext";

// util-vserver: every failure of the wrapper exits 255; an existing context
// on --create exits 254.
constexpr int wrapper_exit_code = 255;
constexpr int exists_exit_code = 254;

// No --xid: util-vserver's VC_DYNAMIC_XID, which a kernel without dynamic
// ids refuses.
constexpr std::uint32_t dynamic_xid = static_cast<std::uint32_t>(-1);

int fail(std::string_view msg, int code = wrapper_exit_code) {
    return vserver::cli::fail(prog, msg, code);
}

struct Args {
    bool create = false;
    bool migrate = false;
    bool migrate_self = false;
    bool endsetup = false;
    bool initpid = false;
    bool disconnect = false;
    bool chroot = false;
    bool closefd = false;
    bool silentexist = false;
    int verbosity = 1;
    std::optional<vserver::cli::XidArg> xid;
    std::optional<std::uint32_t> uid;
    const char *sync_sock = nullptr;
    std::string sync_msg = "ok";
};

int show_help() {
    std::cout << "Usage:\n"
                 "    "
              << prog
              << " --create [--xid <xid>] <opts>* [--] <program> <args>*\n"
                 "    "
              << prog
              << " [(--migrate --xid <xid>)|--migrate-self] <opts>* [--] <program> <args>*\n"
                 "\n"
                 "<xid> is a number or 'self'. <opts> can be:\n"
                 "    --chroot           chroot into the current directory\n"
                 "    --uid <uid>        change to this (numeric) uid\n"
                 "    --initpid          make the current process the init of the context\n"
                 "                       (--migrate/--migrate-self only)\n"
                 "    --endsetup         clear the setup flag of the context\n"
                 "    --disconnect       start the program in the background\n"
                 "    --closefd          close all file descriptors above 2 before exec\n"
                 "    --silent           do not print the new context id\n"
                 "    --silentexist      no message when the context exists (--create)\n"
                 "    --syncsock <file>  before exec, send a message to this SOCK_STREAM\n"
                 "                       unix socket and wait until it is closed\n"
                 "    --syncmsg <msg>    the message for --syncsock (default 'ok')\n"
                 "\n"
                 "'vcontext --create' exits with 254 iff the context exists already.\n";
    return EXIT_SUCCESS;
}

// --closefd: every descriptor above 2 is closed by the exec itself, so that
// a failing exec can still report through them.
void close_on_exec_above_stderr() {
    if (::close_range(3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
        return;
    const long max = ::sysconf(_SC_OPEN_MAX);
    for (long fd = 3; fd < (max > 0 ? max : 1024); ++fd) {
        const int flags = ::fcntl(static_cast<int>(fd), F_GETFD);
        if (flags != -1)
            ::fcntl(static_cast<int>(fd), F_SETFD, flags | FD_CLOEXEC);
    }
}

// The context work, in util-vserver's order: create, chroot, flags,
// migrate, uid (run_chain then synchronizes and execs). Runs in the child
// with --disconnect.
int setup(const Args &args, std::uint32_t xid) {
    if (args.create) {
        auto created = vserver::ctx_create(xid, VXF_INIT_SET);
        if (!created) {
            // The kernel says EBUSY for a context that exists but is still
            // in its setup phase (vs2.3); either way it exists.
            int errnum = created.error().errnum;
            if (errnum == EEXIST || errnum == EBUSY) {
                if (!args.silentexist)
                    fail(created.error().message);
                return exists_exit_code;
            }
            return fail(created.error().message);
        }
        xid = created.value();
        if (args.verbosity >= 1)
            std::cout << "New security context is " << xid << '\n' << std::flush;
    }

    if (args.chroot && ::chroot(".") == -1)
        return fail(std::string("chroot(\".\"): ") + std::strerror(errno));

    vserver::MaskedWord flags;
    if (args.initpid)
        flags.mask |= VXF_STATE_INIT;
    if (args.endsetup)
        flags.mask |= VXF_STATE_SETUP;
    if (flags.mask != 0) {
        if (auto r = vserver::set_cflags(xid, flags); !r)
            return fail(r.error().message);
    }

    if (args.migrate && !args.migrate_self) {
        if (auto r = vserver::ctx_migrate(xid, 0); !r)
            return fail(r.error().message);
    }

    if (args.uid) {
        if (::setuid(*args.uid) == -1)
            return fail("setuid(" + std::to_string(*args.uid) + "): " + std::strerror(errno));
        if (::getuid() != *args.uid)
            return fail("Something went wrong while changing the UID");
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    enum {
        opt_help = 0x1000,
        opt_version,
        opt_xid,
        opt_create,
        opt_migrate,
        opt_migrate_self,
        opt_initpid,
        opt_endsetup,
        opt_disconnect,
        opt_silent,
        opt_silentexist,
        opt_uid,
        opt_chroot,
        opt_closefd,
        opt_syncsock,
        opt_syncmsg,
    };
    static const option long_options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"ctx", required_argument, nullptr, opt_xid},
        {"xid", required_argument, nullptr, opt_xid},
        {"create", no_argument, nullptr, opt_create},
        {"migrate", no_argument, nullptr, opt_migrate},
        {"migrate-self", no_argument, nullptr, opt_migrate_self},
        {"initpid", no_argument, nullptr, opt_initpid},
        {"fakeinit", no_argument, nullptr, opt_initpid},
        {"endsetup", no_argument, nullptr, opt_endsetup},
        {"disconnect", no_argument, nullptr, opt_disconnect},
        {"silent", no_argument, nullptr, opt_silent},
        {"silentexist", no_argument, nullptr, opt_silentexist},
        {"uid", required_argument, nullptr, opt_uid},
        {"chroot", no_argument, nullptr, opt_chroot},
        {"closefd", no_argument, nullptr, opt_closefd},
        {"syncsock", required_argument, nullptr, opt_syncsock},
        {"syncmsg", required_argument, nullptr, opt_syncmsg},
        {nullptr, 0, nullptr, 0},
    };

    Args args;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:", long_options, nullptr)) != -1;) {
        switch (c) {
        case opt_help:
            return show_help();
        case opt_version:
            return vserver::cli::show_version(prog, "manages the creation of security contexts");
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
        case opt_initpid:
            args.initpid = true;
            break;
        case opt_endsetup:
            args.endsetup = true;
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
        case opt_chroot:
            args.chroot = true;
            break;
        case opt_closefd:
            args.closefd = true;
            break;
        case opt_uid:
            // Only numbers, like util-vserver built with glibc.
            args.uid = vserver::cli::parse_uint32(optarg);
            if (!args.uid)
                return fail("Uid " + vserver::cli::quote(optarg) + " is not a number");
            break;
        case opt_syncsock:
            args.sync_sock = optarg;
            break;
        case opt_syncmsg:
            args.sync_msg = optarg;
            break;
        case opt_xid:
            args.xid = vserver::cli::parse_xid_arg(optarg);
            if (!args.xid)
                return fail(vserver::cli::invalid_xid_message(optarg));
            break;
        default:
            return fail(vserver::cli::option_error(c, optopt, argv[optind - 1]));
        }
    }

    if (!args.create && !args.migrate)
        return fail("Neither '--create' nor '--migrate' specified; try '--help' for more "
                    "information");
    if (args.create && args.migrate)
        return fail("Can not specify '--create' and '--migrate' at the same time; try "
                    "'--help' for more information");
    if (!args.migrate && args.initpid)
        return fail("'--initpid' is possible in combination with '--migrate' only");
    if (!args.create && !args.migrate_self && !args.xid)
        return fail("Can not migrate to an unknown context");
    if (optind >= argc)
        return fail("No command given; use '--help' for more information.");

    // --migrate-self acts on the caller's context, like --xid self.
    std::uint32_t xid = dynamic_xid;
    if (args.migrate_self || args.xid) {
        auto resolved = vserver::cli::resolve_xid(args.migrate_self ? vserver::cli::XidArg{true, 0}
                                                                    : *args.xid);
        if (!resolved)
            return fail(resolved.error().message);
        xid = resolved.value();
    }

    vserver::cli::ChainSteps steps;
    steps.disconnect = args.disconnect;
    if (args.sync_sock != nullptr)
        steps.sync_sock = args.sync_sock;
    steps.sync_msg = args.sync_msg;
    steps.setup = [&args, xid] { return setup(args, xid); };
    if (args.closefd)
        steps.before_exec = close_on_exec_above_stderr;
    return vserver::cli::run_chain(prog, wrapper_exit_code, steps, argv + optind);
}
