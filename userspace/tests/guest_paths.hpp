// SPDX-License-Identifier: GPL-2.0-only
//
// The guest tests' Paths: every directory the lifecycle uses, inside a
// TempDir.

#ifndef VSERVER_TESTS_GUEST_PATHS_HPP
#define VSERVER_TESTS_GUEST_PATHS_HPP

#include "guest.hpp"
#include "tempdir.hpp"

namespace vserver::test {

inline guest::Paths paths_in(const TempDir &dir) {
    guest::Paths p;
    p.confdir = dir / "etc";
    p.rundir = dir / "run";
    p.helperdir = dir / "helper";
    p.vdirbase = dir / "vservers";
    return p;
}

} // namespace vserver::test

#endif // VSERVER_TESTS_GUEST_PATHS_HPP
