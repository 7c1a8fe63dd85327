// SPDX-License-Identifier: GPL-2.0-only
//
// A fresh folder for the tests that read or walk files.

#ifndef VSERVER_TESTS_TEMPDIR_HPP
#define VSERVER_TESTS_TEMPDIR_HPP

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <stdlib.h>

namespace vserver::test {

// A folder under $TMPDIR (or /tmp), removed with all it holds at the end
// of the test.
class TempDir {
  public:
    TempDir() {
        const char *tmp = std::getenv("TMPDIR");
        std::string templ = std::string(tmp != nullptr ? tmp : "/tmp") + "/vserver_test.XXXXXX";
        REQUIRE(::mkdtemp(templ.data()) != nullptr);
        path_ = templ;
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    const std::string &path() const { return path_; }
    std::string operator/(const std::string &name) const { return path_ + "/" + name; }
    // `name` and the folders above it.
    void mkdir(const std::string &name) const { std::filesystem::create_directories(*this / name); }
    // The file `name` with `text`, and the folders above it.
    void write(const std::string &name, const std::string &text = "x") const {
        std::filesystem::create_directories(std::filesystem::path(*this / name).parent_path());
        std::ofstream(*this / name) << text;
    }

  private:
    std::string path_;
};

} // namespace vserver::test

#endif // VSERVER_TESTS_TEMPDIR_HPP
