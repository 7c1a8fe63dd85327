// SPDX-License-Identifier: GPL-2.0-only

#include "toolspecs.hpp"

#include "contexttools.hpp"
#include "dlimittools.hpp"
#include "fstools.hpp"
#include "guest.hpp"
#include "guestbuild.hpp"
#include "guestset.hpp"
#include "infotools.hpp"
#include "limittools.hpp"
#include "nettools.hpp"
#include "vps.hpp"
#include "vshelper.hpp"
#include "vstat.hpp"

#include <algorithm>

namespace vserver {

const std::vector<const cli::ToolSpec *> &tool_specs() {
    static const std::vector<const cli::ToolSpec *> specs = [] {
        std::vector<const cli::ToolSpec *> s{
            &chbind_spec(),     &chxid_spec(),        &lsxid_spec(),        &naddress_spec(),
            &nattribute_spec(), &ncontext_spec(),     &setattr_spec(),      &showattr_spec(),
            &vattribute_spec(), &vcontext_spec(),     &vdlimit_spec(),      &vkill_spec(),
            &vlimit_spec(),     &vps_spec(),          &vserver_info_spec(), &vuname_spec(),
            &vwait_spec(),      &vserver_stat_spec(), &vshelper_spec(),     &guest::vserver_spec(),
        };
        s.insert(s.end(), {&guest::vapt_get_spec(), &guest::start_marked_spec()});
        s.push_back(&guest::newvserver_spec());
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
