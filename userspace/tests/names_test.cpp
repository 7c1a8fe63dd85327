// SPDX-License-Identifier: GPL-2.0-only
//
// Names and lists: every table entry, util-vserver's aliases and list syntax,
// bad input, formatting (with round trips), the secure sets and signals.

#include "names.hpp"

#include <vserver/context.h>
#include <vserver/network.h>

#include <catch2/catch.hpp>

#include <linux/capability.h>
#include <linux/sched.h>

#include <csignal>
#include <cstdint>
#include <random>
#include <string>

using vserver::BitKind;
using vserver::BitList;

namespace {

constexpr std::uint64_t bit(unsigned n) { return 1ULL << n; }

BitList parse(BitKind kind, std::string_view text) {
    BitList list;
    auto r = vserver::parse_bit_list(kind, text, list);
    INFO(text);
    REQUIRE(r.ok());
    return list;
}

std::string parse_error(BitKind kind, std::string_view text) {
    BitList list{0x5, 0xa};
    auto r = vserver::parse_bit_list(kind, text, list);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EINVAL);
    CHECK(list == BitList{0x5, 0xa}); // untouched on error
    return r.error().message;
}

} // namespace

TEST_CASE("every context flag of the header has util-vserver's name", "[names]") {
    using vserver::lookup_bit_name;
    const std::pair<const char *, std::uint64_t> flags[] = {
        {"nproc", VXF_INFO_NPROC},        {"private", VXF_INFO_PRIVATE},
        {"fakeinit", VXF_INFO_INIT},      {"hideinfo", VXF_INFO_HIDE},
        {"ulimit", VXF_INFO_ULIMIT},      {"namespace", VXF_INFO_NSPACE},
        {"sched_hard", VXF_SCHED_HARD},   {"sched_prio", VXF_SCHED_PRIO},
        {"sched_pause", VXF_SCHED_PAUSE}, {"virt_mem", VXF_VIRT_MEM},
        {"virt_uptime", VXF_VIRT_UPTIME}, {"virt_cpu", VXF_VIRT_CPU},
        {"virt_load", VXF_VIRT_LOAD},     {"virt_time", VXF_VIRT_TIME},
        {"hide_mount", VXF_HIDE_MOUNT},   {"hide_netif", VXF_HIDE_NETIF},
        {"hide_vinfo", VXF_HIDE_VINFO},   {"state_setup", VXF_STATE_SETUP},
        {"state_init", VXF_STATE_INIT},   {"state_admin", VXF_STATE_ADMIN},
        {"sc_helper", VXF_SC_HELPER},     {"reboot_kill", VXF_REBOOT_KILL},
        {"persistent", VXF_PERSISTENT},   {"fork_rss", VXF_FORK_RSS},
        {"prolific", VXF_PROLIFIC},       {"igneg_nice", VXF_IGNEG_NICE},
    };
    for (const auto &[name, value] : flags) {
        INFO(name);
        CHECK(lookup_bit_name(BitKind::cflag, name) == value);
        CHECK(vserver::format_bits(BitKind::cflag, value) == name);
    }
    // Names util-vserver knows for bits the vs2.3 header dropped.
    CHECK(lookup_bit_name(BitKind::cflag, "lock") == 0x1U);
    CHECK(lookup_bit_name(BitKind::cflag, "igneg_ionice") == bit(53));
}

TEST_CASE("context flag aliases", "[names]") {
    using vserver::lookup_bit_name;
    CHECK(lookup_bit_name(BitKind::cflag, "default") == (VXF_VIRT_UPTIME | VXF_SC_HELPER));
    CHECK(lookup_bit_name(BitKind::cflag, "secure") == VXF_HIDE_NETIF);
    CHECK(lookup_bit_name(BitKind::cflag, "VIRT_MEM") == VXF_VIRT_MEM);
    CHECK_FALSE(lookup_bit_name(BitKind::cflag, "info_init"));
    CHECK_FALSE(lookup_bit_name(BitKind::cflag, "virt"));
    CHECK_FALSE(lookup_bit_name(BitKind::cflag, ""));
}

TEST_CASE("every context capability has util-vserver's names", "[names]") {
    using vserver::lookup_bit_name;
    const std::pair<const char *, std::uint64_t> caps[] = {
        {"set_utsname", VXC_SET_UTSNAME},   {"set_rlimit", VXC_SET_RLIMIT},
        {"fs_security", VXC_FS_SECURITY},   {"fs_trusted", VXC_FS_TRUSTED},
        {"tiocsti", VXC_TIOCSTI},           {"syslog", VXC_SYSLOG},
        {"oom_adjust", VXC_OOM_ADJUST},     {"audit_control", VXC_AUDIT_CONTROL},
        {"secure_mount", VXC_SECURE_MOUNT}, {"secure_remount", VXC_SECURE_REMOUNT},
        {"binary_mount", VXC_BINARY_MOUNT}, {"dev_mount", VXC_DEV_MOUNT},
        {"quota_ctl", VXC_QUOTA_CTL},       {"admin_mapper", VXC_ADMIN_MAPPER},
        {"admin_cloop", VXC_ADMIN_CLOOP},   {"kthread", VXC_KTHREAD},
        {"namespace", VXC_NAMESPACE},
    };
    for (const auto &[name, value] : caps) {
        INFO(name);
        CHECK(lookup_bit_name(BitKind::ccap, name) == value);
        CHECK(vserver::format_bits(BitKind::ccap, value) == name);
    }
    // raw_icmp (0x100, util-vserver's VC_VXC_RAW_ICMP) and the old spellings.
    CHECK(lookup_bit_name(BitKind::ccap, "raw_icmp") == 0x100U);
    CHECK(lookup_bit_name(BitKind::ccap, "icmp") == 0x100U);
    CHECK(lookup_bit_name(BitKind::ccap, "ping") == 0x100U);
    CHECK(lookup_bit_name(BitKind::ccap, "utsname") == VXC_SET_UTSNAME);
    CHECK(lookup_bit_name(BitKind::ccap, "rlimit") == VXC_SET_RLIMIT);
    CHECK(lookup_bit_name(BitKind::ccap, "mount") == VXC_SECURE_MOUNT);
    CHECK(lookup_bit_name(BitKind::ccap, "remount") == VXC_SECURE_REMOUNT);
    CHECK(lookup_bit_name(BitKind::ccap, "VXC_SET_UTSNAME") == VXC_SET_UTSNAME);
    CHECK(lookup_bit_name(BitKind::ccap, "vxc_kthread") == VXC_KTHREAD);
    CHECK(vserver::format_bits(BitKind::ccap, 0x100) == "raw_icmp");
    CHECK_FALSE(lookup_bit_name(BitKind::ccap, "vxc_"));
    CHECK_FALSE(lookup_bit_name(BitKind::ccap, "chown"));
}

TEST_CASE("bcaps are the capability names, any case, CAP_ optional", "[names]") {
    using vserver::lookup_bit_name;
    CHECK(lookup_bit_name(BitKind::bcap, "CHOWN") == bit(CAP_CHOWN));
    CHECK(lookup_bit_name(BitKind::bcap, "chown") == bit(CAP_CHOWN));
    CHECK(lookup_bit_name(BitKind::bcap, "CAP_SYS_ADMIN") == bit(CAP_SYS_ADMIN));
    CHECK(lookup_bit_name(BitKind::bcap, "cap_net_raw") == bit(CAP_NET_RAW));
    CHECK(lookup_bit_name(BitKind::bcap, "checkpoint_restore") == bit(CAP_CHECKPOINT_RESTORE));
    CHECK(lookup_bit_name(BitKind::bcap, "CONTEXT") == bit(VXC_BCAP_CONTEXT));
    CHECK(lookup_bit_name(BitKind::bcap, "CAP_CONTEXT") == bit(63));
    CHECK_FALSE(lookup_bit_name(BitKind::bcap, "CAP_"));
    CHECK_FALSE(lookup_bit_name(BitKind::bcap, "SYS"));
    CHECK_FALSE(lookup_bit_name(BitKind::bcap, "set_utsname"));

    // Every capability up to CAP_LAST_CAP has exactly one canonical name.
    for (unsigned n = 0; n <= CAP_LAST_CAP; ++n) {
        INFO(n);
        const std::string name = vserver::format_bits(BitKind::bcap, bit(n));
        CHECK(name.find('^') == std::string::npos);
        CHECK(lookup_bit_name(BitKind::bcap, name) == bit(n));
    }
    CHECK(vserver::format_bits(BitKind::bcap, bit(CAP_LAST_CAP + 1)) ==
          std::string("^") + std::to_string(CAP_LAST_CAP + 1));
    CHECK(vserver::format_bits(BitKind::bcap, bit(63)) == "CONTEXT");
}

TEST_CASE("umask names are the CLONE_ bits", "[names]") {
    using vserver::lookup_bit_name;
    CHECK(lookup_bit_name(BitKind::umask, "fs") == static_cast<std::uint64_t>(CLONE_FS));
    CHECK(lookup_bit_name(BitKind::umask, "newns") == static_cast<std::uint64_t>(CLONE_NEWNS));
    CHECK(lookup_bit_name(BitKind::umask, "newuts") == static_cast<std::uint64_t>(CLONE_NEWUTS));
    CHECK(lookup_bit_name(BitKind::umask, "newipc") == static_cast<std::uint64_t>(CLONE_NEWIPC));
    CHECK(lookup_bit_name(BitKind::umask, "newuser") == static_cast<std::uint64_t>(CLONE_NEWUSER));
    CHECK(lookup_bit_name(BitKind::umask, "newpid") == static_cast<std::uint64_t>(CLONE_NEWPID));
    CHECK(lookup_bit_name(BitKind::umask, "newnet") == static_cast<std::uint64_t>(CLONE_NEWNET));
    CHECK(vserver::format_bits(BitKind::umask, CLONE_NEWNS | CLONE_NEWUTS) == "newns,newuts");
    CHECK(vserver::bit_kind_noun(BitKind::umask) == "namespace");
}

TEST_CASE("a list sets names and clears ~names and !names", "[names]") {
    CHECK(parse(BitKind::cflag, "virt_mem,~hide_netif,!nproc") ==
          BitList{VXF_VIRT_MEM, VXF_HIDE_NETIF | VXF_INFO_NPROC});
    CHECK(parse(BitKind::cflag, "") == BitList{});
    CHECK(parse(BitKind::cflag, "default") == BitList{VXF_VIRT_UPTIME | VXF_SC_HELPER, 0});
    // Each prefix character toggles.
    CHECK(parse(BitKind::cflag, "~!virt_mem") == BitList{VXF_VIRT_MEM, 0});
    CHECK(parse(BitKind::cflag, "~~~virt_mem") == BitList{0, VXF_VIRT_MEM});
    // The mask sent to the kernel covers both.
    CHECK(parse(BitKind::cflag, "virt_mem,~nproc").mask() == (VXF_VIRT_MEM | VXF_INFO_NPROC));
}

TEST_CASE("a later item wins over an earlier one", "[names]") {
    CHECK(parse(BitKind::cflag, "nproc,~nproc") == BitList{0, VXF_INFO_NPROC});
    CHECK(parse(BitKind::cflag, "~nproc,nproc") == BitList{VXF_INFO_NPROC, 0});
    CHECK(parse(BitKind::cflag, "all,~nproc") == BitList{~VXF_INFO_NPROC, VXF_INFO_NPROC});
}

TEST_CASE("lists add to what earlier lists chose", "[names]") {
    BitList list;
    REQUIRE(vserver::parse_bit_list(BitKind::bcap, "CHOWN,KILL", list).ok());
    REQUIRE(vserver::parse_bit_list(BitKind::bcap, "~KILL,SETUID", list).ok());
    CHECK(list == BitList{bit(CAP_CHOWN) | bit(CAP_SETUID), bit(CAP_KILL)});
}

TEST_CASE("all, any, none, ^N and numbers", "[names]") {
    CHECK(parse(BitKind::ccap, "all") == BitList{~0ULL, 0});
    CHECK(parse(BitKind::ccap, "ANY") == BitList{~0ULL, 0});
    CHECK(parse(BitKind::ccap, "~all") == BitList{0, ~0ULL});
    CHECK(parse(BitKind::ccap, "none") == BitList{});
    CHECK(parse(BitKind::bcap, "^0,^63,~^5") == BitList{bit(0) | bit(63), bit(5)});
    CHECK(parse(BitKind::bcap, "^0x3f") == BitList{bit(63), 0});
    CHECK(parse(BitKind::cflag, "0x30,~8") == BitList{0x30, 0x8});
    CHECK(parse(BitKind::cflag, "010") == BitList{0x8, 0});
    CHECK(parse(BitKind::cflag, "0") == BitList{});
}

TEST_CASE("bad lists are refused and name the item", "[names]") {
    CHECK(parse_error(BitKind::cflag, "nosuch") == "unknown flag 'nosuch'");
    CHECK(parse_error(BitKind::cflag, "virt_mem,nosuch") == "unknown flag 'nosuch'");
    CHECK(parse_error(BitKind::ccap, "~bogus") == "unknown ccap 'bogus'");
    CHECK(parse_error(BitKind::bcap, "CAP_FOO") == "unknown bcap 'CAP_FOO'");
    CHECK(parse_error(BitKind::umask, "newfoo") == "unknown namespace 'newfoo'");
    CHECK(parse_error(BitKind::cflag, ",nproc") == "empty flag name in list");
    CHECK(parse_error(BitKind::cflag, "nproc,") == "empty flag name in list");
    CHECK(parse_error(BitKind::cflag, "nproc,,private") == "empty flag name in list");
    CHECK(parse_error(BitKind::cflag, "~") == "empty flag name in list");
    CHECK(parse_error(BitKind::bcap, "^64") == "bad bit number in '^64' (0..63)");
    CHECK(parse_error(BitKind::bcap, "^") == "bad bit number in '^' (0..63)");
    CHECK(parse_error(BitKind::bcap, "^x") == "bad bit number in '^x' (0..63)");
    CHECK(parse_error(BitKind::cflag, "12abc") == "bad number '12abc'");
    CHECK(parse_error(BitKind::cflag, "0x") == "bad number '0x'");
    CHECK(parse_error(BitKind::cflag, "099") == "bad number '099'");
    CHECK(parse_error(BitKind::cflag, "99999999999999999999") ==
          "bad number '99999999999999999999'");
    CHECK(parse_error(BitKind::cflag, " nproc") == "unknown flag ' nproc'");
}

TEST_CASE("format_bits lists names in bit order, then unnamed bits", "[names]") {
    using vserver::format_bits;
    CHECK(format_bits(BitKind::cflag, 0) == "");
    CHECK(format_bits(BitKind::cflag, VXF_STATE_SETUP | VXF_VIRT_UPTIME | VXF_INFO_NPROC) ==
          "nproc,virt_uptime,state_setup");
    // VXF_INFO_SCHED (bit 1) has no util-vserver name; aliases are not used.
    CHECK(format_bits(BitKind::cflag, VXF_INFO_SCHED | VXF_HIDE_NETIF | bit(35) | bit(63)) ==
          "hide_netif,^1,^35,^63");
    CHECK(format_bits(BitKind::cflag, VXF_VIRT_UPTIME | VXF_SC_HELPER) == "virt_uptime,sc_helper");
    CHECK(format_bits(BitKind::bcap, bit(CAP_CHOWN) | bit(CAP_KILL) | bit(63)) ==
          "CHOWN,KILL,CONTEXT");
    CHECK(format_bits(BitKind::ccap, VXC_SET_UTSNAME | 0x100 | bit(40)) ==
          "set_utsname,raw_icmp,^40");
    CHECK(format_bits(BitKind::umask, bit(0)) == "^0");
}

TEST_CASE("format_bits output parses back to the same bits", "[names]") {
    std::mt19937_64 rng(20241126);
    for (auto kind : {BitKind::cflag, BitKind::ccap, BitKind::bcap, BitKind::umask, BitKind::nflag,
                      BitKind::ncap}) {
        for (int i = 0; i < 200; ++i) {
            const std::uint64_t bits = rng() & rng(); // sparse and dense words
            const std::string text = vserver::format_bits(kind, bits);
            INFO(text);
            CHECK(parse(kind, text) == BitList{bits, 0});
        }
        CHECK(parse(kind, vserver::format_bits(kind, ~0ULL)) == BitList{~0ULL, 0});
    }
}

TEST_CASE("the secure bounding set is util-vserver's", "[names]") {
    const std::uint64_t base = bit(CAP_CHOWN) | bit(CAP_DAC_OVERRIDE) | bit(CAP_DAC_READ_SEARCH) |
                               bit(CAP_FOWNER) | bit(CAP_FSETID) | bit(CAP_KILL) | bit(CAP_SETGID) |
                               bit(CAP_SETUID) | bit(CAP_NET_BIND_SERVICE) | bit(CAP_SYS_CHROOT) |
                               bit(CAP_SYS_PTRACE) | bit(CAP_SYS_TTY_CONFIG) | bit(CAP_LEASE) |
                               bit(CAP_SETFCAP);
    CHECK(vserver::secure_bcaps(false, false) == base);
    CHECK(vserver::secure_bcaps(true, false) == (base | bit(CAP_SYS_BOOT)));
    CHECK(vserver::secure_bcaps(false, true) == (base | bit(CAP_AUDIT_WRITE)));
    CHECK(vserver::format_bits(BitKind::bcap, vserver::secure_bcaps(true, true)) ==
          "CHOWN,DAC_OVERRIDE,DAC_READ_SEARCH,FOWNER,FSETID,KILL,SETGID,SETUID,"
          "NET_BIND_SERVICE,SYS_CHROOT,SYS_PTRACE,SYS_BOOT,SYS_TTY_CONFIG,LEASE,AUDIT_WRITE,"
          "SETFCAP");
    CHECK((vserver::secure_bcaps(true, true) & bit(VXC_BCAP_CONTEXT)) == 0);
    CHECK((vserver::secure_bcaps(true, true) & bit(CAP_SYS_ADMIN)) == 0);
}

TEST_CASE("only set_utsname and raw_icmp are secure ccaps", "[names]") {
    CHECK(vserver::insecure_ccaps() == ~(VXC_SET_UTSNAME | 0x100ULL));
    CHECK(vserver::format_bits(BitKind::ccap, ~vserver::insecure_ccaps()) ==
          "set_utsname,raw_icmp");
}

TEST_CASE("every network flag of the header has util-vserver's name", "[names]") {
    using vserver::lookup_bit_name;
    const std::pair<const char *, std::uint64_t> flags[] = {
        {"private", NXF_INFO_PRIVATE},    {"single_ip", NXF_SINGLE_IP},
        {"lback_remap", NXF_LBACK_REMAP}, {"lback_allow", NXF_LBACK_ALLOW},
        {"hide_netif", NXF_HIDE_NETIF},   {"hide_lback", NXF_HIDE_LBACK},
        {"state_setup", NXF_STATE_SETUP}, {"state_admin", NXF_STATE_ADMIN},
        {"sc_helper", NXF_SC_HELPER},     {"persistent", NXF_PERSISTENT},
    };
    for (const auto &[name, value] : flags) {
        INFO(name);
        CHECK(lookup_bit_name(BitKind::nflag, name) == value);
        CHECK(vserver::format_bits(BitKind::nflag, value) == name);
    }
    // util-vserver's lock (not in the vs2.3 header) and its aliases.
    CHECK(lookup_bit_name(BitKind::nflag, "lock") == 0x1U);
    CHECK(vserver::format_bits(BitKind::nflag, 0x1U) == "lock");
    CHECK(lookup_bit_name(BitKind::nflag, "info_lock") == 0x1U);
    CHECK(lookup_bit_name(BitKind::nflag, "info_private") == NXF_INFO_PRIVATE);
    CHECK(lookup_bit_name(BitKind::nflag, "remap_lback") == NXF_LBACK_REMAP);
    CHECK(lookup_bit_name(BitKind::nflag, "NXF_HIDE_NETIF") == NXF_HIDE_NETIF);
    CHECK(lookup_bit_name(BitKind::nflag, "Hide_Lback") == NXF_HIDE_LBACK);
    CHECK_FALSE(lookup_bit_name(BitKind::nflag, "hide_mount"));
    CHECK_FALSE(lookup_bit_name(BitKind::nflag, "secure"));
    CHECK_FALSE(lookup_bit_name(BitKind::nflag, "nxf_"));
    CHECK(vserver::bit_kind_noun(BitKind::nflag) == "flag");
}

TEST_CASE("network capabilities: util-vserver's two, raw_socket and multicast", "[names]") {
    using vserver::lookup_bit_name;
    CHECK(lookup_bit_name(BitKind::ncap, "tun_create") == NXC_TUN_CREATE);
    CHECK(lookup_bit_name(BitKind::ncap, "raw_icmp") == NXC_RAW_ICMP);
    CHECK(lookup_bit_name(BitKind::ncap, "raw_socket") == NXC_RAW_SOCKET);
    CHECK(lookup_bit_name(BitKind::ncap, "multicast") == NXC_MULTICAST);
    CHECK(lookup_bit_name(BitKind::ncap, "NXC_RAW_ICMP") == NXC_RAW_ICMP);
    CHECK_FALSE(lookup_bit_name(BitKind::ncap, "ping"));
    CHECK_FALSE(lookup_bit_name(BitKind::ncap, "VXC_RAW_ICMP"));
    CHECK(vserver::format_bits(BitKind::ncap, NXC_TUN_CREATE | NXC_RAW_ICMP | NXC_MULTICAST) ==
          "tun_create,raw_icmp,multicast");
    CHECK(vserver::format_bits(BitKind::ncap, NXC_RAW_ICMP | NXC_RAW_SOCKET) ==
          "raw_icmp,raw_socket");
    CHECK(vserver::bit_kind_noun(BitKind::ncap) == "ncap");
    CHECK(vserver::secure_ncaps() == NXC_RAW_ICMP);
}

TEST_CASE("network lists use the same syntax", "[names]") {
    CHECK(parse(BitKind::nflag, "hide_netif,~single_ip,!lback_allow") ==
          BitList{NXF_HIDE_NETIF, NXF_SINGLE_IP | NXF_LBACK_ALLOW});
    CHECK(parse(BitKind::ncap, "all,~tun_create") == BitList{~NXC_TUN_CREATE, NXC_TUN_CREATE});
    CHECK(parse_error(BitKind::nflag, "hide_netif,bogus") == "unknown flag 'bogus'");
    CHECK(parse_error(BitKind::ncap, "!bogus") == "unknown ncap 'bogus'");
}

TEST_CASE("signals by number or name", "[names]") {
    using vserver::parse_signal;
    CHECK(parse_signal("0") == 0);
    CHECK(parse_signal("1") == 1);
    CHECK(parse_signal("15") == SIGTERM);
    CHECK(parse_signal("64") == 64);
    CHECK(parse_signal("TERM") == SIGTERM);
    CHECK(parse_signal("SIGTERM") == SIGTERM);
    CHECK(parse_signal("sigkill") == SIGKILL);
    CHECK(parse_signal("HUP") == SIGHUP);
    CHECK(parse_signal("SIGCHLD") == SIGCHLD);
    CHECK(parse_signal("CHLD") == SIGCHLD);
    CHECK(parse_signal("CLD") == SIGCHLD);
    CHECK(parse_signal("USR1") == SIGUSR1);
    CHECK(parse_signal("WINCH") == SIGWINCH);
    CHECK(parse_signal("SYS") == SIGSYS);
}

TEST_CASE("bad signals are refused", "[names]") {
    using vserver::parse_signal;
    CHECK_FALSE(parse_signal(""));
    CHECK_FALSE(parse_signal("x"));
    CHECK_FALSE(parse_signal("SIG"));
    CHECK_FALSE(parse_signal("SIGFOO"));
    CHECK_FALSE(parse_signal("65"));
    CHECK_FALSE(parse_signal("-1"));
    CHECK_FALSE(parse_signal("1 0"));
    CHECK_FALSE(parse_signal("15x"));
    CHECK_FALSE(parse_signal("99999999999"));
}

TEST_CASE("overlay: the lists on top win per bit; masked_word is {set, mask}", "[names]") {
    const BitList base{0b0011, 0b1100};
    const BitList top{0b0100, 0b0001};
    const BitList both = vserver::overlay(base, top);
    CHECK(both.set == 0b0110U);
    CHECK(both.clear == 0b1001U);
    CHECK(vserver::overlay(base, {}) == base);
    CHECK(vserver::overlay({}, top) == top);
    const vserver::MaskedWord word = vserver::masked_word(both);
    CHECK(word.value == 0b0110U);
    CHECK(word.mask == 0b1111U);
}
