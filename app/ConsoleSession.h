#pragma once
// ConsoleSession: one console's link to one backend: builds the ConnectionTarget for a
// profile (starting the in-process engine for "embedded"), and feeds the live connection and
// the query worker. Switching profile stops the old link (and engine) first.
// Thread affinity: GUI thread.

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/client/CommandClient.h"
#include "pxp/models/ConnectionProfiles.h"

#include <QObject>

#include <memory>
#include <mutex>

namespace pxpd {
class Daemon;
}

namespace pxp::app {

class ConsoleSession : public QObject {
  Q_OBJECT
public:
  ConsoleSession(client::BackendConnection *connection, client::BackendQueries *queries, QObject *parent = nullptr);
  ~ConsoleSession() override;

  // Manual commands follow the session's target (not owned; it must outlive this object).
  void setCommandClient(client::CommandClient *commands) { m_commands = commands; }
  // Connects to `profile`; returns "" or the error (token file unreadable, engine failed).
  QString open(const models::ConnectionProfile &profile, const QString &tokenOverride = {});
  // Connection > Reconnect: the same profile again, its token read afresh (a remote pxpd), or a
  // fresh link to the running engine (embedded). Returns "" or the error.
  QString reconnect();
  const models::ConnectionProfile &profile() const { return m_profile; }
  // Set while connected in plaintext to another host (allowed by the profile); "" otherwise.
  QString securityWarning() const { return m_securityWarning; }
  void close();

private:
  client::BackendConnection *m_connection;
  client::BackendQueries *m_queries;
  // A refused token (Failed) may be a daemon that restarted with new tokens: read the token
  // again and reconnect when it changed.
  void onState(client::ConnectionState state);

  models::ConnectionProfile m_profile;
  QString m_tokenOverride; // given to open(): used instead of the profile's token source
  QString m_token;         // the token the link uses now
  QString m_securityWarning;
  std::unique_ptr<pxpd::Daemon> m_embedded;
  client::CommandClient *m_commands = nullptr;
  // What the in-process channel factory dials. The command worker may dial after a profile
  // switch stopped the engine: it then gets no channel instead of a dangling engine.
  struct EngineRef {
    std::mutex mutex;
    pxpd::Daemon *daemon = nullptr; // guarded by mutex
  };
  std::shared_ptr<EngineRef> m_engineRef;
};

} // namespace pxp::app
