#pragma once
// TimelineStore::Impl: the state behind a TimelineStore (options, file, connection) and the
// helpers its three source files share (TimelineStore.cpp: open and incidents;
// TimelineStoreEntries.cpp: entries; TimelineStoreExchange.cpp: export and import).
// Thread affinity: the store's.

#include "SqliteConnection.h"

#include "pxp/models/timeline/TimelineStore.h"

#include <QDateTime>

#include <functional>
#include <optional>

namespace pxp::models {

struct TimelineStore::Impl {
  Options options;
  QString path;
  std::optional<timeline::SqliteConnection> conn;

  qint64 now() const { return options.nowMs ? options.nowMs() : QDateTime::currentMSecsSinceEpoch(); }
  TimelineError notOpen() const;
  // Not open, or opened read-only: the error to return from a write; nothing when writable.
  std::optional<TimelineError> cannotWrite() const;
  TimelineError notFound(const QString &what) const;
  TimelineResult<TimelineOk> configure(OpenReport &report);
  // Each incident the entries belong to exists: a clear error instead of a foreign-key one.
  TimelineResult<TimelineOk> requireIncidents(const QList<TimelineEntry> &entries) const;

  // Runs `read` in one read transaction, so what it reads is one consistent snapshot.
  template <typename T, typename Read> TimelineResult<T> inReadTransaction(Read read) const {
    if (auto r = conn->run("BEGIN"); !r)
      return r.error();
    TimelineResult<T> result = read();
    (void)conn->run(result ? "COMMIT" : "ROLLBACK");
    return result;
  }

  // The edit path shared by editEntry, deleteEntry and restoreEntry: `change` alters the
  // stored entry and returns false when there is nothing to do.
  TimelineResult<TimelineEntry> changeEntry(const QString &entryId, const QString &who, int expectedRevision,
                                            const std::function<TimelineResult<bool>(TimelineEntry &)> &change);
};

inline TimelineError invalidTimelineInput(const QString &message) {
  return TimelineError{TimelineError::Code::InvalidInput, message, {}};
}

} // namespace pxp::models
