#pragma once
// ActuatorSpec: which actuator a policy acts through, as written in its policy file.
// Thread affinity: none (a value type, built by the PolicyLoader, read by the engine).

#include <string>
#include <vector>

namespace pxpd {

struct ActuatorSpec {
  enum class Type { Simulated, Exec, Webhook };
  Type type = Type::Simulated;
  // exec: argv template; command[0] is an absolute path. Placeholders such as {service}.
  std::vector<std::string> command;
  // webhook: http(s)://host[:port]/path; optional bearer token file and CA file (https).
  std::string url;
  std::string bearerTokenFile, caFile;
  int timeoutMs = 10'000; // exec: kill after this; webhook: per attempt (connect + answer)
  int retries = 0;        // webhook: extra attempts after a retryable failure
  int backoffMs = 500;    // webhook: first retry delay; doubles per attempt, with jitter

  bool operator==(const ActuatorSpec &) const = default;
};

} // namespace pxpd
