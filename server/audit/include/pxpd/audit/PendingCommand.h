#pragma once
// PendingCommand: a command key begun but not completed (running, or interrupted by a crash).
// Thread affinity: none (a value type).

#include <cstdint>
#include <string>

namespace pxpd::audit {

struct PendingCommand {
  std::string key;
  std::string command;
  std::string fingerprint;
  std::int64_t startedMs = 0;

  bool operator==(const PendingCommand &) const = default;
};

} // namespace pxpd::audit
