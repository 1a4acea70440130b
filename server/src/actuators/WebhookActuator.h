#pragma once
// WebhookActuator: POSTs each action as a JSON body to an http(s):// URL, with a timeout per
// attempt and `retries` further attempts (exponential backoff with jitter) after a connection
// failure, a timeout, 408, 429 or 5xx. A 2xx answer is success; other answers fail at once.
// Thread affinity: run() on an ActuatorPool thread (it blocks across attempts and backoffs).

#include "actuators/Actuator.h"
#include "http/HttpClient.h"

namespace pxpd {

class WebhookActuator final : public Actuator {
public:
  // `endpoint` was checked by the policy loader (http::Client::check).
  WebhookActuator(http::Endpoint endpoint, int retries, int backoffMs);
  // The endpoint a webhook actuator spec describes (URL, token, CA file, timeout per attempt).
  static http::Endpoint endpointOf(const std::string &url, const std::string &bearerTokenFile,
                                   const std::string &caFile, int timeoutMs);

  bool blocking() const override { return true; }
  ActionOutcome run(const ActionRequest &request, std::stop_token stop) override;
  std::string describe() const override { return "webhook " + m_client.endpoint().url; }

  // The JSON body sent for `request` (a flat object of strings and a number), valid whatever
  // the strings hold.
  static std::string body(const ActionRequest &request);

private:
  http::Client m_client;
  int m_retries, m_backoffMs;
};

} // namespace pxpd
