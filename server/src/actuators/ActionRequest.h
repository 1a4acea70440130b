#pragma once
// ActionRequest / ActionOutcome: what an actuator is asked to do for one policy decision, and
// what it reports back. Plain values, so a request can cross to an actuator thread.
// Thread affinity: none (value types).

#include "pxp/v1/policy.pb.h"

#include <cstdint>
#include <string>

namespace pxpd {

struct ActionRequest {
  pxp::v1::ActionKind kind = pxp::v1::ACTION_KIND_UNSPECIFIED;
  std::string policyId, decisionId, sloId, service;
  std::string target;       // human words, e.g. "payments v2.3.1"
  std::string deploymentId; // rollback / abort canary; "" when pxpd knows no deployment
  std::string version;      // the deployment's version, "" when unknown
  std::string flagKey;      // disable flag
  double ratePerSecond = 0; // throttle
  std::string mode;         // "enforce" or "forced" (a FORCE_ONCE override)
  std::string explanation;  // the decision's one-line reason
  std::int64_t timeMs = 0;  // simulated/engine time of the decision
};

// The action as policy files, exec placeholders and webhook bodies name it: "rollback" ...
inline std::string actionKindName(pxp::v1::ActionKind kind) {
  switch (kind) {
  case pxp::v1::ACTION_KIND_NOTIFY: return "notify";
  case pxp::v1::ACTION_KIND_PAGE: return "page";
  case pxp::v1::ACTION_KIND_THROTTLE: return "throttle";
  case pxp::v1::ACTION_KIND_ROLLBACK: return "rollback";
  case pxp::v1::ACTION_KIND_ABORT_CANARY: return "abort-canary";
  case pxp::v1::ACTION_KIND_DISABLE_FLAG: return "disable-flag";
  default: return "unspecified";
  }
}

struct ActionOutcome {
  bool ok = false;
  std::string error;  // why it failed: exit code and stderr tail, HTTP status, timeout ...
  std::string detail; // what happened when it worked, e.g. "exit 0 after 12 ms"
};

} // namespace pxpd
