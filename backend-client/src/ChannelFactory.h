#pragma once
// Builds the gRPC channel for a ConnectionTarget (in-process, plaintext or TLS).
// Thread affinity: any thread.

#include "pxp/client/ConnectionTarget.h"

#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace pxp::client {

struct ChannelOrError {
  std::shared_ptr<grpc::Channel> channel;
  QString error;
};

ChannelOrError makeChannel(const ConnectionTarget &target);

} // namespace pxp::client
