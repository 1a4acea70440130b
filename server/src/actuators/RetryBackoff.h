#pragma once
// RetryBackoff: exponential retry delays with jitter ("equal jitter": half fixed, half random),
// so many pxpd instances retrying one receiver do not retry in step. Seeded by the caller,
// so a test or a replay gets the same delays.
// Thread affinity: none (one instance per retry loop).

#include <algorithm>
#include <cstdint>
#include <random>

namespace pxpd {

class RetryBackoff {
public:
  RetryBackoff(int initialMs, int maxMs, std::uint64_t seed) : m_initialMs(initialMs), m_maxMs(maxMs), m_rng(seed) {}

  // Delay before retry number `retry` (0 = the first retry): initial * 2^retry, capped,
  // of which a random half.
  int delayMs(int retry) {
    const std::int64_t full =
        std::min<std::int64_t>(m_maxMs, static_cast<std::int64_t>(m_initialMs) << std::min(retry, 20));
    const std::int64_t half = full / 2;
    std::uniform_int_distribution<std::int64_t> jitter(0, half);
    return static_cast<int>(full - half + jitter(m_rng));
  }

private:
  int m_initialMs, m_maxMs;
  std::mt19937_64 m_rng;
};

} // namespace pxpd
