// SPDX-License-Identifier: GPL-2.0-only

#include "vstat.hpp"

#include <getopt.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <unistd.h>

namespace vserver {

using cli::UsageError;

const cli::ToolSpec &vserver_stat_spec() {
    static const cli::ToolSpec spec{
        "vserver-stat",
        "shows the running contexts with their processes, memory and CPU times",
        "show virtual context statistics",
        {"[--help] [--version]"},
        "+",
        {
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "Prints one line per running context, sorted by context id, under a header "
                 "naming the columns:"},
            {"CTX", "the context id; 0 is the host, 1 the monitoring (spectator) context"},
            {"PROC", "the number of processes"},
            {"VSZ", "their virtual memory"},
            {"RSS", "their resident memory"},
            {"userTIME", "the CPU time spent in user mode by the context's processes, those that "
                         "have ended included"},
            {"sysTIME", "the CPU time spent in the kernel"},
            {"UPTIME", "the time since the context was created (the host: since its oldest "
                       "process started)"},
            {"NAME", "'root server', 'monitoring server', or the vserver whose configuration "
                     "directory under /etc/vservers names the context (its 'name' file or the "
                     "directory), or the last part of the context's name, or the id"},
            {"", "Sizes are bytes, or K, M, G or T with one decimal (1.5M). Times are minutes, "
                 "seconds and hundredths below an hour (12m07s25), then hours, minutes and "
                 "seconds (1h02m03), days, hours and minutes (1d03h39) and years, days and "
                 "hours (2y27d05). The guests' values come from "
                 "/proc/virtual/<xid>/cvirt, the host's from its processes in /proc. Exits with "
                 "1 when the kernel has no /proc/virtual."},
        },
    };
    return spec;
}

cli::Parsed<VserverStatArgs> parse_vserver_stat_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(vserver_stat_spec());
    constexpr int code = vserver_stat_exit_code;
    VserverStatArgs args;
    if (auto done = getopt.parse(argc, argv, args, code,
                                 [](int) -> std::optional<UsageError> { return {}; }))
        return *done;
    if (optind < argc)
        return UsageError{code, "unexpected argument " + cli::quote(argv[optind]) +
                                    "; try '--help' for more information"};
    return args;
}

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

template <typename T> std::optional<T> parse_digits(std::string_view text) noexcept {
    if (text.empty() || !is_digit(text.front()))
        return std::nullopt;
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// The whole file; errno of open/read as the Error's number.
Result<std::string> read_text(const std::string &path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd == -1)
        return error(errno, "cannot open " + cli::quote(path) + ": " + std::strerror(errno));
    std::string text;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == -1 && errno == EINTR)
            continue;
        if (n == -1) {
            const int err = errno;
            ::close(fd);
            return error(err, "cannot read " + cli::quote(path) + ": " + std::strerror(err));
        }
        if (n == 0)
            break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

// The names in a directory, sorted; fails like opendir.
Result<std::vector<std::string>> list_dir(const std::string &path) {
    DIR *dir = ::opendir(path.c_str());
    if (dir == nullptr)
        return error(errno, "cannot open " + cli::quote(path) + ": " + std::strerror(errno));
    std::vector<std::string> names;
    while (const dirent *e = ::readdir(dir))
        names.emplace_back(e->d_name);
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

// Two digits of util-vserver's fillUintZero: zero-padded, a longer value
// cut to its first two digits.
std::string two_digits(std::uint64_t v) {
    std::string s = std::to_string(v);
    if (s.size() < 2)
        return std::string(2 - s.size(), '0') + s;
    return s.substr(0, 2);
}

void put(std::string &line, std::size_t at, std::string_view text) {
    if (line.size() < at + text.size())
        line.resize(at + text.size(), ' ');
    line.replace(at, text.size(), text);
}

// `text` ending just before column `end` (clamped at column `floor`).
void put_right(std::string &line, std::size_t end, std::string_view text, std::size_t floor) {
    const std::size_t at = text.size() >= end - floor ? floor : end - text.size();
    put(line, at, text);
}

std::string trim_line(std::string_view text) {
    text = text.substr(0, text.find('\n'));
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return std::string(text);
}

std::uint64_t ticks_to_ms(std::uint64_t ticks, std::uint64_t hz) {
    return hz == 0 ? 0 : ticks * 1000 / hz;
}

} // namespace

std::optional<std::uint64_t> parse_seconds_ms(std::string_view text) noexcept {
    const auto end = text.find_first_of(" \t\n");
    if (end != std::string_view::npos)
        text = text.substr(0, end);
    const auto dot = text.find('.');
    auto secs = parse_digits<std::uint64_t>(text.substr(0, dot));
    if (!secs)
        return std::nullopt;
    std::uint64_t ms = 0;
    if (dot != std::string_view::npos) {
        const std::string_view frac = text.substr(dot + 1);
        if (frac.size() > 3)
            return std::nullopt;
        if (!frac.empty()) {
            auto f = parse_digits<std::uint64_t>(frac);
            if (!f)
                return std::nullopt;
            ms = *f;
            for (std::size_t i = frac.size(); i < 3; ++i)
                ms *= 10;
        }
    }
    return *secs * 1000 + ms;
}

std::optional<std::uint64_t> parse_proc_uptime(std::string_view text) noexcept {
    return parse_seconds_ms(text);
}

Result<CvirtInfo> parse_cvirt(std::string_view text) {
    std::map<std::string, std::string, std::less<>> values;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == '\t' || value.front() == ' '))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == '\r' || value.back() == ' '))
            value.remove_suffix(1);
        values.emplace(std::string(line.substr(0, colon)), std::string(value));
    }
    auto find = [&](std::string_view key) -> Result<std::string> {
        auto it = values.find(key);
        if (it == values.end())
            return error(EINVAL, "no '" + std::string(key) + "' line");
        return it->second;
    };
    CvirtInfo info;
    {
        auto v = find("BiasUptime");
        if (!v)
            return v.error();
        auto ms = parse_seconds_ms(v.value());
        if (!ms)
            return error(EINVAL, "invalid 'BiasUptime' line");
        info.bias_uptime_ms = *ms;
    }
    const std::pair<std::string_view, std::uint64_t CvirtInfo::*> numbers[] = {
        {"nr_processes", &CvirtInfo::processes}, {"vm_kb", &CvirtInfo::vm_kb},
        {"rss_kb", &CvirtInfo::rss_kb},          {"utime_ns", &CvirtInfo::utime_ns},
        {"stime_ns", &CvirtInfo::stime_ns},
    };
    for (const auto &[key, member] : numbers) {
        auto v = find(key);
        if (!v)
            return v.error();
        auto n = parse_digits<std::uint64_t>(v.value());
        if (!n)
            return error(EINVAL, "invalid '" + std::string(key) + "' line");
        info.*member = *n;
    }
    return info;
}

std::optional<ProcStat> parse_proc_stat(std::string_view text) noexcept {
    const auto paren = text.rfind(')');
    if (paren == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = text.substr(paren + 1);
    // Fields from 3 (state) on; field n is tokens[n - 3].
    std::string_view tokens[22];
    std::size_t count = 0;
    while (count < 22) {
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\n'))
            rest.remove_prefix(1);
        if (rest.empty())
            break;
        const auto end = rest.find_first_of(" \n");
        tokens[count++] = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    }
    if (count < 22)
        return std::nullopt;
    ProcStat s;
    const std::pair<std::size_t, std::uint64_t ProcStat::*> fields[] = {
        {14, &ProcStat::utime},  {15, &ProcStat::stime},     {16, &ProcStat::cutime},
        {17, &ProcStat::cstime}, {22, &ProcStat::starttime}, {23, &ProcStat::vsize},
        {24, &ProcStat::rss},
    };
    for (const auto &[field, member] : fields) {
        // cutime/cstime are signed in the kernel; a negative value counts 0.
        std::string_view t = tokens[field - 3];
        if (t.starts_with('-')) {
            if (!parse_digits<std::uint64_t>(t.substr(1)))
                return std::nullopt;
            s.*member = 0;
            continue;
        }
        auto n = parse_digits<std::uint64_t>(t);
        if (!n)
            return std::nullopt;
        s.*member = *n;
    }
    return s;
}

std::string format_size(std::uint64_t bytes) {
    static constexpr std::string_view suffixes[] = {" ", "K", "M", "G", "T", "+"};
    std::string_view suffix = "+";
    std::uint64_t val = bytes;
    std::uint64_t mod = 0;
    for (const auto s : suffixes) {
        if (val < 1000) {
            suffix = s;
            break;
        }
        mod = 10 * (val & 1023) / 1024;
        val >>= 10;
    }
    if (val > 9999)
        val = 9999;
    if (val >= 1000)
        mod = 0;
    std::string text = std::to_string(val);
    if (mod != 0) {
        text += '.';
        text += std::to_string(mod);
    }
    text += suffix;
    if (text.size() < 7)
        text.insert(0, 7 - text.size(), ' ');
    return text;
}

std::string format_time(std::uint64_t t) {
    const std::uint64_t ms = t % 1000;
    t /= 1000;
    const std::uint64_t ss = t % 60;
    t /= 60;
    const std::uint64_t mm = t % 60;
    t /= 60;
    const std::uint64_t hh = t % 24;
    const std::uint64_t days = t / 24;
    std::string out;
    if (days > 999 * 999)
        out = "INVALID";
    else if (days > 999)
        out = std::to_string(days / 365) + "y" + two_digits(days % 365) + "d" + two_digits(hh);
    else if (days > 0)
        out = std::to_string(days) + "d" + two_digits(hh) + "h" + two_digits(mm);
    else if (hh > 0)
        out = std::to_string(hh) + "h" + two_digits(mm) + "m" + two_digits(ss);
    else
        out = std::to_string(mm) + "m" + two_digits(ss) + "s" + two_digits(ms);
    if (out.size() < 10)
        out.insert(0, 10 - out.size(), ' ');
    return out;
}

std::string_view stat_header() noexcept {
    return "CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME";
}

std::string format_stat_row(const ContextStat &row) {
    std::string line(55, ' ');
    put(line, 0, std::to_string(row.xid));
    put_right(line, 10, std::to_string(row.processes), 0);
    put_right(line, 17, format_size(row.vsz_bytes), 10);
    put_right(line, 24, format_size(row.rss_bytes), 17);
    put_right(line, 34, format_time(row.utime_ms), 24);
    put_right(line, 44, format_time(row.stime_ms), 34);
    put_right(line, 54, format_time(row.uptime_ms), 44);
    line.resize(55, ' ');
    line += row.name.substr(0, 20);
    return line;
}

std::string format_stat_table(const std::vector<ContextStat> &rows) {
    std::string out(stat_header());
    out += '\n';
    for (const auto &row : rows)
        out += format_stat_row(row) + '\n';
    return out;
}

std::string stat_context_name(std::uint32_t xid, const StatSources &sources) {
    if (xid == 0)
        return "root server";
    if (xid == 1)
        return "monitoring server";
    if (auto names = list_dir(sources.confdir)) {
        for (const auto &entry : names.value()) {
            if (entry.empty() || entry.front() == '.')
                continue;
            const std::string dir = sources.confdir + "/" + entry;
            auto text = read_text(dir + "/context");
            if (!text)
                continue;
            auto ctx = parse_context_file(text.value());
            if (!ctx || *ctx != xid)
                continue;
            if (auto name = read_text(dir + "/name")) {
                std::string first = trim_line(name.value());
                if (!first.empty())
                    return first;
            }
            return entry;
        }
    }
    if (sources.context_name) {
        if (auto vhi = sources.context_name(xid);
            vhi && vhi.value().find('/') != std::string::npos) {
            std::string_view path = vhi.value();
            while (path.size() > 1 && path.back() == '/')
                path.remove_suffix(1);
            const std::string_view base = path.substr(path.rfind('/') + 1);
            if (!base.empty())
                return std::string(base);
        }
    }
    return std::to_string(xid);
}

Result<StatTable> collect_context_stats(const StatSources &sources) {
    const std::string virtual_dir = sources.proc_root + "/virtual";
    auto contexts = list_dir(virtual_dir);
    if (!contexts)
        return error(contexts.error().errnum,
                     contexts.error().message + " (is this a Linux-VServer kernel?)");
    auto uptime_text = read_text(sources.proc_root + "/uptime");
    if (!uptime_text)
        return uptime_text.error();
    auto now = parse_proc_uptime(uptime_text.value());
    if (!now)
        return error(EINVAL, "bad data in " + cli::quote(sources.proc_root + "/uptime"));

    StatTable table;
    std::map<std::uint32_t, ContextStat> rows;

    // The host (and the spectator, should the walk see its processes).
    std::map<std::uint32_t, std::uint64_t> oldest;
    if (auto pids = list_dir(sources.proc_root)) {
        for (const auto &entry : pids.value()) {
            auto pid = parse_digits<std::uint32_t>(entry);
            if (!pid || *pid == 0 || *pid == sources.self_pid)
                continue;
            if (!sources.task_xid)
                break;
            auto xid = sources.task_xid(*pid);
            if (!xid || xid.value() > 1)
                continue;
            auto text = read_text(sources.proc_root + "/" + entry + "/stat");
            if (!text)
                continue;
            auto stat = parse_proc_stat(text.value());
            if (!stat)
                continue;
            const std::uint64_t hz = sources.clock_ticks;
            auto &row = rows[xid.value()];
            row.xid = xid.value();
            ++row.processes;
            row.vsz_bytes += stat->vsize;
            row.rss_bytes += stat->rss * sources.page_size;
            row.utime_ms += ticks_to_ms(stat->utime, hz) + ticks_to_ms(stat->cutime, hz);
            row.stime_ms += ticks_to_ms(stat->stime, hz) + ticks_to_ms(stat->cstime, hz);
            const std::uint64_t start = ticks_to_ms(stat->starttime, hz);
            auto [it, fresh] = oldest.emplace(row.xid, start);
            if (!fresh)
                it->second = std::min(it->second, start);
        }
    }
    for (auto &[xid, row] : rows)
        row.uptime_ms = *now > oldest[xid] ? *now - oldest[xid] : 0;

    // The guests.
    for (const auto &entry : contexts.value()) {
        auto xid = parse_digits<std::uint32_t>(entry);
        if (!xid)
            continue;
        const std::string file = virtual_dir + "/" + entry + "/cvirt";
        auto text = read_text(file);
        if (!text || text.value().empty())
            continue; // ended since the listing
        auto info = parse_cvirt(text.value());
        if (!info) {
            table.problems.push_back(file + ": " + info.error().message);
            continue;
        }
        ContextStat row;
        row.xid = *xid;
        row.processes = info.value().processes;
        row.vsz_bytes = info.value().vm_kb * 1024;
        row.rss_bytes = info.value().rss_kb * 1024;
        row.utime_ms = info.value().utime_ns / 1000000;
        row.stime_ms = info.value().stime_ns / 1000000;
        const std::uint64_t bias = info.value().bias_uptime_ms;
        row.uptime_ms = *now > bias ? *now - bias : 0;
        rows[*xid] = row;
    }

    for (auto &[xid, row] : rows) {
        row.name = stat_context_name(xid, sources);
        table.rows.push_back(row);
    }
    return table;
}

} // namespace vserver
