// SPDX-License-Identifier: GPL-2.0-only

#include "vconfig.hpp"

#include "cli.hpp"
#include "context.hpp"
#include "cvirt.hpp"

#include <vserver/cvirt_cmd.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace vserver {

namespace {

// util-vserver's limits: context files up to 50 bytes, names below 1024.
constexpr std::size_t context_file_max = 50;
constexpr std::size_t name_file_max = 1023;

bool is_path(std::string_view id) noexcept {
    return id.starts_with('/') || id.starts_with("./") || id.starts_with("../");
}

std::string config_path(std::string_view id, std::string_view confdir) {
    if (is_path(id))
        return std::string(id);
    std::string dir(confdir);
    dir += '/';
    dir += id;
    return dir;
}

// Up to `max` + 1 bytes of a file; an Error (errno and reason) when it
// cannot be opened or read.
Result<std::string> read_head(const std::string &path, std::size_t max) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return error(err, std::strerror(err));
    }
    std::string text(max + 1, '\0');
    std::size_t have = 0;
    int err = 0;
    while (have < text.size()) {
        const ssize_t n = ::read(fd, text.data() + have, text.size() - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            err = errno;
        if (n <= 0)
            break;
        have += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (err != 0)
        return error(err, std::strerror(err));
    text.resize(have);
    return text;
}

std::string last_component(std::string path) {
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || path.size() == 1)
        return path;
    return path.substr(slash + 1);
}

} // namespace

std::optional<std::string> vserver_config_dir(std::string_view id, std::string_view confdir) {
    if (id.empty())
        return std::nullopt;
    std::string dir = config_path(id, confdir);
    struct stat st;
    const std::string vdir = dir + "/vdir";
    if (::lstat(vdir.c_str(), &st) != 0)
        return std::nullopt;
    if (S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode))
        return dir;
    return std::nullopt;
}

std::optional<std::uint32_t> parse_context_file(std::string_view text) noexcept {
    if (text.size() > context_file_max)
        return std::nullopt;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    const auto end = text.find('\n');
    return cli::parse_uint32(text.substr(0, end));
}

Result<std::uint32_t> vserver_context(std::string_view id, std::string_view confdir) {
    auto dir = vserver_config_dir(id, confdir);
    if (!dir)
        return error(ENOENT, "unknown context or vserver " + cli::quote(id) + " (no " +
                                 config_path(id, confdir) + "/vdir)");
    const std::string file = *dir + "/context";
    auto text = read_head(file, context_file_max);
    if (!text)
        return error(text.error().errnum, "vserver " + cli::quote(id) +
                                              " has no static context (cannot read " +
                                              cli::quote(file) + ": " + text.error().message + ")");
    auto xid = parse_context_file(text.value());
    if (!xid)
        return error(EINVAL, "invalid context in " + cli::quote(file));
    return *xid;
}

Result<std::uint32_t> resolve_context_option(std::string_view text, Syscall &sys,
                                             std::string_view confdir) {
    if (text == "self")
        return task_xid(0, sys);
    if (text.starts_with(':'))
        return vserver_context(text.substr(1), confdir);
    if (auto xid = cli::parse_uint32(text))
        return *xid;
    return vserver_context(text, confdir);
}

std::optional<std::string> VserverNames::name_of(std::uint32_t xid) {
    for (const auto &e : cache_)
        if (e.xid == xid)
            return e.name;
    std::optional<std::string> name;
    if (xid != 0) {
        auto dir = get_vhi_name(xid, VHIN_CONTEXT, sys_);
        if (dir && dir.value().starts_with('/')) {
            auto run = read_head(dir.value() + "/run", context_file_max);
            if (run && parse_context_file(run.value()) == xid) {
                auto text = read_head(dir.value() + "/name", name_file_max);
                if (text && text.value().size() <= name_file_max) {
                    std::string n = std::move(text.value());
                    while (!n.empty() && n.back() == '\n')
                        n.pop_back();
                    if (!n.empty())
                        name = std::move(n);
                }
                if (!name) {
                    char resolved[PATH_MAX];
                    const char *real = ::realpath(dir.value().c_str(), resolved);
                    name = last_component(real != nullptr ? std::string(real) : dir.value());
                }
            }
        }
    }
    cache_.push_back({xid, name});
    return name;
}

} // namespace vserver
