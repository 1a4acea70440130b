#include "TrafficProfile.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace pxpd::world {
namespace {

// The demo world (resources/config/slos/demo-world.yaml), by SLO id.
constexpr std::array<std::pair<std::string_view, TrafficProfile>, 8> kBySlo{{
    {"payments/checkout-availability", {220, 0.0002}},
    {"payments/checkout-latency", {220, 0.003}},
    {"auth/login-availability", {400, 0.0001}},
    {"search/query-latency", {900, 0.002}},
    {"notifications/delivery", {150, 0.001}},
    {"profile-db/read-freshness", {600, 0.0002}},
    {"cdn-edge/edge-latency", {3000, 0.001}},
    {"signup/conversion", {12, 0.06}},
}};

// A new SLO of a known service sees that service's traffic, at a modest bad ratio.
constexpr std::array<std::pair<std::string_view, double>, 7> kServiceRate{{
    {"payments", 220},
    {"auth", 400},
    {"search", 900},
    {"notifications", 150},
    {"profile-db", 600},
    {"cdn-edge", 3000},
    {"signup", 12},
}};

// FNV-1a: a stable spread of unknown services over 20..500 events/s, the same on every run.
std::uint64_t stableHash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text)
    h = (h ^ c) * 1099511628211ULL;
  return h;
}

} // namespace

TrafficProfile TrafficProfile::forSlo(const slo::SloSpec &spec) {
  for (const auto &[id, profile] : kBySlo)
    if (id == spec.id)
      return profile;
  // Keep the objective reachable: normal operation spends a fifth of the budget.
  const double bad = std::clamp((1 - spec.objective) * 0.2, 1e-5, 0.05);
  for (const auto &[service, rate] : kServiceRate)
    if (service == spec.service)
      return {rate, bad};
  return {20.0 + static_cast<double>(stableHash(spec.service) % 481), bad};
}

} // namespace pxpd::world
