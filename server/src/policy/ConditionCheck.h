#pragma once
// Policy conditions: whether a rule's condition holds for one SLO, why, and the condition as
// text. One checker per ConditionKind, in a table (ConditionCheck.cpp).
// Thread affinity: none (pure functions).

#include "policy/PolicyFacts.h"
#include "policy/PolicyRule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pxpd {

struct ConditionExplanation {
  std::vector<pxp::v1::DecisionInput> inputs; // the values looked at, with their thresholds
  std::string why;                            // one line, set when the condition holds
};

// `ex` = nullptr asks only whether it holds (the hot path: most rules do not fire on most SLOs).
bool conditionHolds(const PolicyRule &rule, const PolicyFacts &facts, std::int64_t nowMs, ConditionExplanation *ex);

// The condition as a human reads it, e.g. "burn_rate_1h > 6" (Policy.condition).
std::string conditionText(const PolicyRule &rule);

// "5m" ... "3d", "period" for a pxp::v1::Window value; "" for an unknown one.
std::string windowLabel(int window);

} // namespace pxpd
