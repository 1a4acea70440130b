#include "actuators/WebhookActuator.h"

#include "actuators/RetryBackoff.h"
#include "json/JsonText.h"

#include <condition_variable>
#include <functional>
#include <mutex>

namespace pxpd {
namespace {

constexpr int kMaxBackoffMs = 30'000;

bool retryable(const http::Answer &a) {
  return a.status == 0 || a.status == 408 || a.status == 429 || a.status >= 500;
}

std::string describeAnswer(const http::Answer &a) {
  if (a.status == 0)
    return a.error;
  std::string head = a.body.substr(0, 300);
  for (auto &c : head)
    if (c == '\n' || c == '\r')
      c = ' ';
  return "HTTP " + std::to_string(a.status) + (a.reason.empty() ? "" : " " + a.reason) +
         (head.empty() ? "" : ": " + head);
}

// Sleeps `ms` unless `stop` is requested first; false when stopped.
bool pause(int ms, const std::stop_token &stop) {
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock lock(m);
  return !cv.wait_for(lock, stop, std::chrono::milliseconds(ms), [] { return false; }) && !stop.stop_requested();
}

} // namespace

WebhookActuator::WebhookActuator(http::Endpoint endpoint, int retries, int backoffMs)
    : m_client(std::move(endpoint)), m_retries(retries), m_backoffMs(backoffMs) {}

http::Endpoint WebhookActuator::endpointOf(const std::string &url, const std::string &bearerTokenFile,
                                           const std::string &caFile, int timeoutMs) {
  http::Endpoint e;
  e.url = url;
  e.name = "webhook " + url;
  e.bearerTokenFile = bearerTokenFile;
  e.tls.caFile = caFile;
  e.timeout = std::chrono::milliseconds(timeoutMs);
  e.connectTimeout = std::chrono::milliseconds(std::min(timeoutMs, 5'000));
  return e;
}

std::string WebhookActuator::body(const ActionRequest &r) {
  const Json j = {{"policy_id", r.policyId},
                  {"decision_id", r.decisionId},
                  {"slo_id", r.sloId},
                  {"service", r.service},
                  {"action", actionKindName(r.kind)},
                  {"target", r.target},
                  {"deployment_id", r.deploymentId},
                  {"version", r.version},
                  {"flag", r.flagKey},
                  {"mode", r.mode},
                  {"explanation", r.explanation},
                  {"time_ms", r.timeMs}};
  return jsonText(j);
}

ActionOutcome WebhookActuator::run(const ActionRequest &request, std::stop_token stop) {
  const std::string payload = body(request);
  // Seeded by the decision: the same decision retries on the same schedule (replays, tests).
  RetryBackoff backoff(m_backoffMs, kMaxBackoffMs, std::hash<std::string>{}(request.decisionId));
  http::Answer answer;
  int attempt = 0;
  for (;; ++attempt) {
    http::Request post;
    post.method = "POST";
    post.contentType = "application/json";
    post.body = payload;
    post.maxBodyBytes = 1024 * 1024; // the audit keeps the first words; a chatty receiver is no failure
    answer = m_client.send(post, stop);
    if (answer.status >= 200 && answer.status < 300)
      return {true,
              {},
              "POST " + m_client.endpoint().url + ": HTTP " + std::to_string(answer.status) + " after " +
                  std::to_string(attempt + 1) + " attempt(s)"};
    if (!retryable(answer) || attempt >= m_retries || !pause(backoff.delayMs(attempt), stop))
      break;
  }
  return {false,
          "POST " + m_client.endpoint().url + ": " + describeAnswer(answer) + " (" + std::to_string(attempt + 1) +
              " attempt(s)" + (stop.stop_requested() ? ", pxpd is stopping" : "") + ")",
          {}};
}

} // namespace pxpd
