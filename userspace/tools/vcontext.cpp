// SPDX-License-Identifier: GPL-2.0-only
//
// vcontext: creates a security context or migrates into one, then runs a
// program (util-vserver's src/vcontext.c options and order of actions).

#include "cli.hpp"
#include "context.hpp"
#include "sysinfo.hpp"

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
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
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

int show_version() {
    std::cout << prog << " (" << vserver::package_string()
              << ") -- manages the creation of security contexts\n";
    return EXIT_SUCCESS;
}

// Sync pipes for --disconnect: the child waits until the parent is ready,
// then reports "." before exec (the pipe closes on a successful exec) or
// "X" after a failed one.
struct Disconnect {
    int to_child[2] = {-1, -1};
    int to_parent[2] = {-1, -1};
};

bool read_byte(int fd, char &c) {
    for (;;) {
        ssize_t n = ::read(fd, &c, 1);
        if (n == 1)
            return true;
        if (n == 0 || errno != EINTR)
            return false;
    }
}

void write_byte(int fd, char c) {
    while (::write(fd, &c, 1) == -1 && errno == EINTR) {
    }
}

// Exits with the status of child `pid` (util-vserver's exitLikeProcess).
[[noreturn]] void exit_like(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) == -1 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        std::exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        std::exit(128 + WTERMSIG(status));
    std::exit(wrapper_exit_code);
}

// The parent of --disconnect: lets the child run and waits for its report.
[[noreturn]] void parent_of(pid_t pid, Disconnect &d) {
    ::close(d.to_child[0]);
    write_byte(d.to_child[1], 'X');
    ::close(d.to_child[1]);
    ::close(d.to_parent[1]);
    char c = 0;
    if (!read_byte(d.to_parent[0], c) || read_byte(d.to_parent[0], c))
        exit_like(pid);
    std::exit(EXIT_SUCCESS);
}

int connect_sync(const char *path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (std::strlen(path) >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    std::strcpy(addr.sun_path, path);
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd == -1)
        return -1;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == -1) {
        const int err = errno;
        ::close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

// Sends the message, closes our side and waits until the peer closes too;
// any data from the peer is an error.
int external_sync(int fd, const std::string &msg) {
    std::string_view rest = msg;
    while (!rest.empty()) {
        ssize_t n = ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
        if (n == -1 && errno == EINTR)
            continue;
        if (n == -1)
            return fail(std::string("send to the sync socket: ") + std::strerror(errno));
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::shutdown(fd, SHUT_WR) == -1)
        return fail(std::string("shutdown of the sync socket: ") + std::strerror(errno));
    char c = 0;
    ssize_t n = 0;
    while ((n = ::recv(fd, &c, 1, MSG_NOSIGNAL)) == -1 && errno == EINTR) {
    }
    if (n != 0)
        return fail("unexpected external synchronization event");
    ::close(fd);
    return 0;
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

// Everything after option parsing, in util-vserver's order: create, chroot,
// flags, migrate, uid, sync, exec. Runs in the child with --disconnect.
int run(const Args &args, std::uint32_t xid, char *const argv[], Disconnect *d) {
    int sync_fd = -1;
    if (args.sync_sock != nullptr) {
        sync_fd = connect_sync(args.sync_sock);
        if (sync_fd == -1)
            return fail(std::string("cannot connect to '") + args.sync_sock +
                        "': " + std::strerror(errno));
    }
    if (d != nullptr) {
        ::close(d->to_child[1]);
        char c = 0;
        read_byte(d->to_child[0], c);
        ::close(d->to_child[0]);
    }

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

    if (sync_fd != -1) {
        if (int rc = external_sync(sync_fd, args.sync_msg); rc != 0)
            return rc;
    }

    if (d != nullptr) {
        int null = ::open("/dev/null", O_RDONLY | O_NONBLOCK);
        if (null == -1)
            return fail(std::string("open(\"/dev/null\"): ") + std::strerror(errno));
        (void)::setsid(); // fails harmlessly when we already lead a session
        ::dup2(null, 0);
        if (null != 0)
            ::close(null);
        ::close(d->to_parent[0]);
        write_byte(d->to_parent[1], '.');
    }
    if (args.closefd)
        close_on_exec_above_stderr();

    const vserver::Error err = vserver::cli::exec_program(argv);
    if (d != nullptr)
        write_byte(d->to_parent[1], 'X');
    return fail(err.message);
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
            return show_version();
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

    char *const *program = argv + optind;
    if (!args.disconnect)
        return run(args, xid, program, nullptr);

    Disconnect d;
    if (::pipe(d.to_child) == -1 || ::pipe2(d.to_parent, O_CLOEXEC) == -1)
        return fail(std::string("pipe: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid == -1)
        return fail(std::string("fork: ") + std::strerror(errno));
    if (pid == 0)
        return run(args, xid, program, &d);
    parent_of(pid, d);
}
