#include "Authenticator.h"

#include <string>

namespace pxpd {

grpc::Status Authenticator::authenticate(const grpc::ServerContext &ctx, Identity &out) const {
  const auto &md = ctx.client_metadata();
  const auto it = md.find("authorization");
  if (it == md.end())
    return {grpc::StatusCode::UNAUTHENTICATED,
            "missing 'authorization: Bearer <token>' metadata: pass a token (--token-file)"};
  const std::string value(it->second.data(), it->second.size());
  static constexpr std::string_view kPrefix = "Bearer ";
  if (value.rfind(kPrefix, 0) != 0)
    return {grpc::StatusCode::UNAUTHENTICATED, "authorization metadata must be 'Bearer <token>'"};
  const auto identity = m_tokens.lookup(value.substr(kPrefix.size()));
  if (!identity)
    return {grpc::StatusCode::UNAUTHENTICATED,
            "unknown token: check the token file, or ask the pxpd admin for a token"};
  out = *identity;
  return grpc::Status::OK;
}

grpc::Status Authenticator::authorize(const Identity &who, std::string_view command) {
  const Role needed = requiredRole(command);
  if (static_cast<int>(who.role) >= static_cast<int>(needed))
    return grpc::Status::OK;
  return {grpc::StatusCode::PERMISSION_DENIED, std::string(command) + " needs role " + std::string(roleName(needed)) +
                                                   "; " + who.actor + " has role " + std::string(roleName(who.role))};
}

} // namespace pxpd
