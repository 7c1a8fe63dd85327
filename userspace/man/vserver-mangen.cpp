// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-mangen: writes a tool's man page (section 8) from its option
// table. Run by the build for every tool; not installed.
//
//   vserver-mangen <tool> [<file>]   the page, to <file> or stdout
//   vserver-mangen --list            the tools, one per line

#include "options.hpp"
#include "toolspecs.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string_view>

int main(int argc, char *argv[]) {
    if (argc == 2 && std::string_view(argv[1]) == "--list") {
        for (const auto *spec : vserver::tool_specs())
            std::cout << spec->name << '\n';
        return EXIT_SUCCESS;
    }
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: vserver-mangen <tool> [<file>] | --list\n";
        return 2;
    }
    const auto *spec = vserver::find_tool_spec(argv[1]);
    if (spec == nullptr) {
        std::cerr << "vserver-mangen: no tool '" << argv[1] << "'\n";
        return EXIT_FAILURE;
    }
    const auto page = vserver::cli::format_man_page(*spec);
    if (argc == 2) {
        std::cout << page << std::flush;
        return std::cout ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out << page;
    out.close();
    if (!out) {
        std::cerr << "vserver-mangen: cannot write '" << argv[2] << "'\n";
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
