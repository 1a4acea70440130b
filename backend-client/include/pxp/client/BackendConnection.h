#pragma once
// BackendConnection: the console's live link to one pxpd. A worker thread (never the GUI
// thread) calls WhoAmI, then runs Watch, reconnecting with exponential backoff and jitter
// and resuming from the last revision. Results reach the owner as queued signals with values.
// Thread affinity: the object lives on the thread that creates it (the GUI thread); its
// worker thread is private.

#include "pxp/client/ConnectionTarget.h"
#include "pxp/client/Identity.h"
#include "pxp/client/Values.h"

#include <QObject>

#include <memory>

namespace pxp::client {

struct BackoffPolicy {
  int initialMs = 250;
  int maxMs = 10000;
  double multiplier = 2.0;
  double jitterRatio = 0.2; // +-20 % so that many consoles do not reconnect in lockstep
};

class BackendConnection : public QObject {
  Q_OBJECT
public:
  explicit BackendConnection(QObject *parent = nullptr);
  ~BackendConnection() override;

  void setBackoff(const BackoffPolicy &policy);
  // Starts (or restarts) the worker for `target`.
  void start(const ConnectionTarget &target);
  // Stops the worker: cancels the open call and joins the thread (bounded by the call deadline).
  void stop();

  ConnectionState state() const { return m_state; }
  const Identity &identity() const { return m_identity; }
  const ConnectionTarget &target() const { return m_target; }

signals:
  // `detail` says why (the daemon's or the transport's words), for the status bar.
  void stateChanged(pxp::client::ConnectionState state, const QString &detail);
  void identityChanged(const pxp::client::Identity &identity);
  // start() was called: where the link now goes ("127.0.0.1:7357", "embedded engine").
  void targetChanged(const QString &where);
  // The whole state: at first connect, and when a resume was not possible.
  void snapshotReceived(const pxp::client::WorldSnapshot &snapshot);
  // Changes since the last signal, coalesced: at most one every kDrainIntervalMs, however
  // fast the daemon sends (a dashboard redraws about 25 times a second at most).
  void deltaReceived(const pxp::client::WorldDelta &delta);

public:
  static constexpr int kDrainIntervalMs = 40;
  qint64 lastRevision() const { return m_lastRevision; }

private:
  void onState(ConnectionState state, const QString &detail);
  void drain();

  class Worker;
  std::unique_ptr<Worker> m_worker;
  BackoffPolicy m_backoff;
  ConnectionTarget m_target;
  ConnectionState m_state = ConnectionState::Disconnected;
  Identity m_identity;
  qint64 m_lastRevision = 0;
  bool m_drainScheduled = false;
};

} // namespace pxp::client
