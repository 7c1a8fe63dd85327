// SPDX-License-Identifier: GPL-2.0-only

#include "toolspecs.hpp"

#include "contexttools.hpp"
#include "infotools.hpp"
#include "vps.hpp"

#include <algorithm>

namespace vserver {

const std::vector<const cli::ToolSpec *> &tool_specs() {
    static const std::vector<const cli::ToolSpec *> specs = [] {
        std::vector<const cli::ToolSpec *> s{
            &vattribute_spec(), &vcontext_spec(), &vkill_spec(),        &vps_spec(),
            &vuname_spec(),     &vwait_spec(),    &vserver_info_spec(),
        };
        std::sort(s.begin(), s.end(), [](auto *a, auto *b) { return a->name < b->name; });
        return s;
    }();
    return specs;
}

const cli::ToolSpec *find_tool_spec(std::string_view name) {
    for (const auto *spec : tool_specs())
        if (spec->name == name)
            return spec;
    return nullptr;
}

} // namespace vserver
