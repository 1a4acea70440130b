#include "actuators/WebhookActuator.h"

#include "actuators/PlainHttpClient.h"
#include "actuators/RetryBackoff.h"

#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>

namespace pxpd {
namespace {

constexpr int kMaxBackoffMs = 30'000;

std::string json(const std::string &s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool retryable(const PlainHttpClient::Answer &a) {
  return a.status == 0 || a.status == 408 || a.status == 429 || a.status >= 500;
}

std::string describeAnswer(const PlainHttpClient::Answer &a) {
  if (a.status == 0)
    return a.error;
  std::string head = a.bodyHead;
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

WebhookActuator::WebhookActuator(HttpUrl url, std::string urlText, int timeoutMs, int retries, int backoffMs)
    : m_url(std::move(url)), m_urlText(std::move(urlText)), m_timeoutMs(timeoutMs), m_retries(retries),
      m_backoffMs(backoffMs) {}

std::string WebhookActuator::body(const ActionRequest &r) {
  return "{\"policy_id\":" + json(r.policyId) + ",\"decision_id\":" + json(r.decisionId) +
         ",\"slo_id\":" + json(r.sloId) + ",\"service\":" + json(r.service) +
         ",\"action\":" + json(actionKindName(r.kind)) + ",\"target\":" + json(r.target) +
         ",\"deployment_id\":" + json(r.deploymentId) + ",\"version\":" + json(r.version) +
         ",\"flag\":" + json(r.flagKey) + ",\"mode\":" + json(r.mode) + ",\"explanation\":" + json(r.explanation) +
         ",\"time_ms\":" + std::to_string(r.timeMs) + "}";
}

ActionOutcome WebhookActuator::run(const ActionRequest &request, std::stop_token stop) {
  const std::string payload = body(request);
  // Seeded by the decision: the same decision retries on the same schedule (replays, tests).
  RetryBackoff backoff(m_backoffMs, kMaxBackoffMs, std::hash<std::string>{}(request.decisionId));
  PlainHttpClient::Answer answer;
  int attempt = 0;
  for (;; ++attempt) {
    answer = PlainHttpClient::post(m_url, "application/json", payload, std::chrono::milliseconds(m_timeoutMs), stop);
    if (answer.status >= 200 && answer.status < 300)
      return {true,
              {},
              "POST " + m_urlText + ": HTTP " + std::to_string(answer.status) + " after " +
                  std::to_string(attempt + 1) + " attempt(s)"};
    if (!retryable(answer) || attempt >= m_retries || !pause(backoff.delayMs(attempt), stop))
      break;
  }
  return {false,
          "POST " + m_urlText + ": " + describeAnswer(answer) + " (" + std::to_string(attempt + 1) + " attempt(s)" +
              (stop.stop_requested() ? ", pxpd is stopping" : "") + ")",
          {}};
}

} // namespace pxpd
