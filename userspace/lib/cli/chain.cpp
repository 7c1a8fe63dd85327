// SPDX-License-Identifier: GPL-2.0-only
//
// The child waits until the parent is ready, then reports "." before exec
// (the close-on-exec pipe closes on a successful exec) or "X" after a
// failed one; the parent ends with 0 on "." alone, else like the child
// (util-vserver's context-sync.hc and exitLikeProcess).

#include "chain.hpp"

#include "cli.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vserver::cli {

namespace {

// Failures of the wrapper itself exit like this (util-vserver's
// wrapper_exit_code).
constexpr int wrapper_exit_code = 255;

Error errno_error(const std::string &what, int err) {
    return error(err, what + ": " + std::strerror(err));
}

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

// The exit status of child `pid`, as util-vserver's exitLikeProcess
// passes it on.
int status_like(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) == -1 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return wrapper_exit_code;
}

// The sync pipes of --disconnect.
class Disconnect {
  public:
    // Creates the pipes and forks. Returns nothing in the child; in the
    // parent, once the child has exec'd or failed, the status to exit with.
    Result<std::optional<int>> fork_child();
    // Child: waits until the parent is ready.
    void wait_for_parent();
    // Child, right before exec: stdin from /dev/null, a new session, and
    // "ready" to the parent.
    Result<void> detach();
    // Child, after a failed exec: makes the parent exit like the child.
    void exec_failed();

  private:
    int parent_of(pid_t pid);

    int to_child_[2] = {-1, -1};
    int to_parent_[2] = {-1, -1};
};

Result<std::optional<int>> Disconnect::fork_child() {
    if (::pipe(to_child_) == -1 || ::pipe2(to_parent_, O_CLOEXEC) == -1)
        return errno_error("pipe", errno);
    const pid_t pid = ::fork();
    if (pid == -1)
        return errno_error("fork", errno);
    if (pid != 0)
        return std::optional<int>{parent_of(pid)};
    return std::optional<int>{};
}

int Disconnect::parent_of(pid_t pid) {
    ::close(to_child_[0]);
    write_byte(to_child_[1], 'X');
    ::close(to_child_[1]);
    ::close(to_parent_[1]);
    char c = 0;
    if (!read_byte(to_parent_[0], c) || read_byte(to_parent_[0], c))
        return status_like(pid);
    return EXIT_SUCCESS;
}

void Disconnect::wait_for_parent() {
    ::close(to_child_[1]);
    char c = 0;
    read_byte(to_child_[0], c);
    ::close(to_child_[0]);
}

Result<void> Disconnect::detach() {
    int null = ::open("/dev/null", O_RDONLY | O_NONBLOCK);
    if (null == -1)
        return errno_error("open(\"/dev/null\")", errno);
    (void)::setsid(); // fails harmlessly when we already lead a session
    ::dup2(null, 0);
    if (null != 0)
        ::close(null);
    ::close(to_parent_[0]);
    write_byte(to_parent_[1], '.');
    return ok();
}

void Disconnect::exec_failed() { write_byte(to_parent_[1], 'X'); }

} // namespace

Result<int> connect_sync_socket(const std::string &path) {
    const std::string what = "cannot connect to '" + path + "'";
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path)
        return errno_error(what, ENAMETOOLONG);
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd == -1)
        return errno_error(what, errno);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == -1) {
        const int err = errno;
        ::close(fd);
        return errno_error(what, err);
    }
    return fd;
}

Result<void> external_sync(int fd, std::string_view msg) {
    while (!msg.empty()) {
        ssize_t n = ::send(fd, msg.data(), msg.size(), MSG_NOSIGNAL);
        if (n == -1 && errno == EINTR)
            continue;
        if (n == -1)
            return errno_error("send to the sync socket", errno);
        msg.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::shutdown(fd, SHUT_WR) == -1)
        return errno_error("shutdown of the sync socket", errno);
    char c = 0;
    ssize_t n = 0;
    while ((n = ::recv(fd, &c, 1, MSG_NOSIGNAL)) == -1 && errno == EINTR) {
    }
    if (n != 0)
        return error(EPROTO, "unexpected external synchronization event");
    ::close(fd);
    return ok();
}

int run_chain(std::string_view tool, int exit_code, const ChainSteps &steps, char *const argv[]) {
    Disconnect disconnect;
    Disconnect *d = steps.disconnect ? &disconnect : nullptr;
    if (d != nullptr) {
        auto forked = d->fork_child();
        if (!forked)
            return fail(tool, forked.error().message, exit_code);
        if (forked.value()) // the parent: its work is done
            return *forked.value();
    }
    int sync_fd = -1;
    if (steps.sync_sock) {
        auto fd = connect_sync_socket(*steps.sync_sock);
        if (!fd)
            return fail(tool, fd.error().message, exit_code);
        sync_fd = fd.value();
    }
    if (d != nullptr)
        d->wait_for_parent();

    if (steps.setup) {
        if (int rc = steps.setup(); rc != 0)
            return rc;
    }

    if (sync_fd != -1) {
        if (auto r = external_sync(sync_fd, steps.sync_msg); !r)
            return fail(tool, r.error().message, exit_code);
    }
    if (d != nullptr) {
        if (auto r = d->detach(); !r)
            return fail(tool, r.error().message, exit_code);
    }
    if (steps.before_exec)
        steps.before_exec();

    const Error err = exec_program(argv);
    if (d != nullptr)
        d->exec_failed();
    return fail(tool, err.message, exit_code);
}

bool enter_option(int id, const char *arg, EnterArgs &args) {
    switch (id) {
    case opt_create:
        args.create = true;
        return true;
    case opt_migrate:
        args.migrate = true;
        return true;
    case opt_migrate_self:
        args.migrate = true;
        args.migrate_self = true;
        return true;
    case opt_disconnect:
        args.disconnect = true;
        return true;
    case opt_silent:
        --args.verbosity;
        return true;
    case opt_silentexist:
        args.silentexist = true;
        return true;
    case opt_syncsock:
        args.sync_sock = arg;
        return true;
    case opt_syncmsg:
        args.sync_msg = arg;
        return true;
    default:
        return false;
    }
}

std::optional<UsageError> check_enter_args(const EnterArgs &args, bool initpid, bool has_id,
                                           int argc, int exit_code) {
    if (!args.create && !args.migrate)
        return UsageError{exit_code, "Neither '--create' nor '--migrate' specified; try '--help' "
                                     "for more information"};
    if (args.create && args.migrate)
        return UsageError{exit_code, "Can not specify '--create' and '--migrate' at the same "
                                     "time; try '--help' for more information"};
    if (!args.migrate && initpid)
        return UsageError{exit_code,
                          "'--initpid' is possible in combination with '--migrate' only"};
    if (!args.create && !args.migrate_self && !has_id)
        return UsageError{exit_code, "Can not migrate to an unknown context"};
    if (args.command >= argc)
        return UsageError{exit_code, "No command given; use '--help' for more information."};
    return std::nullopt;
}

ChainSteps chain_steps(const EnterArgs &args) {
    ChainSteps steps;
    steps.disconnect = args.disconnect;
    steps.sync_sock = args.sync_sock;
    steps.sync_msg = args.sync_msg;
    return steps;
}

} // namespace vserver::cli
