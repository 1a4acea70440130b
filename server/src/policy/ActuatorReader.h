#pragma once
// ActuatorReader: reads a policy's `actuator:` block (simulated, exec or webhook) and checks
// what can be checked before the first action: an absolute, executable command; known
// placeholders; a plain http:// URL; sane timeouts and retries.
// Thread affinity: none.

#include "actuators/ActuatorSpec.h"
#include "policy/PolicyYaml.h"

namespace pxpd {

class ActuatorReader {
public:
  explicit ActuatorReader(const PolicyYaml &yaml) : m_yaml(yaml) {}

  // Throws PolicyYaml::Failure (caught by PolicyLoader) on the first problem.
  ActuatorSpec read(const YAML::Node &actuator, const std::string &path) const;

private:
  void readExec(const YAML::Node &node, const std::string &path, ActuatorSpec &spec) const;
  void readWebhook(const YAML::Node &node, const std::string &path, ActuatorSpec &spec) const;
  int timeoutMs(const YAML::Node &node, const std::string &path, int defaultMs) const;

  const PolicyYaml &m_yaml;
};

} // namespace pxpd
