#pragma once
// DefinitionDiff: what a reload changes — SLOs and policies added, removed and changed, by id —
// as the summary line and JSON the audit entry and the RPC result carry.
// Thread affinity: none (a value type).

#include "policy/PolicyRule.h"
#include "pxpd/slo/SloSpec.h"

#include <string>
#include <vector>

namespace pxpd {

struct DefinitionDiff {
  std::vector<std::string> addedSlos, removedSlos, changedSlos, unchangedSlos;
  std::vector<std::string> addedPolicies, removedPolicies, changedPolicies;

  static DefinitionDiff between(const std::vector<slo::SloSpec> &oldSlos, const std::vector<PolicyRule> &oldPolicies,
                                const std::vector<slo::SloSpec> &newSlos, const std::vector<PolicyRule> &newPolicies);

  bool empty() const;
  // "SLOs: 1 added (a/b), 1 removed (c/d), 0 changed, 7 unchanged; policies: nothing changed"
  std::string summary() const;
  // {"added_slos":[...],"removed_slos":[...],"changed_slos":[...],"added_policies":[...],...}
  std::string json() const;
};

} // namespace pxpd
