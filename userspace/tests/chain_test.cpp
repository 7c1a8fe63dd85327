// SPDX-License-Identifier: GPL-2.0-only
//
// The wrapper steps shared by vcontext, ncontext and chbind: the
// --syncsock handshake, and run_chain (setup, exec, --disconnect) in
// forked children, with their exit statuses.

#include "chain.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using vserver::cli::ChainSteps;

namespace {

std::string read_all(int fd) {
    std::string out;
    char buf[256];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
        out.append(buf, static_cast<std::size_t>(n));
    return out;
}

// Runs run_chain in a child (stderr silenced) and returns its exit status;
// -1 if it did not exit normally.
int chain_status(const ChainSteps &steps, std::vector<std::string> args) {
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid != -1);
    if (pid == 0) {
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 2);
        ::_exit(vserver::cli::run_chain("test", 255, steps, argv.data()));
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("connect_sync_socket names the socket that failed", "[chain]") {
    auto missing = vserver::cli::connect_sync_socket("/nonexistent/vserver-sync");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().errnum == ENOENT);
    CHECK(missing.error().message ==
          "cannot connect to '/nonexistent/vserver-sync': No such file or directory");

    const std::string long_path(200, 'x');
    auto too_long = vserver::cli::connect_sync_socket(long_path);
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().errnum == ENAMETOOLONG);
    CHECK(too_long.error().message == "cannot connect to '" + long_path + "': File name too long");
}

TEST_CASE("external_sync sends the message and waits for the close", "[chain]") {
    int sv[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    ::shutdown(sv[1], SHUT_WR); // the peer is done: our recv sees the close
    REQUIRE(vserver::cli::external_sync(sv[0], "ok").ok());
    CHECK(read_all(sv[1]) == "ok"); // and the end of our data
    ::close(sv[1]);
}

TEST_CASE("external_sync refuses data from the peer", "[chain]") {
    int sv[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    REQUIRE(::write(sv[1], "!", 1) == 1);
    auto r = vserver::cli::external_sync(sv[0], "ok");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "unexpected external synchronization event");
    ::close(sv[0]);
    ::close(sv[1]);
}

TEST_CASE("run_chain runs setup, then execs the program", "[chain]") {
    int marker[2];
    REQUIRE(::pipe(marker) == 0);
    ChainSteps steps;
    steps.setup = [&marker] { return ::write(marker[1], "S", 1) == 1 ? 0 : 99; };
    steps.before_exec = [&marker] { (void)::write(marker[1], "B", 1); };
    CHECK(chain_status(steps, {"/bin/sh", "-c", "exit 7"}) == 7);
    ::close(marker[1]);
    CHECK(read_all(marker[0]) == "SB");
    ::close(marker[0]);
}

TEST_CASE("run_chain stops with the status setup returns", "[chain]") {
    ChainSteps steps;
    steps.setup = [] { return 254; };
    CHECK(chain_status(steps, {"/bin/sh", "-c", "exit 7"}) == 254);
    steps.disconnect = true; // the parent exits like the child
    CHECK(chain_status(steps, {"/bin/sh", "-c", "exit 7"}) == 254);
}

TEST_CASE("run_chain reports a failed exec with its exit code", "[chain]") {
    ChainSteps steps;
    CHECK(chain_status(steps, {"/nonexistent/program"}) == 255);
    steps.disconnect = true;
    CHECK(chain_status(steps, {"/nonexistent/program"}) == 255);
}

TEST_CASE("run_chain --disconnect: the parent exits 0 once the program runs", "[chain]") {
    ChainSteps steps;
    steps.disconnect = true;
    // The program's own status does not reach the parent.
    CHECK(chain_status(steps, {"/bin/sh", "-c", "exit 7"}) == 0);
}

TEST_CASE("run_chain synchronizes with the --syncsock socket before exec", "[chain]") {
    char dir[] = "/tmp/vserver-chain-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    const std::string path = std::string(dir) + "/sync";
    int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(listener != -1);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, path.c_str());
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener, 1) == 0);

    ChainSteps steps;
    steps.sync_sock = path;
    steps.sync_msg = "hello";
    std::vector<std::string> args{"/bin/sh", "-c", "exit 7"};
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid != -1);
    if (pid == 0) {
        ::close(listener);
        ::_exit(vserver::cli::run_chain("test", 255, steps, argv.data()));
    }
    int conn = ::accept(listener, nullptr, nullptr);
    REQUIRE(conn != -1);
    CHECK(read_all(conn) == "hello"); // up to the child's shutdown
    ::close(conn);                    // lets the child go on to exec
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 7);
    ::close(listener);
    ::unlink(path.c_str());
    ::rmdir(dir);
}

TEST_CASE("enter_option takes the options vcontext and ncontext share", "[chain]") {
    using namespace vserver::cli;
    EnterArgs args;
    char sock[] = "/run/sync";
    char msg[] = "go";
    for (int id : {opt_migrate_self, opt_disconnect, opt_silent, opt_silent, opt_silentexist})
        CHECK(enter_option(id, nullptr, args));
    CHECK(enter_option(opt_syncsock, sock, args));
    CHECK(enter_option(opt_syncmsg, msg, args));
    CHECK_FALSE(enter_option(opt_enter_end, nullptr, args));
    CHECK_FALSE(enter_option(opt_help, nullptr, args));
    CHECK_FALSE(args.create);
    CHECK(args.migrate);
    CHECK(args.migrate_self);
    CHECK(args.verbosity == -1);
    CHECK(args.silentexist);

    const ChainSteps steps = chain_steps(args);
    CHECK(steps.disconnect);
    CHECK(steps.sync_sock == "/run/sync");
    CHECK(steps.sync_msg == "go");
    CHECK_FALSE(steps.setup);
}

TEST_CASE("check_enter_args refuses in util-vserver's order", "[chain]") {
    using namespace vserver::cli;
    auto message = [](const EnterArgs &args, bool initpid, bool has_id, int argc) {
        auto bad = check_enter_args(args, initpid, has_id, argc, 9);
        if (bad)
            CHECK(bad->exit_code == 9);
        return bad ? bad->message : std::string();
    };
    EnterArgs args;
    args.command = 1;
    CHECK(message(args, true, false, 1) ==
          "Neither '--create' nor '--migrate' specified; try '--help' for more information");
    args.create = true;
    args.migrate = true;
    CHECK(message(args, true, false, 1) == "Can not specify '--create' and '--migrate' at the "
                                           "same time; try '--help' for more information");
    args.migrate = false;
    CHECK(message(args, true, false, 1) ==
          "'--initpid' is possible in combination with '--migrate' only");
    CHECK(message(args, false, false, 1) == "No command given; use '--help' for more information.");
    CHECK(message(args, false, false, 2).empty());
    args.create = false;
    args.migrate = true;
    CHECK(message(args, true, false, 2) == "Can not migrate to an unknown context");
    CHECK(message(args, true, true, 2).empty());
    args.migrate_self = true;
    CHECK(message(args, true, false, 2).empty());
}
