// SPDX-License-Identifier: GPL-2.0-only
//
// A guest's addresses on the host's devices, as `ip addr add|del
// IP/PREFIX label DEV:NAME dev DEV` does them: one RTM_NEWADDR or
// RTM_DELADDR message over rtnetlink. The message is built apart from
// sending it, so its bytes can be tested without a kernel.

#ifndef VSERVER_RTNL_HPP
#define VSERVER_RTNL_HPP

#include "result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace vserver::rtnl {

struct Address {
    std::uint32_t ip = 0; // host order
    unsigned prefix = 32;
    std::string label; // IFA_LABEL (at most 15 characters); empty: none
};

// The request: nlmsghdr (type RTM_NEWADDR with NLM_F_REQUEST|NLM_F_ACK|
// NLM_F_CREATE|NLM_F_EXCL, or RTM_DELADDR with NLM_F_REQUEST|NLM_F_ACK;
// sequence number `seq`, port 0), ifaddrmsg (AF_INET, the prefix,
// scope universe, the device index), then IFA_LOCAL, IFA_ADDRESS, the
// broadcast address (IFA_BROADCAST, for prefixes up to 30, on add) and
// IFA_LABEL (on add, NUL-terminated).
std::vector<unsigned char> address_message(bool add, unsigned ifindex, const Address &addr,
                                           std::uint32_t seq = 1);

// Sends address_message for device `dev` and reads the kernel's answer.
// Errors: "adding 10.0.0.1/24 on eth0: File exists" (errnum EEXIST),
// "device 'eth9': No such device" (ENODEV).
Result<void> change_address(bool add, const std::string &dev, const Address &addr);

} // namespace vserver::rtnl

#endif // VSERVER_RTNL_HPP
