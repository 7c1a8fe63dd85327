// SPDX-License-Identifier: GPL-2.0-only
//
// Flag and capability values come from <vserver/context.h> and
// <vserver/network.h>, capability numbers from <linux/capability.h>,
// unshare bits from <linux/sched.h>. The tables follow util-vserver's
// lib/cflags-v13.c, lib/ccaps-v13.c, lib/bcaps-v13.c, vc_text2umask(),
// lib/nflags-net.c and lib/ncaps-net.c in names and order.

#include "names.hpp"

#include "cli.hpp"

#include <vserver/context.h>
#include <vserver/network.h>

#include <linux/capability.h>
#include <linux/sched.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <csignal>

namespace vserver {

namespace {

// Three bits util-vserver names that the vs2.3 uapi (and so our kernel
// header) no longer defines. They are client-side knowledge like the names
// themselves; should the header define them again, its values are used.
#ifdef VXF_INFO_LOCK
constexpr std::uint64_t cflag_lock = VXF_INFO_LOCK;
#else
constexpr std::uint64_t cflag_lock = 0x00000001ULL;      // util-vserver VC_VXF_INFO_LOCK
#endif
#ifdef VXF_IGNEG_IONICE
constexpr std::uint64_t cflag_igneg_ionice = VXF_IGNEG_IONICE;
#else
constexpr std::uint64_t cflag_igneg_ionice = 1ULL << 53; // util-vserver VC_VXF_IGNEG_IONICE
#endif
#ifdef VXC_RAW_ICMP
constexpr std::uint64_t ccap_raw_icmp = VXC_RAW_ICMP;
#else
constexpr std::uint64_t ccap_raw_icmp = 0x00000100ULL;   // util-vserver VC_VXC_RAW_ICMP
#endif

// util-vserver's nflag "lock" (VC_NXF_INFO_LOCK), like the cflag above not
// in the vs2.3 uapi.
#ifdef NXF_INFO_LOCK
constexpr std::uint64_t nflag_lock = NXF_INFO_LOCK;
#else
constexpr std::uint64_t nflag_lock = 0x00000001ULL;      // util-vserver VC_NXF_INFO_LOCK
#endif

constexpr std::uint64_t bit(unsigned n) noexcept { return 1ULL << n; }

constexpr std::array<BitName, 30> cflags{{
    {"lock", cflag_lock},
    {"nproc", VXF_INFO_NPROC},
    {"private", VXF_INFO_PRIVATE},
    {"fakeinit", VXF_INFO_INIT},
    {"hideinfo", VXF_INFO_HIDE},
    {"ulimit", VXF_INFO_ULIMIT},
    {"namespace", VXF_INFO_NSPACE},
    {"sched_hard", VXF_SCHED_HARD},
    {"sched_prio", VXF_SCHED_PRIO},
    {"sched_pause", VXF_SCHED_PAUSE},
    {"virt_mem", VXF_VIRT_MEM},
    {"virt_uptime", VXF_VIRT_UPTIME},
    {"virt_cpu", VXF_VIRT_CPU},
    {"virt_load", VXF_VIRT_LOAD},
    {"virt_time", VXF_VIRT_TIME},
    {"hide_mount", VXF_HIDE_MOUNT},
    {"hide_netif", VXF_HIDE_NETIF},
    {"hide_vinfo", VXF_HIDE_VINFO},
    {"state_setup", VXF_STATE_SETUP},
    {"state_init", VXF_STATE_INIT},
    {"state_admin", VXF_STATE_ADMIN},
    {"sc_helper", VXF_SC_HELPER},
    {"reboot_kill", VXF_REBOOT_KILL},
    {"persistent", VXF_PERSISTENT},
    {"fork_rss", VXF_FORK_RSS},
    {"prolific", VXF_PROLIFIC},
    {"igneg_nice", VXF_IGNEG_NICE},
    {"igneg_ionice", cflag_igneg_ionice},
    // pseudo flags
    {"secure", VXF_HIDE_NETIF},
    {"default", VXF_VIRT_UPTIME | VXF_SC_HELPER},
}};

constexpr std::array<BitName, 24> ccaps{{
    {"set_utsname", VXC_SET_UTSNAME},
    {"set_rlimit", VXC_SET_RLIMIT},
    {"fs_security", VXC_FS_SECURITY},
    {"fs_trusted", VXC_FS_TRUSTED},
    {"tiocsti", VXC_TIOCSTI},
    {"raw_icmp", ccap_raw_icmp},
    {"syslog", VXC_SYSLOG},
    {"oom_adjust", VXC_OOM_ADJUST},
    {"audit_control", VXC_AUDIT_CONTROL},
    {"secure_mount", VXC_SECURE_MOUNT},
    {"secure_remount", VXC_SECURE_REMOUNT},
    {"binary_mount", VXC_BINARY_MOUNT},
    {"dev_mount", VXC_DEV_MOUNT},
    {"quota_ctl", VXC_QUOTA_CTL},
    {"admin_mapper", VXC_ADMIN_MAPPER},
    {"admin_cloop", VXC_ADMIN_CLOOP},
    {"kthread", VXC_KTHREAD},
    {"namespace", VXC_NAMESPACE},
    // deprecated spellings
    {"mount", VXC_SECURE_MOUNT},
    {"remount", VXC_SECURE_REMOUNT},
    {"icmp", ccap_raw_icmp},
    {"ping", ccap_raw_icmp},
    {"utsname", VXC_SET_UTSNAME},
    {"rlimit", VXC_SET_RLIMIT},
}};

#define VS_CAP(name)                                                                               \
    { #name, bit(CAP_##name) }
constexpr std::array<BitName, 42> bcaps{{
    VS_CAP(CHOWN),
    VS_CAP(DAC_OVERRIDE),
    VS_CAP(DAC_READ_SEARCH),
    VS_CAP(FOWNER),
    VS_CAP(FSETID),
    VS_CAP(KILL),
    VS_CAP(SETGID),
    VS_CAP(SETUID),
    VS_CAP(SETPCAP),
    VS_CAP(LINUX_IMMUTABLE),
    VS_CAP(NET_BIND_SERVICE),
    VS_CAP(NET_BROADCAST),
    VS_CAP(NET_ADMIN),
    VS_CAP(NET_RAW),
    VS_CAP(IPC_LOCK),
    VS_CAP(IPC_OWNER),
    VS_CAP(SYS_MODULE),
    VS_CAP(SYS_RAWIO),
    VS_CAP(SYS_CHROOT),
    VS_CAP(SYS_PTRACE),
    VS_CAP(SYS_PACCT),
    VS_CAP(SYS_ADMIN),
    VS_CAP(SYS_BOOT),
    VS_CAP(SYS_NICE),
    VS_CAP(SYS_RESOURCE),
    VS_CAP(SYS_TIME),
    VS_CAP(SYS_TTY_CONFIG),
    VS_CAP(MKNOD),
    VS_CAP(LEASE),
    VS_CAP(AUDIT_WRITE),
    VS_CAP(AUDIT_CONTROL),
    VS_CAP(SETFCAP),
    VS_CAP(MAC_OVERRIDE),
    VS_CAP(MAC_ADMIN),
    VS_CAP(SYSLOG),
    VS_CAP(WAKE_ALARM),
    VS_CAP(BLOCK_SUSPEND),
    VS_CAP(AUDIT_READ),
    VS_CAP(PERFMON),
    VS_CAP(BPF),
    VS_CAP(CHECKPOINT_RESTORE),
    {"CONTEXT", bit(VXC_BCAP_CONTEXT)},
}};
#undef VS_CAP

static_assert(CAP_LAST_CAP == CAP_CHECKPOINT_RESTORE,
              "the bcap table ends at CAP_CHECKPOINT_RESTORE; add the new capabilities");

constexpr std::array<BitName, 7> umasks{{
    {"fs", CLONE_FS},
    {"newns", CLONE_NEWNS},
    {"newuts", CLONE_NEWUTS},
    {"newipc", CLONE_NEWIPC},
    {"newuser", CLONE_NEWUSER},
    {"newpid", CLONE_NEWPID},
    {"newnet", CLONE_NEWNET},
}};

constexpr std::array<BitName, 14> nflags{{
    {"lock", nflag_lock},
    {"private", NXF_INFO_PRIVATE},
    {"single_ip", NXF_SINGLE_IP},
    {"lback_remap", NXF_LBACK_REMAP},
    {"lback_allow", NXF_LBACK_ALLOW},
    {"hide_netif", NXF_HIDE_NETIF},
    {"hide_lback", NXF_HIDE_LBACK},
    {"state_setup", NXF_STATE_SETUP},
    {"state_admin", NXF_STATE_ADMIN},
    {"sc_helper", NXF_SC_HELPER},
    {"persistent", NXF_PERSISTENT},
    // aliases
    {"remap_lback", NXF_LBACK_REMAP},
    {"info_lock", nflag_lock},
    {"info_private", NXF_INFO_PRIVATE},
}};

// util-vserver names tun_create and raw_icmp; "raw_socket" (vs2.3's
// NXC_RAW_SOCKET: any raw protocol, IP_HDRINCL) and "multicast" are ours.
constexpr std::array<BitName, 4> ncaps{{
    {"tun_create", NXC_TUN_CREATE},
    {"raw_icmp", NXC_RAW_ICMP},
    {"raw_socket", NXC_RAW_SOCKET},
    {"multicast", NXC_MULTICAST},
}};

struct SignalName {
    std::string_view name;
    int number;
};

constexpr std::array<SignalName, 34> signals{{
    {"HUP", SIGHUP},       {"INT", SIGINT},     {"QUIT", SIGQUIT}, {"ILL", SIGILL},
    {"TRAP", SIGTRAP},     {"ABRT", SIGABRT},   {"IOT", SIGIOT},   {"BUS", SIGBUS},
    {"FPE", SIGFPE},       {"KILL", SIGKILL},   {"USR1", SIGUSR1}, {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2},     {"PIPE", SIGPIPE},   {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD},   {"CLD", SIGCHLD},  {"CONT", SIGCONT},
    {"STOP", SIGSTOP},     {"TSTP", SIGTSTP},   {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},
    {"URG", SIGURG},       {"XCPU", SIGXCPU},   {"XFSZ", SIGXFSZ}, {"VTALRM", SIGVTALRM},
    {"PROF", SIGPROF},     {"WINCH", SIGWINCH}, {"IO", SIGIO},     {"POLL", SIGPOLL},
    {"PWR", SIGPWR},       {"SYS", SIGSYS},
}};

// The highest signal number the kernel accepts (SIGRTMAX on Linux).
constexpr int max_signal = 64;

bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() > prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// The value of one item without its '~'/'!' prefix.
Result<std::uint64_t> item_value(BitKind kind, std::string_view item) {
    if (iequals(item, "all") || iequals(item, "any"))
        return ~0ULL;
    if (iequals(item, "none"))
        return 0ULL;
    if (item[0] == '^') {
        auto n = cli::parse_c_uint64(item.substr(1));
        if (!n || *n > 63)
            return error(EINVAL, "bad bit number in " + cli::quote(item) + " (0..63)");
        return bit(static_cast<unsigned>(*n));
    }
    if (std::isdigit(static_cast<unsigned char>(item[0]))) {
        auto n = cli::parse_c_uint64(item);
        if (!n)
            return error(EINVAL, "bad number " + cli::quote(item));
        return *n;
    }
    if (auto v = lookup_bit_name(kind, item))
        return *v;
    return error(EINVAL, "unknown " + std::string(bit_kind_noun(kind)) + ' ' + cli::quote(item));
}

} // namespace

std::span<const BitName> bit_names(BitKind kind) noexcept {
    switch (kind) {
    case BitKind::cflag:
        return cflags;
    case BitKind::ccap:
        return ccaps;
    case BitKind::bcap:
        return bcaps;
    case BitKind::umask:
        return umasks;
    case BitKind::nflag:
        return nflags;
    case BitKind::ncap:
        return ncaps;
    }
    return {};
}

std::string_view bit_kind_noun(BitKind kind) noexcept {
    switch (kind) {
    case BitKind::cflag:
        return "flag";
    case BitKind::ccap:
        return "ccap";
    case BitKind::bcap:
        return "bcap";
    case BitKind::umask:
        return "namespace";
    case BitKind::nflag:
        return "flag";
    case BitKind::ncap:
        return "ncap";
    }
    return "item";
}

std::optional<std::uint64_t> lookup_bit_name(BitKind kind, std::string_view name) noexcept {
    if (kind == BitKind::bcap && istarts_with(name, "cap_"))
        name.remove_prefix(4);
    else if (kind == BitKind::ccap && istarts_with(name, "vxc_"))
        name.remove_prefix(4);
    else if (kind == BitKind::nflag && istarts_with(name, "nxf_"))
        name.remove_prefix(4);
    else if (kind == BitKind::ncap && istarts_with(name, "nxc_"))
        name.remove_prefix(4);
    for (const auto &entry : bit_names(kind))
        if (iequals(entry.name, name))
            return entry.bits;
    return std::nullopt;
}

BitList overlay(BitList base, const BitList &top) noexcept {
    base.set = (base.set & ~top.clear) | top.set;
    base.clear = (base.clear & ~top.set) | top.clear;
    return base;
}

MaskedWord masked_word(const BitList &list) noexcept { return {list.set, list.mask()}; }

Result<void> parse_bit_list(BitKind kind, std::string_view text, BitList &list) {
    BitList result = list;
    const std::string noun(bit_kind_noun(kind));
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        const bool last = comma == std::string_view::npos;

        bool negate = false;
        while (!item.empty() && (item[0] == '~' || item[0] == '!')) {
            negate = !negate;
            item.remove_prefix(1);
        }
        if (item.empty())
            return error(EINVAL, "empty " + noun + " name in list");
        auto value = item_value(kind, item);
        if (!value)
            return value.error();
        if (negate) {
            result.clear |= value.value();
            result.set &= ~value.value();
        } else {
            result.set |= value.value();
            result.clear &= ~value.value();
        }
        if (!last && text.empty())
            return error(EINVAL, "empty " + noun + " name in list");
    }
    list = result;
    return ok();
}

std::string format_bits(BitKind kind, std::uint64_t bits) {
    std::string out;
    std::uint64_t unnamed = 0;
    const auto names = bit_names(kind);
    for (unsigned n = 0; n < 64; ++n) {
        if ((bits & bit(n)) == 0)
            continue;
        // The first entry for exactly this bit is its canonical name.
        auto it = std::ranges::find(names, bit(n), &BitName::bits);
        if (it == names.end()) {
            unnamed |= bit(n);
            continue;
        }
        if (!out.empty())
            out += ',';
        out += it->name;
    }
    for (unsigned n = 0; n < 64; ++n) {
        if ((unnamed & bit(n)) == 0)
            continue;
        if (!out.empty())
            out += ',';
        out += '^' + std::to_string(n);
    }
    return out;
}

std::uint64_t secure_bcaps(bool vshelper, bool migrate) noexcept {
    std::uint64_t caps = bit(CAP_CHOWN) | bit(CAP_DAC_OVERRIDE) | bit(CAP_DAC_READ_SEARCH) |
                         bit(CAP_FOWNER) | bit(CAP_FSETID) | bit(CAP_KILL) | bit(CAP_SETGID) |
                         bit(CAP_SETUID) | bit(CAP_NET_BIND_SERVICE) | bit(CAP_SYS_CHROOT) |
                         bit(CAP_SYS_PTRACE) | bit(CAP_SYS_TTY_CONFIG) | bit(CAP_LEASE) |
                         bit(CAP_SETFCAP);
    if (vshelper)
        caps |= bit(CAP_SYS_BOOT);
    if (migrate)
        caps |= bit(CAP_AUDIT_WRITE);
    return caps;
}

std::uint64_t insecure_ccaps() noexcept { return ~(VXC_SET_UTSNAME | ccap_raw_icmp); }

std::uint64_t secure_ncaps() noexcept { return NXC_RAW_ICMP; }

std::optional<int> parse_signal(std::string_view text) noexcept {
    if (text.empty())
        return std::nullopt;
    if (std::isdigit(static_cast<unsigned char>(text[0]))) {
        int n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n > max_signal)
            return std::nullopt;
        return n;
    }
    if (istarts_with(text, "SIG"))
        text.remove_prefix(3);
    for (const auto &s : signals)
        if (iequals(s.name, text))
            return s.number;
    return std::nullopt;
}

} // namespace vserver
