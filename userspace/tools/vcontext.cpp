// SPDX-License-Identifier: GPL-2.0-only
//
// vcontext: creates a security context or migrates into one, then runs a
// program (util-vserver's src/vcontext.c options and order of actions).

#include "chain.hpp"
#include "cli.hpp"
#include "context.hpp"
#include "contexttools.hpp"

#include <vserver/context.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <linux/close_range.h>
#include <string>
#include <string_view>
#include <unistd.h>
#include <variant>

namespace {

constexpr std::string_view prog = "vcontext";

int fail(std::string_view msg, int code = vserver::vcontext_exit_code) {
    return vserver::cli::fail(prog, msg, code);
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
int setup(const vserver::VcontextArgs &args, std::uint32_t xid) {
    if (args.create) {
        auto created = vserver::ctx_create(xid, VXF_INIT_SET);
        if (!created) {
            // The kernel says EBUSY for a context that exists but is still
            // in its setup phase (vs2.3); either way it exists.
            int errnum = created.error().errnum;
            if (errnum == EEXIST || errnum == EBUSY) {
                if (!args.silentexist)
                    fail(created.error().message);
                return vserver::vcontext_exists_exit_code;
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
    auto parsed = vserver::parse_vcontext_args(argc, argv);
    if (auto status = vserver::cli::early_exit(vserver::vcontext_spec(), parsed))
        return *status;
    const auto &args = std::get<vserver::VcontextArgs>(parsed);

    // --migrate-self acts on the caller's context, like --xid self.
    auto xid = vserver::vcontext_xid(args);
    if (!xid)
        return fail(xid.error().message);

    auto steps = vserver::cli::chain_steps(args);
    steps.setup = [&args, &xid] { return setup(args, xid.value()); };
    if (args.closefd)
        steps.before_exec = close_on_exec_above_stderr;
    return vserver::cli::run_chain(prog, vserver::vcontext_exit_code, steps, argv + args.command);
}
