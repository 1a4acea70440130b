#pragma once
// PolicyReader: reads one entry of a policy file's `policies:` list into a PolicyRule —
// mode, scope, condition, action, safety nets — checking every value and key.
// Thread affinity: none (one instance per file being read).

#include "policy/PolicyRule.h"
#include "policy/PolicyYaml.h"

namespace pxpd {

class PolicyReader {
public:
  explicit PolicyReader(const PolicyYaml &yaml) : m_yaml(yaml) {}

  // Throws PolicyYaml::Failure (caught by PolicyLoader) on the first problem.
  PolicyRule read(const YAML::Node &entry, const std::string &path) const;

private:
  void readScope(const YAML::Node &scope, const std::string &path, PolicyRule &rule) const;
  void readCondition(const YAML::Node &condition, const std::string &path, PolicyRule &rule) const;
  void readAction(const YAML::Node &action, const std::string &path, PolicyRule &rule) const;

  const PolicyYaml &m_yaml;
};

} // namespace pxpd
