#pragma once
// CommandAuditQuery: the newest entries of the daemon's audit log. QueryAudit pages oldest
// first, so this pages forward to the end and keeps the tail.
// Thread affinity: any thread (the CommandClient worker calls it).

#include "CommandChannel.h"

#include "pxp/client/Values.h"

#include <QList>

namespace pxp::client {

struct AuditQueryResult {
  grpc::Status status;
  QList<AuditValue> entries; // newest first
};

// `kind`: an AuditValue::kind ("command", "decision", "config", "auth denied"); "" = any.
AuditQueryResult queryNewestAudit(CommandChannel &channel, int limit, const QString &kind);

} // namespace pxp::client
