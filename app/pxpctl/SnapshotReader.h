#pragma once
// SnapshotReader: connects once with BackendConnection (WhoAmI, then the first Watch message)
// and hands back who we are and the daemon's whole state, or why it could not.
// Thread affinity: the main thread (BackendConnection's worker is private).

#include "pxp/client/BackendConnection.h"

#include <QObject>

namespace pxpctl {

class SnapshotReader : public QObject {
  Q_OBJECT
public:
  explicit SnapshotReader(QObject *parent = nullptr);
  void start(const pxp::client::ConnectionTarget &target);

signals:
  void ready(const pxp::client::Identity &who, const pxp::client::WorldSnapshot &snapshot);
  // `exitCode`: kExitUnreachable for transport and token failures.
  void failed(const QString &error, int exitCode);

private:
  void onState(pxp::client::ConnectionState state, const QString &detail);

  pxp::client::BackendConnection m_connection;
  pxp::client::Identity m_identity;
  bool m_done = false;
};

} // namespace pxpctl
