// SPDX-License-Identifier: GPL-2.0-only
//
// vserver-info of util-vserver 0.30.216 (src/vserver-info.c): its option
// table and command line. Only the host ('-') and the tags SYSINFO and
// FEATURE are implemented; util-vserver's other tags are recognised so
// that callers get a clear "not yet" instead of "unknown". The gathering
// and formatting of SYSINFO and the FEATURE arithmetic are in libvserver
// (sysinfo.hpp, version.hpp).

#ifndef VSERVER_INFOTOOLS_HPP
#define VSERVER_INFOTOOLS_HPP

#include "cli.hpp"
#include "options.hpp"

#include <string>

namespace vserver {

// vserver-info fails with 1.
inline constexpr int vserver_info_exit_code = 1;

struct VserverInfoArgs {
    cli::Action action = cli::Action::run;
    bool list_tags = false; // -l
    bool quiet = false;     // -q
    int command = 0;        // index of <vserver>; <tag> and its arguments follow
};

const cli::ToolSpec &vserver_info_spec();

// vserver-info [-ql] <vserver>|- <tag> [args]
// Options stop at the first operand, so tag arguments are never options.
// -l ends the parsing like --help. With a <vserver> and a <tag>, both are
// checked: the tag must be SYSINFO or FEATURE ("tag '<tag>' is not
// supported yet" for util-vserver's others, "unknown tag '<tag>' (use -l
// to list valid tags)"), the vserver '-'. Fewer operands are not refused
// here: util-vserver then shows SYSINFO and fails.
cli::Parsed<VserverInfoArgs> parse_vserver_info_args(int argc, char *argv[]);

// -l: "Valid tags are: SYSINFO, FEATURE\n".
std::string vserver_info_tag_list();

} // namespace vserver

#endif // VSERVER_INFOTOOLS_HPP
