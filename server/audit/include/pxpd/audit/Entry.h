#pragma once
// Entry: one audit record (a decision, a command, a config change, a denied call).
// Thread affinity: none (a value type).

#include <cstdint>
#include <string>
#include <string_view>

namespace pxpd::audit {

enum class Kind { Decision = 1, Command = 2, Config = 3, AuthDenied = 4 };

std::string_view kindName(Kind kind);

struct Entry {
  std::int64_t seq = 0;    // assigned by the store: gap-free, increasing; ignored by append()
  std::int64_t timeMs = 0; // epoch milliseconds UTC, from the caller's clock
  Kind kind = Kind::Command;
  std::string actor;   // token name or "policy:<id>"
  int role = 0;        // 1 viewer .. 4 admin, 0 for automation
  std::string command; // "Rollback", "SetKillSwitch", "PolicyDecision" ...
  std::string target;
  std::string reason;
  std::string idempotencyKey;
  std::string before; // JSON text
  std::string after;  // JSON text
  bool ok = true;
  std::string result;       // result or error text
  std::string service;      // affected service
  std::string decisionBlob; // opaque bytes (pxpd stores a serialized decision); may be empty

  bool operator==(const Entry &) const = default;
};

} // namespace pxpd::audit
