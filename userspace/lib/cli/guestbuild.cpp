// SPDX-License-Identifier: GPL-2.0-only

#include "guestbuild.hpp"

#include "context.hpp"
#include "fswalk.hpp"
#include "iattr.hpp"
#include "netaddr.hpp"
#include "vconfig.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <linux/fs.h>
#include <map>
#include <set>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vserver::guest {

namespace {

void say(const std::string &msg) { std::cerr << "vserver: " << cli::one_line(msg) << '\n'; }

bool path_exists(const std::string &path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

bool dir_exists(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The file's text; nullopt when it is missing or unreadable.
std::optional<std::string> read_text(const std::string &path) {
    auto text = cli::read_file_if_exists(path);
    return text ? text.value() : std::nullopt;
}

Result<void> write_text(const std::string &path, const std::string &text, mode_t mode = 0644) {
    // A symlink planted in a guest's tree must not send the write elsewhere.
    (void)::unlink(path.c_str());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0)
        return error(errno, path + ": " + std::strerror(errno));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const int err = errno;
    ::close(fd);
    if (!ok)
        return error(err, path + ": " + std::strerror(err));
    return vserver::ok();
}

Result<void> make_dirs(const std::string &path, mode_t mode = 0755) {
    std::string cur;
    std::istringstream parts(path);
    for (std::string part; std::getline(parts, part, '/');) {
        if (part.empty())
            continue;
        cur += "/" + part;
        if (::mkdir(cur.c_str(), mode) != 0 && errno != EEXIST)
            return error(errno, "mkdir " + cur + ": " + std::strerror(errno));
    }
    return vserver::ok();
}

std::vector<std::string> dir_entries(const std::string &dir) {
    std::vector<std::string> names;
    if (DIR *d = ::opendir(dir.c_str())) {
        while (const dirent *e = ::readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                names.emplace_back(e->d_name);
        ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string first_word_line(const std::string &path) {
    auto text = read_text(path);
    if (!text)
        return {};
    std::istringstream in(*text);
    std::string word;
    in >> word;
    return word;
}

bool valid_guest_name(const std::string &name) {
    if (name.empty() || name.size() > 64 || name[0] == '.' || name[0] == '-')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

// Runs argv (argv[0] looked up in PATH) and returns its exit status;
// `root` non-empty: in a chroot there; `quiet`: stdout to /dev/null.
int run_program(const std::vector<std::string> &argv, const std::string &root = {},
                bool quiet = false) {
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid < 0)
        return 127;
    if (pid == 0) {
        if (!root.empty() && (::chroot(root.c_str()) != 0 || ::chdir("/") != 0))
            ::_exit(126);
        if (quiet) {
            const int null_fd = ::open("/dev/null", O_WRONLY);
            if (null_fd >= 0)
                ::dup2(null_fd, 1);
        }
        std::vector<char *> args;
        for (const auto &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        if (!root.empty()) {
            // The guest's programs with the guest's PATH, not the host's.
            ::setenv("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1);
            ::setenv("LC_ALL", "C", 1);
        }
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

std::optional<std::string> find_program(const std::string &name) {
    const char *env = std::getenv("PATH");
    std::string path = std::string(env ? env : "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    std::istringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0)
            return dir + "/" + name;
    return std::nullopt;
}

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    std::size_t got = 0;
    while (got < bytes) {
        const ssize_t n = ::getrandom(buf.data() + got, bytes - got, 0);
        if (n > 0)
            got += static_cast<std::size_t>(n);
    }
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char b : buf) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

struct DistInfo {
    const char *name;
    bool has_updates; // DIST-updates and DIST-security
};

constexpr DistInfo dists[] = {
    {"bullseye", true}, {"bookworm", true}, {"trixie", true},
    {"forky", true},    {"sid", false},     {"unstable", false},
};

std::string known_dists_text() {
    std::string out;
    for (const auto &d : dists)
        out += (out.empty() ? "" : ", ") + std::string(d.name);
    return out;
}

bool is_i386(const std::string &arch) { return arch == "i386" || arch == "i686"; }

} // namespace

// --- parsing ---------------------------------------------------------------------

Result<Interface> parse_interface_spec(const std::string &spec) {
    Interface i;
    std::string rest = spec;
    if (auto eq = rest.find('='); eq != std::string::npos) {
        i.name = rest.substr(0, eq);
        rest = rest.substr(eq + 1);
    }
    if (auto colon = rest.find(':'); colon != std::string::npos) {
        i.dev = rest.substr(0, colon);
        rest = rest.substr(colon + 1);
        if (i.dev.empty() || i.dev.size() > 15 || i.dev.find('/') != std::string::npos)
            return error(EINVAL, "--interface " + cli::quote(spec) + ": bad device name");
    }
    auto net = parse_ipv4_net(rest);
    if (!net)
        return error(EINVAL, "--interface " + cli::quote(spec) + ": " + net.error().message);
    i.ip = net.value().ip;
    if (net.value().has_mask) {
        auto prefix = mask_to_prefix(net.value().mask);
        if (!prefix)
            return error(EINVAL, "--interface " + cli::quote(spec) + ": netmask not contiguous");
        i.prefix = *prefix;
    }
    return i;
}

bool known_dist(const std::string &dist) {
    return std::any_of(std::begin(dists), std::end(dists),
                       [&](const DistInfo &d) { return dist == d.name; });
}

Result<BuildArgs> parse_build_args(const std::string &name, const std::vector<std::string> &words) {
    BuildArgs a;
    a.name = name;
    if (!valid_guest_name(name))
        return error(EINVAL, "bad guest name " + cli::quote(name) +
                                 " (letters, digits, '.', '_', '-'; at most 64)");
    std::size_t i = 0;
    auto value = [&](const std::string &opt) -> Result<std::string> {
        if (i + 1 >= words.size())
            return error(EINVAL, "build: " + opt + " needs a value");
        return words[++i];
    };
    bool method_args = false;
    for (; i < words.size(); ++i) {
        std::string w = words[i];
        std::optional<std::string> inline_value;
        if (w.rfind("--", 0) == 0 && w.find('=') != std::string::npos) {
            inline_value = w.substr(w.find('=') + 1);
            w = w.substr(0, w.find('='));
        }
        auto arg = [&]() -> Result<std::string> {
            if (inline_value)
                return *inline_value;
            return value(w);
        };
        if (w == "--") {
            method_args = true;
            ++i;
            break;
        }
        if (w == "--force") {
            a.force = true;
        } else if (w == "--keep") {
            a.keep = true;
        } else if (w == "-m" || w == "--method") {
            auto v = arg();
            if (!v)
                return v.error();
            a.method = v.value();
        } else if (w == "--context") {
            auto v = arg();
            if (!v)
                return v.error();
            auto xid = cli::parse_uint32(v.value());
            if (!xid || *xid < 2 || *xid > last_static_xid)
                return error(EINVAL, "build: --context " + cli::quote(v.value()) +
                                         " is not a static context id (2.." +
                                         std::to_string(last_static_xid) + ")");
            a.xid = *xid;
        } else if (w == "--hostname") {
            auto v = arg();
            if (!v)
                return v.error();
            a.hostname = v.value();
        } else if (w == "--interface") {
            auto v = arg();
            if (!v)
                return v.error();
            auto iface = parse_interface_spec(v.value());
            if (!iface)
                return error(EINVAL, "build: " + iface.error().message);
            a.interfaces.push_back(iface.value());
        } else if (w == "--initstyle") {
            auto v = arg();
            if (!v)
                return v.error();
            if (v.value() != "sysv")
                return error(EINVAL, "build: --initstyle " + cli::quote(v.value()) +
                                         " is not supported (sysv is)");
            a.initstyle = v.value();
        } else if (w == "--rootdir") {
            auto v = arg();
            if (!v)
                return v.error();
            if (v.value().empty() || v.value()[0] != '/')
                return error(EINVAL, "build: --rootdir needs an absolute path");
            a.rootdir = v.value();
        } else {
            return error(EINVAL, "build: unknown option " + cli::quote(words[i]));
        }
    }
    if (a.method.empty())
        return error(EINVAL, "build: no method (-m debootstrap|template|clone)");
    if (a.method != "debootstrap" && a.method != "template" && a.method != "clone")
        return error(EINVAL, "build: unknown method " + cli::quote(a.method) +
                                 " (debootstrap, template, clone)");
    // The method's own options, after "--".
    for (; method_args && i < words.size(); ++i) {
        const std::string &w = words[i];
        auto next = [&]() -> Result<std::string> {
            if (i + 1 >= words.size())
                return error(EINVAL, "build -m " + a.method + ": " + w + " needs a value");
            return words[++i];
        };
        Result<std::string> v = std::string();
        if (a.method == "debootstrap" && (w == "-d" || w == "-m" || w == "-a")) {
            if (!(v = next()))
                return v.error();
            (w == "-d" ? a.dist : w == "-m" ? a.mirror : a.arch) = v.value();
        } else if (a.method == "debootstrap" && w == "--") {
            a.debootstrap_options.assign(words.begin() + static_cast<long>(i) + 1, words.end());
            break;
        } else if (a.method == "template" && w == "-t") {
            if (!(v = next()))
                return v.error();
            a.tarball = v.value();
        } else if (a.method == "template" && w == "-a") {
            if (!(v = next()))
                return v.error();
            a.arch = v.value();
        } else if (a.method == "clone" && w == "--source") {
            if (!(v = next()))
                return v.error();
            a.source = v.value();
        } else if (a.method == "clone" && w == "--exclude") {
            if (!(v = next()))
                return v.error();
            if (v.value().empty() || v.value()[0] != '/')
                return error(EINVAL, "build -m clone: --exclude " + cli::quote(v.value()) +
                                         " is not an absolute path in the guest");
            a.excludes.push_back(v.value());
            a.excludes_given = true;
        } else {
            return error(EINVAL, "build -m " + a.method + ": unknown option " + cli::quote(w));
        }
    }
    if (a.method == "debootstrap" && !known_dist(a.dist))
        return error(EINVAL, "build -m debootstrap: unknown distribution " + cli::quote(a.dist) +
                                 " (known: " + known_dists_text() + ")");
    if (!a.arch.empty() && a.arch != "amd64" && !is_i386(a.arch))
        return error(EINVAL,
                     "build: unsupported architecture " + cli::quote(a.arch) + " (amd64, i386)");
    if (a.method == "template" && a.tarball.empty())
        return error(EINVAL, "build -m template: no tarball (-- -t TARBALL)");
    if (a.method == "clone" && a.source.empty())
        return error(EINVAL, "build -m clone: no source (-- --source GUEST)");
    if (a.method == "clone" && !a.excludes_given)
        a.excludes = {"/var/log", "/var/run", "/var/spool/mail"};
    return a;
}

std::string sources_list(const std::string &dist, const std::string &mirror,
                         const std::string &security_mirror) {
    const auto *info = std::find_if(std::begin(dists), std::end(dists),
                                    [&](const DistInfo &d) { return dist == d.name; });
    const bool full = info != std::end(dists) && info->has_updates;
    const std::string components = dist == "bullseye" ? "main" : "main non-free-firmware";
    std::string out = "deb " + mirror + " " + dist + " " + components + "\n";
    if (full) {
        out += "deb " + mirror + " " + dist + "-updates " + components + "\n";
        out += "deb " + security_mirror + " " + dist + "-security " + components + "\n";
    }
    return out;
}

Mirrors host_mirrors(const std::string &aptdir) {
    Mirrors m;
    bool debian = false, security = false;
    auto consider = [&](const std::string &uri, const std::string &suite) {
        if (uri.rfind("http", 0) != 0 && uri.rfind("file:", 0) != 0)
            return;
        const bool is_security = suite.find("-security") != std::string::npos ||
                                 suite.find("/updates") != std::string::npos;
        if (is_security && !security) {
            m.security = uri;
            security = true;
        } else if (!is_security && !debian && uri.find("debian") != std::string::npos) {
            m.debian = uri;
            debian = true;
        }
    };
    std::vector<std::string> files = {aptdir + "/sources.list"};
    for (const auto &f : dir_entries(aptdir + "/sources.list.d"))
        files.push_back(aptdir + "/sources.list.d/" + f);
    for (const auto &file : files) {
        auto text = read_text(file);
        if (!text)
            continue;
        if (file.size() > 8 && file.compare(file.size() - 8, 8, ".sources") == 0) {
            // deb822: stanzas of URIs: and Suites:
            std::string uri, suites;
            auto flush = [&] {
                std::istringstream s(suites);
                std::string first_uri, suite;
                std::istringstream u(uri);
                u >> first_uri;
                while (s >> suite)
                    consider(first_uri, suite);
                uri.clear();
                suites.clear();
            };
            std::istringstream in(*text);
            for (std::string line; std::getline(in, line);) {
                if (line.empty()) {
                    flush();
                } else if (line.rfind("URIs:", 0) == 0) {
                    uri = line.substr(5);
                } else if (line.rfind("Suites:", 0) == 0) {
                    suites = line.substr(7);
                }
            }
            flush();
            continue;
        }
        if (file.size() > 5 && file.compare(file.size() - 5, 5, ".list") != 0)
            continue;
        std::istringstream in(*text);
        for (std::string line; std::getline(in, line);) {
            std::istringstream words(line);
            std::string type, uri, suite;
            words >> type;
            if (type != "deb")
                continue;
            words >> uri;
            if (!uri.empty() && uri[0] == '[') { // [ options ]
                while (uri.back() != ']' && words >> uri) {
                }
                words >> uri;
            }
            words >> suite;
            consider(uri, suite);
        }
    }
    if (debian && !security && m.debian.find("deb.debian.org") != std::string::npos)
        m.security = "http://deb.debian.org/debian-security";
    return m;
}

std::optional<std::uint32_t> free_xid(const Paths &paths) {
    std::set<std::uint32_t> used;
    for (const auto &name : dir_entries(paths.confdir)) {
        if (auto xid = parse_context_file(first_word_line(paths.confdir + "/" + name + "/context")))
            used.insert(*xid);
    }
    for (std::uint32_t xid = first_auto_xid; xid <= last_static_xid; ++xid)
        if (!used.count(xid) && !vx_info(xid))
            return xid;
    return std::nullopt;
}

bool kept_init_script(const std::string &name) {
    static const std::set<std::string> kept = {"rc",       "rcS",  "single", "sendsigs",
                                               "rc.local", "cron", "ssh"};
    return kept.count(name) != 0 || name.find("syslog") != std::string::npos;
}

std::vector<std::string> strip_init_scripts(const std::string &root) {
    std::vector<std::string> removed;
    const std::string initd = root + "/etc/init.d";
    std::map<std::string, std::vector<std::string>> links; // script -> its rc?.d links
    for (const char *level : {"0", "1", "2", "3", "4", "5", "6", "S"}) {
        const std::string dir = root + "/etc/rc" + level + ".d";
        for (const auto &entry : dir_entries(dir)) {
            if (entry.size() < 4 || (entry[0] != 'S' && entry[0] != 'K') ||
                !std::isdigit(static_cast<unsigned char>(entry[1])) ||
                !std::isdigit(static_cast<unsigned char>(entry[2])))
                continue;
            links[entry.substr(3)].push_back(dir + "/" + entry);
        }
    }
    for (const auto &[script, paths] : links) {
        if (kept_init_script(script))
            continue;
        for (const auto &p : paths)
            ::unlink(p.c_str());
        // The script goes too: a later update-rc.d (insserv) would link it
        // again, and dpkg leaves a conffile the admin removed removed.
        ::unlink((initd + "/" + script).c_str());
        removed.push_back(script);
    }
    // No gettys: a guest has no consoles of its own.
    const std::string inittab = root + "/etc/inittab";
    if (auto text = read_text(inittab)) {
        std::istringstream in(*text);
        std::string out;
        bool changed = false;
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line[0] != '#' && line.find("getty") != std::string::npos) {
                line = "#" + line;
                changed = true;
            }
            out += line + "\n";
        }
        if (changed)
            (void)write_text(inittab, out);
    }
    return removed;
}

bool disable_kernel_log_input(const std::string &root) {
    const std::string conf = root + "/etc/rsyslog.conf";
    auto text = read_text(conf);
    if (!text)
        return false;
    std::istringstream in(*text);
    std::string out;
    bool changed = false;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#' && line.find("imklog") != std::string::npos) {
            line = "#" + line + " # the kernel log is the host's";
            changed = true;
        }
        out += line + "\n";
    }
    if (changed)
        (void)write_text(conf, out);
    return changed;
}

// --- copying a tree ------------------------------------------------------------------

namespace {

struct TreeCopy {
    dev_t dev = 0;
    std::set<std::string> excludes;
    std::map<std::pair<dev_t, ino_t>, std::string> linked; // first copy of a multi-link file
    int dst_root = -1;
};

Result<void> copy_file_data(int in, int out) {
    if (::ioctl(out, FICLONE, in) == 0)
        return vserver::ok();
    for (;;) {
        const ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
        if (n == 0)
            return vserver::ok();
        if (n > 0)
            continue;
        if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)
            break;
        return error(errno, std::strerror(errno));
    }
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof(buf));
        if (n == 0)
            return vserver::ok();
        if (n < 0)
            return error(errno, std::strerror(errno));
        if (::write(out, buf, static_cast<std::size_t>(n)) != n)
            return error(errno, std::strerror(errno));
    }
}

Result<void> copy_dir(TreeCopy &t, int src, int dst, const std::string &rel, bool excluded) {
    for (const auto &name : [&] {
             std::vector<std::string> names;
             const int fd = ::dup(src);
             if (DIR *d = fd >= 0 ? ::fdopendir(fd) : nullptr) {
                 while (const dirent *e = ::readdir(d))
                     if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                         names.emplace_back(e->d_name);
                 ::closedir(d);
             }
             return names;
         }()) {
        const std::string path = rel + "/" + name;
        const char *n = name.c_str();
        struct stat st {};
        if (::fstatat(src, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return error(errno, path + ": " + std::strerror(errno));
        const bool under_excluded = excluded || t.excludes.count(path) != 0;
        if (S_ISDIR(st.st_mode)) {
            if (::mkdirat(dst, n, 0700) != 0)
                return error(errno, path + ": mkdir: " + std::strerror(errno));
            if (st.st_dev == t.dev) { // a mount point stays an empty directory
                const int s = ::openat(src, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                const int d = ::openat(dst, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (s < 0 || d < 0) {
                    const int err = errno;
                    if (s >= 0)
                        ::close(s);
                    if (d >= 0)
                        ::close(d);
                    return error(err, path + ": " + std::strerror(err));
                }
                auto r = copy_dir(t, s, d, path, under_excluded);
                ::close(s);
                ::close(d);
                if (!r)
                    return r;
            }
            ::fchownat(dst, n, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
            ::fchmodat(dst, n, st.st_mode & 07777, 0);
            const timespec times[2] = {st.st_atim, st.st_mtim};
            ::utimensat(dst, n, times, AT_SYMLINK_NOFOLLOW);
            continue;
        }
        if (under_excluded)
            continue;
        if (st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
            const auto key = std::make_pair(st.st_dev, st.st_ino);
            if (auto it = t.linked.find(key); it != t.linked.end()) {
                if (::linkat(t.dst_root, it->second.c_str() + 1, dst, n, 0) != 0)
                    return error(errno, path + ": link: " + std::strerror(errno));
                continue;
            }
            t.linked[key] = path;
        }
        if (S_ISREG(st.st_mode)) {
            const int in = ::openat(src, n, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            if (in < 0)
                return error(errno, path + ": " + std::strerror(errno));
            const int out =
                ::openat(dst, n, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
            if (out < 0) {
                const int err = errno;
                ::close(in);
                return error(err, path + ": " + std::strerror(err));
            }
            auto r = copy_file_data(in, out);
            // Owner before mode: chown clears set-id bits.
            if (r && (::fchown(out, st.st_uid, st.st_gid) != 0 ||
                      ::fchmod(out, st.st_mode & 07777) != 0))
                r = error(errno, std::strerror(errno));
            const timespec times[2] = {st.st_atim, st.st_mtim};
            ::futimens(out, times);
            ::close(in);
            ::close(out);
            if (!r)
                return error(r.error().errnum, path + ": " + r.error().message);
            continue;
        }
        if (S_ISLNK(st.st_mode)) {
            std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
            const ssize_t len = ::readlinkat(src, n, target.data(), target.size());
            if (len < 0)
                return error(errno, path + ": " + std::strerror(errno));
            target.resize(static_cast<std::size_t>(len));
            if (::symlinkat(target.c_str(), dst, n) != 0)
                return error(errno, path + ": symlink: " + std::strerror(errno));
        } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode)) {
            if (::mknodat(dst, n, st.st_mode, st.st_rdev) != 0)
                return error(errno, path + ": mknod: " + std::strerror(errno));
            ::fchmodat(dst, n, st.st_mode & 07777, 0);
        } else {
            continue; // a socket belongs to a running program, not to the tree
        }
        ::fchownat(dst, n, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
        const timespec times[2] = {st.st_atim, st.st_mtim};
        ::utimensat(dst, n, times, AT_SYMLINK_NOFOLLOW);
    }
    return vserver::ok();
}

} // namespace

Result<void> copy_tree(const std::string &from, const std::string &to,
                       const std::vector<std::string> &excludes) {
    TreeCopy t;
    for (auto e : excludes) {
        while (e.size() > 1 && e.back() == '/')
            e.pop_back();
        t.excludes.insert(e);
    }
    const int src = ::open(from.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (src < 0)
        return error(errno, from + ": " + std::strerror(errno));
    struct stat st {};
    ::fstat(src, &st);
    t.dev = st.st_dev;
    if (::mkdir(to.c_str(), 0700) != 0 && errno != EEXIST) {
        const int err = errno;
        ::close(src);
        return error(err, "mkdir " + to + ": " + std::strerror(err));
    }
    const int dst = ::open(to.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dst < 0) {
        const int err = errno;
        ::close(src);
        return error(err, to + ": " + std::strerror(err));
    }
    t.dst_root = dst;
    auto r = copy_dir(t, src, dst, "", false);
    if (r) {
        ::fchown(dst, st.st_uid, st.st_gid);
        ::fchmod(dst, st.st_mode & 07777);
    }
    ::close(src);
    ::close(dst);
    if (!r)
        return error(r.error().errnum, "copying " + from + " to " + to + ": " + r.error().message);
    return r;
}

// --- the build ----------------------------------------------------------------------

namespace {

struct Plan {
    std::string confdir; // <confdir>/<name>
    std::string vdir;    // <rootdir>/<name>
    std::uint32_t xid = 0;
    bool made_conf = false, made_vdir = false;
};

void undo(const Plan &p) {
    if (p.made_vdir)
        remove_tree(p.vdir);
    if (p.made_conf)
        remove_tree(p.confdir);
}

// Every file start reads, in util-vserver's layout.
Result<void> write_config(const BuildArgs &a, const Plan &p) {
    const std::string &c = p.confdir;
    for (const auto &d : {"", "/apps", "/apps/init", "/uts", "/interfaces"})
        if (::mkdir((c + d).c_str(), 0755) != 0 && errno != EEXIST)
            return error(errno, "mkdir " + c + d + ": " + std::strerror(errno));
    const std::string hostname = a.hostname.empty() ? a.name : a.hostname;
    Result<void> r = write_text(c + "/context", std::to_string(p.xid) + "\n");
    if (r)
        r = write_text(c + "/name", a.name + "\n");
    if (r)
        r = write_text(c + "/uts/nodename", hostname + "\n");
    if (r && !a.domain.empty())
        r = write_text(c + "/uts/domainname", a.domain + "\n");
    if (r)
        r = write_text(c + "/apps/init/style", a.initstyle + "\n");
    if (r)
        r = write_text(c + "/fstab", "none /proc proc defaults 0 0\n"
                                     "none /tmp tmpfs size=64m,mode=1777 0 0\n"
                                     "none /dev/pts devpts gid=5,mode=620,ptmxmode=0666 0 0\n");
    if (r && is_i386(a.arch)) {
        r = write_text(c + "/uts/machine", "i686\n");
        if (r)
            r = write_text(c + "/personality", "linux32\n");
    }
    for (std::size_t n = 0; r && n < a.interfaces.size(); ++n) {
        const Interface &i = a.interfaces[n];
        const std::string d = c + "/interfaces/" + std::to_string(n);
        if (::mkdir(d.c_str(), 0755) != 0)
            return error(errno, "mkdir " + d + ": " + std::strerror(errno));
        r = write_text(d + "/ip", format_ipv4(i.ip) + "\n");
        if (r)
            r = write_text(d + "/prefix", std::to_string(i.prefix) + "\n");
        if (r)
            r = i.dev.empty() ? write_text(d + "/nodev", "") : write_text(d + "/dev", i.dev + "\n");
        if (r && !i.name.empty())
            r = write_text(d + "/name", i.name + "\n");
    }
    if (r && ::symlink(p.vdir.c_str(), (c + "/vdir").c_str()) != 0)
        r = error(errno, c + "/vdir: " + std::strerror(errno));
    return r;
}

Result<void> run_debootstrap(const BuildArgs &a, const Plan &p) {
    auto debootstrap = find_program("debootstrap");
    if (!debootstrap)
        return error(ENOENT, "debootstrap not found (apt-get install debootstrap)");
    const Mirrors host = host_mirrors();
    std::vector<std::string> argv = {
        *debootstrap, "--variant=minbase",
        "--include=sysvinit-core,sysv-rc,orphan-sysvinit-scripts,initscripts,openssh-server,"
        "procps,cron,rsyslog,netbase,less"};
    if (!a.arch.empty())
        argv.push_back("--arch=" + std::string(is_i386(a.arch) ? "i386" : a.arch));
    argv.insert(argv.end(), a.debootstrap_options.begin(), a.debootstrap_options.end());
    argv.push_back(a.dist);
    argv.push_back(p.vdir);
    argv.push_back(a.mirror.empty() ? host.debian : a.mirror);
    if (const int rc = run_program(argv); rc != 0)
        return error(EIO,
                     "debootstrap " + a.dist + " failed (exit status " + std::to_string(rc) + ")");
    const std::string mirror = a.mirror.empty() ? host.debian : a.mirror;
    if (auto r = write_text(p.vdir + "/etc/apt/sources.list",
                            sources_list(a.dist, mirror, host.security));
        !r)
        return r;
    // The packages debootstrap fetched: 40 MB the guest does not need.
    const std::string archives = p.vdir + "/var/cache/apt/archives";
    for (const auto &f : dir_entries(archives))
        if (f.size() > 4 && f.compare(f.size() - 4, 4, ".deb") == 0)
            ::unlink((archives + "/" + f).c_str());
    return vserver::ok();
}

Result<void> unpack_template(const BuildArgs &a, const Plan &p) {
    if (::access(a.tarball.c_str(), R_OK) != 0)
        return error(errno, "template " + a.tarball + ": " + std::strerror(errno));
    std::vector<std::string> argv = {"tar", "--numeric-owner", "-x"};
    const auto ends = [&](const char *suffix) {
        const std::string s(suffix);
        return a.tarball.size() > s.size() &&
               a.tarball.compare(a.tarball.size() - s.size(), s.size(), s) == 0;
    };
    if (ends(".gz") || ends(".tgz"))
        argv.push_back("-z");
    else if (ends(".xz"))
        argv.push_back("-J");
    else if (ends(".bz2"))
        argv.push_back("-j");
    argv.insert(argv.end(), {"-f", a.tarball, "-C", p.vdir});
    if (const int rc = run_program(argv); rc != 0)
        return error(EIO, "unpacking " + a.tarball + " failed (tar exit status " +
                              std::to_string(rc) + ")");
    if (!dir_exists(p.vdir + "/etc"))
        return error(EINVAL, "template " + a.tarball + " has no etc/: not a guest tree");
    return vserver::ok();
}

Result<std::string> clone_source_dir(const Paths &paths, const BuildArgs &a) {
    if (!a.source.empty() && a.source[0] == '/') {
        if (!dir_exists(a.source))
            return error(ENOENT, "clone source " + a.source + ": no such directory");
        return a.source;
    }
    if (!exists(paths, a.source))
        return error(ENOENT,
                     "clone source: no guest " + cli::quote(a.source) + " in " + paths.confdir);
    auto cfg = load(paths, a.source);
    if (!cfg)
        return cfg.error();
    if (!dir_exists(cfg.value().vdir))
        return error(ENOENT, "clone source: " + cfg.value().vdir + " does not exist");
    return cfg.value().vdir;
}

// What every method shares, in the new tree.
Result<void> post_install(const BuildArgs &a, const Plan &p) {
    const std::string &root = p.vdir;
    // Nothing a package script runs now may start a service on the host.
    const std::string policy = root + "/usr/sbin/policy-rc.d";
    const bool had_policy = path_exists(policy);
    if (!had_policy && dir_exists(root + "/usr/sbin"))
        if (auto r = write_text(policy, "#!/bin/sh\nexit 101\n", 0755); !r)
            return r;
    auto result = [&]() -> Result<void> {
        const std::string hostname = a.hostname.empty() ? a.name : a.hostname;
        if (auto r = write_text(root + "/etc/hostname", hostname + "\n"); !r)
            return r;
        std::string hosts = "127.0.0.1\tlocalhost\n";
        if (!a.interfaces.empty()) {
            hosts += format_ipv4(a.interfaces.front().ip) + "\t";
            if (!a.domain.empty())
                hosts += hostname + "." + a.domain + " ";
            hosts += hostname + "\n";
        }
        hosts += "\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\n"
                 "ff02::2\tip6-allrouters\n";
        if (auto r = write_text(root + "/etc/hosts", hosts); !r)
            return r;
        if (auto resolv = read_text("/etc/resolv.conf"))
            if (auto r = write_text(root + "/etc/resolv.conf", *resolv); !r)
                return r;
        if (!strip_init_scripts(root).empty()) {
            // insserv's dependency files name the removed scripts; rc would
            // hand them to startpar. Renew them, or drop them (rc then runs
            // the links in order).
            const bool renewed = (::access((root + "/sbin/insserv").c_str(), X_OK) == 0 ||
                                  ::access((root + "/usr/sbin/insserv").c_str(), X_OK) == 0) &&
                                 run_program({"insserv"}, root, true) == 0;
            if (!renewed)
                for (const char *f : {".depend.boot", ".depend.start", ".depend.stop"})
                    ::unlink((root + "/etc/init.d/" + f).c_str());
        }
        disable_kernel_log_input(root);
        if (path_exists(root + "/etc/machine-id"))
            if (auto r = write_text(root + "/etc/machine-id", random_hex(16) + "\n", 0444); !r)
                return r;
        // Host keys of its own: never shared with the template or the source.
        const std::string sshdir = root + "/etc/ssh";
        for (const auto &f : dir_entries(sshdir))
            if (f.rfind("ssh_host_", 0) == 0)
                ::unlink((sshdir + "/" + f).c_str());
        if (::access((root + "/usr/bin/ssh-keygen").c_str(), X_OK) == 0) {
            if (const int rc = run_program({"ssh-keygen", "-A"}, root, true); rc != 0)
                return error(EIO, "ssh-keygen -A in " + root + " failed (exit status " +
                                      std::to_string(rc) + ")");
        }
        if (!a.authorized_keys_file.empty()) {
            auto keys = read_text(a.authorized_keys_file);
            if (!keys)
                return error(ENOENT, a.authorized_keys_file + ": " + std::strerror(errno));
            const std::string dotssh = root + "/root/.ssh";
            if (::mkdir(dotssh.c_str(), 0700) != 0 && errno != EEXIST)
                return error(errno, dotssh + ": " + std::strerror(errno));
            if (auto r = write_text(dotssh + "/authorized_keys", *keys, 0600); !r)
                return r;
        }
        if (!a.post_install_script.empty()) {
            if (const int rc = run_program({a.post_install_script, root, a.name}); rc != 0)
                return error(EIO, "post-install script " + a.post_install_script +
                                      " failed (exit status " + std::to_string(rc) + ")");
        }
        return vserver::ok();
    }();
    if (!had_policy)
        ::unlink(policy.c_str());
    return result;
}

// The guest's files carry its xid where the filesystem keeps tags: its
// regular files and directories. The kernel keeps no tag on symlinks,
// devices and fifos (EOPNOTSUPP); they hold no data a limit would count.
Result<void> tag_tree(const Plan &p) {
    auto attr = get_iattr(p.vdir.c_str());
    if (!attr || !attr.value().has_tag())
        return vserver::ok(); // not a vserver kernel, or not mounted with -o tag
    WalkOptions walk;
    walk.recurse = true;
    walk.dotfiles = true;
    walk.one_fs = true;
    std::optional<Error> failed;
    const Visitor visit = [&](const char *name, const std::string &display, const struct stat &st) {
        if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
            return Visit::ok;
        if (auto r = set_iattr(name, p.xid, 0, iattr_tag); !r) {
            failed = error(r.error().errnum, display + ": " + r.error().message);
            return Visit::stop;
        }
        return Visit::ok;
    };
    const auto result = walk_files({p.vdir}, walk, visit, [&](const Error &e) {
        if (!failed)
            failed = e;
    });
    if (failed || result.failures != 0)
        return error(EIO, "tagging " + p.vdir + " with " + std::to_string(p.xid) + ": " +
                              (failed ? failed->message : std::string("walk failed")));
    return vserver::ok();
}

// The guests' root gets a barrier: a guest's chroot cannot climb out of
// its own tree into another's.
void barrier_on(const std::string &rootdir) {
    auto attr = get_iattr(rootdir.c_str());
    if (!attr) {
        if (attr.error().errnum != ENOSYS)
            say("warning: " + rootdir + ": cannot read its attributes: " + attr.error().message);
        return; // not a vserver kernel: nothing to set
    }
    if ((attr.value().flags & iattr_barrier) != 0)
        return;
    if (auto r = set_iattr(rootdir.c_str(), 0, iattr_barrier, iattr_barrier); !r)
        say("warning: " + rootdir + ": cannot set the barrier: " + r.error().message);
}

} // namespace

int build(const Paths &paths, const BuildArgs &a) {
    Plan p;
    p.confdir = paths.confdir + "/" + a.name;
    const std::string rootdir = a.rootdir.empty() ? paths.vdirbase : a.rootdir;
    p.vdir = rootdir + "/" + a.name;

    // Everything that can be refused is refused before anything is made.
    if (path_exists(p.confdir) || path_exists(p.vdir)) {
        if (!a.force) {
            say("guest " + cli::quote(a.name) + " exists (" +
                (path_exists(p.confdir) ? p.confdir : p.vdir) + "); --force replaces it");
            return 1;
        }
        if (exists(paths, a.name)) {
            if (auto cfg = load(paths, a.name); cfg && running(paths, cfg.value())) {
                say("guest " + cli::quote(a.name) + " is running; stop it first");
                return 1;
            }
        }
    }
    std::string clone_from;
    if (a.method == "clone") {
        auto src = clone_source_dir(paths, a);
        if (!src) {
            say(src.error().message);
            return 1;
        }
        clone_from = src.value();
        if (clone_from == p.vdir) {
            say("clone source and the new guest are the same tree");
            return 1;
        }
    }
    if (a.method == "template" && ::access(a.tarball.c_str(), R_OK) != 0) {
        say("template " + a.tarball + ": " + std::strerror(errno));
        return 1;
    }
    if (a.method == "debootstrap" && !find_program("debootstrap")) {
        say("debootstrap not found (apt-get install debootstrap)");
        return 1;
    }
    if (a.xid) {
        for (const auto &other : dir_entries(paths.confdir)) {
            if (other == a.name)
                continue;
            auto xid =
                parse_context_file(first_word_line(paths.confdir + "/" + other + "/context"));
            if (xid && *xid == *a.xid) {
                say("context " + std::to_string(*a.xid) + " is in use by guest " +
                    cli::quote(other));
                return 1;
            }
        }
        if (vx_info(*a.xid)) {
            say("context " + std::to_string(*a.xid) + " is in use (a running context)");
            return 1;
        }
        p.xid = *a.xid;
    } else {
        auto xid = free_xid(paths);
        if (!xid) {
            say("no free context id in " + std::to_string(first_auto_xid) + ".." +
                std::to_string(last_static_xid));
            return 1;
        }
        p.xid = *xid;
    }
    if (a.force) {
        remove_tree(p.vdir);
        remove_tree(p.confdir);
    }

    auto fail = [&](const std::string &msg) {
        say(msg);
        if (a.keep)
            say("kept what was made: " + p.confdir + ", " + p.vdir);
        else
            undo(p);
        return 1;
    };
    if (auto r = make_dirs(paths.confdir); !r)
        return fail(r.error().message);
    if (::mkdir(p.confdir.c_str(), 0755) != 0)
        return fail("mkdir " + p.confdir + ": " + std::strerror(errno));
    p.made_conf = true;
    if (auto r = make_dirs(rootdir); !r)
        return fail(r.error().message);
    barrier_on(rootdir);
    if (a.method != "clone") {
        if (::mkdir(p.vdir.c_str(), 0755) != 0)
            return fail("mkdir " + p.vdir + ": " + std::strerror(errno));
    }
    p.made_vdir = true;
    if (auto r = write_config(a, p); !r)
        return fail(r.error().message);

    Result<void> made = vserver::ok();
    if (a.method == "debootstrap")
        made = run_debootstrap(a, p);
    else if (a.method == "template")
        made = unpack_template(a, p);
    else
        made = copy_tree(clone_from, p.vdir, a.excludes);
    if (!made)
        return fail(made.error().message);
    if (auto r = post_install(a, p); !r)
        return fail(r.error().message);
    if (auto r = tag_tree(p); !r)
        return fail(r.error().message);
    std::cout << "vserver: built guest '" << a.name << "' (context " << p.xid << ") in " << p.vdir
              << '\n';
    return 0;
}

int build_command(const Paths &paths, const std::string &name,
                  const std::vector<std::string> &words) {
    auto args = parse_build_args(name, words);
    if (!args) {
        say(args.error().message);
        return 1;
    }
    return build(paths, args.value());
}

// --- newvserver -----------------------------------------------------------------

namespace {

enum : int {
    nv_hostname = cli::opt_first,
    nv_domain,
    nv_ip,
    nv_interface,
    nv_context,
    nv_dist,
    nv_mirror,
    nv_arch,
    nv_sshkeys,
    nv_post_install,
    nv_vsroot,
    nv_force,
    nv_verbose,
};

} // namespace

const cli::ToolSpec &newvserver_spec() {
    static const cli::ToolSpec spec{
        "newvserver",
        "builds a Debian guest in one command (vserver-debiantools' front end)",
        "builds a new Debian vserver",
        {"--hostname <name> --ip <ip>[/<prefix>] [--domain <domain>]\n"
         "[--interface <dev>] [--context <xid>] [--dist <dist>]\n"
         "[--mirror <url>] [--arch amd64|i386] [--sshkeys <file>]\n"
         "[--post-install-script <file>] [--vsroot <dir>] [--force]"},
        "+",
        {
            cli::help_option(),
            cli::version_option(),
            {"hostname", 0, cli::ArgKind::required, "<name>",
             "the guest's host name, also its name in /etc/vservers", nv_hostname},
            {"domain", 0, cli::ArgKind::required, "<domain>",
             "its domain: /etc/hosts gets <name>.<domain>", nv_domain},
            {"ip", 0, cli::ArgKind::required, "<ip>[/<prefix>]", "its IPv4 address", nv_ip},
            {"interface", 0, cli::ArgKind::required, "<dev>",
             "the host's device that carries the address", nv_interface},
            {"context", 0, cli::ArgKind::required, "<xid>",
             "its static context id (default: the lowest free from 1000)", nv_context},
            {"dist", 0, cli::ArgKind::required, "<dist>", "the Debian release (bookworm)", nv_dist},
            {"mirror", 0, cli::ArgKind::required, "<url>",
             "the Debian mirror (default: the host's)", nv_mirror},
            {"arch", 0, cli::ArgKind::required, "<arch>", "amd64 or i386", nv_arch},
            {"sshkeys", 0, cli::ArgKind::required, "<file>", "root's authorized_keys in the guest",
             nv_sshkeys},
            {"post-install-script", 0, cli::ArgKind::required, "<file>",
             "run on the host at the end with the guest's root and name", nv_post_install},
            {"vsroot", 0, cli::ArgKind::required, "<dir>", "the guests' root (/vservers)",
             nv_vsroot},
            {"force", 0, cli::ArgKind::none, "", "replace a stopped guest of that name", nv_force},
            {"verbose", 'v', cli::ArgKind::none, "", "accepted; ignored", nv_verbose},
        },
        {
            {"", "The same as 'vserver <hostname> build -m debootstrap --hostname <hostname> "
                 "--interface <dev>:<ip> [--context <xid>] [--rootdir <vsroot>] -- -d <dist> "
                 "[-m <mirror>] [-a <arch>]' (see vserver(8)). Exit status 0 for a built "
                 "guest, 1 for a refused command line or a failed build (nothing is left "
                 "behind)."},
        },
    };
    return spec;
}

cli::Parsed<NewvserverArgs> parse_newvserver_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(newvserver_spec());
    NewvserverArgs args;
    BuildArgs &b = args.build;
    b.method = "debootstrap";
    std::string ip, dev;
    if (auto done = getopt.parse(argc, argv, args, 1, [&](int c) -> std::optional<cli::UsageError> {
            const std::string v = optarg ? optarg : "";
            switch (c) {
            case nv_hostname:
                b.hostname = v;
                break;
            case nv_domain:
                b.domain = v;
                break;
            case nv_ip:
                ip = v;
                break;
            case nv_interface:
                dev = v;
                break;
            case nv_context: {
                auto xid = cli::parse_uint32(v);
                if (!xid || *xid < 2 || *xid > last_static_xid)
                    return cli::UsageError{1, "--context " + cli::quote(v) +
                                                  " is not a static context id (2.." +
                                                  std::to_string(last_static_xid) + ")"};
                b.xid = *xid;
                break;
            }
            case nv_dist:
                b.dist = v;
                break;
            case nv_mirror:
                b.mirror = v;
                break;
            case nv_arch:
                b.arch = v;
                break;
            case nv_sshkeys:
                b.authorized_keys_file = v;
                break;
            case nv_post_install:
                b.post_install_script = v;
                break;
            case nv_vsroot:
                if (v.empty() || v[0] != '/')
                    return cli::UsageError{1, "--vsroot needs an absolute path"};
                b.rootdir = v;
                break;
            case nv_force:
                b.force = true;
                break;
            default:
                break;
            }
            return {};
        }))
        return *done;
    if (optind < argc)
        return cli::UsageError{1, "unexpected argument " + cli::quote(argv[optind])};
    if (b.hostname.empty())
        return cli::UsageError{1, "--hostname is required"};
    if (ip.empty())
        return cli::UsageError{1, "--ip is required"};
    b.name = b.hostname;
    // The words vserver build takes, so both check them the same way.
    std::vector<std::string> words = {"-m", "debootstrap", "--hostname", b.hostname};
    words.push_back("--interface");
    words.push_back(dev.empty() ? ip : dev + ":" + ip);
    auto parsed = parse_build_args(b.name, words);
    if (!parsed)
        return cli::UsageError{1, parsed.error().message.substr(
                                      parsed.error().message.rfind("build: ", 0) == 0 ? 7 : 0)};
    b.interfaces = parsed.value().interfaces;
    if (!known_dist(b.dist))
        return cli::UsageError{1, "unknown distribution " + cli::quote(b.dist) +
                                      " (known: " + known_dists_text() + ")"};
    if (!b.arch.empty() && b.arch != "amd64" && !is_i386(b.arch))
        return cli::UsageError{1,
                               "unsupported architecture " + cli::quote(b.arch) + " (amd64, i386)"};
    return args;
}

} // namespace vserver::guest
