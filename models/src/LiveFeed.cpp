#include "pxp/models/LiveFeed.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/SessionStatus.h"

namespace pxp::models {

void connectLiveFeed(client::BackendConnection &connection, SessionStatus &session, LiveState &state) {
  using client::BackendConnection;
  QObject::connect(&connection, &BackendConnection::stateChanged, &session, &SessionStatus::setConnectionState);
  QObject::connect(&connection, &BackendConnection::identityChanged, &session, &SessionStatus::setIdentity);
  QObject::connect(&connection, &BackendConnection::targetChanged, &session, &SessionStatus::setTarget);
  QObject::connect(&connection, &BackendConnection::snapshotReceived, &state, &LiveState::applySnapshot);
  QObject::connect(&connection, &BackendConnection::deltaReceived, &state, &LiveState::applyDelta);
  QObject::connect(&connection, &BackendConnection::snapshotReceived, &session, &SessionStatus::markUpdated);
  QObject::connect(&connection, &BackendConnection::deltaReceived, &session, &SessionStatus::markUpdated);
}

} // namespace pxp::models
