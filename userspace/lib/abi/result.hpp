// SPDX-License-Identifier: GPL-2.0-only
//
// Result<T>: a value or an Error. Syscall failures are ordinary outcomes for
// the tools (a kernel without vserver answers ENOSYS), so they travel as
// values instead of exceptions and the compiler insists that they are looked at.

#ifndef VSERVER_RESULT_HPP
#define VSERVER_RESULT_HPP

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace vserver {

// errnum is a positive errno value; message is one line naming the failed
// operation, ready to be printed after "<tool>: ".
struct Error {
    int errnum = 0;
    std::string message;
};

inline Error error(int errnum, std::string message) { return Error{errnum, std::move(message)}; }

template <typename T> class [[nodiscard]] Result {
  public:
    // Implicit on purpose: "return value;" and "return error(...);" both work.
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error err) : state_(std::in_place_index<1>, std::move(err)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Calling value() on an error (or error() on a value) is a programming
    // bug; std::get reports it with std::bad_variant_access.
    T &value() & { return std::get<0>(state_); }
    const T &value() const & { return std::get<0>(state_); }
    T &&value() && { return std::get<0>(std::move(state_)); }
    const Error &error() const { return std::get<1>(state_); }

    T value_or(T fallback) const { return ok() ? std::get<0>(state_) : std::move(fallback); }

  private:
    std::variant<T, Error> state_;
};

template <> class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error err) : error_(std::move(err)) {}

    bool ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    const Error &error() const { return error_.value(); }

  private:
    std::optional<Error> error_;
};

inline Result<void> ok() { return Result<void>{}; }

} // namespace vserver

#endif // VSERVER_RESULT_HPP
