#include "pxp/client/Identity.h"

namespace pxp::client {

QString roleName(Role role) {
  switch (role) {
  case Role::Viewer: return QStringLiteral("viewer");
  case Role::Responder: return QStringLiteral("responder");
  case Role::Commander: return QStringLiteral("commander");
  case Role::Admin: return QStringLiteral("admin");
  case Role::Unknown: break;
  }
  return QStringLiteral("unknown");
}

QString connectionStateName(ConnectionState state) {
  switch (state) {
  case ConnectionState::Disconnected: return QStringLiteral("Disconnected");
  case ConnectionState::Connecting: return QStringLiteral("Connecting");
  case ConnectionState::Connected: return QStringLiteral("Connected");
  case ConnectionState::Reconnecting: return QStringLiteral("Reconnecting");
  case ConnectionState::Failed: return QStringLiteral("Failed");
  }
  return QStringLiteral("Unknown");
}

} // namespace pxp::client
