// SPDX-License-Identifier: GPL-2.0-only

#include "cli.hpp"

#include "context.hpp"
#include "network.hpp"
#include "sysinfo.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace vserver::cli {

namespace {

template <typename T> std::optional<T> parse_number(std::string_view text, int base) noexcept {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

template <typename T> std::optional<T> parse_c_unsigned(std::string_view text) noexcept {
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    } else if (text.size() > 1 && text[0] == '0') {
        base = 8;
        text.remove_prefix(1);
    }
    if (!text.empty() && (text[0] == '+' || text[0] == '-'))
        return std::nullopt;
    return parse_number<T>(text, base);
}

// xid_option() and nid_option(): `message` says what `text` is not.
std::optional<UsageError> context_option(std::string_view text, std::optional<XidArg> &id,
                                         int exit_code, std::string (*message)(std::string_view)) {
    id = parse_xid_arg(text);
    if (!id)
        return UsageError{exit_code, message(text)};
    return std::nullopt;
}

} // namespace

std::string one_line(std::string_view message) {
    std::string out;
    out.reserve(message.size());
    for (char c : message) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

std::string quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    out += text;
    out += '\'';
    return out;
}

int fail(std::string_view tool, std::string_view message, int code) {
    std::cout.flush();
    std::cerr << tool << ": " << one_line(message) << '\n' << std::flush;
    return code;
}

std::string version_line(std::string_view tool, std::string_view what) {
    std::string out(tool);
    out += " (";
    out += package_string();
    out += ") -- ";
    out += what;
    return out;
}

int show_version(std::string_view tool, std::string_view what) {
    std::cout << version_line(tool, what) << '\n' << std::flush;
    return EXIT_SUCCESS;
}

std::string option_error(int c, int opt, std::string_view arg) {
    std::string name;
    if (arg.starts_with("--"))
        name = std::string(arg);
    else if (opt > 0 && opt < 128)
        name = std::string("-") + static_cast<char>(opt);
    else
        name = std::string(arg);
    if (c == ':')
        return "option '" + name + "' requires an argument (try '--help')";
    return "invalid option '" + name + "' (try '--help')";
}

std::optional<std::uint32_t> parse_uint32(std::string_view text) noexcept {
    if (!text.empty() && (text[0] == '+' || text[0] == '-'))
        return std::nullopt;
    return parse_number<std::uint32_t>(text, 10);
}

std::optional<std::int32_t> parse_int32(std::string_view text) noexcept {
    return parse_number<std::int32_t>(text, 10);
}

std::optional<std::uint32_t> parse_c_uint32(std::string_view text) noexcept {
    return parse_c_unsigned<std::uint32_t>(text);
}

std::optional<std::uint64_t> parse_c_uint64(std::string_view text) noexcept {
    return parse_c_unsigned<std::uint64_t>(text);
}

std::optional<UsageError> flags_option(std::string_view text, std::uint32_t &flags, int exit_code) {
    auto bits = parse_c_uint32(text);
    if (!bits)
        return UsageError{exit_code, "Invalid flags argument: " + quote(text) +
                                         "; try '--help' for more information"};
    flags = *bits;
    return std::nullopt;
}

std::optional<XidArg> parse_xid_arg(std::string_view text) noexcept {
    if (text == "self")
        return XidArg{true, 0};
    if (auto n = parse_uint32(text))
        return XidArg{false, *n};
    return std::nullopt;
}

std::string invalid_xid_message(std::string_view text) {
    return "invalid context " + quote(text) + " (a number or 'self')";
}

std::optional<UsageError> xid_option(std::string_view text, std::optional<XidArg> &xid,
                                     int exit_code) {
    return context_option(text, xid, exit_code, invalid_xid_message);
}

Result<std::uint32_t> resolve_xid(const XidArg &arg, Syscall &sys) {
    if (!arg.self)
        return arg.xid;
    return task_xid(0, sys);
}

std::string invalid_nid_message(std::string_view text) {
    return "invalid network context " + quote(text) + " (a number or 'self')";
}

std::optional<UsageError> nid_option(std::string_view text, std::optional<XidArg> &nid,
                                     int exit_code) {
    return context_option(text, nid, exit_code, invalid_nid_message);
}

Result<std::uint32_t> resolve_nid(const XidArg &arg, Syscall &sys) {
    if (!arg.self)
        return arg.xid;
    return task_nid(0, sys);
}

std::optional<UsageError> usage_error(const Result<void> &parsed, int exit_code) {
    if (parsed)
        return std::nullopt;
    return UsageError{exit_code, parsed.error().message};
}

Error exec_program(char *const argv[]) {
    ::execvp(argv[0], argv);
    const int err = errno;
    return error(err, "cannot execute '" + std::string(argv[0]) + "': " + std::strerror(err));
}

int exec_if_given(std::string_view tool, int exit_code, int argc, char *argv[], int command) {
    if (command >= argc)
        return EXIT_SUCCESS;
    return fail(tool, exec_program(argv + command).message, exit_code);
}

Result<std::optional<std::string>> read_file_if_exists(const std::string &path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd == -1) {
        if (errno == ENOENT || errno == ENOTDIR)
            return std::optional<std::string>();
        return error(errno, path + ": " + std::strerror(errno));
    }
    std::string text;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == -1 && errno == EINTR)
            continue;
        if (n == -1) {
            const int err = errno;
            ::close(fd);
            return error(err, path + ": " + std::strerror(err));
        }
        if (n == 0)
            break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return std::optional<std::string>(std::move(text));
}

} // namespace vserver::cli
