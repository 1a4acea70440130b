#include "ChannelFactory.h"

#include <QFile>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

namespace pxp::client {

ChannelOrError makeChannel(const ConnectionTarget &target) {
  if (target.isEmbedded())
    return {target.inProcessChannel(), {}};
  if (target.address.isEmpty())
    return {nullptr, QStringLiteral("no pxpd address: give --connect HOST:PORT or pick a profile")};
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
