#pragma once
// WriteTransaction: BEGIN IMMEDIATE .. COMMIT on a Connection, rolled back unless committed.
// IMMEDIATE takes the write lock up front, so writers in other processes queue on the busy
// timeout instead of failing with SQLITE_BUSY halfway through.
// Thread affinity: the thread that owns the Connection.

#include "Connection.h"

#include "pxpd/Result.h"

namespace pxpd::audit {

class WriteTransaction {
public:
  static Result<WriteTransaction> begin(const Connection &conn);
  WriteTransaction(WriteTransaction &&other) noexcept;
  WriteTransaction &operator=(WriteTransaction &&) = delete;
  WriteTransaction(const WriteTransaction &) = delete;
  WriteTransaction &operator=(const WriteTransaction &) = delete;
  ~WriteTransaction();

  // Durable when it returns ok (the connection runs with synchronous=FULL).
  Result<Ok> commit();

private:
  explicit WriteTransaction(const Connection &conn) : m_conn(&conn) {}
  const Connection *m_conn = nullptr; // null once committed or moved from
};

} // namespace pxpd::audit
