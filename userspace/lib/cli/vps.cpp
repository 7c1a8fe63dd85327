// SPDX-License-Identifier: GPL-2.0-only

#include "vps.hpp"

#include "context.hpp"
#include "cvirt.hpp"

#include <vserver/cvirt_cmd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>

namespace vserver {

const cli::ToolSpec &vps_spec() {
    static const cli::ToolSpec spec{
        "vps",
        "shows the processes of all contexts, with a column for their context",
        "shows processes in vserver-contexts",
        {"<ps-opts>*"},
        "",
        {
            cli::help_option(),
            cli::version_option(),
        },
        {
            {"", "Runs 'ps <ps-opts>*' from the spectator context, which sees the processes of "
                 "every context, and adds a CONTEXT column after the PID column: the context id "
                 "and its name (MAIN for the host, ALL_PROC for the spectator)."},
            {"", "Only a first argument --help or --version is vps's own; all others go to ps. "
                 "Exits like ps, or with 254 when vps itself fails."},
        },
    };
    return spec;
}

cli::Parsed<VpsArgs> parse_vps_args(int argc, char *argv[]) {
    VpsArgs args;
    if (argc < 2)
        return args;
    const std::string_view first = argv[1];
    for (const auto &o : vps_spec().options) {
        if (first != "--" + o.long_name)
            continue;
        if (o.id == cli::opt_help)
            args.action = cli::Action::help;
        else if (o.id == cli::opt_version)
            args.action = cli::Action::version;
    }
    return args;
}

namespace {

// Width of the right-aligned xid inside a cell.
constexpr std::size_t xid_width = 5;

std::string pad_to(std::string s, std::size_t width) {
    if (s.size() < width)
        s.append(width - s.size(), ' ');
    return s;
}

// The "PID" heading as a whole word, or npos.
std::size_t find_pid_heading(std::string_view header) {
    for (std::size_t p = header.find("PID"); p != std::string_view::npos;
         p = header.find("PID", p + 1)) {
        const bool starts = p == 0 || header[p - 1] == ' ';
        const bool ends = p + 3 == header.size() || header[p + 3] == ' ';
        if (starts && ends)
            return p;
    }
    return std::string_view::npos;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

struct Token {
    std::size_t begin;
    std::size_t end;
};

// The first blank-separated token of `row` that overlaps [from, to) and
// consists of digits only: the pid, whether it is right-aligned under the
// heading (procps) or in a wider column (busybox) or overflows to the left.
std::optional<Token> pid_token(std::string_view row, std::size_t from, std::size_t to) {
    std::size_t i = 0;
    while (i < row.size() && i < to) {
        while (i < row.size() && row[i] == ' ')
            ++i;
        const std::size_t begin = i;
        while (i < row.size() && row[i] != ' ')
            ++i;
        if (begin == i || i <= from)
            continue;
        if (begin >= to)
            break;
        bool digits = i - begin <= 10;
        for (std::size_t k = begin; digits && k < i; ++k)
            digits = is_digit(row[k]);
        if (digits)
            return Token{begin, i};
    }
    return std::nullopt;
}

std::optional<long> to_pid(std::string_view row, const std::optional<Token> &t) {
    if (!t)
        return std::nullopt;
    long pid = 0;
    for (std::size_t k = t->begin; k < t->end; ++k)
        pid = pid * 10 + (row[k] - '0');
    if (pid > 0x7fffffffL)
        return std::nullopt;
    return pid;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
    return lines;
}

void append_line(std::string &out, std::string_view line, std::size_t cut, std::string_view cell) {
    if (line.size() >= cut) {
        out += line.substr(0, cut);
    } else {
        out += line;
        out.append(cut - line.size(), ' ');
    }
    out += cell;
    if (line.size() > cut)
        out += line.substr(cut);
    out += '\n';
}

} // namespace

std::string format_context_cell(std::optional<std::uint32_t> xid, std::string_view name) {
    std::string number = xid ? std::to_string(*xid) : "ERR";
    std::string cell;
    if (number.size() < xid_width)
        cell.append(xid_width - number.size(), ' ');
    cell += number;
    cell += ' ';
    cell += name;
    if (cell.size() < vps_context_width)
        return pad_to(std::move(cell), vps_context_width);
    return cell + ' ';
}

std::string context_display_name(std::uint32_t xid, std::string_view name,
                                 std::string_view name_file) {
    if (xid == 0)
        return "MAIN";
    if (xid == 1)
        return "ALL_PROC";
    if (name.find('/') == std::string_view::npos)
        return std::string(name);
    if (!name_file.empty())
        return std::string(name_file);
    while (name.size() > 1 && name.back() == '/')
        name.remove_suffix(1);
    const auto slash = name.rfind('/');
    return std::string(
        slash == std::string_view::npos || name.size() == 1 ? name : name.substr(slash + 1));
}

std::string read_name_file(std::string_view dir) {
    std::ifstream in(std::string(dir) + "/name");
    std::string line;
    if (!in || !std::getline(in, line))
        return {};
    return line;
}

Result<std::string>
insert_context_column(std::string_view ps_output,
                      const std::function<std::string(std::optional<long> pid)> &cell_for_pid) {
    const auto lines = split_lines(ps_output);
    const std::string_view header = lines.empty() ? std::string_view{} : lines[0];
    const auto pos = find_pid_heading(header);
    if (pos == std::string_view::npos)
        return error(EINVAL, "failed to parse the output of ps: no PID column");

    // The PID column reaches up to the next heading.
    auto next = header.find_first_not_of(' ', pos + 3);
    const std::size_t to = next == std::string_view::npos ? std::string_view::npos : next;

    // The column is inserted behind the pids and one blank: after "PID "
    // when they are right-aligned under the heading (procps, util-vserver's
    // rule), after the wider field when the heading is left-aligned
    // (busybox). Pids overflowing the field do not move the column.
    std::vector<std::optional<Token>> tokens;
    std::size_t end = std::string_view::npos;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        tokens.push_back(pid_token(lines[i], pos, to));
        if (tokens.back())
            end = std::min(end, tokens.back()->end);
    }
    const std::size_t cut = (end == std::string_view::npos ? pos + 3 : std::max(end, pos + 3)) + 1;

    std::string out;
    append_line(out, header, cut, pad_to("CONTEXT", vps_context_width));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            out += '\n';
            continue;
        }
        append_line(out, lines[i], cut, cell_for_pid(to_pid(lines[i], tokens[i - 1])));
    }
    return out;
}

std::string ContextCellLookup::name_of(std::uint32_t xid) {
    for (const auto &e : cache_)
        if (e.xid == xid)
            return e.name;
    std::string name;
    std::string name_file;
    if (xid > 1) {
        name = get_vhi_name(xid, VHIN_CONTEXT, sys_).value_or("");
        if (name.find('/') != std::string::npos)
            name_file = read_name_file(name);
    }
    name = context_display_name(xid, name, name_file);
    cache_.push_back({xid, name});
    return name;
}

std::string ContextCellLookup::operator()(std::optional<long> pid) {
    if (!pid)
        return format_context_cell(std::nullopt, "");
    auto xid = task_xid(static_cast<std::uint32_t>(*pid), sys_);
    if (!xid)
        return format_context_cell(std::nullopt, "");
    return format_context_cell(xid.value(), name_of(xid.value()));
}

} // namespace vserver
