#pragma once
// ConsoleSession: one console's link to one backend: builds the ConnectionTarget for a
// profile (starting the in-process engine for "embedded"), and feeds the live connection and
// the query worker. Switching profile stops the old link (and engine) first.
// Thread affinity: GUI thread.

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/models/ConnectionProfiles.h"

#include <QObject>

#include <memory>

namespace pxpd {
class Daemon;
}

namespace pxp::app {

class ConsoleSession : public QObject {
  Q_OBJECT
public:
  ConsoleSession(client::BackendConnection *connection, client::BackendQueries *queries, QObject *parent = nullptr);
  ~ConsoleSession() override;

  // Connects to `profile`; returns "" or the error (token file unreadable, engine failed).
  QString open(const models::ConnectionProfile &profile, const QString &tokenOverride = {});
  const models::ConnectionProfile &profile() const { return m_profile; }
  void close();

private:
  client::BackendConnection *m_connection;
  client::BackendQueries *m_queries;
  models::ConnectionProfile m_profile;
  std::unique_ptr<pxpd::Daemon> m_embedded;
};

} // namespace pxp::app
