#pragma once
// PolicyLoader: reads policy files (YAML, format documented at the top of
// resources/config/policies/demo-world.yaml) into PolicyRules. All or nothing: the first
// problem rejects the whole set with "file:line: what is wrong: what to do".
// Thread affinity: none (pure functions of their inputs and the files).

#include "policy/PolicyRule.h"
#include "pxpd/Result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pxpd {

class PolicyLoader {
public:
  static Result<std::vector<PolicyRule>> loadText(std::string_view text, const std::string &nameForErrors);
  // Several files as one set; ids must be unique across all of them.
  static Result<std::vector<PolicyRule>> loadFiles(const std::vector<std::filesystem::path> &files);
};

} // namespace pxpd
