#pragma once
// Query: which audit entries to read, as a page ordered by seq.
// Thread affinity: none (a value type).

#include <cstdint>
#include <string>

namespace pxpd::audit {

struct Query {
  std::int64_t startMs = 0;  // inclusive; 0 = no lower bound
  std::int64_t endMs = 0;    // exclusive; 0 = no upper bound
  std::string service;       // exact match; empty = any
  int kind = 0;              // a Kind value; 0 = any
  std::int64_t afterSeq = 0; // page on: pass the last seq of the previous page
  int limit = 100;           // 0 or less = 100; at most AuditStore::kMaxQueryLimit
};

} // namespace pxpd::audit
