#include "traces/OtlpIngestGate.h"

#include <string_view>

namespace pxpd {
namespace {

// Compares without an early exit, so the time taken does not tell how much of a guess matched.
bool sameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

} // namespace

bool OtlpIngestGate::isLoopbackPeer(const std::string &peer) {
  return peer.rfind("ipv4:127.", 0) == 0 || peer.rfind("ipv6:[::1]", 0) == 0 ||
         peer.rfind("ipv6:[::ffff:127.", 0) == 0 || peer.rfind("unix:", 0) == 0 || peer.rfind("unix-abstract:", 0) == 0;
}

grpc::Status OtlpIngestGate::admit(const grpc::ServerContext &ctx) const {
  const auto &md = ctx.client_metadata();
  const auto it = md.find("authorization");
  if (it != md.end()) {
    const std::string_view value(it->second.data(), it->second.size());
    static constexpr std::string_view kPrefix = "Bearer ";
    if (m_config.token.empty())
      return {grpc::StatusCode::UNAUTHENTICATED,
              "this pxpd has no OTLP ingest token (otlp.token_file): drop the authorization header, or configure "
              "the token in pxpd's config"};
    if (value.rfind(kPrefix, 0) != 0 || !sameSecret(value.substr(kPrefix.size()), m_config.token))
      return {grpc::StatusCode::UNAUTHENTICATED,
              "wrong OTLP ingest token: send 'authorization: Bearer <the token in otlp.token_file>'"};
    return grpc::Status::OK;
  }
  if (m_config.allowUnauthenticated)
    return grpc::Status::OK;
  if (m_config.allowLoopbackUnauthenticated && isLoopbackPeer(ctx.peer()))
    return grpc::Status::OK;
  return {grpc::StatusCode::UNAUTHENTICATED,
          "OTLP export without a token from " + ctx.peer() +
              " refused: set the exporter header 'authorization=Bearer <token>' (otlp.token_file in pxpd's config), "
              "or set otlp.allow_unauthenticated: true"};
}

} // namespace pxpd
