#include "engine/DefinitionDiff.h"

#include "engine/SloRuntime.h"
#include "json/JsonText.h"

#include <algorithm>
#include <map>

namespace pxpd {
namespace {

template <typename T, typename Id, typename Same>
void diff(const std::vector<T> &before, const std::vector<T> &after, Id id, Same same, std::vector<std::string> &added,
          std::vector<std::string> &removed, std::vector<std::string> &changed, std::vector<std::string> *unchanged) {
  std::map<std::string, const T *> old;
  for (const auto &o : before)
    old[id(o)] = &o;
  for (const auto &n : after) {
    const auto it = old.find(id(n));
    if (it == old.end())
      added.push_back(id(n));
    else if (!same(*it->second, n))
      changed.push_back(id(n));
    else if (unchanged)
      unchanged->push_back(id(n));
    if (it != old.end())
      old.erase(it);
  }
  for (const auto &[key, value] : old)
    removed.push_back(key);
}

std::string list(const std::vector<std::string> &ids) {
  std::string out;
  for (const auto &id : ids)
    out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string part(const char *what, const std::vector<std::string> &ids) {
  return std::to_string(ids.size()) + " " + what + (ids.empty() ? "" : " (" + list(ids) + ")");
}

} // namespace

DefinitionDiff DefinitionDiff::between(const std::vector<slo::SloSpec> &oldSlos,
                                       const std::vector<PolicyRule> &oldPolicies,
                                       const std::vector<slo::SloSpec> &newSlos,
                                       const std::vector<PolicyRule> &newPolicies) {
  DefinitionDiff d;
  diff(
      oldSlos, newSlos, [](const slo::SloSpec &s) { return s.id; }, SloRuntime::sameDefinition, d.addedSlos,
      d.removedSlos, d.changedSlos, &d.unchangedSlos);
  diff(
      oldPolicies, newPolicies, [](const PolicyRule &r) { return r.policy.id(); },
      [](const PolicyRule &a, const PolicyRule &b) { return a.sameDefinition(b); }, d.addedPolicies, d.removedPolicies,
      d.changedPolicies, nullptr);
  return d;
}

bool DefinitionDiff::empty() const {
  return addedSlos.empty() && removedSlos.empty() && changedSlos.empty() && addedPolicies.empty() &&
         removedPolicies.empty() && changedPolicies.empty();
}

std::string DefinitionDiff::summary() const {
  const bool slosSame = addedSlos.empty() && removedSlos.empty() && changedSlos.empty();
  const bool policiesSame = addedPolicies.empty() && removedPolicies.empty() && changedPolicies.empty();
  return "SLOs: " +
         (slosSame ? "nothing changed" +
                         std::string(unchangedSlos.empty() ? "" : " (" + std::to_string(unchangedSlos.size()) + ")")
                   : part("added", addedSlos) + ", " + part("removed", removedSlos) + ", " +
                         part("changed", changedSlos) + ", " + std::to_string(unchangedSlos.size()) + " unchanged") +
         "; policies: " +
         (policiesSame ? std::string("nothing changed")
                       : part("added", addedPolicies) + ", " + part("removed", removedPolicies) + ", " +
                             part("changed", changedPolicies));
}

std::string DefinitionDiff::json() const {
  const Json j = {{"added_slos", addedSlos},
                  {"removed_slos", removedSlos},
                  {"changed_slos", changedSlos},
                  {"unchanged_slos", unchangedSlos.size()},
                  {"added_policies", addedPolicies},
                  {"removed_policies", removedPolicies},
                  {"changed_policies", changedPolicies}};
  return jsonText(j);
}

} // namespace pxpd
