#pragma once
// Authenticator: reads `authorization: Bearer <token>` from a call and checks the role.
// Refused calls are logged (peer and why, never the token), at most one line per peer every
// 10 s with the count of the refusals in between, so a scan is visible and cannot flood the log.
// Thread affinity: any gRPC thread (an immutable TokenRegistry; the refusal log is locked).

#include "pxpd/TokenRegistry.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
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
  grpc::Status refuse(const grpc::ServerContext &ctx, std::string why) const;

  struct Refusals {
    std::chrono::steady_clock::time_point lastLogged;
    long long unlogged = 0; // refusals since the last line
  };
  const TokenRegistry &m_tokens;
  mutable std::mutex m_mutex;
  mutable std::map<std::string, Refusals> m_refusals; // by peer; guarded by m_mutex, at most kMaxPeers
};

} // namespace pxpd
