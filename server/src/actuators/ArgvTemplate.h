#pragma once
// ArgvTemplate: an exec actuator's argument list with {placeholders}, expanded per action.
// Each placeholder becomes exactly one argument's text (no shell, no word splitting), so a
// service name with spaces or quotes cannot turn into extra arguments.
// Thread affinity: none (pure functions).

#include "actuators/ActionRequest.h"

#include <optional>
#include <string>
#include <vector>

namespace pxpd {

class ArgvTemplate {
public:
  // The first {name} in `arg` that is not a known placeholder, or nullopt.
  static std::optional<std::string> unknownPlaceholder(const std::string &arg);
  // "{policy} {slo} {service} ...": the placeholders, for error messages and docs.
  static std::string knownPlaceholders();
  static std::vector<std::string> expand(const std::vector<std::string> &argv, const ActionRequest &request);
};

} // namespace pxpd
