#pragma once
// A second console for end-to-end tests: a BackendConnection (the console's own Watch client)
// folding the snapshot and every delta into the little state the tests look at.

#include "pxp/client/BackendConnection.h"

#include <QFile>
#include <QMap>
#include <QSet>

namespace pxp::testing {

class WorldWatcher {
public:
  client::KillSwitchValue killSwitch;
  QMap<QString, client::DeploymentValue> deployments;
  QMap<QString, client::FlagValue> flags;
  QMap<QString, client::OverrideValue> overrides; // active
  QSet<QString> overridesSeen;                    // ever set while watching
  QList<client::AuditValue> audit;                // entries streamed after the snapshot
  bool hasSnapshot = false;

  WorldWatcher() {
    QObject::connect(&m_connection, &client::BackendConnection::snapshotReceived, [this](const auto &s) {
      killSwitch = s.killSwitch;
      for (const auto &d : s.deployments)
        deployments[d.id] = d;
      for (const auto &f : s.flags)
        flags[f.key] = f;
      for (const auto &o : s.overrides)
        overrides[o.id] = o;
      hasSnapshot = true;
    });
    QObject::connect(&m_connection, &client::BackendConnection::deltaReceived, [this](const auto &delta) {
      if (delta.killSwitchChanged)
        killSwitch = delta.killSwitch;
      for (const auto &d : delta.deployments)
        deployments[d.id] = d;
      for (const auto &f : delta.flags)
        flags[f.key] = f;
      for (const auto &o : delta.overridesSet) {
        overrides[o.id] = o;
        overridesSeen << o.id;
      }
      for (const auto &id : delta.overridesCleared)
        overrides.remove(id);
      audit += delta.audit;
    });
  }

  void start(const QString &address, const QString &tokenFile) {
    client::ConnectionTarget target;
    target.profileName = QStringLiteral("watcher");
    target.address = address;
    QFile f(tokenFile);
    if (f.open(QIODevice::ReadOnly))
      target.token = QString::fromUtf8(f.readLine()).trimmed();
    m_connection.start(target);
  }

  // The streamed audit entry for an idempotency key, if one arrived.
  std::optional<client::AuditValue> auditFor(const QString &key) const {
    for (const auto &a : audit)
      if (a.idempotencyKey == key)
        return a;
    return std::nullopt;
  }

private:
  client::BackendConnection m_connection;
};

} // namespace pxp::testing
