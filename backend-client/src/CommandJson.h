#pragma once
// CommandJson: the command journal's JSON columns (request, audit entry). No secrets go in.
// Thread affinity: none (pure functions).

#include "pxp/client/CommandClient.h"

#include <QByteArray>
#include <optional>

namespace pxp::client {

QByteArray requestToJson(const CommandRequestValue &request);
// nullopt when the text is not a request this version understands.
std::optional<CommandRequestValue> requestFromJson(const QByteArray &json);

QByteArray auditToJson(const AuditValue &audit);
AuditValue auditFromJson(const QByteArray &json); // seq 0 when empty or unreadable

// Inverses of commandStateName() / commandFailureName(), the journal's column values.
CommandState commandStateFromName(const QString &name);
CommandFailure commandFailureFromName(const QString &name);

} // namespace pxp::client
