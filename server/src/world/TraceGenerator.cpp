#include "TraceGenerator.h"

#include <algorithm>
#include <functional>

namespace pxpd::world {
namespace {

struct Hop {
  const char *service;
  const char *operation;
  double meanMs;
  const char *sloId; // the SLO whose failures this hop causes; nullptr = never fails
  std::vector<Hop> children;
};

// The journeys, as call trees. Latencies are means; each draw is log-normal-ish.
const std::vector<std::pair<const char *, Hop>> &journeys() {
  static const std::vector<std::pair<const char *, Hop>> kJourneys = {
      {"checkout",
       {"cdn-edge",
        "GET /checkout",
        12,
        "cdn-edge/edge-latency",
        {{"payments",
          "POST /api/checkout",
          95,
          "payments/checkout-availability",
          {{"auth", "POST /verify-session", 18, "auth/login-availability", {}},
           {"profile-db", "SELECT profile", 4, "profile-db/read-freshness", {}},
           {"payments", "charge card (gateway)", 140, nullptr, {}}}}}}},
      {"login",
       {"cdn-edge",
        "GET /login",
        10,
        "cdn-edge/edge-latency",
        {{"auth",
          "POST /api/login",
          45,
          "auth/login-availability",
          {{"profile-db", "SELECT credentials", 3, "profile-db/read-freshness", {}}}}}}},
      {"search",
       {"cdn-edge",
        "GET /search",
        9,
        "cdn-edge/edge-latency",
        {{"search", "GET /api/search", 70, "search/query-latency", {{"search", "rank (semantic)", 35, nullptr, {}}}}}}},
  };
  return kJourneys;
}

// The product event a finished journey reports, as the product's analytics would send it: by
// request id only (no trace id), so the console links it to the trace through correlation.
// "" = the journey reports none.
const char *productEvent(const std::string &journey, bool failed, double draw) {
  if (journey == "checkout")
    return failed ? "payment.failed" : "checkout.completed";
  if (journey == "login" && !failed)
    return draw < 0.25 ? "signup.completed" : "login.completed"; // a quarter are new users
  return "";
}

} // namespace

std::string TraceGenerator::hex(int chars) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < chars; ++i)
    out.push_back(kHex[m_rng() % 16]);
  return out;
}

TraceSample TraceGenerator::sample(const SimulatedWorld &world, std::int64_t nowMs, int perJourney) {
  TraceSample out;
  std::lognormal_distribution<double> jitter(0.0, 0.35);
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  for (const auto &entry : journeys()) {
    // Named copies, not structured bindings: lambdas below capture them (clang 14 cannot).
    const char *const journey = entry.first;
    const Hop &root = entry.second;
    for (int n = 0; n < perJourney; ++n) {
      const std::string traceId = hex(32);
      // A few requests arrive without a correlation id (old mobile clients): counted as unlinked.
      const std::string correlation = uni(m_rng) < 0.03 ? std::string() : "req-" + hex(12);
      const std::int64_t startUs = (nowMs - static_cast<std::int64_t>(uni(m_rng) * 10'000)) * 1000;
      std::function<std::pair<std::int64_t, bool>(const Hop &, const std::string &, std::int64_t)> emit;
      emit = [&](const Hop &hop, const std::string &parent, std::int64_t atUs) -> std::pair<std::int64_t, bool> {
        pxp::v1::Span span;
        span.set_trace_id(traceId);
        span.set_span_id(hex(16));
        span.set_parent_span_id(parent);
        span.set_service(hop.service);
        span.set_operation(hop.operation);
        span.set_start_us(atUs);
        span.set_correlation_id(correlation);
        auto *attr = span.add_attributes();
        attr->set_key("journey");
        attr->set_value(journey);
        std::int64_t cursorUs = atUs + 300;
        bool childFailed = false;
        for (const auto &child : hop.children) {
          const auto [endUs, failed] = emit(child, span.span_id(), cursorUs);
          cursorUs = endUs + 200;
          childFailed |= failed;
        }
        const double bad = hop.sloId ? world.currentBadRatio(hop.sloId, nowMs) : 0.0;
        const bool failed = childFailed || uni(m_rng) < bad;
        const auto ownUs = static_cast<std::int64_t>(hop.meanMs * 1000 * jitter(m_rng) * (failed ? 1.8 : 1.0));
        span.set_duration_us(std::max<std::int64_t>(cursorUs - atUs, 0) + ownUs);
        span.set_status(failed ? pxp::v1::SPAN_STATUS_ERROR : pxp::v1::SPAN_STATUS_OK);
        pxp::v1::LogRecord log;
        log.set_time_ms((atUs + span.duration_us()) / 1000);
        log.set_service(hop.service);
        log.set_trace_id(traceId);
        log.set_span_id(span.span_id());
        log.set_correlation_id(correlation);
        if (failed && !childFailed) {
          span.set_status_message(std::string(hop.service) == "payments" ? "NullPointerException: payment token is null"
                                                                         : "upstream error");
          log.set_severity(pxp::v1::LOG_SEVERITY_ERROR);
          log.set_message(std::string(hop.operation) + " failed: " + span.status_message());
        } else {
          log.set_severity(failed ? pxp::v1::LOG_SEVERITY_WARN : pxp::v1::LOG_SEVERITY_INFO);
          log.set_message(std::string(hop.operation) + (failed ? " returned an error from a dependency" : " ok") +
                          " in " + std::to_string(span.duration_us() / 1000) + " ms");
        }
        out.logs.push_back(std::move(log));
        const std::int64_t end = atUs + span.duration_us();
        out.spans.push_back(std::move(span));
        return {end, failed};
      };
      const auto [endUs, failed] = emit(root, "", startUs);
      if (const std::string name = productEvent(journey, failed, uni(m_rng)); !name.empty()) {
        pxp::v1::LogRecord event;
        event.set_time_ms(endUs / 1000);
        event.set_service(root.children.empty() ? root.service : root.children.front().service);
        event.set_severity(failed ? pxp::v1::LOG_SEVERITY_WARN : pxp::v1::LOG_SEVERITY_INFO);
        event.set_event_name(name);
        event.set_message(failed ? "payment failed: the customer saw an error at checkout" : name);
        event.set_correlation_id(correlation); // "" for the requests without one: an unlinked event
        auto *attr = event.add_attributes();
        attr->set_key("journey");
        attr->set_value(journey);
        out.logs.push_back(std::move(event));
      }
    }
  }
  return out;
}

} // namespace pxpd::world
