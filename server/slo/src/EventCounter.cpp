#include "pxpd/slo/EventCounter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pxpd::slo {
namespace {

using detail::RingLevel;

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMinPeriodSeconds = 3600;
// Longest window sum() reads, so that windowSeconds * 1000 cannot overflow: ten years.
constexpr std::int64_t kMaxWindowSeconds = 10LL * 366 * 86400;
// A level's running sum stays below half the int64 range: ~7e13 events, with headroom.
constexpr std::int64_t kMaxFixedTotal = std::numeric_limits<std::int64_t>::max() / 2;
constexpr double kMaxEventsPerAdd = 1e12;

// Floor and ceiling division for b > 0, correct for times before the epoch too.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return -floorDiv(-a, b); }

// Resolution and span of each level, finest first. Each span is the longest window read from
// that level (1h, 6h, 3d, the period), plus one bucket for a window that starts mid-bucket.
RingLevel makeLevel(std::int64_t resolutionSeconds, std::int64_t spanSeconds) {
  return RingLevel(resolutionSeconds * kMsPerSecond, ceilDiv(spanSeconds, resolutionSeconds) + 1);
}

std::array<RingLevel, EventCounter::kLevelCount> makeLevels(std::int64_t periodSeconds) {
  return {makeLevel(10, 3600), makeLevel(60, 6 * 3600), makeLevel(600, 3 * 86400),
          makeLevel(3600, periodSeconds)};
}

EventCounter::Sums toSums(RingLevel::Counts c) {
  return {static_cast<double>(c.good) / RingLevel::kScale, static_cast<double>(c.total) / RingLevel::kScale};
}

} // namespace

EventCounter::EventCounter(std::int64_t periodSeconds)
    : m_periodSeconds(std::max(periodSeconds, kMinPeriodSeconds)), m_levels(makeLevels(m_periodSeconds)) {}

void EventCounter::add(std::int64_t timeMs, double good, double total) {
  if (!std::isfinite(good) || !std::isfinite(total) || good < 0 || total < 0 || total > kMaxEventsPerAdd) {
    ++m_droppedInvalid;
    return;
  }
  // Good and total often come from separately sampled counters (two Prometheus queries), so
  // good may overshoot total a little; more good than total is never meaningful.
  good = std::min(good, total);
  const RingLevel &finest = m_levels.front();
  if (!finest.empty() && finest.indexOf(timeMs) < finest.oldestRetainedIndex()) {
    ++m_droppedTooOld; // every level must hold the same events, so the finest one decides
    return;
  }
  const RingLevel::Counts counts{std::llround(good * RingLevel::kScale), std::llround(total * RingLevel::kScale)};
  for (const RingLevel &level : m_levels) {
    if (level.retained().total > kMaxFixedTotal - counts.total) {
      ++m_droppedInvalid;
      return;
    }
  }
  for (RingLevel &level : m_levels)
    level.add(level.indexOf(timeMs), counts);
  if (!m_hasData || timeMs > m_lastDataMs)
    m_lastDataMs = timeMs;
  m_hasData = true;
}

const RingLevel &EventCounter::levelFor(std::int64_t startMs) const {
  for (const RingLevel &level : m_levels) {
    if (level.firstIndexAfter(startMs) >= level.oldestKnownIndex())
      return level;
  }
  return m_levels.back();
}

EventCounter::Sums EventCounter::sum(std::int64_t nowMs, std::int64_t windowSeconds) const {
  if (windowSeconds <= 0 || !m_hasData)
    return {};
  const std::int64_t startMs = nowMs - std::min(windowSeconds, kMaxWindowSeconds) * kMsPerSecond;
  const RingLevel &level = levelFor(startMs);
  return toSums(level.sum(level.firstIndexAfter(startMs), level.indexOf(nowMs)));
}

std::int64_t EventCounter::resolutionSecondsAt(std::int64_t startMs) const {
  return levelFor(startMs).resolutionMs() / kMsPerSecond;
}

std::vector<EventCounter::Bucket> EventCounter::history(std::int64_t startMs, std::int64_t endMs,
                                                       std::int64_t stepSeconds) const {
  if (stepSeconds <= 0 || endMs <= startMs || stepSeconds > kMaxWindowSeconds)
    return {};
  const std::int64_t stepMs = stepSeconds * kMsPerSecond;
  const std::int64_t steps = ceilDiv(endMs - startMs, stepMs);
  if (steps > kMaxHistoryBuckets)
    return {};
  std::vector<Bucket> out(static_cast<std::size_t>(steps));
  for (std::int64_t i = 0; i < steps; ++i)
    out[static_cast<std::size_t>(i)] = {startMs + i * stepMs, 0.0, 0.0};
  if (!m_hasData)
    return out;

  // Level buckets (k*res, (k+1)*res] whose start lies in [startMs, startMs + steps*step).
  const RingLevel &level = levelFor(startMs);
  const std::int64_t res = level.resolutionMs();
  const std::int64_t first = std::max(ceilDiv(startMs, res), level.oldestRetainedIndex());
  const std::int64_t last = std::min(ceilDiv(startMs + steps * stepMs, res) - 1, level.headIndex());
  for (std::int64_t k = first; k <= last; ++k) {
    const RingLevel::Counts c = level.at(k);
    if (c.total == 0)
      continue;
    Bucket &b = out[static_cast<std::size_t>(floorDiv(k * res - startMs, stepMs))];
    const Sums s = toSums(c);
    b.good += s.good;
    b.total += s.total;
  }
  return out;
}

std::size_t EventCounter::memoryBytes() const {
  std::size_t bytes = sizeof(*this);
  for (const RingLevel &level : m_levels)
    bytes += level.memoryBytes();
  return bytes;
}

} // namespace pxpd::slo
