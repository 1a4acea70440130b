#pragma once
// TokenRegistry: maps bearer tokens to an actor name and a role.
// Thread affinity: immutable after construction, safe to read from any gRPC thread.

#include "pxpd/DaemonConfig.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pxpd {

struct Identity {
  std::string actor;
  Role role = Role::Viewer;
};

class TokenRegistry {
public:
  explicit TokenRegistry(std::vector<TokenSpec> tokens);

  // The identity a token belongs to; compares in constant time per candidate.
  std::optional<Identity> lookup(const std::string &secret) const;
  bool empty() const { return m_tokens.empty(); }
  const std::vector<TokenSpec> &tokens() const { return m_tokens; }

  // One random token per role (names "demo-viewer" ... "demo-admin"), for --simulate and
  // the console's embedded default.
  static std::vector<TokenSpec> generateDemoTokens();

  // Writes one file per token, `dir/<role>.token` holding just the token, mode 0600 in a 0700
  // folder (recreated fresh), so a client can pass it to --token-file as it is.
  static Result<Ok> writeTokenFiles(const std::filesystem::path &dir, const std::vector<TokenSpec> &tokens);

private:
  std::vector<TokenSpec> m_tokens;
};

} // namespace pxpd
