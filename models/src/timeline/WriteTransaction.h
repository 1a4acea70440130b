#pragma once
// WriteTransaction: BEGIN IMMEDIATE .. COMMIT on a timeline connection, rolled back unless
// committed. IMMEDIATE takes the write lock up front, so two consoles queue on the busy
// handler instead of failing a read-to-write upgrade with SQLITE_BUSY.
// Thread affinity: the thread that owns the connection.

#include "SqliteConnection.h"

namespace pxp::models::timeline {

class WriteTransaction {
public:
  static TimelineResult<WriteTransaction> begin(const SqliteConnection &conn);
  WriteTransaction(WriteTransaction &&other) noexcept;
  WriteTransaction &operator=(WriteTransaction &&) = delete;
  WriteTransaction(const WriteTransaction &) = delete;
  WriteTransaction &operator=(const WriteTransaction &) = delete;
  ~WriteTransaction();

  // Durable when it returns ok: the store runs with synchronous=FULL.
  TimelineResult<TimelineOk> commit();

private:
  explicit WriteTransaction(const SqliteConnection &conn) : m_conn(&conn) {}
  const SqliteConnection *m_conn = nullptr;
};

} // namespace pxp::models::timeline
