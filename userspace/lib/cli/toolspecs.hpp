// SPDX-License-Identifier: GPL-2.0-only
//
// Every tool's option table in one list: for vserver-mangen, which writes
// the man pages, and for the tests that check all tables at once.

#ifndef VSERVER_TOOLSPECS_HPP
#define VSERVER_TOOLSPECS_HPP

#include "options.hpp"

#include <string_view>
#include <vector>

namespace vserver {

// In the order of the tools' names.
const std::vector<const cli::ToolSpec *> &tool_specs();

// The table of the tool `name`, or nullptr.
const cli::ToolSpec *find_tool_spec(std::string_view name);

} // namespace vserver

#endif // VSERVER_TOOLSPECS_HPP
