#include "policy/ActuatorReader.h"

#include "actuators/ArgvTemplate.h"
#include "actuators/WebhookActuator.h"

#include <cmath>

#include <unistd.h>

namespace pxpd {
namespace {

constexpr double kMaxTimeoutSeconds = 600;
constexpr int kExecDefaultTimeoutMs = 10'000;
constexpr int kWebhookDefaultTimeoutMs = 5'000;

} // namespace

ActuatorSpec ActuatorReader::read(const YAML::Node &node, const std::string &path) const {
  m_yaml.requireMap(node, path, "{type: exec, command: [/usr/local/bin/rollback, \"{service}\"]}");
  const std::string type =
      m_yaml.text(m_yaml.required(node, "type", path + ".type", "type: simulated, exec or webhook"), path + ".type");
  ActuatorSpec spec;
  if (type == "simulated") {
    m_yaml.onlyKeys(node, path + " (type simulated)", {"type"});
  } else if (type == "exec") {
    readExec(node, path, spec);
  } else if (type == "webhook") {
    readWebhook(node, path, spec);
  } else {
    m_yaml.fail(node["type"], path + ".type '" + type + "' is not an actuator: use simulated, exec or webhook");
  }
  return spec;
}

int ActuatorReader::timeoutMs(const YAML::Node &node, const std::string &path, int defaultMs) const {
  const YAML::Node t = node["timeout_seconds"];
  if (!t.IsDefined())
    return defaultMs;
  const double seconds = m_yaml.number(t, path + ".timeout_seconds");
  if (!(seconds > 0) || seconds > kMaxTimeoutSeconds)
    m_yaml.fail(t, path + ".timeout_seconds must be more than 0 and at most 600, got " + t.Scalar());
  return static_cast<int>(std::ceil(seconds * 1000));
}

void ActuatorReader::readExec(const YAML::Node &node, const std::string &path, ActuatorSpec &spec) const {
  m_yaml.onlyKeys(node, path + " (type exec)", {"type", "command", "timeout_seconds"});
  spec.type = ActuatorSpec::Type::Exec;
  const YAML::Node command =
      m_yaml.required(node, "command", path + ".command", "command: [/usr/local/bin/rollback, \"{service}\"]");
  spec.command = m_yaml.texts(command, path + ".command");
  if (spec.command.empty())
    m_yaml.fail(command, path + ".command is empty: give the program and its arguments as a list");
  const std::string &program = spec.command.front();
  if (program.front() != '/')
    m_yaml.fail(command[0], path + ".command[0] '" + program +
                                "' is not an absolute path: pxpd runs it directly, not through a shell or $PATH; "
                                "write the full path, e.g. /usr/local/bin/rollback");
  if (::access(program.c_str(), X_OK) != 0)
    m_yaml.fail(command[0], path + ".command[0] '" + program +
                                "' is not an executable file on this host: install it or fix the path");
  for (std::size_t i = 0; i < spec.command.size(); ++i)
    if (const auto bad = ArgvTemplate::unknownPlaceholder(spec.command[i]))
      m_yaml.fail(command[i], path + ".command[" + std::to_string(i) + "] uses " + *bad +
                                  ", which is not a placeholder: use " + ArgvTemplate::knownPlaceholders());
  spec.timeoutMs = timeoutMs(node, path, kExecDefaultTimeoutMs);
}

void ActuatorReader::readWebhook(const YAML::Node &node, const std::string &path, ActuatorSpec &spec) const {
  m_yaml.onlyKeys(node, path + " (type webhook)",
                  {"type", "url", "bearer_token_file", "ca_file", "timeout_seconds", "retries", "backoff_ms"});
  spec.type = ActuatorSpec::Type::Webhook;
  const YAML::Node url = m_yaml.required(node, "url", path + ".url", "url: http://127.0.0.1:9000/pxp");
  spec.url = m_yaml.text(url, path + ".url");
  if (const YAML::Node token = node["bearer_token_file"]; token.IsDefined())
    spec.bearerTokenFile = m_yaml.text(token, path + ".bearer_token_file");
  if (const YAML::Node ca = node["ca_file"]; ca.IsDefined())
    spec.caFile = m_yaml.text(ca, path + ".ca_file");
  spec.timeoutMs = timeoutMs(node, path, kWebhookDefaultTimeoutMs);
  if (auto ok =
          http::Client::check(WebhookActuator::endpointOf(spec.url, spec.bearerTokenFile, spec.caFile, spec.timeoutMs));
      !ok)
    m_yaml.fail(url, path + ": " + ok.error());
  spec.retries = 2;
  if (const YAML::Node r = node["retries"]; r.IsDefined())
    spec.retries = static_cast<int>(m_yaml.integer(r, path + ".retries", 0, 10));
  if (const YAML::Node b = node["backoff_ms"]; b.IsDefined())
    spec.backoffMs = static_cast<int>(m_yaml.integer(b, path + ".backoff_ms", 1, 60'000));
}

} // namespace pxpd
