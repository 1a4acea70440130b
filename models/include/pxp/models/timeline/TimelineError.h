#pragma once
// TimelineError and TimelineResult<T>: what the incident timeline store returns when
// something can fail in an expected way (the file, the disk, another console, an imported
// file). Thread affinity: none (values, copied across threads in queued signals).

#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace pxp::models {

struct TimelineError {
  enum class Code {
    Io,           // the disk or the file system failed (full, unreadable, I/O error)
    Busy,         // another console held the file locked past the busy timeout
    Corrupt,      // the file is damaged; reopening moves it aside
    ReadOnly,     // the file or its directory is not writable
    NotFound,     // no incident or entry with that id
    Conflict,     // someone else changed the entry since it was read
    InvalidInput, // bad values from the caller or a malformed import file
    NewerSchema,  // written by a newer pxp-console
    NotOpen,      // the store was used before open() succeeded
    Internal,     // a bug: the message says so
  };
  Code code = Code::Internal;
  QString message; // what failed, where (the file), and what the user can do
  QString file;    // the database file, or empty when no file is involved
};

struct TimelineOk {};

template <typename T> class TimelineResult {
public:
  TimelineResult(T value) : m_v(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  TimelineResult(TimelineError error) : m_v(std::move(error)) {} // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_v); }
  explicit operator bool() const { return ok(); }
  const T &value() const & { return std::get<T>(m_v); }
  T &value() & { return std::get<T>(m_v); }
  T &&value() && { return std::get<T>(std::move(m_v)); }
  const TimelineError &error() const { return std::get<TimelineError>(m_v); }

private:
  std::variant<T, TimelineError> m_v;
};

} // namespace pxp::models

Q_DECLARE_METATYPE(pxp::models::TimelineError)
