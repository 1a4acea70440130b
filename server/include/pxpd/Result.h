#pragma once
// Result<T>: a value or an error message, for what can fail in expected ways (files, input).
// Thread affinity: none (a value type).

#include <string>
#include <utility>
#include <variant>

namespace pxpd {

struct Error {
  std::string message; // what failed, where (file:line), what to do
};

template <typename T> class Result {
public:
  Result(T value) : m_v(std::move(value)) {}     // NOLINT(google-explicit-constructor)
  Result(Error error) : m_v(std::move(error)) {} // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_v); }
  explicit operator bool() const { return ok(); }
  const T &value() const & { return std::get<T>(m_v); }
  T &value() & { return std::get<T>(m_v); }
  T &&value() && { return std::get<T>(std::move(m_v)); }
  const std::string &error() const { return std::get<Error>(m_v).message; }

private:
  std::variant<T, Error> m_v;
};

struct Ok {};

} // namespace pxpd
