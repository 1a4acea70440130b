#pragma once
// WebhookActuator: POSTs each action as a JSON body to a plain http:// URL, with a timeout per
// attempt and `retries` further attempts (exponential backoff with jitter) after a connection
// failure, a timeout, 408, 429 or 5xx. A 2xx answer is success; other answers fail at once.
// Thread affinity: run() on an ActuatorPool thread (it blocks across attempts and backoffs).

#include "actuators/Actuator.h"
#include "actuators/HttpUrl.h"

namespace pxpd {

class WebhookActuator final : public Actuator {
public:
  // `url` was checked by the policy loader (HttpUrl::parse).
  WebhookActuator(HttpUrl url, std::string urlText, int timeoutMs, int retries, int backoffMs);

  bool blocking() const override { return true; }
  ActionOutcome run(const ActionRequest &request, std::stop_token stop) override;
  std::string describe() const override { return "webhook " + m_urlText; }

  // The JSON body sent for `request` (a flat object of strings and a number).
  static std::string body(const ActionRequest &request);

private:
  HttpUrl m_url;
  std::string m_urlText;
  int m_timeoutMs, m_retries, m_backoffMs;
};

} // namespace pxpd
