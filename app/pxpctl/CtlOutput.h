#pragma once
// CtlOutput: what pxpctl prints, as text for people and as one JSON object for scripts. The
// JSON field names are a contract: add fields, never rename them. The token is never printed.
// Thread affinity: none (pure functions).

#include "pxp/client/CommandClient.h"
#include "pxp/client/Identity.h"
#include "pxp/client/Values.h"

#include <QJsonObject>
#include <QString>

namespace pxpctl {

// Views of one Watch snapshot.
QString statusText(const QString &address, const pxp::client::Identity &who, const pxp::client::WorldSnapshot &s);
QJsonObject statusJson(const QString &address, const pxp::client::Identity &who, const pxp::client::WorldSnapshot &s);
QString sloListText(const pxp::client::WorldSnapshot &s);
QJsonObject sloListJson(const pxp::client::WorldSnapshot &s);
// One SLO by id ("payments/checkout-availability") or name; nullptr-like empty result when
// there is none (the caller says so and lists the ids).
const pxp::client::SloValue *findSlo(const pxp::client::WorldSnapshot &s, const QString &idOrName);
QString sloShowText(const pxp::client::SloValue &slo);
QJsonObject sloJson(const pxp::client::SloValue &slo);
QString overrideListText(const pxp::client::WorldSnapshot &s);
QJsonObject overrideListJson(const pxp::client::WorldSnapshot &s);

// Commands, the audit log and the local journal.
QString commandText(const pxp::client::CommandStatusValue &c);
QJsonObject commandJson(const pxp::client::CommandStatusValue &c);
QJsonObject auditJson(const pxp::client::AuditValue &a);
QString auditListText(const QList<pxp::client::AuditValue> &entries);
QJsonObject auditListJson(const QList<pxp::client::AuditValue> &entries);
QString journalText(const QString &file, const QList<pxp::client::CommandStatusValue> &rows);
QJsonObject journalJson(const QString &file, const QList<pxp::client::CommandStatusValue> &rows);

// Formats `ms` (epoch, UTC) as "2025-11-24 16:00:00Z"; "-" for 0.
QString timeText(qint64 ms);

// What others wrote (reasons, actors, targets, results) as one line a terminal shows as text:
// control characters, newlines included, become visible escapes (\n, \x1b, \u009b), so a
// reason can neither move the cursor, set the window title nor forge an audit line.
QString shown(const QString &field);
// A whole text output with every control character but the line breaks escaped, the last
// guard before the terminal.
QString terminalSafe(const QString &text);

} // namespace pxpctl
