#pragma once
// CommandBegin: what the idempotency journal knows about a command key when a call begins.
// Thread affinity: none (a value type).

#include "pxpd/audit/Entry.h"

#include <cstdint>
#include <optional>
#include <string>

namespace pxpd::audit {

enum class BeginStatus {
  Started,   // the key is new: it is now recorded as pending; run the command, then complete it
  Completed, // the key ran before: answer with `stored`, do not run it again
  Pending,   // the key is running now, or pxpd stopped before completing it
  Conflict,  // the key was used for a different request (command or fingerprint differ)
};

struct CommandBegin {
  BeginStatus status = BeginStatus::Started;
  std::int64_t startedMs = 0;  // when the key was first begun
  std::string storedCommand;   // the command the key was first used for
  std::optional<Entry> stored; // the result entry, when Completed
};

} // namespace pxpd::audit
