#include "Authenticator.h"

#include "pxpd/DaemonConfig.h"

#include <cstdio>
#include <string>

namespace pxpd {

grpc::Status Authenticator::authenticate(const grpc::ServerContext &ctx, Identity &out) const {
  const auto &md = ctx.client_metadata();
  const auto it = md.find("authorization");
  if (it == md.end())
    return refuse(ctx, "missing 'authorization: Bearer <token>' metadata: pass a token (--token-file)");
  const std::string value(it->second.data(), it->second.size());
  static constexpr std::string_view kPrefix = "Bearer ";
  if (value.rfind(kPrefix, 0) != 0)
    return refuse(ctx, "authorization metadata must be 'Bearer <token>'");
  const auto identity = m_tokens.lookup(value.substr(kPrefix.size()));
  if (!identity)
    return refuse(ctx, "unknown token: check the token file, or ask the pxpd admin for a token");
  out = *identity;
  return grpc::Status::OK;
}

grpc::Status Authenticator::refuse(const grpc::ServerContext &ctx, std::string why) const {
  constexpr auto kEvery = std::chrono::seconds(10);
  constexpr std::size_t kMaxPeers = 1024;
  // The peer's address without the port: one scanner, one line, whatever its source ports.
  std::string peer = ctx.peer();
  if (const auto colon = peer.rfind(':'); colon != std::string::npos && peer.rfind("ipv", 0) == 0)
    peer.resize(colon);
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(m_mutex);
    if (m_refusals.size() >= kMaxPeers && !m_refusals.count(peer))
      m_refusals.clear(); // a spread-out scan: start counting afresh rather than grow
    auto [entry, first] = m_refusals.try_emplace(peer);
    Refusals &r = entry->second;
    if (!first && now - r.lastLogged < kEvery) {
      ++r.unlogged;
    } else {
      const std::string more =
          r.unlogged > 0 ? " (and " + std::to_string(r.unlogged) + " more from there since the last line)" : "";
      std::fprintf(stderr, "pxpd: refused an unauthenticated call from %s: %s%s\n", shortForm(peer).c_str(),
                   why.substr(0, why.find(':')).c_str(), more.c_str());
      r.lastLogged = now;
      r.unlogged = 0;
    }
  }
  return {grpc::StatusCode::UNAUTHENTICATED, std::move(why)};
}

grpc::Status Authenticator::authorize(const Identity &who, std::string_view command) {
  const Role needed = requiredRole(command);
  if (static_cast<int>(who.role) >= static_cast<int>(needed))
    return grpc::Status::OK;
  return {grpc::StatusCode::PERMISSION_DENIED, std::string(command) + " needs role " + std::string(roleName(needed)) +
                                                   "; " + who.actor + " has role " + std::string(roleName(who.role))};
}

} // namespace pxpd
