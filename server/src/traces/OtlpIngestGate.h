#pragma once
// OtlpIngestGate: decides whether an OTLP export call (traces or logs) may write to pxpd, by
// the rules of OtlpIngestConfig: a bearer token when one is configured, otherwise
// unauthenticated exports when allowed, or from loopback peers when allowed. Both OTLP
// services ask the same gate, so traces and logs follow one rule set.
// Thread affinity: none; immutable after construction, called from gRPC's server threads.

#include "pxpd/DaemonConfig.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <string>

namespace pxpd {

class OtlpIngestGate {
public:
  explicit OtlpIngestGate(OtlpIngestConfig config) : m_config(std::move(config)) {}

  // OK, or UNAUTHENTICATED with what the sender has to change.
  grpc::Status admit(const grpc::ServerContext &ctx) const;

  // True for peers on this host: 127.0.0.0/8, ::1 and unix sockets (gRPC's ServerContext::peer()
  // text). An in-process channel reports "unknown" and is not trusted by address.
  static bool isLoopbackPeer(const std::string &peer);

private:
  const OtlpIngestConfig m_config;
};

} // namespace pxpd
