// SPDX-License-Identifier: GPL-2.0-only
//
// One table per tool describes its options (nsjail's way): the long name,
// the short letter, whether it takes an argument, the argument's name and
// the help text. From that one table come getopt_long's `struct option[]`
// and short option string, the Options part of --help and the OPTIONS of
// the tool's man page, so that the three cannot disagree.

#ifndef VSERVER_OPTIONS_HPP
#define VSERVER_OPTIONS_HPP

#include "cli.hpp"

#include <getopt.h>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vserver::cli {

enum class ArgKind { none, required, optional };

struct Option {
    std::string long_name; // without "--"; "" for a short-only option
    char short_name = 0;   // 0 for a long-only option
    ArgKind arg = ArgKind::none;
    std::string arg_name;  // as --help shows it, e.g. "<xid>"
    std::string help;      // "": an alias, listed with the shown option of the same id
    int id = 0;            // what getopt_long returns; 0: short_name
    bool doc_only = false; // shown, but not an option itself (a family like "--<resource>")

    int value() const noexcept { return id != 0 ? id : static_cast<unsigned char>(short_name); }
};

// A paragraph after the options: plain text, or a term and what it means
// (shown like an option).
struct Paragraph {
    std::string term;
    std::string text;
};

struct ToolSpec {
    std::string name;
    std::string summary;               // what the tool does, e.g. "waits for a context to end"
    std::string version_text;          // after "--" in the --version line (util-vserver's)
    std::vector<std::string> synopsis; // after the name; a '\n' breaks the line in --help
    std::string getopt_flags;          // start of the short option string, e.g. "+:"
    std::vector<Option> options;
    std::vector<Paragraph> description;
};

// What getopt_long returns for --help and --version in the tools' tables
// (vserver-info's aside); a tool numbers its own long-only options from
// opt_first on.
enum : int { opt_help = 0x1000, opt_version, opt_first };

// --help and --version, as every tool has them; `id` is what getopt_long
// returns for them.
Option help_option(int id = opt_help);
Option version_option(int id = opt_version);

// getopt_long's view of a table. The option structs point into `spec`,
// which must outlive this (the tools' tables are static).
class Getopt {
  public:
    explicit Getopt(const ToolSpec &spec);

    const std::vector<option> &long_options() const noexcept { return long_; }
    const std::string &short_options() const noexcept { return short_; }

    // Starts over at argv[1] (glibc's optind = 0) without getopt's own
    // messages (opterr = 0): the tools print their own.
    static void reset() noexcept;

    // getopt_long with this table: the id of the next option, '?' or ':'
    // for a bad one, -1 at the end.
    int next(int argc, char *argv[]) const;

    // The loop of every tool's parser: starts over (reset()) and hands
    // the id of each option to `handle` (optarg is its argument), which
    // returns std::nullopt or the UsageError that ends the parse. --help
    // and --version (opt_help, opt_version) set args.action and end it,
    // as a bad option does with option_failure(c, argv, bad_option_code).
    // Returns what the parser returns then (`args` or the UsageError), or
    // std::nullopt when every option was taken: optind is then the first
    // operand.
    template <typename Args, typename Handle>
    std::optional<Parsed<Args>> parse(int argc, char *argv[], Args &args, int bad_option_code,
                                      Handle handle) const;

  private:
    std::vector<option> long_;
    std::string short_;
};

// The UsageError for next()'s '?' or ':' result (see option_error()).
UsageError option_failure(int c, char *argv[], int exit_code);

// The operands after Getopt::parse(): argv[optind] to argv[argc - 1].
std::vector<std::string> operands(int argc, char *argv[]);

template <typename Args, typename Handle>
std::optional<Parsed<Args>> Getopt::parse(int argc, char *argv[], Args &args, int bad_option_code,
                                          Handle handle) const {
    reset();
    for (int c; (c = next(argc, argv)) != -1;) {
        if (c == opt_help || c == opt_version) {
            args.action = c == opt_help ? Action::help : Action::version;
            return args;
        }
        if (c == '?' || c == ':')
            return option_failure(c, argv, bad_option_code);
        if (std::optional<UsageError> bad = handle(c))
            return *bad;
    }
    return std::nullopt;
}

// The text --help prints: "Usage: <name> <synopsis>" (further synopses
// after "   or: "), the options with their help, then the description;
// lines end before column 80.
std::string format_help(const ToolSpec &spec);

// Prints format_help() to stdout and returns EXIT_SUCCESS.
int show_help(const ToolSpec &spec);

// show_version(spec.name, spec.version_text).
int show_version(const ToolSpec &spec);

// The start of a tool's main with its parsed command line: a refused one
// is reported ("<name>: <message>", fail()) and its exit status returned,
// --help and --version are shown and EXIT_SUCCESS returned. std::nullopt:
// the tool goes on with its arguments.
template <typename Args>
std::optional<int> early_exit(const ToolSpec &spec, const Parsed<Args> &parsed) {
    if (const auto *bad = std::get_if<UsageError>(&parsed))
        return fail(spec.name, bad->message, bad->exit_code);
    const Action action = std::get<Args>(parsed).action;
    if (action == Action::help)
        return show_help(spec);
    if (action == Action::version)
        return show_version(spec);
    return std::nullopt;
}

// The tool's man page (section 8) in roff with the man macros: NAME,
// SYNOPSIS, DESCRIPTION and OPTIONS from the same table.
std::string format_man_page(const ToolSpec &spec);

// `text` filled greedily into lines of at most `width` characters; a '\n'
// in `text` always ends a line, a word longer than `width` gets a line of
// its own.
std::vector<std::string> fill(std::string_view text, std::size_t width);

} // namespace vserver::cli

#endif // VSERVER_OPTIONS_HPP
