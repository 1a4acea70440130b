#include "SnapshotReader.h"

#include "CtlInvocation.h"

#include "pxp/client/CommandClient.h"

#include <QTimer>

namespace pxpctl {

using namespace pxp::client;

SnapshotReader::SnapshotReader(QObject *parent) : QObject(parent) {
  connect(&m_connection, &BackendConnection::stateChanged, this, &SnapshotReader::onState);
  connect(&m_connection, &BackendConnection::identityChanged, this, [this](const Identity &who) { m_identity = who; });
  connect(&m_connection, &BackendConnection::snapshotReceived, this, [this](const WorldSnapshot &snapshot) {
    if (m_done)
      return;
    m_done = true;
    m_connection.stop();
    emit ready(m_identity, snapshot);
  });
}

void SnapshotReader::start(const ConnectionTarget &target) {
  m_connection.start(target);
  // Each call has its own deadline; this only guards against a daemon that accepts WhoAmI but
  // never sends the first Watch message.
  QTimer::singleShot(CommandClient::kDeadlineMs, this, [this, target] {
    onState(ConnectionState::Failed, target.describe() + QStringLiteral(": no snapshot within 10 s"));
  });
}

void SnapshotReader::onState(ConnectionState state, const QString &detail) {
  // The first failure is the answer: a command line does not wait out reconnect backoff.
  if (m_done || (state != ConnectionState::Reconnecting && state != ConnectionState::Failed))
    return;
  m_done = true;
  m_connection.stop();
  emit failed(QStringLiteral("cannot read pxpd's state from %1").arg(detail), kExitUnreachable);
}

} // namespace pxpctl
