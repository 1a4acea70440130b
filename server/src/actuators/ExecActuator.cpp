#include "actuators/ExecActuator.h"

#include "actuators/ArgvTemplate.h"
#include "actuators/ChildProcess.h"

#include <csignal>
#include <cstring>

namespace pxpd {
namespace {

constexpr std::size_t kTailShown = 400; // characters of stderr an explanation carries

// The last lines of stderr on one line, for a decision's error text.
std::string tail(const std::string &stderrText) {
  std::string t = stderrText;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' '))
    t.pop_back();
  if (t.size() > kTailShown)
    t = "..." + t.substr(t.size() - kTailShown);
  for (auto &c : t)
    if (c == '\n' || c == '\r')
      c = '|';
  return t.empty() ? std::string() : ": stderr: " + t;
}

} // namespace

ActionOutcome ExecActuator::run(const ActionRequest &request, std::stop_token stop) {
  const auto argv = ArgvTemplate::expand(m_argv, request);
  const auto r = ChildProcess::run(argv, std::chrono::milliseconds(m_timeoutMs), stop);
  const std::string what = m_argv.front();
  if (!r.started)
    return {false, r.spawnError, {}};
  const std::string after = " after " + std::to_string(r.elapsedMs) + " ms";
  if (r.timedOut)
    return {false,
            what + " did not finish within " + std::to_string(m_timeoutMs) + " ms and was killed" + tail(r.stderrTail),
            {}};
  if (r.stopped)
    return {false, what + " was killed because pxpd is stopping" + tail(r.stderrTail), {}};
  if (r.signal != 0)
    return {false,
            what + " was killed by signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")" + after +
                tail(r.stderrTail),
            {}};
  if (r.exitCode != 0)
    return {false, what + " exited with code " + std::to_string(r.exitCode) + after + tail(r.stderrTail), {}};
  return {true, {}, what + " exited with code 0" + after};
}

} // namespace pxpd
