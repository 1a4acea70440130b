#include "WriteTransaction.h"

#include <utility>

namespace pxp::models::timeline {

TimelineResult<WriteTransaction> WriteTransaction::begin(const SqliteConnection &conn) {
  if (auto r = conn.run("BEGIN IMMEDIATE"); !r)
    return r.error();
  return WriteTransaction(conn);
}

WriteTransaction::WriteTransaction(WriteTransaction &&other) noexcept : m_conn(std::exchange(other.m_conn, nullptr)) {}

WriteTransaction::~WriteTransaction() {
  // A failed statement or COMMIT may already have ended the transaction.
  if (m_conn && m_conn->inTransaction())
    (void)m_conn->run("ROLLBACK");
}

TimelineResult<TimelineOk> WriteTransaction::commit() {
  const SqliteConnection *conn = std::exchange(m_conn, nullptr);
  if (!conn)
    return TimelineError{TimelineError::Code::Internal,
                         QStringLiteral("timeline database: a transaction was committed twice; this is a "
                                        "pxp-console bug, please report it"),
                         {}};
  auto r = conn->run("COMMIT");
  if (!r && conn->inTransaction())
    (void)conn->run("ROLLBACK");
  return r;
}

} // namespace pxp::models::timeline
