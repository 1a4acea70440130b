// The command, audit and journal parts of CtlOutput.h.
#include "CtlOutput.h"

#include <QDateTime>
#include <QJsonArray>

namespace pxpctl {

using namespace pxp::client;

QString timeText(qint64 ms) {
  if (ms == 0)
    return QStringLiteral("-");
  return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char('Z');
}

namespace {

QString escaped(const QString &text, bool keepNewlines) {
  QString out;
  out.reserve(text.size());
  for (const QChar c : text) {
    const char16_t u = c.unicode();
    const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f);
    if (!control || (keepNewlines && u == '\n'))
      out += c;
    else if (u == '\n')
      out += QStringLiteral("\\n");
    else if (u == '\r')
      out += QStringLiteral("\\r");
    else if (u == '\t')
      out += QStringLiteral("\\t");
    else
      out += (u < 0x80 ? QStringLiteral("\\x%1") : QStringLiteral("\\u%1"))
                 .arg(static_cast<int>(u), u < 0x80 ? 2 : 4, 16, QLatin1Char('0'));
  }
  return out;
}

} // namespace

QString shown(const QString &field) {
  return escaped(field, false);
}
QString terminalSafe(const QString &text) {
  return escaped(text, true);
}

QJsonObject auditJson(const AuditValue &a) {
  return QJsonObject{
      {"seq", a.seq},         {"time_ms", a.timeMs}, {"kind", a.kind},       {"actor", a.actor},
      {"command", a.command}, {"target", a.target},  {"reason", a.reason},   {"idempotency_key", a.idempotencyKey},
      {"ok", a.ok},           {"result", a.result},  {"service", a.service}, {"before", a.before},
      {"after", a.after}};
}

QJsonObject commandJson(const CommandStatusValue &c) {
  return QJsonObject{{"command", commandName(c.request.kind)},
                     {"description", c.request.describe()},
                     {"idempotency_key", c.idempotencyKey},
                     {"state", commandStateName(c.state)},
                     {"ok", c.state == CommandState::Succeeded},
                     {"failure", commandFailureName(c.failure)},
                     {"message", c.message},
                     {"replayed", c.replayed},
                     {"attempts", c.attempts},
                     {"reason", c.request.reason},
                     {"target", c.target},
                     {"submitted_at_ms", c.submittedAtMs},
                     {"finished_at_ms", c.finishedAtMs},
                     {"audit", c.audit.seq ? QJsonValue(auditJson(c.audit)) : QJsonValue(QJsonValue::Null)}};
}

QString commandText(const CommandStatusValue &c) {
  QString out = QStringLiteral("%1: %2").arg(c.request.describe(), commandStateName(c.state));
  if (c.replayed)
    out += QStringLiteral(" (replayed: this key had executed before)");
  out += QLatin1Char('\n');
  if (!c.message.isEmpty())
    out += QStringLiteral("  %1\n").arg(shown(c.message));
  if (c.audit.seq)
    out += QStringLiteral("  audit #%1 by %2 at %3, reason: %4\n")
               .arg(c.audit.seq)
               .arg(shown(c.audit.actor), timeText(c.audit.timeMs), shown(c.audit.reason));
  out += QStringLiteral("  idempotency key %1\n").arg(c.idempotencyKey);
  return out;
}

QString auditListText(const QList<AuditValue> &entries) {
  QString out;
  for (const auto &a : entries)
    out += QStringLiteral("#%1 %2 %3 %4 %5 %6 %7: %8 (reason: %9)\n")
               .arg(a.seq)
               .arg(timeText(a.timeMs), a.kind, shown(a.actor), shown(a.command), shown(a.target),
                    a.ok ? QStringLiteral("ok") : QStringLiteral("FAILED"), shown(a.result),
                    a.reason.isEmpty() ? QStringLiteral("-") : shown(a.reason));
  return out.isEmpty() ? QStringLiteral("no audit entries\n") : out;
}

QJsonObject auditListJson(const QList<AuditValue> &entries) {
  QJsonArray list;
  for (const auto &a : entries)
    list.append(auditJson(a));
  return QJsonObject{{"entries", list}};
}

QString journalText(const QString &file, const QList<CommandStatusValue> &rows) {
  QString out = QStringLiteral("command journal %1: %2 commands\n").arg(file).arg(rows.size());
  for (const auto &c : rows)
    out +=
        QStringLiteral("%1 %2 %3 -> %4, %5 attempt(s), %6%7\n")
            .arg(shown(c.idempotencyKey), commandStateName(c.state).toUpper(), shown(c.request.describe()),
                 shown(c.target))
            .arg(c.attempts)
            .arg(timeText(c.submittedAtMs), c.message.isEmpty() ? QString() : QStringLiteral(": ") + shown(c.message));
  return out;
}

QJsonObject journalJson(const QString &file, const QList<CommandStatusValue> &rows) {
  QJsonArray list;
  int pending = 0;
  for (const auto &c : rows) {
    list.append(commandJson(c));
    pending += c.state == CommandState::Pending ? 1 : 0;
  }
  return QJsonObject{{"journal", file}, {"pending", pending}, {"commands", list}};
}

} // namespace pxpctl
