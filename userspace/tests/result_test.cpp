// SPDX-License-Identifier: GPL-2.0-only
//
// Result<T>/Result<void>: values and errors survive construction, copies and
// the helpers unchanged.

#include "result.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <string>

using vserver::Error;
using vserver::Result;

namespace {

Result<int> half(int n) {
    if (n % 2 != 0)
        return vserver::error(EINVAL, "half: odd");
    return n / 2;
}

Result<void> check(bool good) {
    if (!good)
        return vserver::error(EPERM, "check: refused");
    return vserver::ok();
}

} // namespace

TEST_CASE("Result holds a value", "[result]") {
    auto r = half(8);
    REQUIRE(r.ok());
    REQUIRE(static_cast<bool>(r));
    CHECK(r.value() == 4);
    CHECK(r.value_or(-1) == 4);
}

TEST_CASE("Result holds an error", "[result]") {
    auto r = half(3);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().errnum == EINVAL);
    CHECK(r.error().message == "half: odd");
    CHECK(r.value_or(-1) == -1);
}

TEST_CASE("Result error propagates to another Result type", "[result]") {
    auto outer = [](int n) -> Result<std::string> {
        auto r = half(n);
        if (!r)
            return r.error();
        return std::to_string(r.value());
    };
    CHECK(outer(10).value() == "5");
    auto e = outer(7);
    REQUIRE_FALSE(e);
    CHECK(e.error().errnum == EINVAL);
    CHECK(e.error().message == "half: odd");
}

TEST_CASE("Result moves its value out", "[result]") {
    Result<std::string> r = std::string(1000, 'x');
    std::string s = std::move(r).value();
    CHECK(s.size() == 1000);
}

TEST_CASE("Result<void>", "[result]") {
    auto good = check(true);
    CHECK(good.ok());
    auto bad = check(false);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().errnum == EPERM);
    CHECK(bad.error().message == "check: refused");
}

TEST_CASE("Misusing a Result is caught", "[result]") {
    auto r = half(3);
    CHECK_THROWS(r.value());
    auto v = half(2);
    CHECK_THROWS(v.error());
    CHECK_THROWS(check(true).error());
}
