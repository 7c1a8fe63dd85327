// SPDX-License-Identifier: GPL-2.0
/*
 * Linux-VServer integration tests - hidden interfaces by name and index
 *
 * With NXF_HIDE_NETIF a guest sees only the interfaces that carry one of
 * its addresses.  The others look absent wherever it names them:
 *
 *   guest (nid 2080, 192.0.2.80 on vsatk2), on vsatk3 (203.0.113.81):
 *     SIOCGIF* and ethtool by name, SIOCGIFNAME by index    ENODEV
 *     RTM_GETLINK by index or name, RTM_GETSTATS by index   ENODEV
 *     RTM_GETADDR dump filtered by its index                no address
 *
 * The same calls on vsatk2 work in the guest; the host, and a context
 * without NXF_HIDE_NETIF (nid 2081), find vsatk3.
 */

#define _GNU_SOURCE
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>

#include "attack_net.h"
#include "kselftest_harness.h"

#define NID_HIDE 2080
#define NID_SHOW 2081 /* the same, without NXF_HIDE_NETIF */

#define OWN_IF "vsatk2"
#define OWN_ADDR "192.0.2.80"
#define OTHER_IF "vsatk3"
#define OTHER_ADDR "203.0.113.81"

#define BAD_ANSWER 99

FIXTURE(netif)
{
	int own_index;
	int other_index;
};

FIXTURE_SETUP(netif)
{
	/* What a failed setup left (its teardown does not run). */
	vs_end_persistent_net(NID_HIDE);
	vs_end_persistent_net(NID_SHOW);
	ASSERT_EQ(0, add_dummy(OWN_IF, OWN_ADDR "/24"));
	ASSERT_EQ(0, add_dummy(OTHER_IF, OTHER_ADDR "/24"));
	self->own_index = if_nametoindex(OWN_IF);
	self->other_index = if_nametoindex(OTHER_IF);
	ASSERT_LT(0, self->own_index);
	ASSERT_LT(0, self->other_index);
	ASSERT_EQ(0, make_guest(NID_HIDE, NXF_HIDE_NETIF, 0, OWN_ADDR));
	ASSERT_EQ(0, make_guest(NID_SHOW, 0, 0, OWN_ADDR));
}

FIXTURE_TEARDOWN(netif)
{
	vs_end_persistent_net(NID_HIDE);
	vs_end_persistent_net(NID_SHOW);
	del_dummy(OWN_IF);
	del_dummy(OTHER_IF);
}

struct netif {
	const char *name;
	int index;
	const char *addr;
};

/* SIOCETHTOOL's ETHTOOL_GDRVINFO on @name into *info. */
static int drvinfo(int fd, const char *name, struct ethtool_drvinfo *info)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	memset(info, 0, sizeof(*info));
	info->cmd = ETHTOOL_GDRVINFO;
	ifr.ifr_data = (void *)info;
	return ioctl(fd, SIOCETHTOOL, &ifr);
}

/* Every interface ioctl on a hidden interface: ENODEV. */
static void probe_ioctls_hidden(const void *arg)
{
	const struct netif *nif = arg;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	static const unsigned long by_name[] = {
		SIOCGIFINDEX,  SIOCGIFFLAGS, SIOCGIFADDR,
		SIOCGIFHWADDR, SIOCGIFMTU,
	};
	struct ethtool_drvinfo info;
	struct ifreq ifr;

	CHECK(fd >= 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(by_name); i++) {
		memset(&ifr, 0, sizeof(ifr));
		strcpy(ifr.ifr_name, nif->name);
		CHECK_ERRNO_AT(ioctl(fd, by_name[i], &ifr), ENODEV, nif->name);
	}
	CHECK_ERRNO(drvinfo(fd, nif->name, &info), ENODEV);
	CHECK(if_nametoindex(nif->name) == 0);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = nif->index;
	CHECK_ERRNO(ioctl(fd, SIOCGIFNAME, &ifr), ENODEV);
}

/* The same ioctls answer with the interface's index, address and name. */
static void probe_ioctls_visible(const void *arg)
{
	const struct netif *nif = arg;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ethtool_drvinfo info;
	struct sockaddr_in *sin;
	struct ifreq ifr;
	char addr[INET_ADDRSTRLEN];

	CHECK(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, nif->name);
	CHECK(ioctl(fd, SIOCGIFINDEX, &ifr) == 0);
	CHECK_AT(ifr.ifr_ifindex == nif->index, nif->name);
	CHECK((int)if_nametoindex(nif->name) == nif->index);
	CHECK(ioctl(fd, SIOCGIFFLAGS, &ifr) == 0);
	CHECK(ifr.ifr_flags & IFF_UP);
	CHECK(ioctl(fd, SIOCGIFADDR, &ifr) == 0);
	sin = (struct sockaddr_in *)&ifr.ifr_addr;
	inet_ntop(AF_INET, &sin->sin_addr, addr, sizeof(addr));
	CHECK_AT(!strcmp(addr, nif->addr), addr);
	CHECK(ioctl(fd, SIOCGIFHWADDR, &ifr) == 0);
	CHECK(ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER);
	CHECK(ioctl(fd, SIOCGIFMTU, &ifr) == 0);
	CHECK(ifr.ifr_mtu > 0);
	CHECK(drvinfo(fd, nif->name, &info) == 0);
	CHECK_AT(!strcmp(info.driver, "dummy"), info.driver);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = nif->index;
	CHECK(ioctl(fd, SIOCGIFNAME, &ifr) == 0);
	CHECK_AT(!strcmp(ifr.ifr_name, nif->name), ifr.ifr_name);
}

/* A context without NXF_HIDE_NETIF finds the interface by name. */
static void probe_index(const void *arg)
{
	const struct netif *nif = arg;

	CHECK_AT((int)if_nametoindex(nif->name) == nif->index, nif->name);
}

TEST_F(netif, ioctls_do_not_name_a_hidden_interface)
{
	struct netif own = { OWN_IF, self->own_index, OWN_ADDR };
	struct netif other = { OTHER_IF, self->other_index, OTHER_ADDR };

	EXPECT_EQ(0, on_host(probe_ioctls_visible, &other));
	EXPECT_EQ(0, run_in(0, NID_SHOW, probe_index, &other));
	EXPECT_EQ(0, run_in(0, NID_HIDE, probe_ioctls_visible, &own));
	EXPECT_EQ(0, run_in(0, NID_HIDE, probe_ioctls_hidden, &other));
}

/*
 * A request (not a dump) for one interface: RTM_GETLINK by index, or by
 * IFLA_IFNAME if index is 0, or RTM_GETSTATS by index.  0 if it answered
 * for @want_index, else the errno of the answer.
 */
struct link_query {
	int type; /* RTM_GETLINK or RTM_GETSTATS */
	int index;
	const char *name;
	int want_index;
};

static void note_link(const struct nlmsghdr *nlh, void *ctx)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(nlh);
	const struct if_stats_msg *ifsm = NLMSG_DATA(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK &&
	    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*ifi)))
		*(int *)ctx = ifi->ifi_index;
	if (nlh->nlmsg_type == RTM_NEWSTATS &&
	    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*ifsm)))
		*(int *)ctx = ifsm->ifindex;
}

static int query_link(const void *arg)
{
	const struct link_query *q = arg;
	struct {
		struct nlmsghdr nlh;
		union {
			struct ifinfomsg ifi;
			struct if_stats_msg ifsm;
		};
		char attrs[64];
	} msg = { .nlh = { .nlmsg_type = q->type } };
	struct rtattr *rta;
	int fd = nl_open(NETLINK_ROUTE), err, index = 0;

	if (q->type == RTM_GETSTATS) {
		msg.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(msg.ifsm));
		msg.ifsm.ifindex = q->index;
		msg.ifsm.filter_mask =
			IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_64);
	} else {
		msg.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(msg.ifi));
		msg.ifi.ifi_index = q->index;
	}
	if (!q->index) {
		rta = (struct rtattr *)((char *)&msg + msg.nlh.nlmsg_len);
		rta->rta_type = IFLA_IFNAME;
		rta->rta_len = RTA_LENGTH(strlen(q->name) + 1);
		strcpy(RTA_DATA(rta), q->name);
		msg.nlh.nlmsg_len += RTA_ALIGN(rta->rta_len);
	}
	if (fd < 0)
		return BAD_ANSWER;
	err = nl_talk(fd, &msg.nlh, note_link, &index);
	if (err)
		return err < 0 && -err < BAD_ANSWER ? -err : BAD_ANSWER;
	return index == q->want_index ? 0 : BAD_ANSWER;
}

TEST_F(netif, rtnetlink_requests_do_not_find_a_hidden_interface)
{
	int own = self->own_index, other = self->other_index;
	struct link_query own_link = { RTM_GETLINK, own, NULL, own };
	struct link_query own_name = { RTM_GETLINK, 0, OWN_IF, own };
	struct link_query own_stats = { RTM_GETSTATS, own, NULL, own };
	struct link_query other_link = { RTM_GETLINK, other, NULL, other };
	struct link_query other_name = { RTM_GETLINK, 0, OTHER_IF, other };
	struct link_query other_stats = { RTM_GETSTATS, other, NULL, other };

	EXPECT_EQ(0, in_nid(0, query_link, &other_link));
	EXPECT_EQ(0, in_nid(0, query_link, &other_name));
	EXPECT_EQ(0, in_nid(0, query_link, &other_stats));
	EXPECT_EQ(0, in_nid(NID_SHOW, query_link, &other_name));
	EXPECT_EQ(0, in_nid(NID_HIDE, query_link, &own_link));
	EXPECT_EQ(0, in_nid(NID_HIDE, query_link, &own_name));
	EXPECT_EQ(0, in_nid(NID_HIDE, query_link, &own_stats));
	EXPECT_EQ(ENODEV, in_nid(NID_HIDE, query_link, &other_link));
	EXPECT_EQ(ENODEV, in_nid(NID_HIDE, query_link, &other_name));
	EXPECT_EQ(ENODEV, in_nid(NID_HIDE, query_link, &other_stats));
}

/* What a strict RTM_GETADDR dump of one interface's IPv4 addresses shows. */
#define OWN_SEEN 1
#define OTHER_SEEN 2
#define DUMP_ENODEV 4 /* the dump ended with ENODEV */

static void note_addr(const struct nlmsghdr *nlh, void *ctx)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(nlh);
	int len = nlh->nlmsg_len - NLMSG_LENGTH(sizeof(*ifa));
	const struct rtattr *rta;
	char addr[INET_ADDRSTRLEN];

	if (nlh->nlmsg_type != RTM_NEWADDR || len < 0 ||
	    ifa->ifa_family != AF_INET)
		return;
	rta = (const struct rtattr *)((const char *)ifa +
				      NLMSG_ALIGN(sizeof(*ifa)));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type != IFA_LOCAL && rta->rta_type != IFA_ADDRESS)
			continue;
		inet_ntop(AF_INET, RTA_DATA(rta), addr, sizeof(addr));
		if (!strcmp(addr, OWN_ADDR))
			*(int *)ctx |= OWN_SEEN;
		if (!strcmp(addr, OTHER_ADDR))
			*(int *)ctx |= OTHER_SEEN;
	}
}

static int getaddr(const void *index)
{
	struct {
		struct nlmsghdr nlh;
		struct ifaddrmsg ifa;
	} msg = {
		.nlh = { .nlmsg_len = sizeof(msg),
			 .nlmsg_type = RTM_GETADDR,
			 .nlmsg_flags = NLM_F_DUMP },
		.ifa = { .ifa_family = AF_INET,
			 .ifa_index = *(const int *)index },
	};
	int fd = nl_open(NETLINK_ROUTE), one = 1, seen = 0, err;

	/* Strict checking: the kernel dumps only ifa_index's addresses. */
	if (fd < 0 || setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
				 sizeof(one)))
		return BAD_ANSWER;
	err = nl_talk(fd, &msg.nlh, note_addr, &seen);
	if (err == -ENODEV)
		return seen | DUMP_ENODEV;
	return err ? BAD_ANSWER : seen;
}

TEST_F(netif, rtm_getaddr_shows_nothing_of_a_hidden_interface)
{
	int seen;

	EXPECT_EQ(OTHER_SEEN, in_nid(0, getaddr, &self->other_index));
	EXPECT_EQ(OWN_SEEN, in_nid(NID_HIDE, getaddr, &self->own_index));
	/* The interface is absent (ENODEV), or at least its address is. */
	seen = in_nid(NID_HIDE, getaddr, &self->other_index);
	EXPECT_TRUE(seen == DUMP_ENODEV || seen == 0)
	TH_LOG("dump of %s in the guest: %d", OTHER_IF, seen);
}

TEST_HARNESS_MAIN
