#include "ConsoleSession.h"

#include "pxpd/Daemon.h"

namespace pxp::app {

ConsoleSession::ConsoleSession(client::BackendConnection *connection, client::BackendQueries *queries, QObject *parent)
    : QObject(parent), m_connection(connection), m_queries(queries) {
  connect(m_connection, &client::BackendConnection::stateChanged, this,
          [this](client::ConnectionState state, const QString &) { onState(state); });
}

void ConsoleSession::onState(client::ConnectionState state) {
  if (state != client::ConnectionState::Failed || m_profile.embedded || !m_tokenOverride.isEmpty() ||
      m_profile.tokenSource == models::ConnectionProfile::TokenSource::None)
    return;
  QString token, error;
  if (!models::ConnectionProfiles::resolveToken(m_profile, token, error) || token == m_token)
    return; // the same token: nothing a reconnect would change
  open(m_profile);
}

QString ConsoleSession::reconnect() {
  if (m_profile.embedded && m_embedded) {
    m_connection->start(m_connection->target());
    return {};
  }
  return open(m_profile, m_tokenOverride);
}

ConsoleSession::~ConsoleSession() {
  close();
}

void ConsoleSession::close() {
  m_connection->stop();
  if (m_engineRef) {
    std::lock_guard lock(m_engineRef->mutex);
    m_engineRef->daemon = nullptr;
  }
  if (m_embedded) {
    m_embedded->stop(0);
    m_embedded.reset();
  }
}

QString ConsoleSession::open(const models::ConnectionProfile &profile, const QString &tokenOverride) {
  client::ConnectionTarget target;
  target.profileName = profile.name;
  target.prometheusUrl = profile.prometheusUrl;
  if (profile.embedded) {
    close();
    // The embedded default: pxpd's engine and gRPC service in-process, on the simulated world,
    // over an in-process channel: the same code path as a remote daemon.
    pxpd::DaemonConfig config;
    config.simulate = true;
    config.timeScale = profile.timeScale;
    config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    auto daemon = std::make_unique<pxpd::Daemon>(config);
    if (auto started = daemon->start(/*inProcessOnly=*/true); !started)
      return tr("cannot start the embedded engine: %1").arg(QString::fromStdString(started.error()));
    target.token = QString::fromStdString(daemon->tokens().tokens().back().secret); // the local user is admin
    m_engineRef = std::make_shared<EngineRef>();
    m_engineRef->daemon = daemon.get();
    target.inProcessChannel = [ref = m_engineRef]() -> std::shared_ptr<grpc::Channel> {
      std::lock_guard lock(ref->mutex);
      return ref->daemon ? ref->daemon->inProcessChannel() : nullptr;
    };
    m_embedded = std::move(daemon);
  } else {
    QString token = tokenOverride, error;
    if (token.isEmpty() && !models::ConnectionProfiles::resolveToken(profile, token, error))
      return error;
    close();
    target.address = profile.address;
    target.tls = profile.tls;
    target.caFile = profile.caFile;
    target.allowInsecureRemote = profile.allowInsecureRemote;
    target.token = token;
  }
  m_profile = profile;
  m_tokenOverride = tokenOverride;
  m_token = target.token;
  m_securityWarning =
      target.plaintextToRemote()
          ? tr("Plaintext connection to %1: the token and all data cross the network in clear").arg(target.address)
          : QString();
  m_queries->setTarget(target);
  if (m_commands)
    m_commands->setTarget(target);
  m_connection->start(target);
  return {};
}

} // namespace pxp::app
