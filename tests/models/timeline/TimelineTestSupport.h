#pragma once
// What the timeline tests share: a clock the test drives (callable from the writer's worker
// thread), builders for incidents and entries, raw sqlite3 looks at a file (PRAGMAs, the
// schema of older versions), and the model tester every model gets.

#include "pxp/models/timeline/TimelineStore.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <initializer_list>
#include <memory>

namespace pxp::testing {

using namespace pxp::models;

// 2024-11-26 13:00:00 UTC.
constexpr qint64 kT0Ms = 1732626000000;
constexpr qint64 kMinuteMs = 60'000;

// A clock the test moves by hand; shared by value, safe to read from any thread.
class TestClock {
public:
  explicit TestClock(qint64 startMs = kT0Ms) : m_nowMs(std::make_shared<std::atomic<qint64>>(startMs)) {}
  qint64 now() const { return m_nowMs->load(); }
  void set(qint64 ms) { m_nowMs->store(ms); }
  void advance(qint64 ms) { m_nowMs->fetch_add(ms); }
  TimelineStore::NowMs fn() const {
    return [now = m_nowMs] { return now->load(); };
  }

private:
  std::shared_ptr<std::atomic<qint64>> m_nowMs;
};

inline TimelineStore::Options storeOptions(const TestClock &clock,
                                           TimelineStore::Access access = TimelineStore::Access::ReadWrite) {
  TimelineStore::Options options;
  options.access = access;
  options.nowMs = clock.fn();
  return options;
}

inline Incident incident(const QString &title = QStringLiteral("Checkout failing in EU"), int severity = 2,
                         const QStringList &services = {QStringLiteral("payments")}) {
  Incident i;
  i.title = title;
  i.severity = severity;
  i.commander = QStringLiteral("alice");
  i.services = services;
  i.sloIds = {QStringLiteral("payments/checkout-availability")};
  return i;
}

inline TimelineEntry note(const QString &incidentId, const QString &text, qint64 eventTimeMs = 0,
                          EntryKind kind = EntryKind::Note, const QString &author = QStringLiteral("alice")) {
  TimelineEntry e;
  e.incidentId = incidentId;
  e.kind = kind;
  e.text = text;
  e.author = author;
  e.eventTimeMs = eventTimeMs;
  return e;
}

inline TimelineEntry automatic(const QString &incidentId, const QString &sourceKey, qint64 eventTimeMs,
                               EntryKind kind = EntryKind::Alert, const QString &text = QStringLiteral("alert fired")) {
  TimelineEntry e;
  e.incidentId = incidentId;
  e.kind = kind;
  e.text = text;
  e.sourceKey = sourceKey;
  e.eventTimeMs = eventTimeMs;
  e.link = QStringLiteral("pxp://slo/payments/checkout-availability");
  return e;
}

// Unwraps a result the test expects to succeed; a failure ends the test run with its message.
template <typename T> T must(TimelineResult<T> result, const char *what) {
  if (!result)
    qFatal("%s failed: %s", what, qUtf8Printable(result.error().message));
  return std::move(result).value();
}
#define PXP_TRY(expr) ::pxp::testing::must((expr), #expr)

// A raw connection for looking at a file the way another tool would.
class RawDb {
public:
  explicit RawDb(const QString &path) {
    sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  }
  ~RawDb() { sqlite3_close_v2(m_db); }
  RawDb(const RawDb &) = delete;
  RawDb &operator=(const RawDb &) = delete;

  bool exec(const QString &sql) {
    char *error = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK)
      qWarning("sqlite3_exec: %s", error ? error : "?");
    sqlite3_free(error);
    return rc == SQLITE_OK;
  }
  // The first column of the first row, as text ("" for no row or an error).
  QString text(const QString &sql) {
    sqlite3_stmt *stmt = nullptr;
    QString result;
    if (sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return result;
  }
  qint64 integer(const QString &sql) { return text(sql).toLongLong(); }

private:
  sqlite3 *m_db = nullptr;
};

// Every model under test gets a Fatal tester: a broken model contract aborts the test.
inline void attachTesters(std::initializer_list<QAbstractItemModel *> models) {
  for (QAbstractItemModel *model : models)
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal, model);
}

} // namespace pxp::testing
