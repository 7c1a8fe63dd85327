// SPDX-License-Identifier: GPL-2.0-only
//
// vuname: shows or sets the uname fields and the name of a context
// (util-vserver's src/vuname.c).

#include "cli.hpp"
#include "cvirt.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <getopt.h>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace {

constexpr std::string_view prog = "vuname";

// util-vserver's vuname fails with 255, and with 1 for a bad option.
constexpr int wrapper_exit_code = 255;

int fail(std::string_view msg, int code = wrapper_exit_code) {
    return vserver::cli::fail(prog, msg, code);
}

int show_help() {
    std::cout << "Usage: " << prog << " [--get] --xid <xid> <TAG>*\n"
              << "   or  " << prog
              << " --set --xid <xid> -t <TAG>=<VALUE> [-t ...] [--] [<command> <args>*]\n"
              << "   or  " << prog
              << " --dir <dir> --xid <xid> [--missingok] [--] [<command> <args>*]\n"
                 "\n"
                 "  -g, --get         print the values of <TAG>* (default: all) of <xid>\n"
                 "  -s, --set         set the values given with -t\n"
                 "  --xid <xid>       the context: a number or 'self'\n"
                 "  -t <TAG>=<VALUE>  set <TAG> to <VALUE>; may be repeated\n"
                 "  --dir <dir>       set each <TAG> from the first line of the file <dir>/<TAG>\n"
                 "  --missingok       do not fail when <dir> does not exist\n"
                 "\n"
                 "TAG is one of: context, sysname, nodename, release, version, machine,\n"
                 "domainname.\n";
    return EXIT_SUCCESS;
}

constexpr std::size_t field_count = 7;
using Values = std::array<std::optional<std::string>, field_count>;

std::uint32_t field_or_exit(std::string_view tag) {
    auto field = vserver::parse_vhi_field(tag);
    if (!field || *field >= field_count)
        std::exit(fail("Tag '" + std::string(tag) + "' not recognized"));
    return *field;
}

// Fills `values` from <dir>/<field>; files that cannot be opened are
// skipped, a missing directory is an error unless missing_ok.
int read_dir(const std::string &dir, bool missing_ok, Values &values) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) == -1) {
        if (errno == ENOENT && missing_ok)
            return 0;
        return fail("stat '" + dir + "': " + std::strerror(errno));
    }
    for (const auto &f : vserver::vhi_fields()) {
        std::ifstream in(dir + "/" + std::string(f.name));
        if (!in)
            continue;
        std::string line;
        std::getline(in, line);
        values.at(f.field) = line;
    }
    return 0;
}

int set_values(std::uint32_t xid, const Values &values) {
    for (std::uint32_t field = 0; field < field_count; ++field) {
        if (!values.at(field))
            continue;
        if (auto r = vserver::set_vhi_name(xid, field, *values.at(field)); !r)
            return fail(r.error().message + " (" + std::string(vserver::vhi_field_name(field)) +
                        ")");
    }
    return 0;
}

// Like util-vserver: a value that cannot be read is shown as "???".
void print_value(std::uint32_t xid, std::uint32_t field, std::string_view sep) {
    auto value = vserver::get_vhi_name(xid, field);
    std::cout << sep << (value ? value.value() : std::string("???"));
}

} // namespace

int main(int argc, char *argv[]) {
    enum { opt_help = 0x1000, opt_version, opt_xid, opt_dir, opt_missingok };
    static const option long_options[] = {
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, opt_version},
        {"xid", required_argument, nullptr, opt_xid},
        {"set", no_argument, nullptr, 's'},
        {"get", no_argument, nullptr, 'g'},
        {"dir", required_argument, nullptr, opt_dir},
        {"missingok", no_argument, nullptr, opt_missingok},
        {nullptr, 0, nullptr, 0},
    };

    std::optional<vserver::cli::XidArg> xid_arg;
    bool set = false;
    bool missing_ok = false;
    std::optional<std::string> dir;
    Values values;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, "+:gst:", long_options, nullptr)) != -1;) {
        switch (c) {
        case opt_help:
            return show_help();
        case opt_version:
            return vserver::cli::show_version(
                prog, "modifies and shows uname entries of vserver contexts");
        case opt_xid:
            xid_arg = vserver::cli::parse_xid_arg(optarg);
            if (!xid_arg)
                return fail(vserver::cli::invalid_xid_message(optarg));
            break;
        case 's':
            set = true;
            break;
        case 'g':
            set = false;
            break;
        case 't': {
            const std::string_view text = optarg;
            const auto eq = text.find('=');
            const auto field = field_or_exit(text.substr(0, eq));
            values.at(field) = std::string(eq == std::string_view::npos ? "" : text.substr(eq + 1));
            break;
        }
        case opt_dir:
            dir = optarg;
            break;
        case opt_missingok:
            missing_ok = true;
            break;
        default:
            return fail(vserver::cli::option_error(c, optopt, argv[optind - 1]), EXIT_FAILURE);
        }
    }

    if (!xid_arg)
        return fail("No context specified; try '--help' for more information");

    if (!dir && !set) {
        // --get: the operands are tags, not a program.
        std::vector<std::uint32_t> fields;
        for (int i = optind; i < argc; ++i)
            fields.push_back(field_or_exit(argv[i]));
        if (fields.empty())
            for (std::uint32_t f = 0; f < field_count; ++f)
                fields.push_back(f);
        auto xid = vserver::cli::resolve_xid(*xid_arg);
        if (!xid)
            return fail(xid.error().message);
        std::string_view sep;
        for (auto f : fields) {
            print_value(xid.value(), f, sep);
            sep = " ";
        }
        std::cout << '\n' << std::flush;
        return EXIT_SUCCESS;
    }

    auto xid = vserver::cli::resolve_xid(*xid_arg);
    if (!xid)
        return fail(xid.error().message);
    if (dir) {
        // As in util-vserver, --dir replaces the -t values.
        values = Values{};
        if (int rc = read_dir(*dir, missing_ok, values); rc != 0)
            return rc;
    }
    if (int rc = set_values(xid.value(), values); rc != 0)
        return rc;
    if (optind < argc)
        return fail(vserver::cli::exec_program(argv + optind).message);
    return EXIT_SUCCESS;
}
