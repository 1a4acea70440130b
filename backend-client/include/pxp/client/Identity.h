#pragma once
// Identity: who the daemon says we are (WhoAmI), as a plain value for the GUI.
// Thread affinity: none (a value type).

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace pxp::client {

enum class Role { Unknown = 0, Viewer = 1, Responder = 2, Commander = 3, Admin = 4 };

QString roleName(Role role);

struct Identity {
  QString actor;
  Role role = Role::Unknown;
  QStringList allowedCommands;
  QString serverVersion;
  QString world;

  bool may(const QString &command) const { return allowedCommands.contains(command); }
};

enum class ConnectionState { Disconnected, Connecting, Connected, Reconnecting, Failed };

QString connectionStateName(ConnectionState state);

} // namespace pxp::client

Q_DECLARE_METATYPE(pxp::client::Identity)
Q_DECLARE_METATYPE(pxp::client::ConnectionState)
