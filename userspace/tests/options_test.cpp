// SPDX-License-Identifier: GPL-2.0-only
//
// The option tables: what getopt_long is given, the --help layout and the
// man page made from one table, and checks over every tool's table.

#include "argv.hpp"
#include "options.hpp"
#include "toolspecs.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

using vserver::cli::ArgKind;
using vserver::cli::fill;
using vserver::cli::Getopt;
using vserver::cli::opt_help;
using vserver::cli::opt_version;
using vserver::cli::Option;
using vserver::cli::ToolSpec;
using vserver::cli::UsageError;
using vserver::test::Argv;

namespace {

enum : int { opt_dir = vserver::cli::opt_first, opt_resource };

const ToolSpec &sample() {
    static const ToolSpec spec{
        "vsample",
        "shows how a table becomes options, help and a man page",
        "samples things",
        {"[-q] [--xid|-c <xid>] <file>*", "--dir <dir>\n[--] <program>"},
        "+:",
        {
            {"", 'q', ArgKind::none, "", "quiet"},
            {"xid", 'c', ArgKind::required, "<xid>", "the context: a number or 'self'"},
            {"dir", 0, ArgKind::required, "<dir>",
             "read the values from the files in <dir>; a long text that has to be wrapped "
             "over more than one line",
             opt_dir},
            {"directory", 0, ArgKind::required, "<dir>", "", opt_dir},
            {"level", 'l', ArgKind::optional, "<n>", "how loud"},
            {"<resource>", 0, ArgKind::required, "<value>", "set <resource>", 0, true},
            {"nproc", 0, ArgKind::required, "<value>", "", opt_resource},
            vserver::cli::help_option(),
            vserver::cli::version_option(),
        },
        {
            {"", ".dot at the start, a back\\slash and -1."},
            {"TERM", "what TERM means"},
            {"", "Last paragraph."},
        },
    };
    return spec;
}

std::vector<std::string> lines_of(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

} // namespace

TEST_CASE("fill wraps words into lines of at most the width", "[options]") {
    CHECK(fill("", 10).empty());
    CHECK(fill("one two three four", 9) == std::vector<std::string>{"one two", "three", "four"});
    CHECK(fill("one two", 7) == std::vector<std::string>{"one two"});
    CHECK(fill("  spaced   out  ", 80) == std::vector<std::string>{"spaced out"});
    CHECK(fill("a verylongword b", 5) == std::vector<std::string>{"a", "verylongword", "b"});
    CHECK(fill("first\nsecond line", 80) == std::vector<std::string>{"first", "second line"});
    CHECK(fill("a\n\nb", 80) == std::vector<std::string>{"a", "", "b"});
}

TEST_CASE("a table gives getopt_long its long options and short string", "[options]") {
    const Getopt getopt(sample());
    CHECK(getopt.short_options() == "+:qc:l::");
    const auto &longs = getopt.long_options();
    REQUIRE(longs.size() == 8);
    auto check = [&](std::size_t i, const char *name, int has_arg, int val) {
        INFO(name);
        CHECK(std::strcmp(longs[i].name, name) == 0);
        CHECK(longs[i].has_arg == has_arg);
        CHECK(longs[i].flag == nullptr);
        CHECK(longs[i].val == val);
    };
    check(0, "xid", required_argument, 'c');
    check(1, "dir", required_argument, opt_dir);
    check(2, "directory", required_argument, opt_dir);
    check(3, "level", optional_argument, 'l');
    check(4, "nproc", required_argument, opt_resource);
    check(5, "help", no_argument, opt_help);
    check(6, "version", no_argument, opt_version);
    CHECK(longs[7].name == nullptr);
}

TEST_CASE("Getopt parses with the table from the start", "[options]") {
    const Getopt getopt(sample());
    for (int round = 0; round < 2; ++round) {
        Argv argv{"vsample", "-qc", "7", "--direct=/d", "--xid", "8", "-l2", "file", "-q"};
        std::vector<int> ids;
        std::vector<std::string> values;
        Getopt::reset();
        for (int c; (c = getopt.next(argv.argc(), argv.argv())) != -1;) {
            ids.push_back(c);
            values.emplace_back(optarg != nullptr ? optarg : "");
        }
        CHECK(ids == std::vector<int>{'q', 'c', opt_dir, 'c', 'l'});
        CHECK(values == std::vector<std::string>{"", "7", "/d", "8", "2"});
        CHECK(optind == 7);
    }

    Argv bad{"vsample", "--di", "x"}; // --dir or --directory: the same option
    Getopt::reset();
    CHECK(getopt.next(bad.argc(), bad.argv()) == opt_dir);
    Argv missing{"vsample", "--xid"};
    Getopt::reset();
    const int c = getopt.next(missing.argc(), missing.argv());
    CHECK(c == ':');
    CHECK(vserver::cli::option_failure(c, missing.argv(), 3).message ==
          "option '--xid' requires an argument (try '--help')");
    CHECK(vserver::cli::option_failure(c, missing.argv(), 3).exit_code == 3);
}

namespace {

struct SampleArgs {
    vserver::cli::Action action = vserver::cli::Action::run;
    std::vector<int> ids;
    std::vector<std::string> values;
};

// Getopt::parse over the sample table; -q is refused with exit status 5.
std::optional<vserver::cli::Parsed<SampleArgs>> parse_sample(Argv &argv, SampleArgs &args) {
    static const Getopt getopt(sample());
    return getopt.parse(argv.argc(), argv.argv(), args, 4, [&](int c) -> std::optional<UsageError> {
        if (c == 'q')
            return UsageError{5, "no -q"};
        args.ids.push_back(c);
        args.values.emplace_back(optarg != nullptr ? optarg : "");
        return std::nullopt;
    });
}

} // namespace

TEST_CASE("Getopt::parse hands each option to the tool and leaves the operands", "[options]") {
    Argv argv{"vsample", "-c", "7", "--dir=/d", "--nproc", "9", "file", "-q"};
    SampleArgs args;
    CHECK_FALSE(parse_sample(argv, args));
    CHECK(args.action == vserver::cli::Action::run);
    CHECK(args.ids == std::vector<int>{'c', opt_dir, opt_resource});
    CHECK(args.values == std::vector<std::string>{"7", "/d", "9"});
    CHECK(optind == 6);
    CHECK(vserver::cli::operands(argv.argc(), argv.argv()) ==
          std::vector<std::string>{"file", "-q"});
}

TEST_CASE("Getopt::parse ends at --help, --version, a bad option or a refusal", "[options]") {
    auto ended = [](Argv argv) {
        SampleArgs args;
        auto done = parse_sample(argv, args);
        REQUIRE(done);
        return *done;
    };
    for (auto [first, action] : {std::pair{"--help", vserver::cli::Action::help},
                                 std::pair{"--version", vserver::cli::Action::version}}) {
        INFO(first);
        auto done = ended(Argv{"vsample", "-c", "1", first, "-x", "--bogus"});
        REQUIRE(std::holds_alternative<SampleArgs>(done));
        const auto &args = std::get<SampleArgs>(done);
        CHECK(args.action == action);
        CHECK(args.ids == std::vector<int>{'c'});
    }
    auto bad = ended(Argv{"vsample", "-x", "--help"});
    REQUIRE(std::holds_alternative<UsageError>(bad));
    CHECK(std::get<UsageError>(bad).exit_code == 4);
    CHECK(std::get<UsageError>(bad).message == "invalid option '-x' (try '--help')");
    auto missing = ended(Argv{"vsample", "--xid"});
    REQUIRE(std::holds_alternative<UsageError>(missing));
    CHECK(std::get<UsageError>(missing).message ==
          "option '--xid' requires an argument (try '--help')");
    auto refused = ended(Argv{"vsample", "-q", "--help"});
    REQUIRE(std::holds_alternative<UsageError>(refused));
    CHECK(std::get<UsageError>(refused).exit_code == 5);
    CHECK(std::get<UsageError>(refused).message == "no -q");
}

namespace {

// What early_exit() returns for `parsed`, and what it wrote.
struct EarlyExit {
    std::optional<int> status;
    std::string out;
    std::string err;
};

EarlyExit early_exit_of(const vserver::cli::Parsed<SampleArgs> &parsed) {
    std::ostringstream out;
    std::ostringstream err;
    auto *old_out = std::cout.rdbuf(out.rdbuf());
    auto *old_err = std::cerr.rdbuf(err.rdbuf());
    const auto status = vserver::cli::early_exit(sample(), parsed);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {status, out.str(), err.str()};
}

} // namespace

TEST_CASE("early_exit reports a refusal, shows --help and --version, else lets run", "[options]") {
    auto refused = early_exit_of(UsageError{7, "bad\nthing"});
    CHECK(refused.status == 7);
    CHECK(refused.out.empty());
    CHECK(refused.err == "vsample: bad\\nthing\n");

    SampleArgs args;
    auto run = early_exit_of(args);
    CHECK_FALSE(run.status);
    CHECK(run.out.empty());
    CHECK(run.err.empty());

    args.action = vserver::cli::Action::help;
    auto help = early_exit_of(args);
    CHECK(help.status == 0);
    CHECK(help.out == vserver::cli::format_help(sample()));
    CHECK(help.err.empty());

    args.action = vserver::cli::Action::version;
    auto version = early_exit_of(args);
    CHECK(version.status == 0);
    CHECK(version.out == vserver::cli::version_line("vsample", "samples things") + "\n");
    CHECK(version.err.empty());
}

TEST_CASE("--help: usage, the options with their aliases, the description", "[options]") {
    CHECK(vserver::cli::format_help(sample()) ==
          "Usage: vsample [-q] [--xid|-c <xid>] <file>*\n"
          "   or: vsample --dir <dir>\n"
          "               [--] <program>\n"
          "\n"
          "Options:\n"
          "  -q                        quiet\n"
          "  -c, --xid <xid>           the context: a number or 'self'\n"
          "      --dir, --directory <dir>\n"
          "                            read the values from the files in <dir>; a long\n"
          "                            text that has to be wrapped over more than one line\n"
          "  -l, --level[=<n>]         how loud\n"
          "      --<resource> <value>  set <resource>\n"
          "      --help                show this help and exit\n"
          "      --version             show the version and exit\n"
          "\n"
          ".dot at the start, a back\\slash and -1.\n"
          "  TERM  what TERM means\n"
          "\n"
          "Last paragraph.\n");
}

TEST_CASE("the man page comes from the same table", "[options]") {
    const auto page = vserver::cli::format_man_page(sample());
    const auto lines = lines_of(page);
    REQUIRE(lines.size() > 10);
    CHECK(lines[0].starts_with(".\\\" "));
    CHECK(lines[1].starts_with(".TH VSAMPLE 8 \"\" \"vserver-userspace "));
    CHECK(page.find(".SH NAME\n"
                    "vsample \\- shows how a table becomes options, help and a man page\n"
                    ".SH SYNOPSIS\n"
                    ".B vsample\n"
                    "[\\-q] [\\-\\-xid|\\-c \\fIxid\\fR] \\fIfile\\fR*\n"
                    ".br\n"
                    ".B vsample\n"
                    "\\-\\-dir \\fIdir\\fR [\\-\\-] \\fIprogram\\fR\n"
                    ".SH DESCRIPTION\n"
                    ".B vsample\n"
                    "shows how a table becomes options, help and a man page.\n"
                    ".PP\n"
                    "\\&.dot at the start, a back\\eslash and \\-1.\n"
                    ".TP\n"
                    "\\fBTERM\\fR\n"
                    "what TERM means\n"
                    ".PP\n"
                    "Last paragraph.\n"
                    ".SH OPTIONS\n"
                    ".TP\n"
                    "\\fB\\-q\\fR\n"
                    "quiet\n"
                    ".TP\n"
                    "\\fB\\-c\\fR, \\fB\\-\\-xid\\fR \\fIxid\\fR\n"
                    "the context: a number or 'self'\n"
                    ".TP\n"
                    "\\fB\\-\\-dir\\fR, \\fB\\-\\-directory\\fR \\fIdir\\fR\n") !=
          std::string::npos);
    CHECK(page.find("\\fB\\-\\-\\fIresource\\fB\\fR \\fIvalue\\fR\nset \\fIresource\\fR\n") !=
          std::string::npos);
    CHECK(page.find("\\fB\\-l\\fR, \\fB\\-\\-level\\fR[=\\fIn\\fR]\nhow loud\n") !=
          std::string::npos);
}

TEST_CASE("every tool's table is consistent", "[options]") {
    const auto &specs = vserver::tool_specs();
    REQUIRE_FALSE(specs.empty());
    std::set<std::string> names;
    for (const auto *spec : specs) {
        INFO(spec->name);
        CHECK(names.insert(spec->name).second);
        CHECK(vserver::find_tool_spec(spec->name) == spec);
        CHECK_FALSE(spec->summary.empty());
        CHECK_FALSE(spec->version_text.empty());
        CHECK_FALSE(spec->synopsis.empty());
        std::set<std::string> longs;
        std::set<char> shorts;
        std::set<int> shown_ids;
        bool help = false;
        bool version = false;
        for (const auto &o : spec->options) {
            INFO(o.long_name << " -" << o.short_name);
            CHECK((!o.long_name.empty() || o.short_name != 0));
            if (!o.long_name.empty() && !o.doc_only)
                CHECK(longs.insert(o.long_name).second);
            if (o.short_name != 0)
                CHECK(shorts.insert(o.short_name).second);
            CHECK((o.arg == ArgKind::none) == o.arg_name.empty());
            CHECK((!o.doc_only || (o.short_name == 0 && !o.help.empty())));
            if (!o.doc_only) {
                CHECK(o.value() != 0);
                CHECK(o.value() != '?');
                CHECK(o.value() != ':');
            }
            if (!o.help.empty() && !o.doc_only)
                CHECK(shown_ids.insert(o.value()).second);
            help = help || o.long_name == "help";
            version = version || o.long_name == "version";
            // Options of the same id are the same option.
            for (const auto &other : spec->options)
                if (other.value() == o.value() && !other.doc_only && !o.doc_only)
                    CHECK(other.arg == o.arg);
        }
        CHECK(help);
        CHECK(version);
    }
}

TEST_CASE("every tool's --help starts with its usage and fits 79 columns", "[options]") {
    for (const auto *spec : vserver::tool_specs()) {
        INFO(spec->name);
        const auto help = vserver::cli::format_help(*spec);
        CHECK(help.starts_with("Usage: " + spec->name + ' '));
        for (const auto &line : lines_of(help)) {
            INFO(line);
            CHECK(line.size() <= 79);
            CHECK((line.empty() || line.back() != ' '));
        }
    }
}

TEST_CASE("every tool's man page has its name, synopsis and options", "[options]") {
    for (const auto *spec : vserver::tool_specs()) {
        INFO(spec->name);
        const auto page = vserver::cli::format_man_page(*spec);
        CHECK(page.find(".SH NAME\n") != std::string::npos);
        CHECK(page.find(".SH SYNOPSIS\n.B ") != std::string::npos);
        CHECK(page.find(".SH OPTIONS\n") != std::string::npos);
        CHECK(page.find("\\fB\\-\\-help\\fR\n") != std::string::npos);
        for (const auto &line : lines_of(page))
            CHECK((line.empty() || (line[0] != '\'' && (line[0] != '.' || line.size() > 1))));
    }
}
