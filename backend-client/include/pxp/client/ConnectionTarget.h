#pragma once
// ConnectionTarget: where the console's backend connection goes and how it authenticates.
// Thread affinity: none (a value type).

#include <QString>

#include <functional>
#include <memory>

namespace grpc {
class Channel;
}

namespace pxp::client {

struct ConnectionTarget {
  // Display name of the profile ("embedded", "prod-eu" ...).
  QString profileName = QStringLiteral("embedded");
  // Remote pxpd: "host:port". Empty when `inProcessChannel` is set.
  QString address;
  bool tls = false;
  QString caFile; // PEM CA bundle for TLS; empty = system roots
  // Plaintext to a host other than this one sends the token in clear: refused unless allowed.
  bool allowInsecureRemote = false;
  QString token;         // bearer token (read from a file or the keyring; never stored in settings)
  QString prometheusUrl; // optional, for ad-hoc PromQL charts
  // The embedded default: a channel to an in-process pxpd engine.
  std::function<std::shared_ptr<grpc::Channel>()> inProcessChannel;

  bool isEmbedded() const { return static_cast<bool>(inProcessChannel); }
  // True for a remote address on another host reached without TLS (127.0.0.0/8, ::1,
  // localhost and unix: sockets stay on this machine).
  bool plaintextToRemote() const;
  QString describe() const { return isEmbedded() ? QStringLiteral("embedded engine") : address; }
};

} // namespace pxp::client

#include <QMetaType>
Q_DECLARE_METATYPE(pxp::client::ConnectionTarget)
