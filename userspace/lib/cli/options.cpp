// SPDX-License-Identifier: GPL-2.0-only

#include "options.hpp"

#include "sysinfo.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>

namespace vserver::cli {

namespace {

constexpr std::size_t line_width = 79; // --help lines end before column 80
constexpr std::size_t max_column = 28; // help texts start at most here

bool shown(const Option &o) { return !o.help.empty(); }

// "-c, --xid, --ctx <xid>": the option, the long names of its aliases
// (entries without help and with the same id) and the argument.
struct Label {
    std::string short_name;              // "-c" or ""
    std::vector<std::string> long_names; // "--xid", "--ctx"
    std::string arg;                     // " <xid>", "[=<xid>]" or ""
};

Label label_of(const ToolSpec &spec, const Option &o) {
    Label l;
    if (o.short_name != 0)
        l.short_name = std::string("-") + o.short_name;
    if (!o.long_name.empty())
        l.long_names.push_back("--" + o.long_name);
    if (!o.doc_only)
        for (const auto &alias : spec.options)
            if (!shown(alias) && !alias.doc_only && alias.value() == o.value() &&
                !alias.long_name.empty())
                l.long_names.push_back("--" + alias.long_name);
    if (o.arg == ArgKind::required)
        l.arg = " " + o.arg_name;
    else if (o.arg == ArgKind::optional)
        l.arg = "[=" + o.arg_name + "]";
    return l;
}

std::string help_label(const Label &l) {
    std::string out = l.short_name.empty() ? "    " : l.short_name;
    std::string_view sep = l.short_name.empty() ? "" : ", ";
    for (const auto &name : l.long_names) {
        out += sep;
        out += name;
        sep = ", ";
    }
    return out + l.arg;
}

// "  <label>  <text>", the text wrapped and indented to `column`; a label
// too wide for the column gets a line of its own.
void append_item(std::string &out, std::string_view label, std::string_view text,
                 std::size_t column) {
    std::string line = "  ";
    line += label;
    const auto lines = fill(text, line_width - column);
    std::size_t i = 0;
    if (line.size() + 2 <= column && !lines.empty()) {
        line.append(column - line.size(), ' ');
        line += lines[i++];
    }
    out += line;
    out += '\n';
    for (; i < lines.size(); ++i) {
        out.append(column, ' ');
        out += lines[i];
        out += '\n';
    }
}

std::size_t column_for(std::size_t widest_label) { return std::min(widest_label + 4, max_column); }

// --- roff -------------------------------------------------------------------

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// A placeholder "<name>" starting at text[i]: its length, or 0.
std::size_t placeholder_at(std::string_view text, std::size_t i) {
    if (text[i] != '<')
        return 0;
    std::size_t j = i + 1;
    while (j < text.size() && (word_char(text[j]) || text[j] == '-' || text[j] == '.'))
        ++j;
    if (j == i + 1 || j >= text.size() || text[j] != '>')
        return 0;
    return j + 1 - i;
}

// Text for roff in font `font` ('R' or 'B'): backslashes and the dashes of
// options escaped, "<name>" in italics without the brackets, a '\n' as a
// line break, no line starting with a control character.
std::string roff(std::string_view text, char font = 'R') {
    std::string out;
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (line_start && (c == '.' || c == '\''))
            out += "\\&";
        line_start = false;
        if (const auto n = placeholder_at(text, i); n != 0) {
            out += "\\fI";
            out += roff(text.substr(i + 1, n - 2), 'I');
            out += "\\f";
            out += font;
            i += n - 1;
        } else if (c == '\\') {
            out += "\\e";
        } else if (c == '-' && (i == 0 || !word_char(text[i - 1]))) {
            out += "\\-";
        } else if (c == '\n') {
            out += "\n.br\n";
            line_start = true;
        } else {
            out += c;
        }
    }
    return out;
}

std::string bold(std::string_view text) { return "\\fB" + roff(text, 'B') + "\\fR"; }

std::string man_label(const Label &l) {
    std::string out;
    std::string_view sep;
    if (!l.short_name.empty()) {
        out += bold(l.short_name);
        sep = ", ";
    }
    for (const auto &name : l.long_names) {
        out += sep;
        out += bold(name);
        sep = ", ";
    }
    return out + roff(l.arg);
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto &c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

std::vector<std::string> fill(std::string_view text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    bool open = false; // a line has been started
    std::size_t i = 0;
    while (i <= text.size()) {
        if (i == text.size() || text[i] == '\n') {
            if (open || i < text.size())
                lines.push_back(line);
            line.clear();
            open = false;
            ++i;
            continue;
        }
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n')
            ++end;
        const std::string_view word = text.substr(i, end - i);
        if (open && line.size() + 1 + word.size() > width) {
            lines.push_back(line);
            line.clear();
            open = false;
        }
        if (open)
            line += ' ';
        line += word;
        open = true;
        i = end;
    }
    return lines;
}

Option help_option(int id) { return {"help", 0, ArgKind::none, "", "show this help and exit", id}; }

Option version_option(int id) {
    return {"version", 0, ArgKind::none, "", "show the version and exit", id};
}

Getopt::Getopt(const ToolSpec &spec) : short_(spec.getopt_flags) {
    for (const auto &o : spec.options) {
        if (o.doc_only)
            continue;
        const int has_arg = o.arg == ArgKind::required   ? required_argument
                            : o.arg == ArgKind::optional ? optional_argument
                                                         : no_argument;
        if (!o.long_name.empty())
            long_.push_back({o.long_name.c_str(), has_arg, nullptr, o.value()});
        if (o.short_name != 0) {
            short_ += o.short_name;
            if (o.arg != ArgKind::none)
                short_ += ':';
            if (o.arg == ArgKind::optional)
                short_ += ':';
        }
    }
    long_.push_back({nullptr, 0, nullptr, 0});
}

void Getopt::reset() noexcept {
    optind = 0; // glibc: reinitialize completely
    opterr = 0;
}

int Getopt::next(int argc, char *argv[]) const {
    return getopt_long(argc, argv, short_.c_str(), long_.data(), nullptr);
}

UsageError option_failure(int c, char *argv[], int exit_code) {
    return UsageError{exit_code, option_error(c, optopt, argv[optind - 1])};
}

std::vector<std::string> operands(int argc, char *argv[]) {
    std::vector<std::string> out;
    for (int i = optind; i < argc; ++i)
        out.emplace_back(argv[i]);
    return out;
}

std::string format_help(const ToolSpec &spec) {
    std::string out;
    std::string_view lead = "Usage: ";
    for (const auto &synopsis : spec.synopsis) {
        const std::string indent(lead.size() + spec.name.size() + 1, ' ');
        out += lead;
        out += spec.name;
        out += ' ';
        for (char c : synopsis) {
            out += c;
            if (c == '\n')
                out += indent;
        }
        out += '\n';
        lead = "   or: ";
    }

    std::vector<std::pair<std::string, const Option *>> items;
    std::size_t widest = 0;
    for (const auto &o : spec.options) {
        if (!shown(o))
            continue;
        items.emplace_back(help_label(label_of(spec, o)), &o);
        widest = std::max(widest, items.back().first.size());
    }
    if (!items.empty()) {
        out += "\nOptions:\n";
        const auto column = column_for(widest);
        for (const auto &[label, o] : items)
            append_item(out, label, o->help, column);
    }

    std::size_t widest_term = 0;
    for (const auto &p : spec.description)
        widest_term = std::max(widest_term, p.term.size());
    for (const auto &p : spec.description) {
        if (!p.term.empty()) {
            append_item(out, p.term, p.text, column_for(widest_term));
            continue;
        }
        out += '\n';
        for (const auto &line : fill(p.text, line_width)) {
            out += line;
            out += '\n';
        }
    }
    return out;
}

int show_help(const ToolSpec &spec) {
    std::cout << format_help(spec) << std::flush;
    return EXIT_SUCCESS;
}

int show_version(const ToolSpec &spec) { return show_version(spec.name, spec.version_text); }

std::string format_man_page(const ToolSpec &spec) {
    std::string out;
    out += ".\\\" Generated by vserver-mangen from the option table of " + spec.name + ".\n";
    out += ".TH " + upper(spec.name) + " 8 \"\" \"" + std::string(package_string()) +
           "\" \"System Administration\"\n";
    out += ".SH NAME\n" + roff(spec.name) + " \\- " + roff(spec.summary) + "\n";

    out += ".SH SYNOPSIS\n";
    std::string_view sep;
    for (const auto &synopsis : spec.synopsis) {
        out += sep;
        out += ".B " + roff(spec.name) + "\n";
        std::string line = synopsis;
        std::replace(line.begin(), line.end(), '\n', ' ');
        out += roff(line) + "\n";
        sep = ".br\n";
    }

    out += ".SH DESCRIPTION\n.B " + roff(spec.name) + "\n" + roff(spec.summary) + ".\n";
    for (const auto &p : spec.description) {
        if (p.term.empty())
            out += ".PP\n" + roff(p.text) + "\n";
        else
            out += ".TP\n" + bold(p.term) + "\n" + roff(p.text) + "\n";
    }

    std::string options;
    for (const auto &o : spec.options)
        if (shown(o))
            options += ".TP\n" + man_label(label_of(spec, o)) + "\n" + roff(o.help) + "\n";
    if (!options.empty())
        out += ".SH OPTIONS\n" + options;
    return out;
}

} // namespace vserver::cli
