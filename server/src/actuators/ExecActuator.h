#pragma once
// ExecActuator: runs a configured command for each action — argv from a template such as
// [/usr/local/bin/rollback, "{service}", "{version}"], never through a shell — with a
// timeout. Exit code 0 is success; anything else, a signal or the timeout is a failure that
// carries the tail of the command's stderr.
// Thread affinity: run() on an ActuatorPool thread (it blocks until the command ends).

#include "actuators/Actuator.h"

#include <vector>

namespace pxpd {

class ExecActuator final : public Actuator {
public:
  ExecActuator(std::vector<std::string> argvTemplate, int timeoutMs)
      : m_argv(std::move(argvTemplate)), m_timeoutMs(timeoutMs) {}

  bool blocking() const override { return true; }
  ActionOutcome run(const ActionRequest &request, std::stop_token stop) override;
  std::string describe() const override { return "exec " + m_argv.front(); }

private:
  std::vector<std::string> m_argv;
  int m_timeoutMs;
};

} // namespace pxpd
