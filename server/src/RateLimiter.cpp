#include "RateLimiter.h"

#include <algorithm>

namespace pxpd {

double RateLimiter::refill(const Bucket &b, std::int64_t nowMs) const {
  const double elapsedSeconds = static_cast<double>(std::max<std::int64_t>(0, nowMs - b.updatedMs)) / 1000.0;
  return std::min(m_burst, b.tokens + elapsedSeconds * m_perSecond);
}

bool RateLimiter::take(const std::string &key) {
  const std::int64_t now = m_clock.nowMs();
  std::lock_guard lock(m_mutex);
  if (m_buckets.size() >= kMaxKeys && !m_buckets.count(key)) {
    // Forget the actors that have been idle long enough to be full again.
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
      it = refill(it->second, now) >= m_burst ? m_buckets.erase(it) : std::next(it);
    if (m_buckets.size() >= kMaxKeys)
      return false; // every tracked actor is busy: new ones wait
  }
  auto [it, inserted] = m_buckets.try_emplace(key, Bucket{m_burst, now});
  Bucket &b = it->second;
  b.tokens = refill(b, now);
  b.updatedMs = now;
  if (b.tokens < 1)
    return false;
  b.tokens -= 1;
  return true;
}

double RateLimiter::waitSeconds(const std::string &key) const {
  const std::int64_t now = m_clock.nowMs();
  std::lock_guard lock(m_mutex);
  const auto it = m_buckets.find(key);
  if (it == m_buckets.end())
    return 0;
  const double tokens = refill(it->second, now);
  return tokens >= 1 ? 0 : (1 - tokens) / m_perSecond;
}

} // namespace pxpd
