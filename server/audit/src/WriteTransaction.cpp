#include "WriteTransaction.h"

#include <utility>

namespace pxpd::audit {

Result<WriteTransaction> WriteTransaction::begin(const Connection &conn) {
  if (auto r = conn.run("BEGIN IMMEDIATE"); !r)
    return Error{r.error()};
  return WriteTransaction(conn);
}

WriteTransaction::WriteTransaction(WriteTransaction &&other) noexcept : m_conn(std::exchange(other.m_conn, nullptr)) {}

WriteTransaction::~WriteTransaction() {
  // A failed statement or COMMIT may already have ended the transaction.
  if (m_conn && m_conn->inTransaction())
    (void)m_conn->run("ROLLBACK");
}

Result<Ok> WriteTransaction::commit() {
  const Connection *conn = std::exchange(m_conn, nullptr);
  if (!conn)
    return Error{"audit log: a transaction was committed twice; this is a pxpd bug, please report it"};
  auto r = conn->run("COMMIT");
  if (!r && conn->inTransaction())
    (void)conn->run("ROLLBACK");
  return r;
}

} // namespace pxpd::audit
