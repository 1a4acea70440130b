#pragma once
// The words a person reads for the contract's enums ("rollback", "suppressed: cooldown",
// "page"), shared by pxpd (audit entries, logs) and its clients (console, pxpctl), so no raw
// enum name (ACTION_KIND_ROLLBACK) reaches a screen, a terminal or an audit export.
// Thread affinity: none (pure functions).

#include "pxp/v1/alert.pb.h"
#include "pxp/v1/policy.pb.h"

#include <string_view>

namespace pxp::words {

std::string_view action(int kind);     // pxp::v1::ActionKind: "rollback", "abort canary", ...; "none"
std::string_view outcome(int outcome); // pxp::v1::DecisionOutcome: "executed", "suppressed: cooldown", ...
std::string_view tier(int tier);       // pxp::v1::AlertTier: "page", "slow page", "ticket", ...; "none"

} // namespace pxp::words
