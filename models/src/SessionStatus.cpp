#include "pxp/models/SessionStatus.h"

#include <QDateTime>

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
