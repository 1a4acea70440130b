#include "ChannelFactory.h"

#include <QFile>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

namespace pxp::client {

bool ConnectionTarget::plaintextToRemote() const {
  if (isEmbedded() || tls || address.isEmpty() || address.startsWith(QLatin1String("unix:")))
    return false;
  QString host = address.left(address.lastIndexOf(QLatin1Char(':')));
  if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
    host = host.mid(1, host.size() - 2);
  const bool loopback =
      host == QLatin1String("localhost") || host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1");
  return !loopback;
}

ChannelOrError makeChannel(const ConnectionTarget &target) {
  if (target.isEmbedded())
    return {target.inProcessChannel(), {}};
  if (target.address.isEmpty())
    return {nullptr, QStringLiteral("no pxpd address: give --connect HOST:PORT or pick a profile")};
  if (target.plaintextToRemote() && !target.allowInsecureRemote)
    return {nullptr, QStringLiteral("refusing to send the token in clear to %1: connect with TLS (--tls, or a "
                                    "profile with TLS), or on a network you trust allow plaintext with "
                                    "--allow-insecure-remote")
                         .arg(target.address)};
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024); // snapshots of large installations
  if (!target.tls)
    return {grpc::CreateCustomChannel(target.address.toStdString(), grpc::InsecureChannelCredentials(), args), {}};
  grpc::SslCredentialsOptions ssl;
  if (!target.caFile.isEmpty()) {
    QFile ca(target.caFile);
    if (!ca.open(QIODevice::ReadOnly))
      return {nullptr, QStringLiteral("cannot read CA file %1: %2").arg(target.caFile, ca.errorString())};
    ssl.pem_root_certs = ca.readAll().toStdString();
  }
  return {grpc::CreateCustomChannel(target.address.toStdString(), grpc::SslCredentials(ssl), args), {}};
}

} // namespace pxp::client
