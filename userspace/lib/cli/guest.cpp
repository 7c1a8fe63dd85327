// SPDX-License-Identifier: GPL-2.0-only

#include "guest.hpp"

#include "guestbuild.hpp"

#include "cli.hpp"
#include "context.hpp"
#include "contexttools.hpp"
#include "cvirt.hpp"
#include "dlimit.hpp"
#include "iattr.hpp"
#include "limittools.hpp"
#include "netaddr.hpp"
#include "network.hpp"
#include "rtnl.hpp"
#include "signal.hpp"
#include "spaces.hpp"
#include "vconfig.hpp"
#include "vstat.hpp"

#include <vserver/context.h>
#include <vserver/cvirt_cmd.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <ftw.h>
#include <grp.h>
#include <iostream>
#include <net/if.h>
#include <sched.h>
#include <sstream>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utmp.h>

namespace vserver::guest {

namespace {

constexpr std::uint64_t default_spaces = CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC;

std::string trim(std::string s) {
    const auto *ws = " \t\r\n";
    s.erase(s.find_last_not_of(ws) + 1);
    s.erase(0, s.find_first_not_of(ws));
    return s;
}

bool is_file(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

bool is_dir(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::optional<std::string> first_line(const std::string &path) {
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::string line;
    std::getline(in, line);
    return trim(line);
}

std::vector<std::string> lines_of(const std::string &path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (!line.empty() && line[0] != '#')
            out.push_back(line);
    }
    return out;
}

std::vector<std::string> words_of(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

std::vector<std::string> sorted_entries(const std::string &dir) {
    std::vector<std::string> out;
    if (DIR *d = ::opendir(dir.c_str())) {
        while (const dirent *e = ::readdir(d))
            if (e->d_name[0] != '.')
                out.emplace_back(e->d_name);
        ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Error bad_file(const std::string &file, const std::string &what) {
    return error(EINVAL, file + ": " + what);
}

Result<std::optional<BitList>> bit_file(const std::string &file, BitKind kind) {
    if (!is_file(file))
        return std::optional<BitList>{};
    BitList list;
    for (const auto &line : lines_of(file))
        if (auto r = parse_bit_list(kind, line, list); !r)
            return bad_file(file, r.error().message);
    return std::optional<BitList>{list};
}

// util-vserver reads dev, prefix and mask of an interface from its own
// directory, else from interfaces/ (the defaults for all of them).
std::optional<std::string> iface_value(const std::string &dir, const char *file) {
    if (auto v = first_line(dir + "/" + file))
        return v;
    return first_line(dir + "/../" + file);
}

std::string iface_file(const std::string &dir, const char *file) {
    const std::string own = dir + "/" + file;
    if (is_file(own))
        return own;
    return dir.substr(0, dir.rfind('/')) + "/" + file;
}

Result<Interface> load_interface(const std::string &dir, const std::string &id) {
    Interface iface;
    iface.id = id;
    const std::string ip_file = dir + "/ip";
    auto ip = first_line(ip_file);
    if (!ip || ip->empty())
        return bad_file(ip_file, "missing (every interface needs an address)");
    std::string addr = *ip;
    if (auto slash = addr.find('/'); slash != std::string::npos) {
        auto prefix = cli::parse_uint32(addr.substr(slash + 1));
        if (!prefix || *prefix > 32)
            return bad_file(ip_file, cli::quote(*ip) + " has no valid prefix length");
        iface.prefix = *prefix;
        addr.resize(slash);
    }
    auto parsed = parse_ipv4(addr);
    if (!parsed)
        return bad_file(ip_file, cli::quote(*ip) + " is not an IPv4 address");
    iface.ip = parsed.value();
    if (auto prefix = iface_value(dir, "prefix"); prefix && !prefix->empty()) {
        auto n = cli::parse_uint32(*prefix);
        if (!n || *n > 32)
            return bad_file(iface_file(dir, "prefix"),
                            cli::quote(*prefix) + " is not a prefix length (0..32)");
        iface.prefix = *n;
    } else if (auto mask = iface_value(dir, "mask"); mask && !mask->empty()) {
        auto m = parse_netmask(*mask, *mask);
        if (!m)
            return bad_file(iface_file(dir, "mask"), m.error().message);
        auto n = mask_to_prefix(m.value());
        if (!n)
            return bad_file(iface_file(dir, "mask"),
                            cli::quote(*mask) + " is not a contiguous netmask");
        iface.prefix = *n;
    }
    if (!is_file(dir + "/nodev")) {
        iface.dev = iface_value(dir, "dev").value_or("");
        if (iface.dev.empty())
            return bad_file(dir, "no device (dev, interfaces/dev or nodev)");
        if (iface.dev.size() >= IFNAMSIZ || iface.dev.find_first_of("/: ") != std::string::npos)
            return bad_file(iface_file(dir, "dev"),
                            cli::quote(iface.dev) + " is not a network device name");
    }
    iface.name = first_line(dir + "/name").value_or("");
    return iface;
}

// --- runtime files -----------------------------------------------------------

std::string run_file(const Paths &p, const Config &c) { return p.rundir + "/" + c.name; }
std::string addresses_file(const Paths &p, const Config &c) {
    return p.rundir + "/" + c.name + ".addresses";
}
std::string helper_file(const Paths &p, std::uint32_t xid) {
    return p.helperdir + "/" + std::to_string(xid);
}

bool write_file(const std::string &path, const std::string &text) {
    std::ofstream out(path, std::ios::trunc);
    out << text;
    return static_cast<bool>(out.flush());
}

Syscall &sys_of(const Paths &p) { return p.sys != nullptr ? *p.sys : kernel_syscall(); }

bool context_exists(std::uint32_t xid) { return static_cast<bool>(vx_info(xid)); }

// Waits up to `ms` for context `xid` to be gone.
bool wait_gone(std::uint32_t xid, int ms) {
    for (int waited = 0; waited < ms; waited += 20) {
        if (!context_exists(xid))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !context_exists(xid);
}

void err_line(const std::string &msg) { std::cerr << "vserver: " << cli::one_line(msg) << '\n'; }

// --- host addresses over rtnetlink -------------------------------------------

Result<void> rtnl_address(bool add, const Interface &iface, const std::string &label) {
    return rtnl::change_address(add, iface.dev, rtnl::Address{iface.ip, iface.prefix, label});
}

// The addresses a start added, one "ip prefix dev" per line.
std::vector<Interface> read_added(const Paths &p, const Config &c) {
    std::vector<Interface> out;
    for (const auto &line : lines_of(addresses_file(p, c))) {
        auto w = words_of(line);
        if (w.size() != 3)
            continue;
        auto ip = parse_ipv4(w[0]);
        auto prefix = cli::parse_uint32(w[1]);
        if (!ip || !prefix)
            continue;
        Interface i;
        i.ip = ip.value();
        i.prefix = *prefix;
        i.dev = w[2];
        out.push_back(i);
    }
    return out;
}

void remove_addresses(const Paths &p, const Config &c) {
    for (const auto &i : read_added(p, c))
        if (auto r = rtnl_address(false, i, ""); !r && r.error().errnum != EADDRNOTAVAIL)
            err_line(r.error().message);
    ::unlink(addresses_file(p, c).c_str());
}

// --- disk limits (host commands by tag) -------------------------------------------

// What the inodes tagged `tag` below `dir` use on its filesystem, as
// util-vserver's vdu counts for a new limit: space in KiB, inodes.
struct Usage {
    std::uint32_t tag = 0;
    std::uint64_t kib = 0, inodes = 0;
};
thread_local Usage *usage_walk = nullptr;

Usage used_below(const std::string &dir, std::uint32_t tag) {
    Usage u;
    u.tag = tag;
    usage_walk = &u;
    ::nftw(
        dir.c_str(),
        [](const char *path, const struct stat *st, int type, FTW *) {
            if (type == FTW_NS || type == FTW_DNR)
                return 0;
            auto attr = get_iattr(path);
            if (attr && attr.value().has_tag() && attr.value().tag == usage_walk->tag) {
                usage_walk->inodes += 1;
                usage_walk->kib += static_cast<std::uint64_t>(st->st_blocks) / 2;
            }
            return 0;
        },
        16, FTW_PHYS | FTW_MOUNT);
    usage_walk = nullptr;
    return u;
}

std::uint32_t clamp32(std::uint64_t v) {
    return v > 0xfffffffdULL ? 0xfffffffdU : static_cast<std::uint32_t>(v);
}

Result<void> apply_dlimits(const Config &c) {
    for (const auto &d : c.dlimits) {
        DiskLimit limit;
        limit.space_total = d.space_total;
        limit.inodes_total = d.inodes_total;
        limit.reserved = d.reserved;
        const char *path = d.directory.c_str();
        if (!get_dlimit(path, c.xid, 0)) {
            if (auto r = add_dlimit(path, c.xid, 0); !r)
                return error(r.error().errnum,
                             c.dir + "/dlimits/" + d.id + ": " + r.error().message);
            const auto used = used_below(d.directory, c.xid);
            limit.space_used = clamp32(used.kib);
            limit.inodes_used = clamp32(used.inodes);
        }
        if (auto r = set_dlimit(path, c.xid, 0, limit); !r)
            return error(r.error().errnum, c.dir + "/dlimits/" + d.id + ": " + r.error().message);
    }
    return ok();
}

void remove_dlimits(const Config &c, std::uint32_t xid) {
    for (const auto &d : c.dlimits)
        (void)rem_dlimit(d.directory.c_str(), xid, 0);
}

// Cleans what a start left: addresses, disk limits, run and helper files.
void clean_up(const Paths &p, const Config &c, std::uint32_t xid) {
    remove_addresses(p, c);
    remove_dlimits(c, xid);
    ::unlink(run_file(p, c).c_str());
    ::unlink(helper_file(p, xid).c_str());
}

bool is_backup_name(const std::string &name) {
    for (const char *suffix : {".rpmsave", ".rpmnew", ".rpmorig"})
        if (name.size() > std::strlen(suffix) &&
            name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
            return true;
    return name.find(".cfsaved") != std::string::npos ||
           (name.size() > 3 && name.find(".~") != std::string::npos && name.back() == '~');
}

} // namespace

std::vector<std::string> scriptlets(const Config &c, const std::string &flavor) {
    const std::string defaults = c.dir.substr(0, c.dir.rfind('/')) + "/.defaults/scripts";
    for (const auto &base : {c.dir + "/scripts", defaults}) {
        std::vector<std::string> found;
        std::vector<std::string> candidates = {base + "/" + flavor};
        for (const auto &e : sorted_entries(base + "/" + flavor + ".d"))
            candidates.push_back(base + "/" + flavor + ".d/" + e);
        for (const auto &f : candidates) {
            struct stat st {};
            if (::stat(f.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
                is_backup_name(f.substr(f.rfind('/') + 1)) || ::access(f.c_str(), R_OK) != 0)
                continue;
            found.push_back(f);
        }
        if (!found.empty())
            return found;
    }
    return {};
}

namespace {

// util-vserver's execScriptlets: each script with the flavor and the
// guest's name as arguments, from `cwd`; a script that is not executable
// is run by /bin/sh (util-vserver sources it). The first failure, or ok.
Result<void> run_scripts(const Config &c, const std::string &flavor, const std::string &cwd) {
    for (const auto &script : scriptlets(c, flavor)) {
        std::cout.flush();
        const pid_t pid = ::fork();
        if (pid < 0)
            return error(errno, std::string("fork: ") + std::strerror(errno));
        if (pid == 0) {
            if (!cwd.empty() && ::chdir(cwd.c_str()) != 0)
                ::_exit(126);
            if (::access(script.c_str(), X_OK) == 0)
                ::execl(script.c_str(), script.c_str(), flavor.c_str(), c.display_name.c_str(),
                        static_cast<char *>(nullptr));
            else
                ::execl("/bin/sh", "sh", script.c_str(), flavor.c_str(), c.display_name.c_str(),
                        static_cast<char *>(nullptr));
            ::_exit(127);
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return error(EINVAL, script + " failed (" +
                                     (WIFEXITED(status)
                                          ? "exit status " + std::to_string(WEXITSTATUS(status))
                                          : "signal " + std::to_string(WTERMSIG(status))) +
                                     ")");
    }
    return ok();
}

class Lock {
  public:
    explicit Lock(const std::string &path)
        : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
        if (fd_ >= 0)
            ::flock(fd_, LOCK_EX);
    }
    ~Lock() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Lock(const Lock &) = delete;
    Lock &operator=(const Lock &) = delete;

  private:
    int fd_;
};

// --- inside the guest ------------------------------------------------------------

std::vector<char *> c_argv(const std::vector<std::string> &args) {
    std::vector<char *> out;
    for (const auto &a : args)
        out.push_back(const_cast<char *>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

// Moves the calling process into the guest: spaces, network, context.
Result<void> enter_guest(std::uint32_t xid) {
    if (auto r = enter_space(xid, 0, 0); !r)
        return r.error();
    if (nx_info(xid))
        if (auto r = net_migrate(xid); !r)
            return r.error();
    if (auto r = ctx_migrate(xid, 0); !r)
        return r.error();
    if (::chdir("/") != 0)
        return error(errno, std::string("chdir /: ") + std::strerror(errno));
    return ok();
}

struct PasswdEntry {
    std::uint32_t uid = 0, gid = 0;
    std::string home = "/", shell = "/bin/sh";
};

std::optional<PasswdEntry> lookup_user(const std::string &user) {
    for (const auto &line : lines_of("/etc/passwd")) {
        std::vector<std::string> f;
        std::string field;
        std::istringstream in(line);
        while (std::getline(in, field, ':'))
            f.push_back(field);
        if (f.size() < 7 || f[0] != user)
            continue;
        auto uid = cli::parse_uint32(f[2]), gid = cli::parse_uint32(f[3]);
        if (!uid || !gid)
            return std::nullopt;
        return PasswdEntry{*uid, *gid, f[5], f[6]};
    }
    return std::nullopt;
}

std::vector<std::string> guest_environment(const PasswdEntry &pw, const std::string &user) {
    std::vector<std::string> env = {"PATH=/sbin:/usr/sbin:/bin:/usr/bin", "HOME=" + pw.home,
                                    "USER=" + user, "LOGNAME=" + user, "SHELL=" + pw.shell};
    const char *term = std::getenv("TERM");
    env.push_back(std::string("TERM=") + (term ? term : "linux"));
    return env;
}

// In a forked child: enter, become `user`, exec; returns only on error.
std::string exec_inside(std::uint32_t xid, std::vector<std::string> command,
                        const std::optional<std::string> &user,
                        const std::vector<std::string> &extra_env) {
    if (auto r = enter_guest(xid); !r)
        return "cannot enter the guest: " + r.error().message;
    const std::string who = user.value_or("root");
    auto pw = lookup_user(who);
    if (!pw) {
        if (user)
            return "no user " + cli::quote(who) + " in the guest's /etc/passwd";
        pw = PasswdEntry{0, 0, "/root", "/bin/sh"};
    }
    if (user) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(pw->gid) != 0 || ::setuid(pw->uid) != 0)
            return "cannot become " + cli::quote(who) + ": " + std::strerror(errno);
    }
    if (command.empty()) {
        // util-vserver's getEnterShell without a `shell` file.
        for (const auto &shell : std::vector<std::vector<std::string>>{
                 {"/bin/bash", "-login"}, {"/bin/sh", "-l"}, {"/bin/csh"}})
            if (::access(shell[0].c_str(), X_OK) == 0) {
                command = shell;
                break;
            }
        if (command.empty())
            return "no shell in the guest (/bin/bash, /bin/sh, /bin/csh)";
    }
    auto env = guest_environment(*pw, who);
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    auto argv = c_argv(command);
    auto envp = c_argv(env);
    ::execvpe(argv[0], argv.data(), envp.data());
    return "cannot execute " + cli::quote(command[0]) + " in the guest: " + std::strerror(errno);
}

int wait_status(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

// --- the start, in the child -------------------------------------------------------

bool vshelper_installed() {
    auto path = first_line("/proc/sys/kernel/vshelper");
    return path && !path->empty() && ::access(path->c_str(), X_OK) == 0;
}

Result<void> sys_ok(int ret, const std::string &what) {
    if (ret == 0)
        return ok();
    return error(errno, what + ": " + std::strerror(errno));
}

// util-vserver's sysv style: /etc/init.d/rc, or /etc/rc.d/rc where only
// that one is there (looked up in vdir from the host).
std::string sysv_rc(const Config &c) {
    if (::access((c.vdir + "/etc/init.d/rc").c_str(), X_OK) != 0 &&
        ::access((c.vdir + "/etc/rc.d/rc").c_str(), X_OK) == 0)
        return "/etc/rc.d/rc";
    return "/etc/init.d/rc";
}

Result<void> mount_fstab(const Config &c) {
    for (const auto &e : c.fstab) {
        const std::string target = c.vdir + e.target;
        // A symlink in the guest's tree must not send a mount to the host's
        // side of this namespace (the guest's /tmp -> /etc).
        char real[PATH_MAX];
        if (::realpath(target.c_str(), real) == nullptr)
            return error(errno,
                         c.dir + "/fstab: mount point " + target + ": " + std::strerror(errno));
        if (std::string(real) != c.vdir && std::string(real).rfind(c.vdir + "/", 0) != 0)
            return error(EXDEV, c.dir + "/fstab: mount point " + target + " leads out of " +
                                    c.vdir + " (to " + real + ")");
        const auto opts = parse_mount_options(e.options);
        if (::mount(e.source.c_str(), target.c_str(), e.type.c_str(), opts.flags,
                    opts.data.empty() ? nullptr : opts.data.c_str()) != 0)
            return error(errno, c.dir + "/fstab: mounting " + e.type + " on " + target + ": " +
                                    std::strerror(errno));
    }
    return ok();
}

// Makes vdir the root: pivot_root where the host's root is a mount of its
// own, else (an initramfs) what switch_root does: move it over / and chroot.
Result<void> enter_root(const std::string &vdir) {
    if (auto r = sys_ok(::mount(vdir.c_str(), vdir.c_str(), nullptr, MS_BIND | MS_REC, nullptr),
                        "bind-mounting " + vdir);
        !r)
        return r;
    if (auto r = sys_ok(::chdir(vdir.c_str()), "chdir " + vdir); !r)
        return r;
    if (::syscall(SYS_pivot_root, ".", ".") == 0) {
        if (auto r = sys_ok(::umount2(".", MNT_DETACH), "detaching the host's root"); !r)
            return r;
    } else if (errno == EINVAL) {
        if (auto r =
                sys_ok(::mount(".", "/", nullptr, MS_MOVE, nullptr), "moving " + vdir + " to /");
            !r)
            return r;
        if (auto r = sys_ok(::chroot("."), "chroot " + vdir); !r)
            return r;
    } else {
        return error(errno, std::string("pivot_root: ") + std::strerror(errno));
    }
    return sys_ok(::chdir("/"), "chdir /");
}

// What start reads from the configuration directory before the guest's
// root hides it.
struct StartFiles {
    VunameValues uts;
    VlimitArgs limits;
};

Result<StartFiles> read_start_files(const Config &c) {
    StartFiles f;
    if (auto r = vuname_read_dir(c.dir + "/uts", true, f.uts); !r)
        return r.error();
    if (!f.uts[VHIN_CONTEXT])
        f.uts[VHIN_CONTEXT] = c.vdir;
    f.limits.dir = c.dir + "/rlimits";
    f.limits.missing_ok = true;
    if (auto r = vlimit_read_dir(f.limits); !r)
        return r.error();
    return f;
}

Result<void> set_attributes(const Config &c, const StartFiles &files) {
    const std::uint32_t xid = c.xid;
    if (auto r = set_space(xid, default_spaces, 0); !r)
        return r.error();
    if (auto r = vuname_set(files.uts, xid); !r)
        return r.error();
    if (auto errors = vlimit_set(files.limits, xid); !errors.empty())
        return errors.front();
    if (c.nice && ::setpriority(PRIO_PROCESS, 0, *c.nice) != 0)
        return error(errno, c.dir + "/nice: " + std::strerror(errno));
    if (c.personality && ::personality(*c.personality) < 0)
        return error(errno, c.dir + "/personality: " + std::strerror(errno));
    if (c.umask)
        if (auto r = set_umask(xid, masked_word(*c.umask)); !r)
            return r.error();
    if (c.ccaps)
        if (auto r = set_ccaps(xid, masked_word(*c.ccaps)); !r)
            return r.error();
    if (c.cflags) {
        BitList flags = *c.cflags;
        flags.set &= ~VXF_STATE_SETUP;
        flags.clear &= ~VXF_STATE_SETUP;
        if (auto r = set_cflags(xid, masked_word(flags)); !r)
            return r.error();
    }
    // util-vserver's "vattribute --set --secure": the secure set, then the
    // guest's own list over it.
    const std::uint64_t secure = secure_bcaps(true, true);
    BitList bcaps{secure, ~secure};
    if (c.bcaps)
        bcaps = overlay(bcaps, *c.bcaps);
    if (auto r = set_bcaps(xid, masked_word(bcaps)); !r)
        return r.error();
    return set_cflags(xid, MaskedWord{0, VXF_STATE_SETUP});
}

// The child of start: returns an error message, or execs the start command.
std::string start_child(const Config &c, int null_fd) {
    if (auto r = sys_ok(::unshare(CLONE_NEWNS | CLONE_NEWIPC), "unshare"); !r)
        return r.error().message;
    if (auto r = sys_ok(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr),
                        "making / private");
        !r)
        return r.error().message;
    auto files = read_start_files(c);
    if (!files)
        return files.error().message;
    if (auto r = mount_fstab(c); !r)
        return r.error().message;
    if (auto r = enter_root(c.vdir); !r)
        return r.error().message;
    std::optional<std::uint64_t> nflags;
    if (auto r = net_create(c.xid, nflags); !r)
        return "cannot create network context " + std::to_string(c.xid) + ": " + r.error().message;
    for (const auto &i : c.interfaces) {
        auto entry = parse_address_option(AddressOption::ip,
                                          format_ipv4(i.ip) + "/" + std::to_string(i.prefix));
        if (!entry)
            return entry.error().message;
        if (auto r = net_add_address(c.xid, entry.value()); !r)
            return r.error().message;
    }
    if (c.nflags)
        if (auto r = set_nflags(c.xid, masked_word(*c.nflags)); !r)
            return r.error().message;
    // The setup states, the guest's own flags (so that flags the kernel
    // looks at while creating, SC_HELPER above all, count from the start),
    // and the helper's startup call when /sbin/vshelper is installed.
    std::uint64_t flags = vshelper_installed() ? VXF_SC_HELPER : 0;
    if (c.cflags)
        flags = (flags | c.cflags->set) & ~c.cflags->clear;
    flags |= VXF_INIT_SET;
    if (auto r = ctx_create(c.xid, flags); !r)
        return "cannot create context " + std::to_string(c.xid) + ": " + r.error().message;
    if (auto r = set_attributes(c, files.value()); !r)
        return r.error().message;

    std::vector<std::string> command = c.cmd_start;
    std::vector<std::string> env = {"PATH=/sbin:/usr/sbin:/bin:/usr/bin", "TERM=linux",
                                    "RUNLEVEL=" + c.runlevel, "PREVLEVEL=N"};
    if (command.empty()) {
        command = {sysv_rc(c), c.runlevel};
        const int root = ::open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
        if (root >= 0) {
            purge_stale_run_files(root);
            ::close(root);
        }
        const auto record = runlevel_record(c.runlevel.empty() ? '3' : c.runlevel[0]);
        const int utmp =
            ::open("/var/run/utmp", O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0664);
        if (utmp >= 0) {
            if (::write(utmp, record.data(), record.size()) < 0)
                return std::string("/var/run/utmp: ") + std::strerror(errno);
            ::close(utmp);
        }
    }
    ::dup2(null_fd, 0);
    auto argv = c_argv(command);
    auto envp = c_argv(env);
    ::execve(argv[0], argv.data(), envp.data());
    return "cannot execute " + cli::quote(command[0]) + " in the guest: " + std::strerror(errno);
}

void undo_start(const Paths &p, const Config &c) {
    if (context_exists(c.xid)) {
        (void)ctx_kill(c.xid, 0, SIGKILL);
        wait_gone(c.xid, 5000);
    }
    clean_up(p, c, c.xid);
}

} // namespace

Paths paths_from_environment() {
    Paths p;
    if (const char *dir = std::getenv("VSERVER_CONFDIR"); dir && *dir)
        p.confdir = dir;
    return p;
}

bool exists(const Paths &paths, const std::string &name) {
    return !name.empty() && name.find('/') == std::string::npos && name[0] != '.' &&
           is_dir(paths.confdir + "/" + name);
}

Result<std::optional<FstabEntry>> parse_fstab_line(const std::string &line) {
    const auto w = words_of(line);
    if (w.empty() || w[0][0] == '#')
        return std::optional<FstabEntry>{};
    if (w.size() < 3)
        return error(EINVAL, cli::quote(trim(line)) + " has fewer than three fields");
    if (w[1].empty() || w[1][0] != '/')
        return error(EINVAL, cli::quote(w[1]) + " is not an absolute mount point");
    return std::optional<FstabEntry>{
        FstabEntry{w[0], w[1], w[2], w.size() > 3 ? w[3] : std::string("defaults")}};
}

MountOptions parse_mount_options(const std::string &options) {
    static const struct {
        const char *name;
        unsigned long flag;
    } known[] = {{"ro", MS_RDONLY},        {"nosuid", MS_NOSUID},   {"nodev", MS_NODEV},
                 {"noexec", MS_NOEXEC},    {"noatime", MS_NOATIME}, {"nodiratime", MS_NODIRATIME},
                 {"relatime", MS_RELATIME}};
    MountOptions out;
    std::istringstream in(options);
    for (std::string opt; std::getline(in, opt, ',');) {
        if (opt.empty() || opt == "defaults" || opt == "rw")
            continue;
        bool found = false;
        for (const auto &k : known)
            if (opt == k.name) {
                out.flags |= k.flag;
                found = true;
            }
        if (!found)
            out.data += (out.data.empty() ? "" : ",") + opt;
    }
    return out;
}

std::optional<unsigned long> parse_personality(const std::string &text) {
    if (text == "linux" || text == "linux64")
        return PER_LINUX;
    if (text == "linux32" || text == "linux_32bit")
        return PER_LINUX32;
    return std::nullopt;
}

std::string address_label(const Interface &iface) {
    std::string label = iface.name.empty() ? iface.dev : iface.dev + ":" + iface.name;
    if (label.size() > IFNAMSIZ - 1)
        label.resize(IFNAMSIZ - 1);
    return label;
}

Result<Config> load(const Paths &paths, const std::string &name) {
    Config c;
    c.name = name;
    c.dir = paths.confdir + "/" + name;
    if (!exists(paths, name))
        return error(ENOENT, "Can not find a vserver-setup at " + cli::quote(c.dir + "/"));
    c.display_name = first_line(c.dir + "/name").value_or(name);
    if (auto text = first_line(c.dir + "/context")) {
        // The one reading of a context file that vdlimit and chxid use.
        auto xid = parse_context_file(*text);
        if (!xid || *xid < 2 || *xid > 65535)
            return bad_file(c.dir + "/context",
                            cli::quote(*text) + " is not a context id (2..65535)");
        c.xid = *xid;
    }
    struct stat st {};
    if (::lstat((c.dir + "/vdir").c_str(), &st) == 0) {
        char resolved[PATH_MAX];
        if (::realpath((c.dir + "/vdir").c_str(), resolved) == nullptr)
            return bad_file(c.dir + "/vdir",
                            std::string("cannot resolve: ") + std::strerror(errno));
        c.vdir = resolved;
    } else {
        c.vdir = paths.vdirbase + "/" + name;
    }
    const std::string ifdir = c.dir + "/interfaces";
    for (const auto &id : sorted_entries(ifdir)) {
        const std::string dir = ifdir + "/" + id;
        if (!is_dir(dir) || is_file(dir + "/disabled"))
            continue;
        auto iface = load_interface(dir, id);
        if (!iface)
            return iface.error();
        c.interfaces.push_back(iface.value());
    }
    {
        std::ifstream in(c.dir + "/fstab");
        for (std::string line; std::getline(in, line);) {
            auto e = parse_fstab_line(line);
            if (!e)
                return bad_file(c.dir + "/fstab", e.error().message);
            if (e.value())
                c.fstab.push_back(*e.value());
        }
    }
    for (const auto &id : sorted_entries(c.dir + "/dlimits")) {
        const std::string dir = c.dir + "/dlimits/" + id;
        if (!is_dir(dir) || is_file(dir + "/disabled"))
            continue;
        DiskLimitEntry d;
        d.id = id;
        auto directory = first_line(dir + "/directory");
        if (!directory || directory->empty())
            return bad_file(dir + "/directory", "missing (the directory the limit is for)");
        if ((*directory)[0] != '/')
            return bad_file(dir + "/directory", cli::quote(*directory) + " is not absolute");
        d.directory = *directory;
        const struct {
            const char *file;
            std::uint32_t DiskLimitEntry::*field;
        } values[] = {{"space_total", &DiskLimitEntry::space_total},
                      {"inodes_total", &DiskLimitEntry::inodes_total},
                      {"reserved", &DiskLimitEntry::reserved}};
        for (const auto &v : values) {
            const std::string file = dir + "/" + v.file;
            auto text = first_line(file);
            if (!text || text->empty())
                return bad_file(file, "missing");
            auto n = *text == "-1" ? std::optional<std::uint32_t>{dlimit_infinity}
                                   : cli::parse_c_uint32(*text);
            if (!n || (v.field == &DiskLimitEntry::reserved && *n > 100))
                return bad_file(file, cli::quote(*text) + " is not " +
                                          (v.field == &DiskLimitEntry::reserved
                                               ? "a percentage (0..100)"
                                               : "a number (or -1 for no limit)"));
            d.*(v.field) = *n;
        }
        c.dlimits.push_back(d);
    }
    if (auto text = first_line(c.dir + "/apps/vshelper/sync-timeout")) {
        auto n = cli::parse_uint32(*text);
        if (!n || *n == 0 || *n > 86400)
            return bad_file(c.dir + "/apps/vshelper/sync-timeout",
                            cli::quote(*text) + " is not a number of seconds (1..86400)");
        c.stop_timeout = static_cast<int>(*n);
    }
    const struct {
        const char *file;
        BitKind kind;
        std::optional<BitList> Config::*field;
    } lists[] = {{"bcapabilities", BitKind::bcap, &Config::bcaps},
                 {"ccapabilities", BitKind::ccap, &Config::ccaps},
                 {"flags", BitKind::cflag, &Config::cflags},
                 {"nflags", BitKind::nflag, &Config::nflags},
                 {"umask", BitKind::umask, &Config::umask}};
    for (const auto &l : lists) {
        auto bits = bit_file(c.dir + "/" + l.file, l.kind);
        if (!bits)
            return bits.error();
        c.*(l.field) = bits.value();
    }
    if (auto text = first_line(c.dir + "/nice")) {
        auto n = cli::parse_int32(*text);
        if (!n || *n < -20 || *n > 19)
            return bad_file(c.dir + "/nice", cli::quote(*text) + " is not a nice value (-20..19)");
        c.nice = *n;
    }
    if (auto text = first_line(c.dir + "/personality")) {
        c.personality = parse_personality(*text);
        if (!c.personality)
            return bad_file(c.dir + "/personality", "unknown personality " + cli::quote(*text));
    }
    if (auto style = first_line(c.dir + "/apps/init/style")) {
        if (*style != "sysv" && *style != "plain")
            return bad_file(c.dir + "/apps/init/style",
                            "unknown init style " + cli::quote(*style) + " (sysv or plain)");
        c.initstyle = *style;
    }
    for (const char *file : {"runlevel", "runlevel.start"})
        if (auto level = first_line(c.dir + "/apps/init/" + file); level && !level->empty()) {
            if (level->size() != 1 ||
                std::string("0123456789Ss").find((*level)[0]) == std::string::npos)
                return bad_file(c.dir + "/apps/init/" + file,
                                cli::quote(*level) + " is not a runlevel (0..9 or S)");
            c.runlevel = *level;
        }
    if (auto level = first_line(c.dir + "/apps/init/runlevel.stop"); level && !level->empty()) {
        if (level->size() != 1 ||
            std::string("0123456789Ss").find((*level)[0]) == std::string::npos)
            return bad_file(c.dir + "/apps/init/runlevel.stop",
                            cli::quote(*level) + " is not a runlevel (0..9 or S)");
        c.runlevel_stop = *level;
    }
    c.cmd_start = lines_of(c.dir + "/apps/init/cmd.start");
    c.cmd_stop = lines_of(c.dir + "/apps/init/cmd.stop");
    if (auto shell = first_line(c.dir + "/shell"))
        c.shell = words_of(*shell);
    return c;
}

void purge_stale_run_files(int root_fd) {
    struct Walk {
        static void dir(int fd) {
            DIR *d = ::fdopendir(fd);
            if (d == nullptr) {
                ::close(fd);
                return;
            }
            while (const dirent *e = ::readdir(d)) {
                const std::string name = e->d_name;
                if (name == "." || name == "..")
                    continue;
                struct stat st {};
                if (::fstatat(::dirfd(d), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                if (S_ISDIR(st.st_mode)) {
                    const int sub = ::openat(::dirfd(d), name.c_str(),
                                             O_DIRECTORY | O_NOFOLLOW | O_RDONLY | O_CLOEXEC);
                    if (sub >= 0)
                        dir(sub);
                } else if (name == "utmp" && S_ISREG(st.st_mode)) {
                    const int f = ::openat(::dirfd(d), name.c_str(),
                                           O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
                    if (f >= 0)
                        ::close(f);
                } else {
                    ::unlinkat(::dirfd(d), name.c_str(), 0);
                }
            }
            ::closedir(d);
        }
    };
    for (const char *sub : {"var/run", "var/lock"}) {
        const int fd = ::openat(root_fd, sub, O_DIRECTORY | O_NOFOLLOW | O_RDONLY | O_CLOEXEC);
        if (fd >= 0)
            Walk::dir(fd);
    }
}

std::vector<unsigned char> runlevel_record(char runlevel) {
    struct utmp ut {};
    ut.ut_type = RUN_LVL;
    ut.ut_pid = runlevel + 256 * 'N';
    std::strncpy(ut.ut_user, "runlevel", sizeof ut.ut_user);
    std::strncpy(ut.ut_line, "~", sizeof ut.ut_line);
    std::strncpy(ut.ut_id, "~~", sizeof ut.ut_id);
    ut.ut_tv.tv_sec = static_cast<std::int32_t>(std::time(nullptr));
    std::vector<unsigned char> out(sizeof ut);
    std::memcpy(out.data(), &ut, sizeof ut);
    return out;
}

std::optional<std::uint32_t> running_xid(const Paths &p, const Config &c) {
    Syscall &sys = sys_of(p);
    if (auto text = first_line(run_file(p, c)))
        if (auto xid = cli::parse_uint32(*text); xid && vx_info(*xid, sys))
            return xid;
    if (c.xid != 0 && vx_info(c.xid, sys))
        if (auto name = get_vhi_name(c.xid, VHIN_CONTEXT, sys); name && name.value() == c.vdir)
            return c.xid;
    return std::nullopt;
}

bool running(const Paths &paths, const Config &cfg) { return running_xid(paths, cfg).has_value(); }

int start(const Paths &p, const Config &c, bool silent) {
    if (c.xid == 0) {
        err_line(c.dir + "/context: missing (a guest needs a static context id)");
        return 1;
    }
    if (c.initstyle == "plain") {
        err_line("init style 'plain' needs the guest to see its init as pid 1, which this "
                 "kernel does not provide; use sysv");
        return 1;
    }
    if (!is_dir(c.vdir)) {
        err_line("vdir " + cli::quote(c.vdir) + ": not a directory (" + c.dir + "/vdir)");
        return 1;
    }
    ::mkdir(p.rundir.c_str(), 0755);
    ::mkdir(p.helperdir.c_str(), 0755);
    Lock lock(p.rundir + "/." + c.name + ".lock");
    if (running(p, c)) {
        if (!silent)
            std::cerr << "vserver '" << c.display_name << "' already running\n";
        return 0;
    }
    if (context_exists(c.xid)) {
        err_line("context " + std::to_string(c.xid) + " (" + c.dir +
                 "/context) is in use by another guest or process");
        return 1;
    }
    // util-vserver's order: initialize and prepre-start from the
    // configuration directory, disk limits, addresses, pre-start from vdir.
    for (const char *flavor : {"initialize", "prepre-start"})
        if (auto r = run_scripts(c, flavor, c.dir); !r) {
            err_line(r.error().message);
            return 1;
        }
    if (auto r = apply_dlimits(c); !r) {
        remove_dlimits(c, c.xid);
        err_line(r.error().message);
        return 1;
    }

    std::string added;
    for (const auto &i : c.interfaces) {
        if (i.dev.empty())
            continue;
        // Guests often share a subnet on one device: without this, the
        // stop of the guest whose address came first (the primary) would
        // take every other guest's address of that subnet with it.
        write_file("/proc/sys/net/ipv4/conf/" + i.dev + "/promote_secondaries", "1\n");
        if (auto r = rtnl_address(true, i, address_label(i)); !r) {
            if (r.error().errnum == EEXIST)
                continue; // the host's own address: not ours to remove
            write_file(addresses_file(p, c), added);
            clean_up(p, c, c.xid);
            err_line(r.error().message);
            return 1;
        }
        added += format_ipv4(i.ip) + " " + std::to_string(i.prefix) + " " + i.dev + "\n";
        write_file(addresses_file(p, c), added);
    }
    if (!write_file(run_file(p, c), std::to_string(c.xid) + "\n") ||
        !write_file(helper_file(p, c.xid), c.name + "\n")) {
        clean_up(p, c, c.xid);
        err_line("cannot write " + run_file(p, c) + " or " + helper_file(p, c.xid));
        return 1;
    }
    if (struct stat st{}; ::lstat((c.dir + "/run").c_str(), &st) != 0)
        (void)::symlink(run_file(p, c).c_str(), (c.dir + "/run").c_str());
    if (auto r = run_scripts(c, "pre-start", c.vdir); !r) {
        clean_up(p, c, c.xid);
        err_line(r.error().message);
        return 1;
    }

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        clean_up(p, c, c.xid);
        err_line(std::string("pipe: ") + std::strerror(errno));
        return 1;
    }
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string msg = start_child(c, null_fd);
        (void)!::write(fds[1], msg.data(), msg.size());
        ::_exit(1);
    }
    ::close(fds[1]);
    if (null_fd >= 0)
        ::close(null_fd);
    std::string msg;
    char buf[512];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        msg.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (pid < 0 || !msg.empty()) {
        if (pid > 0)
            ::waitpid(pid, nullptr, 0);
        undo_start(p, c);
        err_line(pid < 0 ? std::string("fork: ") + std::strerror(errno) : msg);
        return 1;
    }
    int rc = wait_status(pid);
    if (rc != 0)
        err_line("the start command of '" + c.name + "' exited with " + std::to_string(rc));
    if (auto r = run_scripts(c, "post-start", c.vdir); !r) {
        err_line(r.error().message);
        rc = rc != 0 ? rc : 1;
    }
    return rc;
}

int stop(const Paths &p, const Config &c, bool silent) {
    ::mkdir(p.rundir.c_str(), 0755);
    Lock lock(p.rundir + "/." + c.name + ".lock");
    const auto xid = running_xid(p, c);
    if (!xid) {
        // A guest that ended on its own leaves its addresses: vshelper's
        // "shutdown" runs this to take them away.
        const bool leftovers = is_file(run_file(p, c)) || is_file(addresses_file(p, c));
        auto text = first_line(run_file(p, c));
        auto old = text ? cli::parse_uint32(*text) : std::nullopt;
        clean_up(p, c, old.value_or(c.xid));
        if (!leftovers && !silent)
            std::cerr << "vserver '" << c.display_name << "' is not running\n";
        return 0;
    }
    // vshelper leaves a guest alone whose file says it is being stopped.
    {
        std::ofstream mark(helper_file(p, *xid), std::ios::app);
        mark << "stopping\n";
    }
    if (auto r = run_scripts(c, "pre-stop", c.vdir); !r)
        err_line(r.error().message);
    std::vector<std::string> command = c.cmd_stop;
    if (command.empty())
        command = {sysv_rc(c), c.runlevel_stop};
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null_fd = ::open("/dev/null", O_RDONLY);
        ::dup2(null_fd, 0);
        err_line(exec_inside(*xid, command, std::nullopt,
                             {"RUNLEVEL=" + c.runlevel_stop, "PREVLEVEL=" + c.runlevel}));
        ::_exit(1);
    }
    // The stop command and the guest's end share the timeout (util-vserver's
    // vwait --timeout of apps/vshelper/sync-timeout, 30 s).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(c.stop_timeout);
    if (pid > 0) {
        for (;;) {
            int status = 0;
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid || (r < 0 && errno != EINTR))
                break;
            if (std::chrono::steady_clock::now() >= deadline) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!wait_gone(*xid, static_cast<int>(std::max<long long>(left.count(), 0)))) {
        (void)ctx_kill(*xid, 0, SIGTERM);
        if (!wait_gone(*xid, 2000)) {
            (void)ctx_kill(*xid, 0, SIGKILL);
            wait_gone(*xid, 5000);
        }
    }
    const bool gone = !context_exists(*xid);
    if (auto r = run_scripts(c, "post-stop", c.vdir); !r)
        err_line(r.error().message);
    clean_up(p, c, *xid);
    if (auto r = run_scripts(c, "postpost-stop", c.dir); !r)
        err_line(r.error().message);
    if (!gone) {
        err_line("Vserver '" + c.dir +
                 "' still running unexpectedly; please investigate it "
                 "manually...");
        return 1;
    }
    return 0;
}

int status(const Paths &p, const Config &c, bool silent) {
    const auto xid = running_xid(p, c);
    if (!xid) {
        if (!silent)
            std::cout << "Vserver '" << c.name << "' is stopped\n";
        return exit_stopped;
    }
    if (silent)
        return 0;
    std::cout << "Vserver '" << c.name << "' is running at context '" << *xid << "'\n";
    const std::string cvirt = p.procdir + "/virtual/" + std::to_string(*xid) + "/cvirt";
    std::string procs = "?";
    double bias = -1;
    std::ifstream in(cvirt);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("nr_processes:", 0) == 0)
            procs = trim(line.substr(13));
        else if (line.rfind("BiasUptime:", 0) == 0)
            bias = std::strtod(line.c_str() + 11, nullptr);
    }
    std::cout << "Number of processes: " << procs << '\n';
    double now = -1;
    if (std::ifstream up(p.procdir + "/uptime"); up)
        up >> now;
    if (bias >= 0 && now >= bias)
        std::cout << "Uptime: "
                  << trim(format_time(static_cast<std::uint64_t>((now - bias) * 1000))) << '\n';
    return 0;
}

int exec_in(const Paths &p, const Config &c, const std::vector<std::string> &command,
            const std::optional<std::string> &user) {
    const auto xid = running_xid(p, c);
    if (!xid) {
        std::cerr << "'vserver ... suexec' is supported for running vservers only; aborting...\n";
        return 1;
    }
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<std::string> cmd = command;
        if (cmd.empty() && !c.shell.empty())
            cmd = c.shell;
        // The guest's personality for everything run in it, not only for
        // its start: an i386 guest's apt and dpkg must see i686 too.
        if (c.personality && ::personality(*c.personality) < 0) {
            err_line(c.dir + "/personality: " + std::strerror(errno));
            ::_exit(1);
        }
        err_line(exec_inside(*xid, cmd, user, {}));
        ::_exit(127);
    }
    if (pid < 0) {
        err_line(std::string("fork: ") + std::strerror(errno));
        return 1;
    }
    return wait_status(pid);
}

void remove_tree(const std::string &root) {
    ::nftw(
        root.c_str(),
        [](const char *path, const struct stat *, int type, FTW *) {
            if (type == FTW_DP)
                ::rmdir(path);
            else
                ::unlink(path);
            return 0;
        },
        16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

int remove_guest(const Paths &p, const Config &c, bool force) {
    if (running(p, c)) {
        err_line("vserver '" + c.name + "' is running; stop it first");
        return 1;
    }
    if (!force) {
        std::cout << "Are you sure you want to delete the vserver " << c.name << " (y/N) "
                  << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y")
            return 2;
    }
    if (is_dir(c.vdir))
        remove_tree(c.vdir);
    remove_tree(c.dir);
    return 0;
}

namespace {

enum : int { opt_silent = cli::opt_first, opt_sync, opt_verbose, opt_debug, opt_defaulttty };

const char *const commands[] = {"start", "stop",   "restart", "status", "running", "enter",
                                "exec",  "suexec", "apt-get", "delete", "build"};

} // namespace

const cli::ToolSpec &vserver_spec() {
    static const cli::ToolSpec spec{
        "vserver",
        "starts, stops and enters a guest as its configuration says",
        "manages the state of vservers",
        {"[--silent] <name> start|stop|restart|status|running|enter|delete\n"
         "<name> build -m <method> [<options>] -- <method options>\n"
         "[--silent] <name> exec|apt-get <command> <args>*\n"
         "[--silent] <name> suexec <user> <command> <args>*"},
        "+sv",
        {
            cli::help_option(),
            cli::version_option(),
            {"silent", 0, cli::ArgKind::none, "",
             "no informational lines (status, 'already running', 'is not running'); delete "
             "does not ask",
             opt_silent},
            {"sync", 's', cli::ArgKind::none, "",
             "accepted for util-vserver's scripts; stop always waits", opt_sync},
            {"verbose", 'v', cli::ArgKind::none, "", "accepted; ignored", opt_verbose},
            {"debug", 0, cli::ArgKind::none, "", "accepted; ignored", opt_debug},
            {"defaulttty", 0, cli::ArgKind::none, "", "accepted; ignored", opt_defaulttty},
        },
        {
            {"",
             "A guest is configured in /etc/vservers/<name>/ (util-vserver's layout: "
             "context, name, vdir, run, interfaces/<n>/{ip,prefix,mask,dev,nodev,name,"
             "disabled} with interfaces/{dev,prefix,mask} as defaults, fstab, "
             "bcapabilities, ccapabilities, flags, nflags, umask, rlimits/, "
             "dlimits/<n>/{directory,space_total,inodes_total,reserved,disabled}, uts/, "
             "nice, personality, apps/init/{style,runlevel,runlevel.start,runlevel.stop,cmd.start,"
             "cmd.stop}, "
             "apps/vshelper/sync-timeout, scripts/, shell) and lives in its vdir "
             "(default /vservers/<name>). A missing or malformed file stops the command "
             "with one line naming it, before anything is started."},
            {"start", "runs the scripts initialize and prepre-start, sets the disk limits, "
                      "adds the guest's addresses to the host's devices (label DEV:NAME), "
                      "runs pre-start, gives the guest a mount namespace with its fstab "
                      "mounted and its vdir as root, creates its network and security "
                      "contexts, saves its spaces, sets its attributes and runs "
                      "'/etc/init.d/rc 3' (init style sysv; 'plain' is refused), then "
                      "post-start. A failed start undoes what it did. A running guest: "
                      "\"vserver '<name>' already running\", exit 0."},
            {"stop", "runs pre-stop, then '/etc/init.d/rc 6' in the guest, waits up to "
                     "apps/vshelper/sync-timeout seconds (30) for its end, then sends SIGTERM "
                     "and, 2 s later, SIGKILL to what is left; runs post-stop, removes its "
                     "addresses and disk limits, then postpost-stop. A stopped guest: "
                     "\"vserver '<name>' is not running\", exit 0."},
            {"restart", "stop, then start"},
            {"status", "'Vserver '<name>' is running at context '<xid>'' with the number of "
                       "processes and the uptime (exit 0), or 'Vserver '<name>' is stopped' "
                       "(exit 3)"},
            {"running", "exit 0 if the guest runs, else 1"},
            {"enter", "a shell in the guest: its 'shell' file, else the first of "
                      "'/bin/bash -login', '/bin/sh -l' and /bin/csh the guest has"},
            {"exec, apt-get", "runs a command (apt-get) in the guest, as root"},
            {"suexec", "runs a command in the guest as <user> of the guest's /etc/passwd. "
                       "enter, exec, suexec and apt-get of a stopped guest: \"'vserver ... "
                       "suexec' is supported for running vservers only; aborting...\", "
                       "exit 1."},
            {"delete", "removes a stopped guest's vdir (never following a symlink, staying on "
                       "its filesystem) and configuration, after asking (--silent or "
                       "'delete --force': without asking; an answer other than y: exit 2). "
                       "A running guest is refused."},
            {"build", "makes a new guest: its configuration directory with every file start "
                      "reads and its tree in <rootdir>/<name> (default /vservers/<name>; the "
                      "root gets a barrier). Options: --context <xid> (default: the lowest "
                      "free from 1000), --hostname <name>, --interface [<name>=][<dev>:]<ip>"
                      "[/<prefix>] (repeatable; prefix 32 by default), --initstyle sysv, "
                      "--rootdir <dir>, --force (replace a stopped guest of that name), "
                      "--keep (keep what a failed build made; otherwise nothing is left). "
                      "Methods: 'debootstrap -- [-d <dist>] [-m <mirror>] [-a amd64|i386] "
                      "[-- <debootstrap options>]' (Debian minbase with sysvinit and "
                      "openssh-server; dist bookworm and the host's Debian mirror by "
                      "default; a failed debootstrap fails the build), 'template -- -t "
                      "<tarball> [-a i386]', 'clone -- --source <guest>|<dir> [--exclude "
                      "<dir>]...' (a copy, reflinked where the filesystem can; excluded "
                      "directories keep their subdirectories but no files; default /var/log, "
                      "/var/run, /var/spool/mail). Then for every method: /etc/hostname, "
                      "/etc/hosts, the host's resolv.conf, no gettys, only the init scripts "
                      "rc, rcS, single, sendsigs, rc.local, cron, ssh and syslog, new ssh host "
                      "keys and machine-id, and the tree tagged with the guest's xid on a "
                      "filesystem mounted with -o tag. An i386 guest gets uts/machine i686 "
                      "and personality linux32."},
            {"scripts", "scripts/<flavor> and scripts/<flavor>.d/* (else the same under "
                        "/etc/vservers/.defaults/scripts) run with the flavor and the "
                        "guest's name as arguments; a failing initialize, prepre-start or "
                        "pre-start stops the start."},
            {"", "Exit status: 5 for a guest without configuration, 3 for status of a "
                 "stopped guest, 2 for an unknown command, 1 for other errors (one line on "
                 "stderr), otherwise the command's (128 + signal for a command killed by "
                 "one)."},
            {"VSERVER_CONFDIR", "the configuration root instead of /etc/vservers (for tests; "
                                "scripts/.defaults are looked up beside the guest's "
                                "directory)"},
        },
    };
    return spec;
}

cli::Parsed<VserverArgs> parse_vserver_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vserver_spec());
    VserverArgs args;
    if (auto done =
            getopt.parse(argc, argv, args, 1, [&args](int c) -> std::optional<cli::UsageError> {
                if (c == opt_silent)
                    args.silent = true;
                return {};
            }))
        return *done;
    const auto ops = cli::operands(argc, argv);
    if (ops.size() < 2)
        return cli::UsageError{1, "missing guest name or command; try '--help' for more "
                                  "information"};
    args.name = ops[0];
    args.command = ops[1];
    args.rest.assign(ops.begin() + 2, ops.end());
    if (std::find(std::begin(commands), std::end(commands), args.command) == std::end(commands))
        return cli::UsageError{2, "unknown command " + cli::quote(args.command) +
                                      "; try '--help' for more information"};
    const bool needs_command = args.command == "exec" || args.command == "apt-get";
    if (needs_command && args.rest.empty() && args.command == "exec")
        return cli::UsageError{1, "exec needs a command"};
    if (args.command == "suexec" && args.rest.size() < 2)
        return cli::UsageError{1, "suexec needs a user and a command"};
    return args;
}

int run(const VserverArgs &args, const Paths &paths) {
    if (args.command == "build")
        return build_command(paths, args.name, args.rest);
    if (!exists(paths, args.name)) {
        std::cerr << "vserver: Can not find a vserver-setup at "
                  << cli::quote(paths.confdir + "/" + args.name + "/") << '\n';
        return exit_unknown_guest;
    }
    auto cfg = load(paths, args.name);
    if (!cfg) {
        err_line(cfg.error().message);
        return 1;
    }
    const Config &c = cfg.value();
    const std::string &cmd = args.command;
    if (cmd == "start")
        return start(paths, c, args.silent);
    if (cmd == "stop")
        return stop(paths, c, args.silent);
    if (cmd == "restart") {
        const int rc = stop(paths, c, true);
        return rc != 0 ? rc : start(paths, c, args.silent);
    }
    if (cmd == "status")
        return status(paths, c, args.silent);
    if (cmd == "running")
        return running(paths, c) ? 0 : 1;
    if (cmd == "enter")
        return exec_in(paths, c, {}, std::nullopt);
    if (cmd == "exec")
        return exec_in(paths, c, args.rest, std::nullopt);
    if (cmd == "apt-get") {
        std::vector<std::string> command = {"apt-get"};
        command.insert(command.end(), args.rest.begin(), args.rest.end());
        return exec_in(paths, c, command, std::nullopt);
    }
    if (cmd == "suexec")
        return exec_in(paths, c, {args.rest.begin() + 1, args.rest.end()}, args.rest[0]);
    const bool force =
        args.silent || std::find(args.rest.begin(), args.rest.end(), "--force") != args.rest.end();
    return remove_guest(paths, c, force);
}

} // namespace vserver::guest
