#include "pxpd/slo/EventCounter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pxpd::slo {
namespace {

using detail::RingLevel;
constexpr std::size_t kLevels = EventCounter::kLevelCount;

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMinPeriodSeconds = 3600;
// Longest window sum() reads, so that windowSeconds * 1000 cannot overflow: ten years.
constexpr std::int64_t kMaxWindowSeconds = 10LL * 366 * 86400;
// A level's running sum stays below half the int64 range: ~7e13 events, with headroom.
constexpr std::int64_t kMaxFixedTotal = std::numeric_limits<std::int64_t>::max() / 2;
constexpr double kMaxEventsPerAdd = 1e12;

// The grid: bucket width of each level, finest first, and the span each must cover (the
// longest window read from it: 1h, 6h, 3d; the last covers the period). Each coarser width is
// a whole multiple of the finer one, so their boundaries line up.
constexpr std::array<std::int64_t, kLevels> kResolutionMs{10'000, 60'000, 600'000, 3'600'000};
constexpr std::array<std::int64_t, kLevels - 1> kSpanSeconds{3600, 6LL * 3600, 3LL * 86400};

constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b) { // b > 0
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
constexpr std::int64_t ceilDiv(std::int64_t a, std::int64_t b) {
  return -floorDiv(-a, b);
}

// floorDiv(a, resolution of `level`). Spelled out per constant so the compiler turns each 64-bit
// division (tens of cycles) into a multiplication: sum() runs eight times per SLO per tick.
std::int64_t divByResolution(std::int64_t a, std::size_t level) {
  switch (level) {
  case 0: return floorDiv(a, kResolutionMs[0]);
  case 1: return floorDiv(a, kResolutionMs[1]);
  case 2: return floorDiv(a, kResolutionMs[2]);
  default: return floorDiv(a, kResolutionMs[3]);
  }
}

// Bucket k of a level holds events with time in (k*res, (k+1)*res], so a window (now - w, now]
// with both ends on the grid is a whole number of buckets.
std::int64_t bucketOf(std::size_t level, std::int64_t timeMs) {
  return divByResolution(timeMs - 1, level);
}
// First bucket of a window starting at timeMs: the one after the nearest boundary.
std::int64_t firstBucketAfter(std::size_t level, std::int64_t timeMs) {
  return divByResolution(timeMs + kResolutionMs[level] / 2, level);
}

std::array<RingLevel, kLevels> makeLevels(std::int64_t periodSeconds) {
  const auto capacity = [](std::size_t level, std::int64_t spanSeconds) {
    return ceilDiv(spanSeconds * kMsPerSecond, kResolutionMs[level]) + 1; // +1: a window starting mid-bucket
  };
  return {RingLevel(capacity(0, kSpanSeconds[0])), RingLevel(capacity(1, kSpanSeconds[1])),
          RingLevel(capacity(2, kSpanSeconds[2])), RingLevel(capacity(3, periodSeconds))};
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
  if (!finest.empty() && bucketOf(0, timeMs) < finest.oldestRetainedIndex()) {
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
  for (std::size_t i = 0; i < kLevels; ++i)
    m_levels[i].add(bucketOf(i, timeMs), counts);
  if (!m_hasData || timeMs > m_lastDataMs)
    m_lastDataMs = timeMs;
  m_hasData = true;
}

std::size_t EventCounter::levelIndexFor(std::int64_t startMs) const {
  for (std::size_t i = 0; i + 1 < kLevels; ++i) {
    if (firstBucketAfter(i, startMs) >= m_levels[i].oldestKnownIndex())
      return i;
  }
  return kLevels - 1;
}

// Events in bucket `first` of `level` and everything newer. Read on this level up to the next
// level's boundary, then on that level, and so on; stop on the level where the rest costs the
// fewest bucket reads. One pass, at most four levels.
RingLevel::Counts EventCounter::sumToNewest(std::size_t level, std::int64_t first) const {
  std::array<std::int64_t, kLevels> from{}; // first bucket read on each level
  from[level] = first;
  std::size_t stopLevel = level;
  std::int64_t bestCost = m_levels[level].readCostToHead(first);
  std::int64_t fragmentCost = 0;
  for (std::size_t j = level + 1; j < kLevels; ++j) {
    const std::int64_t ratio = kResolutionMs[j] / kResolutionMs[j - 1];
    from[j] = -divByResolution(-from[j - 1] * kResolutionMs[j - 1], j); // first boundary at or after
    if (from[j] < m_levels[j].oldestKnownIndex())
      break;
    fragmentCost += from[j] * ratio - from[j - 1];
    const std::int64_t cost = fragmentCost + m_levels[j].readCostToHead(from[j]);
    if (cost < bestCost) {
      bestCost = cost;
      stopLevel = j;
    }
  }
  RingLevel::Counts c;
  for (std::size_t j = level; j <= stopLevel; ++j) {
    const std::int64_t last = j == stopLevel ? std::numeric_limits<std::int64_t>::max()
                                             : from[j + 1] * (kResolutionMs[j + 1] / kResolutionMs[j]) - 1;
    const RingLevel::Counts part = m_levels[j].sum(from[j], last);
    c.good += part.good;
    c.total += part.total;
  }
  return c;
}

EventCounter::Sums EventCounter::sum(std::int64_t nowMs, std::int64_t windowSeconds) const {
  if (windowSeconds <= 0 || !m_hasData)
    return {};
  const std::int64_t startMs = nowMs - std::min(windowSeconds, kMaxWindowSeconds) * kMsPerSecond;
  const std::size_t level = levelIndexFor(startMs);
  const std::int64_t first = firstBucketAfter(level, startMs);
  if (nowMs < m_lastDataMs) // data newer than now: only one level can cut the window's end
    return toSums(m_levels[level].sum(first, bucketOf(level, nowMs)));
  return toSums(sumToNewest(level, first));
}

std::int64_t EventCounter::resolutionSecondsAt(std::int64_t startMs) const {
  return kResolutionMs[levelIndexFor(startMs)] / kMsPerSecond;
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
  const std::size_t levelIndex = levelIndexFor(startMs);
  const RingLevel &level = m_levels[levelIndex];
  const std::int64_t res = kResolutionMs[levelIndex];
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
