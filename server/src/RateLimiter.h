#pragma once
// RateLimiter: a token bucket per key (an actor): `burst` calls at once, then `perSecond`.
// The clock is the daemon's injected wall clock, so tests move time by hand. At most
// kMaxKeys keys are tracked; past that the fullest buckets (idle actors) are forgotten first.
// Thread affinity: any gRPC thread (internally locked).

#include "pxpd/Clock.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace pxpd {

class RateLimiter {
public:
  RateLimiter(const Clock &clock, double burst, double perSecond)
      : m_clock(clock), m_burst(burst), m_perSecond(perSecond) {}

  // True when `key` may make one more call now (and counts it).
  bool take(const std::string &key);
  // Seconds until `key` may call again (0 when it may now).
  double waitSeconds(const std::string &key) const;

private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updatedMs = 0;
  };
  double refill(const Bucket &b, std::int64_t nowMs) const;

  static constexpr std::size_t kMaxKeys = 10'000;
  const Clock &m_clock;
  const double m_burst, m_perSecond;
  mutable std::mutex m_mutex;
  std::map<std::string, Bucket> m_buckets; // guarded by m_mutex
};

} // namespace pxpd
