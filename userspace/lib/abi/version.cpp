// SPDX-License-Identifier: GPL-2.0-only
//
// All numbers of the kernel ABI come from <vserver/switch.h>; the version
// thresholds below are util-vserver's client-side knowledge of when each
// feature appeared, not kernel ABI.

#include "version.hpp"

#include "command.hpp"

#include <vserver/switch.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace vserver {

namespace {

constexpr bool has_bit(std::uint32_t vci, unsigned bit) noexcept {
    return ((vci >> bit) & 1U) != 0;
}

using FeatureTest = bool (*)(std::uint32_t version, std::uint32_t vci) noexcept;

// Building blocks for the table below, so each row reads like util-vserver's.
bool always(std::uint32_t, std::uint32_t) noexcept { return true; }

template <std::uint32_t Min> bool since(std::uint32_t v, std::uint32_t) noexcept {
    return v >= Min;
}

template <std::uint32_t Min, std::uint32_t End>
bool between(std::uint32_t v, std::uint32_t) noexcept {
    return v >= Min && v < End;
}

template <unsigned Bit> bool vci_has(std::uint32_t, std::uint32_t vci) noexcept {
    return has_bit(vci, Bit);
}

bool memcg(std::uint32_t v, std::uint32_t vci) noexcept {
    return v >= 0x00020306 && has_bit(vci, VCI_KCBIT_MEMCG);
}

// Kernels before 2.3 have no NO_DYNAMIC bit and always allowed dynamic ids.
bool dynamic(std::uint32_t v, std::uint32_t vci) noexcept {
    return v < 0x00020300 || !has_bit(vci, VCI_KCBIT_NO_DYNAMIC);
}

struct Feature {
    std::string_view name;
    FeatureTest test;
};

// util-vserver's vc_isSupported() rows, plus MEMCG, DYNAMIC and NETV2. VSTAT
// is bounded above, unlike util-vserver's row: VS-API 0x00020306 and later
// have no VSTAT.
constexpr std::array<Feature, 21> features{{
    {"COMPAT", always},
    {"VSHELPER0", between<0x00010000, 0x00010010>},
    {"VSHELPER", since<0x00010000>},
    {"VKILL", since<0x00010004>},
    {"RLIMIT", since<0x00010004>},
    {"VINFO", since<0x00010010>},
    {"VHI", since<0x00010010>},
    {"IATTR", since<0x00010011>},
    {"MIGRATE", since<0x00010012>},
    {"NAMESPACE", since<0x00010012>},
    {"VWAIT", since<0x00010025>},
    {"SCHED", since<0x00020000>},
    {"VNET", since<0x00020001>},
    {"PERSISTENT", since<0x00020002>},
    {"VSTAT", between<0x00020103, 0x00020306>},
    {"PPTAG", vci_has<VCI_KCBIT_PPTAG>},
    {"SPACES", vci_has<VCI_KCBIT_SPACES>},
    {"PIDSPACE", since<0x00020201>},
    {"MEMCG", memcg},
    {"DYNAMIC", dynamic},
    {"NETV2", vci_has<VCI_KCBIT_NETV2>},
}};

constexpr std::array<std::string_view, features.size()> feature_name_list = [] {
    std::array<std::string_view, features.size()> names{};
    for (std::size_t i = 0; i < features.size(); ++i)
        names[i] = features[i].name;
    return names;
}();

bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

const Feature *find_feature(std::string_view name) noexcept {
    auto it =
        std::ranges::find_if(features, [name](const Feature &f) { return iequals(f.name, name); });
    return it == features.end() ? nullptr : &*it;
}

struct NamedBit {
    unsigned bit;
    std::string_view name;
};

constexpr std::array<NamedBit, 12> vci_bits{{
    {VCI_KCBIT_NO_DYNAMIC, "no_dynamic"},
    {VCI_KCBIT_PROC_SECURE, "proc_secure"},
    {VCI_KCBIT_COWBL, "cowbl"},
    {VCI_KCBIT_FULLCOWBL, "fullcowbl"},
    {VCI_KCBIT_SPACES, "spaces"},
    {VCI_KCBIT_NETV2, "netv2"},
    {VCI_KCBIT_MEMCG, "memcg"},
    {VCI_KCBIT_MEMCG_SWAP, "memcg_swap"},
    {VCI_KCBIT_DEBUG, "debug"},
    {VCI_KCBIT_HISTORY, "history"},
    {VCI_KCBIT_PPTAG, "pptag"},
    {VCI_KCBIT_MORE, "more"},
}};

} // namespace

Result<std::uint32_t> get_version(Syscall &sys) {
    // util-vserver passes VC_CAT_COMPAT as id; kept so that a kernel
    // distinguishing callers sees the same request.
    return u32_result(invoke(sys, "vc_get_version", VCMD_get_version, VC_CAT_COMPAT));
}

Result<std::uint32_t> get_vci(Syscall &sys) {
    return u32_result(invoke(sys, "vc_get_vci", VCMD_get_vci, 0));
}

std::string tagged_mode_name(std::uint32_t mode) {
    switch (mode) {
    case VCI_TAGGED_NONE:
        return "none";
    case VCI_TAGGED_UID16:
        return "uid16";
    case VCI_TAGGED_GID16:
        return "gid16";
    case VCI_TAGGED_ID24:
        return "id24";
    case VCI_TAGGED_INTERN:
        return "intern";
    case VCI_TAGGED_RUNTIME:
        return "runtime";
    case VCI_TAGGED_OTHER:
        return "other";
    default:
        return std::to_string(mode);
    }
}

std::vector<std::string> decode_vci(std::uint32_t vci) {
    std::vector<std::string> names;
    for (unsigned bit = 0; bit < 32; ++bit) {
        // The tagging field is several bits wide and reported once, at its
        // lowest bit, as a mode rather than as separate flags.
        if (has_bit(VCI_TAGGED_MASK, bit)) {
            if (bit == VCI_KCBIT_TAGGED && (vci & VCI_TAGGED_MASK) != 0)
                names.push_back("tagged=" +
                                tagged_mode_name((vci & VCI_TAGGED_MASK) >> VCI_KCBIT_TAGGED));
            continue;
        }
        if (!has_bit(vci, bit))
            continue;
        auto it = std::ranges::find(vci_bits, bit, &NamedBit::bit);
        names.push_back(it != vci_bits.end() ? std::string(it->name) : "bit" + std::to_string(bit));
    }
    return names;
}

std::span<const std::string_view> feature_names() noexcept { return feature_name_list; }

bool is_known_feature(std::string_view name) noexcept { return find_feature(name) != nullptr; }

bool is_supported(std::string_view name, std::uint32_t version, std::uint32_t vci) noexcept {
    const Feature *f = find_feature(name);
    return f != nullptr && f->test(version, vci);
}

} // namespace vserver
