// SPDX-License-Identifier: GPL-2.0-only

#include "rtnl.hpp"

#include "cli.hpp"
#include "netaddr.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vserver::rtnl {

namespace {

void put_attr(std::vector<unsigned char> &msg, unsigned short type, const void *data,
              std::size_t len) {
    rtattr rta{};
    rta.rta_type = type;
    rta.rta_len = static_cast<unsigned short>(RTA_LENGTH(len));
    const std::size_t at = msg.size();
    msg.resize(at + RTA_ALIGN(rta.rta_len), 0);
    std::memcpy(msg.data() + at, &rta, sizeof rta);
    std::memcpy(msg.data() + at + RTA_LENGTH(0), data, len);
}

} // namespace

std::vector<unsigned char> address_message(bool add, unsigned ifindex, const Address &addr,
                                           std::uint32_t seq) {
    std::vector<unsigned char> msg(NLMSG_LENGTH(sizeof(ifaddrmsg)), 0);
    ifaddrmsg ifa{};
    ifa.ifa_family = AF_INET;
    ifa.ifa_prefixlen = static_cast<unsigned char>(addr.prefix);
    ifa.ifa_scope = RT_SCOPE_UNIVERSE;
    ifa.ifa_index = ifindex;
    std::memcpy(msg.data() + NLMSG_HDRLEN, &ifa, sizeof ifa);

    const std::uint32_t be = htonl(addr.ip);
    put_attr(msg, IFA_LOCAL, &be, sizeof be);
    put_attr(msg, IFA_ADDRESS, &be, sizeof be);
    if (add) {
        if (addr.prefix <= 30) {
            const std::uint32_t host = addr.prefix == 0 ? ~0U : ~0U >> addr.prefix;
            const std::uint32_t bcast = htonl(addr.ip | host);
            put_attr(msg, IFA_BROADCAST, &bcast, sizeof bcast);
        }
        if (!addr.label.empty())
            put_attr(msg, IFA_LABEL, addr.label.c_str(), addr.label.size() + 1);
    }

    nlmsghdr nh{};
    nh.nlmsg_len = static_cast<std::uint32_t>(msg.size());
    nh.nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
    nh.nlmsg_flags = static_cast<std::uint16_t>(NLM_F_REQUEST | NLM_F_ACK |
                                                (add ? NLM_F_CREATE | NLM_F_EXCL : 0));
    nh.nlmsg_seq = seq;
    std::memcpy(msg.data(), &nh, sizeof nh);
    return msg;
}

Result<void> change_address(bool add, const std::string &dev, const Address &addr) {
    const unsigned index = ::if_nametoindex(dev.c_str());
    if (index == 0) {
        const int err = errno;
        return error(ENODEV,
                     "device " + cli::quote(dev) + ": " + std::strerror(err == 0 ? ENODEV : err));
    }
    const auto msg = address_message(add, index, addr);
    const auto what = [&](int err) {
        return std::string(add ? "adding " : "removing ") + format_ipv4(addr.ip) + "/" +
               std::to_string(addr.prefix) + " on " + dev + ": " + std::strerror(err);
    };

    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return error(errno, std::string("netlink socket: ") + std::strerror(errno));
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    int err = 0;
    if (::sendto(fd, msg.data(), msg.size(), 0, reinterpret_cast<sockaddr *>(&kernel),
                 sizeof kernel) < 0) {
        err = errno;
    } else {
        alignas(nlmsghdr) char buf[1024];
        for (;;) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                err = errno;
                break;
            }
            const auto *nh = reinterpret_cast<const nlmsghdr *>(buf);
            if (!NLMSG_OK(nh, static_cast<unsigned>(n)))
                break;
            if (nh->nlmsg_type == NLMSG_ERROR) {
                err = -reinterpret_cast<const nlmsgerr *>(NLMSG_DATA(nh))->error;
                break;
            }
        }
    }
    ::close(fd);
    if (err)
        return error(err, what(err));
    return ok();
}

} // namespace vserver::rtnl
