#pragma once
// SessionStatus: what the status bar shows about the backend link: connection state, the
// role WhoAmI returned, and how old the newest data is ("last update 42 s ago").
// Thread affinity: GUI thread.

#include "pxp/client/Identity.h"

#include <QObject>
#include <QString>

#include <functional>

namespace pxp::models {

class SessionStatus : public QObject {
  Q_OBJECT
public:
  using NowMs = std::function<qint64()>;
  explicit SessionStatus(QObject *parent = nullptr, NowMs nowMs = {});

  client::ConnectionState state() const { return m_state; }
  QString stateDetail() const { return m_detail; }
  const client::Identity &identity() const { return m_identity; }
  qint64 lastUpdateMs() const { return m_lastUpdateMs; }
  QString target() const { return m_target; } // "127.0.0.1:7357", "embedded engine"; "" before any

  // Seconds since the newest data; -1 when nothing arrived yet.
  qint64 ageSeconds() const;
  // True when data exists but the link is not live (the dashboards show it marked stale).
  bool isStale() const;
  // "live", "last update 42 s ago", "no data yet".
  QString freshnessText() const;
  QString summary() const; // "Connected to embedded engine as demo-admin (admin)"
  // While stale, in words: "pxpd at 127.0.0.1:7357 is not answering; showing the state of
  // 13:42:10 (42 s ago). ..." (the transport's own words are in stateDetail()).
  QString staleText() const;

public slots:
  void setConnectionState(pxp::client::ConnectionState state, const QString &detail);
  void setIdentity(const pxp::client::Identity &identity);
  void markUpdated();
  void setTarget(const QString &where);

signals:
  void changed();

private:
  NowMs m_nowMs;
  client::ConnectionState m_state = client::ConnectionState::Disconnected;
  QString m_detail;
  QString m_target;
  client::Identity m_identity;
  qint64 m_lastUpdateMs = 0;
};

} // namespace pxp::models
