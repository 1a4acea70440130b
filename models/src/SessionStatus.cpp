#include "pxp/models/SessionStatus.h"

#include "pxp/models/Format.h"

#include <QDateTime>

#include <algorithm>

namespace pxp::models {

SessionStatus::SessionStatus(QObject *parent, NowMs nowMs)
    : QObject(parent), m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); }) {}

qint64 SessionStatus::ageSeconds() const {
  return m_lastUpdateMs == 0 ? -1 : (m_nowMs() - m_lastUpdateMs) / 1000;
}

bool SessionStatus::isStale() const {
  return m_lastUpdateMs != 0 && m_state != client::ConnectionState::Connected;
}

QString SessionStatus::freshnessText() const {
  if (m_lastUpdateMs == 0)
    return tr("no data yet");
  if (!isStale())
    return tr("live");
  return tr("stale: last update %1 s ago").arg(ageSeconds());
}

QString SessionStatus::summary() const {
  QString text = client::connectionStateName(m_state);
  if (!m_detail.isEmpty())
    text += QStringLiteral(" — ") + m_detail;
  if (m_state == client::ConnectionState::Connected && !m_identity.actor.isEmpty())
    text += tr(" as %1 (%2)").arg(m_identity.actor, client::roleName(m_identity.role));
  return text;
}

QString SessionStatus::staleText() const {
  if (!isStale())
    return {};
  const QString who = m_target.isEmpty() || m_target == QLatin1String("embedded engine")
                          ? tr("The embedded engine")
                          : tr("pxpd at %1").arg(m_target);
  const QString when = tr("the state of %1 (%2 ago)")
                           .arg(QDateTime::fromMSecsSinceEpoch(m_lastUpdateMs).toString(QStringLiteral("HH:mm:ss")),
                                format::duration(double(std::max<qint64>(0, ageSeconds()))));
  if (m_state == client::ConnectionState::Failed)
    return tr("%1 refused this console (%2); showing %3. Fix the token or profile, then Connection > Reconnect.")
        .arg(who, m_detail.startsWith(m_target + QStringLiteral(": ")) ? m_detail.mid(m_target.size() + 2) : m_detail,
             when);
  return tr("%1 is not answering; showing %2. Nothing here is live until it answers; reconnecting by itself.")
      .arg(who, when);
}

void SessionStatus::setTarget(const QString &where) {
  m_target = where;
  emit changed();
}

void SessionStatus::setConnectionState(client::ConnectionState state, const QString &detail) {
  m_state = state;
  m_detail = detail;
  emit changed();
}

void SessionStatus::setIdentity(const client::Identity &identity) {
  m_identity = identity;
  emit changed();
}

void SessionStatus::markUpdated() {
  m_lastUpdateMs = m_nowMs();
  emit changed();
}

} // namespace pxp::models
