#pragma once
// Authenticator: reads `authorization: Bearer <token>` from a call and checks the role.
// Thread affinity: any gRPC thread (reads an immutable TokenRegistry).

#include "pxpd/TokenRegistry.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string_view>

namespace pxpd {

class Authenticator {
public:
  explicit Authenticator(const TokenRegistry &tokens) : m_tokens(tokens) {}

  // The caller's identity, or UNAUTHENTICATED with a message that never echoes the token.
  grpc::Status authenticate(const grpc::ServerContext &ctx, Identity &out) const;

  // PERMISSION_DENIED naming the role the command needs, or OK.
  static grpc::Status authorize(const Identity &who, std::string_view command);

private:
  const TokenRegistry &m_tokens;
};

} // namespace pxpd
