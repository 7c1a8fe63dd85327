// SPDX-License-Identifier: GPL-2.0-only

#include "fswalk.hpp"

#include "sys.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <utility>

namespace vserver {

namespace {

struct DirCloser {
    void operator()(DIR *dir) const noexcept { ::closedir(dir); }
};
using DirPtr = std::unique_ptr<DIR, DirCloser>;

class FdGuard {
  public:
    explicit FdGuard(int fd) noexcept : fd_(fd) {}
    FdGuard(const FdGuard &) = delete;
    FdGuard &operator=(const FdGuard &) = delete;
    ~FdGuard() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    int get() const noexcept { return fd_; }

  private:
    int fd_;
};

bool skipped(const char *name, bool dotfiles) noexcept {
    if (name[0] != '.')
        return false;
    if (!dotfiles)
        return true;
    return name[1] == '\0' || (name[1] == '.' && name[2] == '\0');
}

class Walk {
  public:
    Walk(const WalkOptions &options, const Visitor &visit, const Reporter &report)
        : options_(options), visit_(visit), report_(report) {}

    WalkResult result() const noexcept { return result_; }

    // One command-line path; the working directory is the original one.
    void path(const std::string &path) {
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0) {
            fail(path, errno);
            return;
        }
        if (!S_ISDIR(st.st_mode) || options_.dirs_as_files) {
            visit(path.c_str(), path, st);
            return;
        }
        const FdGuard home(::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (home.get() < 0) {
            fail(".", errno);
            return;
        }
        if (auto dir = enter(path.c_str(), path, st))
            directory(std::move(dir), path, st);
        if (::fchdir(home.get()) != 0) {
            // Nothing relative can be trusted any more.
            fail(".", errno);
            result_.stopped = true;
        }
    }

    bool stopped() const noexcept { return result_.stopped; }

  private:
    void fail(const std::string &display, int errnum) {
        report_(syscall_error(display, errnum));
        ++result_.failures;
    }

    void visit(const char *name, const std::string &display, const struct stat &st) {
        switch (visit_(name, display, st)) {
        case Visit::ok:
            break;
        case Visit::failed:
            ++result_.failures;
            break;
        case Visit::stop:
            ++result_.failures;
            result_.stopped = true;
            break;
        }
    }

    // Changes into `name` (relative to the working directory) if it is
    // still the directory `st` describes; the open stream of it, or null
    // after reporting why not.
    DirPtr enter(const char *name, const std::string &display, const struct stat &st) {
        const int fd = ::open(name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            fail(display, errno);
            return nullptr;
        }
        struct stat now;
        if (::fstat(fd, &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
            ::close(fd);
            report_(error(ESTALE, display + ": replaced while being walked; skipped"));
            ++result_.failures;
            return nullptr;
        }
        if (::fchdir(fd) != 0) {
            const int err = errno;
            ::close(fd);
            fail(display, err);
            return nullptr;
        }
        DIR *dir = ::fdopendir(fd);
        if (dir == nullptr) {
            const int err = errno;
            ::close(fd);
            fail(display, err);
            return nullptr;
        }
        return DirPtr(dir);
    }

    // The working directory is `dir`, shown as `display`.
    void directory(DirPtr dir, const std::string &display, const struct stat &st) {
        visit(".", display, st);
        if (stopped())
            return;

        std::vector<std::string> names;
        errno = 0;
        while (const struct dirent *ent = ::readdir(dir.get())) {
            if (!skipped(ent->d_name, options_.dotfiles))
                names.emplace_back(ent->d_name);
            errno = 0;
        }
        if (errno != 0)
            fail(display, errno);
        std::sort(names.begin(), names.end());

        std::string base = display;
        while (!base.empty() && base.back() == '/')
            base.pop_back();
        base += '/';

        std::vector<std::pair<std::string, struct stat>> subdirs;
        for (const auto &name : names) {
            struct stat entry;
            if (::lstat(name.c_str(), &entry) != 0) {
                fail(base + name, errno);
                continue;
            }
            if (S_ISDIR(entry.st_mode) && options_.recurse) {
                subdirs.emplace_back(name, entry);
                continue;
            }
            visit(name.c_str(), base + name, entry);
            if (stopped())
                return;
        }

        for (const auto &[name, entry] : subdirs) {
            if (options_.one_fs && entry.st_dev != st.st_dev)
                continue;
            const std::string child = base + name;
            if (auto sub = enter(name.c_str(), child, entry))
                directory(std::move(sub), child, entry);
            if (::fchdir(::dirfd(dir.get())) != 0) {
                fail(display, errno);
                result_.stopped = true;
            }
            if (stopped())
                return;
        }
    }

    const WalkOptions &options_;
    const Visitor &visit_;
    const Reporter &report_;
    WalkResult result_;
};

} // namespace

WalkResult walk_files(const std::vector<std::string> &paths, const WalkOptions &options,
                      const Visitor &visit, const Reporter &report) {
    Walk walk(options, visit, report);
    for (const auto &path : paths) {
        walk.path(path);
        if (walk.stopped())
            break;
    }
    return walk.result();
}

} // namespace vserver
