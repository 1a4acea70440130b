#pragma once
// CommandJournal: the command_key table: which idempotency keys began, and the entry each
// one completed with. Every call is one write transaction, so two writers never both start
// the same key.
// Thread affinity: the thread that owns the Connection.

#include "Connection.h"

#include "pxpd/Result.h"
#include "pxpd/audit/CommandBegin.h"
#include "pxpd/audit/Entry.h"
#include "pxpd/audit/PendingCommand.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pxpd::audit {

class CommandJournal {
public:
  explicit CommandJournal(const Connection &conn) : m_conn(conn) {}

  Result<CommandBegin> begin(const std::string &key, const std::string &command, const std::string &fingerprint,
                             std::int64_t nowMs) const;
  Result<Entry> complete(const std::string &key, Entry result) const;
  Result<std::vector<PendingCommand>> pending() const;
  Result<std::int64_t> expireOlderThan(std::int64_t cutoffMs) const;

private:
  const Connection &m_conn;
};

} // namespace pxpd::audit
