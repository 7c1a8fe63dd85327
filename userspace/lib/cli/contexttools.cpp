// SPDX-License-Identifier: GPL-2.0-only
//
// The messages are util-vserver's where it has one, otherwise one line in
// the style of the other tools.

#include "contexttools.hpp"

#include "context.hpp"
#include "cvirt.hpp"
#include "version.hpp"

#include <vserver/context.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <string_view>

namespace vserver {

using cli::ArgKind;
using cli::Parsed;
using cli::UsageError;

namespace {

enum : int {
    opt_xid = cli::opt_enter_end,
    opt_initpid,
    opt_endsetup,
    opt_uid,
    opt_chroot,
    opt_closefd,
    opt_set,
    opt_get,
    opt_ccap,
    opt_bcap,
    opt_flag,
    opt_secure,
    opt_umask,
    opt_timeout,
    opt_terminate,
    opt_status_fd,
    opt_dir,
    opt_missingok,
};

} // namespace

// --- vcontext ---------------------------------------------------------------

const cli::ToolSpec &vcontext_spec() {
    static const cli::ToolSpec spec{
        "vcontext",
        "creates a security context or migrates into one, then runs a program",
        "manages the creation of security contexts",
        {"--create [--xid <xid>] <opts>* [--] <program> <args>*",
         "[(--migrate --xid <xid>)|--migrate-self] <opts>*\n[--] <program> <args>*"},
        "+:",
        {
            {"create", 0, ArgKind::none, "", "create a new security context", cli::opt_create},
            {"migrate", 0, ArgKind::none, "", "migrate into the context <xid>", cli::opt_migrate},
            {"migrate-self", 0, ArgKind::none, "",
             "stay in the own context and act on it (as --migrate --xid self)",
             cli::opt_migrate_self},
            {"xid", 0, ArgKind::required, "<xid>",
             "the context: a number or 'self' (default with --create: a dynamic one, which this "
             "kernel does not have)",
             opt_xid},
            {"ctx", 0, ArgKind::required, "<xid>", "", opt_xid},
            {"chroot", 0, ArgKind::none, "", "chroot into the current directory", opt_chroot},
            {"uid", 0, ArgKind::required, "<uid>", "change to this (numeric) uid", opt_uid},
            {"initpid", 0, ArgKind::none, "",
             "make the current process the init of the context (--migrate/--migrate-self only)",
             opt_initpid},
            {"fakeinit", 0, ArgKind::none, "", "", opt_initpid},
            {"endsetup", 0, ArgKind::none, "", "clear the setup flag of the context", opt_endsetup},
            {"disconnect", 0, ArgKind::none, "", "start the program in the background",
             cli::opt_disconnect},
            {"closefd", 0, ArgKind::none, "", "close all file descriptors above 2 before exec",
             opt_closefd},
            {"silent", 0, ArgKind::none, "", "do not print the new context id", cli::opt_silent},
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
            {"", "The steps run in util-vserver's order: create, chroot, the flags of --initpid "
                 "and --endsetup, migrate, uid; then --syncsock and the exec of <program>."},
            {"", "'vcontext --create' exits with 254 iff the context exists already, with 255 "
                 "for any other failure."},
        },
    };
    return spec;
}

Parsed<VcontextArgs> parse_vcontext_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vcontext_spec());
    constexpr int code = vcontext_exit_code;
    VcontextArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        if (cli::enter_option(c, optarg, args))
            return std::nullopt;
        switch (c) {
        case opt_initpid:
            args.initpid = true;
            break;
        case opt_endsetup:
            args.endsetup = true;
            break;
        case opt_chroot:
            args.chroot = true;
            break;
        case opt_closefd:
            args.closefd = true;
            break;
        case opt_uid:
            // Only numbers, like util-vserver built with glibc.
            args.uid = cli::parse_uint32(optarg);
            if (!args.uid)
                return UsageError{code, "Uid " + cli::quote(optarg) + " is not a number"};
            break;
        case opt_xid:
            return cli::xid_option(optarg, args.xid, code);
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.command = optind;
    if (auto bad = cli::check_enter_args(args, args.initpid, args.xid.has_value(), argc, code))
        return *bad;
    return args;
}

Result<std::uint32_t> vcontext_xid(const VcontextArgs &args, Syscall &sys) {
    if (args.migrate_self)
        return task_xid(0, sys);
    if (args.xid)
        return cli::resolve_xid(*args.xid, sys);
    return dynamic_xid;
}

// --- vattribute -------------------------------------------------------------

const cli::ToolSpec &vattribute_spec() {
    static const cli::ToolSpec spec{
        "vattribute",
        "sets or shows the flags, capabilities, bounding set and unshare mask of a context",
        "sets/gets attributes of vservers",
        {"[--xid <xid>] {--get|--set [--bcap [~!]<cap>]\n"
         "[--ccap [~!]<cap>] [--flag [~!]<flag>] [--umask [~!]<ns>]\n"
         "[--secure]} [--] [<program> <args>*]"},
        "+:",
        {
            {"xid", 0, ArgKind::required, "<xid>",
             "the context (a number or 'self'; default: own context)", opt_xid},
            {"get", 0, ArgKind::none, "", "print the current values", opt_get},
            {"set", 0, ArgKind::none, "", "set the values given (the default)", opt_set},
            {"bcap", 0, ArgKind::required, "<caps>", "system capabilities to be set (bounding set)",
             opt_bcap},
            {"ccap", 0, ArgKind::required, "<caps>", "context capabilities to be set", opt_ccap},
            {"flag", 0, ArgKind::required, "<flags>", "context flags to be set", opt_flag},
            {"umask", 0, ArgKind::required, "<ns>", "unshare mask to be set", opt_umask},
            {"secure", 0, ArgKind::none, "",
             "the secure bounding set, context capabilities and flags", opt_secure},
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

Parsed<VattributeArgs> parse_vattribute_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vattribute_spec());
    constexpr int code = vattribute_exit_code;
    VattributeArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case opt_set:
            args.get = false;
            break;
        case opt_get:
            args.get = true;
            break;
        case opt_xid:
            return cli::xid_option(optarg, args.xid, code);
        case opt_flag:
            return cli::usage_error(parse_bit_list(BitKind::cflag, optarg, args.flags), code);
        case opt_ccap:
            return cli::usage_error(parse_bit_list(BitKind::ccap, optarg, args.ccaps), code);
        case opt_bcap:
            return cli::usage_error(parse_bit_list(BitKind::bcap, optarg, args.bcaps), code);
        case opt_umask:
            return cli::usage_error(parse_bit_list(BitKind::umask, optarg, args.umask), code);
        case opt_secure:
            // Replaces what came before; the umask is not part of it.
            args.secure = true;
            args.bcaps = {};
            args.ccaps = {};
            args.flags = {};
            break;
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, vattribute_usage_exit_code, option))
        return *done;
    args.command = optind;
    return args;
}

void vattribute_resolve_secure(VattributeArgs &args, Syscall &sys) {
    if (!args.secure)
        return;
    const auto version = get_version(sys);
    const auto vci = get_vci(sys).value_or(0);
    const bool vshelper = version && is_supported("VSHELPER", version.value(), vci);
    const bool migrate = version && is_supported("MIGRATE", version.value(), vci);
    const std::uint64_t bcaps = secure_bcaps(vshelper, migrate);
    const std::uint64_t ccaps = ~insecure_ccaps();
    args.bcaps = overlay({bcaps, ~bcaps}, args.bcaps);
    args.ccaps = overlay({ccaps, ~ccaps}, args.ccaps);
    args.flags = overlay({VXF_HIDE_NETIF, 0}, args.flags);
    args.secure = false;
}

Result<void> vattribute_set(const VattributeArgs &args, std::uint32_t xid, Syscall &sys) {
    if (args.ccaps.mask() != 0 || args.bcaps.mask() != 0) {
        if (auto r = set_ccaps(xid, masked_word(args.ccaps), sys); !r)
            return r;
        if (auto r = set_bcaps(xid, masked_word(args.bcaps), sys); !r)
            return r;
    }
    if (args.flags.mask() != 0) {
        if (auto r = set_cflags(xid, masked_word(args.flags), sys); !r)
            return r;
    }
    if (args.umask.mask() != 0) {
        if (auto r = set_umask(xid, masked_word(args.umask), sys); !r)
            return r;
    }
    return ok();
}

Result<void> vattribute_get(std::uint32_t xid, std::ostream &out, Syscall &sys) {
    auto flags = get_cflags(xid, sys);
    if (!flags)
        return flags.error();
    auto ccaps = get_ccaps(xid, sys);
    if (!ccaps)
        return ccaps.error();
    auto bcaps = get_bcaps(xid, sys);
    if (!bcaps)
        return bcaps.error();
    out << "bcapabilities:\n"
        << format_bits(BitKind::bcap, bcaps.value().value) << "\nccapabilities:\n"
        << format_bits(BitKind::ccap, ccaps.value().value) << "\nflags:\n"
        << format_bits(BitKind::cflag, flags.value().value) << '\n';
    // Like util-vserver: the umask is shown only when the kernel has it.
    if (auto umask = get_umask(xid, sys))
        out << "umask:\n" << format_bits(BitKind::umask, umask.value().value) << '\n';
    out << std::flush;
    return ok();
}

// --- vkill ------------------------------------------------------------------

const cli::ToolSpec &vkill_spec() {
    static const cli::ToolSpec spec{
        "vkill",
        "sends a signal to processes of a context, or to all of them",
        "sends signals to processes within other contexts",
        {"[--xid|-c <xid>] [-s <signal>] [--] <pid>*"},
        "+:",
        {
            {"xid", 'c', ArgKind::required, "<xid>",
             "the context of the processes: a number or 'self'"},
            {"", 's', ArgKind::required, "<signal>",
             "the signal: a number or a name with or without SIG (default TERM)"},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "Sends <signal> to the processes <pid> of context <xid>. Without <pid>, every "
                 "process of the context is signalled; without --xid, the context of each <pid> "
                 "is looked up."},
            {"", "Exits with 1 when a command line is refused or any signal could not be sent."},
        },
    };
    return spec;
}

Parsed<VkillArgs> parse_vkill_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vkill_spec());
    constexpr int code = vkill_exit_code;
    VkillArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case 'c':
            return cli::xid_option(optarg, args.xid, code);
        case 's': {
            auto sig = parse_signal(optarg);
            if (!sig)
                return UsageError{code, "Invalid signal specified: " + cli::quote(optarg)};
            args.sig = *sig;
            break;
        }
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    args.pids = cli::operands(argc, argv);
    if (!args.xid && args.pids.empty())
        return UsageError{code, "No pid specified"};
    return args;
}

int vkill_send(const VkillArgs &args, std::optional<std::uint32_t> xid,
               const std::function<void(const Error &)> &report, Syscall &sys) {
    int failures = 0;
    auto fail = [&](const Error &e) {
        report(e);
        ++failures;
    };
    auto send = [&](std::string_view pid_text) {
        auto pid = cli::parse_int32(pid_text);
        if (!pid)
            return fail(error(EINVAL, cli::quote(pid_text) + " is not a number"));
        auto target = xid;
        if (!target) {
            auto found = task_xid(static_cast<std::uint32_t>(*pid), sys);
            if (!found)
                return fail(error(found.error().errnum,
                                  found.error().message + " (pid " + std::string(pid_text) + ")"));
            target = found.value();
        }
        if (auto r = ctx_kill(*target, *pid, args.sig, sys); !r)
            fail(r.error());
    };
    if (args.pids.empty())
        send("0");
    for (const auto &pid : args.pids)
        send(pid);
    return failures;
}

// --- vwait ------------------------------------------------------------------

const cli::ToolSpec &vwait_spec() {
    static const cli::ToolSpec spec{
        "vwait",
        "waits until a context is gone",
        "waits for a context to finish",
        {"[--timeout <seconds>] [--terminate] [--status-fd <fd>] [--] <xid>"},
        "+:",
        {
            {"timeout", 0, ArgKind::required, "<seconds>",
             "stop waiting after <seconds> (0 or less: never)", opt_timeout},
            {"terminate", 0, ArgKind::none, "",
             "kill every process of the context when the timeout is reached", opt_terminate},
            {"status-fd", 0, ArgKind::required, "<fd>",
             "write the outcome to the file descriptor <fd>", opt_status_fd},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "Waits until context <xid> (a number or 'self') has ended. With --status-fd, "
                 "one line goes to <fd>: 'FINISHED <reboot_cmd> <exit_code>', 'TIMEOUT', "
                 "'KILLED' (after --terminate killed the context at the timeout) or "
                 "'ERROR <errno>'. Exit status: 0, 2, 1 or 127 respectively."},
        },
    };
    return spec;
}

Parsed<VwaitArgs> parse_vwait_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vwait_spec());
    constexpr int code = vwait_exit_code;
    VwaitArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case opt_terminate:
            args.terminate = true;
            break;
        case opt_timeout: {
            auto n = cli::parse_int32(optarg);
            if (!n)
                return UsageError{code, "invalid timeout " + cli::quote(optarg)};
            args.timeout = *n;
            break;
        }
        case opt_status_fd: {
            auto n = cli::parse_int32(optarg);
            if (!n || *n < 0)
                return UsageError{code, "invalid file descriptor " + cli::quote(optarg)};
            args.status_fd = *n;
            break;
        }
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, code, option))
        return *done;
    if (optind + 1 > argc)
        return UsageError{code, "no context specified; try '--help' for more information"};
    if (optind + 1 < argc)
        return UsageError{code, "can not wait for more than one context; try '--help' for more "
                                "information"};
    auto xid = cli::parse_xid_arg(argv[optind]);
    if (!xid)
        return UsageError{code, "invalid context specified; try '--help' for more information"};
    args.xid = *xid;
    return args;
}

std::string format_wait_status(const WaitOutcome &outcome) {
    switch (outcome.status) {
    case WaitStatus::finished:
        return "FINISHED " + std::to_string(outcome.info.reboot_cmd) + ' ' +
               std::to_string(outcome.info.exit_code) + '\n';
    case WaitStatus::killed:
        return "KILLED\n";
    case WaitStatus::timeout:
        return "TIMEOUT\n";
    case WaitStatus::error:
        return "ERROR " + std::to_string(outcome.errnum) + '\n';
    }
    return "???\n";
}

int wait_status_exit_code(WaitStatus status) noexcept {
    switch (status) {
    case WaitStatus::finished:
        return 0;
    case WaitStatus::killed:
        return 1;
    case WaitStatus::timeout:
        return 2;
    case WaitStatus::error:
        return 127;
    }
    return 126;
}

// --- vuname -----------------------------------------------------------------

const cli::ToolSpec &vuname_spec() {
    static const cli::ToolSpec spec{
        "vuname",
        "shows or sets the uname fields and the name of a context",
        "modifies and shows uname entries of vserver contexts",
        {"[--get] --xid <xid> <TAG>*",
         "--set --xid <xid> -t <TAG>=<VALUE> [-t ...]\n[--] [<command> <args>*]",
         "--dir <dir> --xid <xid> [--missingok] [--] [<command> <args>*]"},
        "+:",
        {
            {"get", 'g', ArgKind::none, "", "print the values of <TAG>* (default: all) of <xid>"},
            {"set", 's', ArgKind::none, "", "set the values given with -t"},
            {"xid", 0, ArgKind::required, "<xid>", "the context: a number or 'self'", opt_xid},
            {"", 't', ArgKind::required, "<TAG>=<VALUE>", "set <TAG> to <VALUE>; may be repeated"},
            {"dir", 0, ArgKind::required, "<dir>",
             "set each <TAG> from the first line of the file <dir>/<TAG>", opt_dir},
            {"missingok", 0, ArgKind::none, "", "do not fail when <dir> does not exist",
             opt_missingok},
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "TAG is one of: context, sysname, nodename, release, version, machine, "
                 "domainname."},
            {"", "Exits with 255 when something fails, 1 for an unknown option."},
        },
    };
    return spec;
}

namespace {

std::optional<std::uint32_t> vuname_field(std::string_view tag) {
    auto field = parse_vhi_field(tag);
    if (!field || *field >= vuname_field_count)
        return std::nullopt;
    return field;
}

UsageError unknown_tag(std::string_view tag) {
    return UsageError{vuname_exit_code, "Tag '" + std::string(tag) + "' not recognized"};
}

} // namespace

Parsed<VunameArgs> parse_vuname_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vuname_spec());
    constexpr int code = vuname_exit_code;
    VunameArgs args;
    auto option = [&](int c) -> std::optional<UsageError> {
        switch (c) {
        case opt_xid:
            return cli::xid_option(optarg, args.xid, code);
        case 's':
            args.set = true;
            break;
        case 'g':
            args.set = false;
            break;
        case 't': {
            const std::string_view text = optarg;
            const auto eq = text.find('=');
            const auto field = vuname_field(text.substr(0, eq));
            if (!field)
                return unknown_tag(text.substr(0, eq));
            args.values.at(*field) =
                std::string(eq == std::string_view::npos ? "" : text.substr(eq + 1));
            break;
        }
        case opt_dir:
            args.dir = optarg;
            break;
        case opt_missingok:
            args.missing_ok = true;
            break;
        }
        return std::nullopt;
    };
    if (auto done = getopt.parse(argc, argv, args, vuname_usage_exit_code, option))
        return *done;
    args.command = optind;

    if (!args.xid)
        return UsageError{code, "No context specified; try '--help' for more information"};
    if (!args.dir && !args.set) {
        for (int i = optind; i < argc; ++i) {
            const auto field = vuname_field(argv[i]);
            if (!field)
                return unknown_tag(argv[i]);
            args.get.push_back(*field);
        }
        if (args.get.empty())
            for (std::uint32_t f = 0; f < vuname_field_count; ++f)
                args.get.push_back(f);
    }
    return args;
}

Result<void> vuname_read_dir(const std::string &dir, bool missing_ok, VunameValues &values) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) == -1) {
        const int err = errno;
        if (err == ENOENT && missing_ok)
            return ok();
        return error(err, "stat '" + dir + "': " + std::strerror(err));
    }
    for (const auto &f : vhi_fields()) {
        std::ifstream in(dir + "/" + std::string(f.name));
        if (!in)
            continue;
        std::string line;
        std::getline(in, line);
        values.at(f.field) = line;
    }
    return ok();
}

Result<void> vuname_set(const VunameValues &values, std::uint32_t xid, Syscall &sys) {
    for (std::uint32_t field = 0; field < vuname_field_count; ++field) {
        if (!values.at(field))
            continue;
        if (auto r = set_vhi_name(xid, field, *values.at(field), sys); !r)
            return error(r.error().errnum,
                         r.error().message + " (" + std::string(vhi_field_name(field)) + ")");
    }
    return ok();
}

void vuname_get(const std::vector<std::uint32_t> &fields, std::uint32_t xid, std::ostream &out,
                Syscall &sys) {
    std::string_view sep;
    for (auto field : fields) {
        auto value = get_vhi_name(xid, field, sys);
        out << sep << (value ? value.value() : std::string("???"));
        sep = " ";
    }
    out << '\n' << std::flush;
}

} // namespace vserver
