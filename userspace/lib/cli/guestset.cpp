// SPDX-License-Identifier: GPL-2.0-only

#include "guestset.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace vserver::guest {

using cli::UsageError;

namespace {

std::string guest_dir(const Paths &paths, const std::string &name) {
    return paths.confdir + "/" + name;
}

std::string depends_file(const Paths &paths, const std::string &name) {
    return guest_dir(paths, name) + "/apps/init/depends";
}

std::string trim(std::string_view text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

std::string join(const std::vector<std::string> &names, std::string_view sep = " ") {
    std::string out;
    for (const auto &n : names) {
        if (!out.empty())
            out += sep;
        out += n;
    }
    return out;
}

std::string no_guest(const Paths &paths, const std::string &name) {
    return "no guest " + cli::quote(name) + " in " + paths.confdir;
}

} // namespace

std::vector<std::string> configured_guests(const Paths &paths) {
    std::vector<std::string> names;
    DIR *dir = ::opendir(paths.confdir.c_str());
    if (dir == nullptr)
        return names;
    while (const dirent *e = ::readdir(dir)) {
        const std::string name = e->d_name;
        struct stat st {};
        // stat, not lstat: a configuration may be a symlink to a directory.
        if (name.empty() || name[0] == '.' || ::stat(guest_dir(paths, name).c_str(), &st) != 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        names.push_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

std::string init_mark(const Paths &paths, const std::string &name) {
    auto text = cli::read_file_if_exists(guest_dir(paths, name) + "/apps/init/mark");
    if (!text || !text.value())
        return {};
    const std::string &all = *text.value();
    return trim(std::string_view(all).substr(0, all.find('\n')));
}

std::vector<std::string> marked_guests(const Paths &paths, const std::string &mark) {
    std::vector<std::string> out;
    for (const auto &name : configured_guests(paths))
        if (!mark.empty() && init_mark(paths, name) == mark)
            out.push_back(name);
    return out;
}

Result<std::vector<std::string>> init_depends(const Paths &paths, const std::string &name) {
    auto text = cli::read_file_if_exists(depends_file(paths, name));
    if (!text)
        return text.error();
    std::vector<std::string> out;
    if (!text.value())
        return out;
    std::string_view rest = *text.value();
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        line = line.substr(0, line.find('#'));
        std::string dep = trim(line);
        if (!dep.empty() && std::find(out.begin(), out.end(), dep) == out.end())
            out.push_back(std::move(dep));
    }
    return out;
}

Result<std::vector<std::string>> start_order(const Paths &paths,
                                             const std::vector<std::string> &selected) {
    // The selected guests and what they need, each with its dependencies;
    // a std::set as the work list keeps the first error the same from run
    // to run.
    std::map<std::string, std::vector<std::string>> deps;
    std::set<std::string> todo;
    for (const auto &name : selected) {
        if (!exists(paths, name))
            return error(ENOENT, no_guest(paths, name));
        todo.insert(name);
    }
    while (!todo.empty()) {
        const std::string name = *todo.begin();
        todo.erase(todo.begin());
        auto d = init_depends(paths, name);
        if (!d)
            return d.error();
        for (const auto &dep : d.value()) {
            if (!exists(paths, dep))
                return error(ENOENT, depends_file(paths, name) + ": no guest " + cli::quote(dep));
            if (!deps.count(dep))
                todo.insert(dep);
        }
        deps[name] = std::move(d.value());
    }

    // Kahn's algorithm; the ready guests in a std::set so that ties go in
    // name order.
    std::map<std::string, std::size_t> waiting;
    std::map<std::string, std::vector<std::string>> needed_by;
    std::set<std::string> ready;
    for (const auto &[name, d] : deps) {
        waiting[name] = d.size();
        for (const auto &dep : d)
            needed_by[dep].push_back(name);
        if (d.empty())
            ready.insert(name);
    }
    std::vector<std::string> order;
    while (!ready.empty()) {
        const std::string name = *ready.begin();
        ready.erase(ready.begin());
        order.push_back(name);
        for (const auto &other : needed_by[name])
            if (--waiting[other] == 0)
                ready.insert(other);
    }
    if (order.size() == deps.size())
        return order;

    // Every guest left waits for another one left: following those from
    // the first in name order must come back to a guest already passed.
    std::set<std::string> started(order.begin(), order.end());
    std::vector<std::string> path;
    std::map<std::string, std::size_t> seen;
    std::string at;
    for (const auto &[name, d] : deps)
        if (!started.count(name)) {
            at = name;
            break;
        }
    while (!seen.count(at)) {
        seen[at] = path.size();
        path.push_back(at);
        std::vector<std::string> left;
        for (const auto &dep : deps[at])
            if (!started.count(dep))
                left.push_back(dep);
        at = *std::min_element(left.begin(), left.end());
    }
    std::vector<std::string> cycle(path.begin() + static_cast<std::ptrdiff_t>(seen[at]),
                                   path.end());
    cycle.push_back(at);
    return error(ELOOP, "dependency cycle: " + join(cycle, " -> "));
}

// --- vapt-get ------------------------------------------------------------------

namespace {

// --quiet and --mark have short forms: getopt_long returns their letters.
enum : int { opt_all = cli::opt_first, opt_running, opt_marked };

constexpr std::string_view vapt_get = "vapt-get";
constexpr std::string_view start_marked = "vserver-start-marked";

std::string more_info(const std::string &message) {
    return message + "; try '--help' for more information";
}

} // namespace

const cli::ToolSpec &vapt_get_spec() {
    static const cli::ToolSpec spec{
        "vapt-get",
        "runs apt-get in several guests, one after the other",
        "runs apt-get in vservers",
        {"[--quiet] <name>... -- <apt-get arg>...\n"
         "[--quiet] --all|--running|--marked <mark> -- <apt-get arg>..."},
        ":",
        {
            cli::help_option(),
            cli::version_option(),
            {"quiet", 'q', cli::ArgKind::none, "",
             "no header lines and no notes on skipped guests; errors are still shown"},
            {"all", 0, cli::ArgKind::none, "",
             "every configured guest that is running; stopped ones are skipped", opt_all},
            {"running", 0, cli::ArgKind::none, "", "the same as --all", opt_running},
            {"marked", 0, cli::ArgKind::required, "<mark>",
             "the guests whose apps/init/mark is <mark>; each must be running", opt_marked},
        },
        {
            {"", "Runs 'apt-get <apt-get argument>...' as root in each selected guest (as "
                 "'vserver <name> apt-get' does), one guest after the other in name order. "
                 "Everything after the first '--' goes to apt-get. Before a guest's output, a "
                 "line '==> <name> <==' is printed on stdout."},
            {"<name>...", "the guests named; each must have a configuration in /etc/vservers "
                          "and be running"},
            {"", "A guest that must run but is stopped, and a configuration that does not "
                 "load, are reported in one line each and count as failures; the other "
                 "guests go on. --all and --running skip a stopped guest with the line "
                 "\"vapt-get: '<name>' is not running; skipped\" on stderr."},
            {"", "Exit status 0 when apt-get exited with 0 in every selected guest; otherwise "
                 "1, after a last line 'vapt-get: apt-get failed in: <name>...'. A refused "
                 "command line (no selection, names with --all, no '--' or nothing after it, "
                 "a guest without configuration) exits with 1 and one line."},
            {"VSERVER_CONFDIR", "the configuration root instead of /etc/vservers"},
        },
    };
    return spec;
}

cli::Parsed<VaptGetArgs> parse_vapt_get_args(int argc, char *argv[], const Paths &paths) {
    static const cli::Getopt getopt(vapt_get_spec());
    constexpr int code = vapt_get_exit_code;
    using Select = VaptGetArgs::Select;

    // Only what comes before the first "--" is ours, so that getopt never
    // sees (or reorders) apt-get's options.
    int dashes = 1;
    while (dashes < argc && std::string_view(argv[dashes]) != "--")
        ++dashes;
    VaptGetArgs args;
    int modes = 0;
    auto mode = [&](Select s) {
        if (args.select != s || s == Select::marked)
            ++modes;
        args.select = s;
    };
    if (auto done = getopt.parse(dashes, argv, args, code, [&](int c) -> std::optional<UsageError> {
            if (c == 'q')
                args.quiet = true;
            else if (c == opt_all)
                mode(Select::all);
            else if (c == opt_running)
                mode(Select::running);
            else if (c == opt_marked) {
                mode(Select::marked);
                args.mark = optarg;
                if (args.mark.empty())
                    return UsageError{code, "empty mark"};
            }
            return {};
        }))
        return *done;
    for (auto &name : cli::operands(dashes, argv))
        args.names.push_back(std::move(name));
    std::sort(args.names.begin(), args.names.end());
    args.names.erase(std::unique(args.names.begin(), args.names.end()), args.names.end());

    if (modes > 1 || (modes == 1 && !args.names.empty()))
        return UsageError{code, more_info("give guest names or one of --all, --running and "
                                          "--marked, not several")};
    if (modes == 0 && args.names.empty())
        return UsageError{code, more_info("no guests selected (names, --all, --running or "
                                          "--marked <mark>)")};
    if (dashes >= argc)
        return UsageError{code, more_info("missing '--' before the apt-get arguments")};
    if (dashes + 1 >= argc)
        return UsageError{code, more_info("no apt-get arguments after '--'")};
    for (const auto &name : args.names)
        if (!exists(paths, name))
            return UsageError{code, no_guest(paths, name)};
    for (int i = dashes + 1; i < argc; ++i)
        args.apt_args.emplace_back(argv[i]);
    return args;
}

int run_vapt_get(const VaptGetArgs &args, const Paths &paths) {
    using Select = VaptGetArgs::Select;
    std::vector<std::string> names = args.names;
    const bool skip_stopped = args.select == Select::all || args.select == Select::running;
    if (skip_stopped)
        names = configured_guests(paths);
    if (args.select == Select::marked) {
        names = marked_guests(paths, args.mark);
        if (names.empty())
            return cli::fail(vapt_get, "no guests marked " + cli::quote(args.mark),
                             vapt_get_exit_code);
    }
    std::vector<std::string> command = {"apt-get"};
    command.insert(command.end(), args.apt_args.begin(), args.apt_args.end());

    std::vector<std::string> failed;
    for (const auto &name : names) {
        auto cfg = load(paths, name);
        if (!cfg) {
            cli::fail(vapt_get, cfg.error().message, 0);
            failed.push_back(name);
            continue;
        }
        if (!running(paths, cfg.value())) {
            if (!skip_stopped) {
                cli::fail(vapt_get, cli::quote(name) + " is not running", 0);
                failed.push_back(name);
            } else if (!args.quiet) {
                cli::fail(vapt_get, cli::quote(name) + " is not running; skipped", 0);
            }
            continue;
        }
        if (!args.quiet)
            std::cout << "==> " << name << " <==\n";
        // The child writes to the same stdout: the header must be out first.
        std::cout.flush();
        if (exec_in(paths, cfg.value(), command, std::nullopt) != 0)
            failed.push_back(name);
    }
    if (failed.empty())
        return 0;
    return cli::fail(vapt_get, "apt-get failed in: " + join(failed), vapt_get_exit_code);
}

// --- vserver-start-marked -------------------------------------------------------------

const cli::ToolSpec &start_marked_spec() {
    static const cli::ToolSpec spec{
        "vserver-start-marked",
        "starts or stops the guests of an init mark, dependencies first",
        "starts and stops marked vservers",
        {"[--mark <mark>] start|stop\n--all start|stop"},
        ":",
        {
            cli::help_option(),
            cli::version_option(),
            {"mark", 'm', cli::ArgKind::required, "<mark>",
             "the guests whose apps/init/mark is <mark> (default: 'default')"},
            {"all", 0, cli::ArgKind::none, "", "every configured guest", opt_all},
        },
        {
            {"", "What the host's boot and shutdown run (vservers-default.service). A guest "
                 "is marked by the first line of /etc/vservers/<name>/apps/init/mark; "
                 "apps/init/depends names, one a line, the guests it needs running first "
                 "(blank lines and '#' comments are ignored)."},
            {"start", "starts the selected guests and, first, the guests they depend on "
                      "(recursively), each after those it depends on, else in name order. A "
                      "running guest is left alone; a guest whose dependency failed is not "
                      "started. A depends entry without a configuration and a dependency "
                      "cycle stop the command before anything is started."},
            {"stop", "stops the selected guests that are running, in the reverse order (the "
                     "guests they depend on are not stopped)"},
            {"", "Each guest gets a line on stdout ('vserver-start-marked: starting "
                 "'<name>''); errors are one line each on stderr, and a configuration that "
                 "does not load fails that guest only. Exit status 0 when every guest "
                 "started (stopped) or was already running (stopped), else 1 after a last "
                 "line naming the guests that failed. No guest marked: one line, exit 0."},
            {"VSERVER_CONFDIR", "the configuration root instead of /etc/vservers"},
        },
    };
    return spec;
}

cli::Parsed<StartMarkedArgs> parse_start_marked_args(int argc, char *argv[]) {
    static const cli::Getopt getopt(start_marked_spec());
    constexpr int code = start_marked_exit_code;
    StartMarkedArgs args;
    bool marked = false;
    if (auto done = getopt.parse(argc, argv, args, code, [&](int c) -> std::optional<UsageError> {
            if (c == opt_all)
                args.all = true;
            else if (c == 'm') {
                marked = true;
                args.mark = optarg;
                if (args.mark.empty())
                    return UsageError{code, "empty mark"};
            }
            return {};
        }))
        return *done;
    if (marked && args.all)
        return UsageError{code, more_info("--mark and --all exclude each other")};
    const auto ops = cli::operands(argc, argv);
    if (ops.empty())
        return UsageError{code, more_info("missing command (start or stop)")};
    if (ops[0] != "start" && ops[0] != "stop")
        return UsageError{code,
                          more_info("unknown command " + cli::quote(ops[0]) + " (start or stop)")};
    if (ops.size() > 1)
        return UsageError{code, more_info("unexpected argument " + cli::quote(ops[1]))};
    args.stop = ops[0] == "stop";
    return args;
}

namespace {

void say(const std::string &line) {
    std::cout << start_marked << ": " << line << '\n' << std::flush;
}

int start_guests(const Paths &paths, const std::vector<std::string> &selected) {
    auto order = start_order(paths, selected);
    if (!order)
        return cli::fail(start_marked, order.error().message, start_marked_exit_code);
    std::vector<std::string> failed;
    auto has_failed = [&](const std::string &name) {
        return std::find(failed.begin(), failed.end(), name) != failed.end();
    };
    for (const auto &name : order.value()) {
        // start_order() has read every depends file already.
        std::vector<std::string> deps;
        if (auto d = init_depends(paths, name))
            deps = std::move(d.value());
        if (auto bad = std::find_if(deps.begin(), deps.end(), has_failed); bad != deps.end()) {
            cli::fail(start_marked,
                      "not starting " + cli::quote(name) + ": " + cli::quote(*bad) + " failed", 0);
            failed.push_back(name);
            continue;
        }
        auto cfg = load(paths, name);
        if (!cfg) {
            cli::fail(start_marked, cfg.error().message, 0);
            failed.push_back(name);
            continue;
        }
        if (running(paths, cfg.value())) {
            say(cli::quote(name) + " is already running");
            continue;
        }
        say("starting " + cli::quote(name));
        if (start(paths, cfg.value(), true) != 0)
            failed.push_back(name);
    }
    if (failed.empty())
        return 0;
    return cli::fail(start_marked, "could not start: " + join(failed), start_marked_exit_code);
}

int stop_guests(const Paths &paths, const std::vector<std::string> &selected) {
    // A broken depends file must not keep guests running at shutdown: it
    // is reported, and they stop in reverse name order instead.
    bool ok = true;
    std::vector<std::string> order;
    if (auto o = start_order(paths, selected)) {
        order = std::move(o.value());
    } else {
        cli::fail(start_marked, o.error().message, 0);
        ok = false;
        order = selected;
    }
    std::reverse(order.begin(), order.end());
    std::vector<std::string> failed;
    for (const auto &name : order) {
        if (std::find(selected.begin(), selected.end(), name) == selected.end())
            continue; // a dependency only: other guests may need it
        auto cfg = load(paths, name);
        if (!cfg) {
            cli::fail(start_marked, cfg.error().message, 0);
            failed.push_back(name);
            continue;
        }
        if (!running(paths, cfg.value())) {
            say(cli::quote(name) + " is not running");
            continue;
        }
        say("stopping " + cli::quote(name));
        if (stop(paths, cfg.value(), true) != 0)
            failed.push_back(name);
    }
    if (!failed.empty())
        return cli::fail(start_marked, "could not stop: " + join(failed), start_marked_exit_code);
    return ok ? 0 : start_marked_exit_code;
}

} // namespace

int run_start_marked(const StartMarkedArgs &args, const Paths &paths) {
    const auto selected = args.all ? configured_guests(paths) : marked_guests(paths, args.mark);
    if (selected.empty()) {
        say(args.all ? std::string("no guests configured")
                     : "no guests marked " + cli::quote(args.mark));
        return 0;
    }
    return args.stop ? stop_guests(paths, selected) : start_guests(paths, selected);
}

} // namespace vserver::guest
