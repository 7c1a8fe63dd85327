// SPDX-License-Identifier: GPL-2.0-only
//
// Command lines for the parser tests: a writable argv as main() gets it,
// and the two outcomes of a parse_*_args function.

#ifndef VSERVER_TESTS_ARGV_HPP
#define VSERVER_TESTS_ARGV_HPP

#include "cli.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

namespace vserver::test {

// argv[0] is the tool; the strings stay where they are when moved.
class Argv {
  public:
    Argv(std::initializer_list<const char *> args) : storage_(args.begin(), args.end()) {
        for (auto &s : storage_)
            ptrs_.push_back(s.data());
        ptrs_.push_back(nullptr);
    }
    Argv(const Argv &) = delete;
    Argv(Argv &&) = default;
    int argc() const { return static_cast<int>(storage_.size()); }
    char **argv() { return ptrs_.data(); }

  private:
    std::vector<std::string> storage_;
    std::vector<char *> ptrs_;
};

// The arguments `parse` returns for a command line it must accept.
template <typename Args, typename Parse> Args accepted(Parse parse, Argv argv) {
    auto result = parse(argv.argc(), argv.argv());
    if (const auto *bad = std::get_if<cli::UsageError>(&result))
        FAIL("unexpected usage error: " << bad->message);
    return std::get<Args>(result);
}

// The error for a command line `parse` must refuse: one line.
template <typename Parse> cli::UsageError refused(Parse parse, Argv argv) {
    auto result = parse(argv.argc(), argv.argv());
    REQUIRE(std::holds_alternative<cli::UsageError>(result));
    const auto &bad = std::get<cli::UsageError>(result);
    CHECK(bad.message.find('\n') == std::string::npos);
    return bad;
}

} // namespace vserver::test

#endif // VSERVER_TESTS_ARGV_HPP
