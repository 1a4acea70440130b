#pragma once
// SloTraffic: hand-computable traffic for EventCounter tests (one add per minute, fixed volume).
// Thread affinity: none (test helpers).

#include "pxpd/slo/EventCounter.h"

#include <QtTest/QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace slotest {

constexpr std::int64_t kSecondMs = 1000;
constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// "Now" on a whole hour (2023-11-14 22:00 UTC), so every level's buckets line up with the
// windows and the expected sums are exact.
constexpr std::int64_t kNowMs = 1'699'999'200'000;
static_assert(kNowMs % kHourMs == 0);
// 100,000 events a minute: at a 99.9% objective, a burn of b is b * 100 bad events a minute,
// a whole number for every burn the tests use.
constexpr double kEventsPerMinute = 100'000;

// Minutes whose end lies in (now - fromAgoMs, now - toAgoMs] burn the budget at `burn`.
struct Burn {
  std::int64_t fromAgoMs, toAgoMs;
  double burn;
};

// Feeds one add per minute for spanMs before nowMs (oldest first), kEventsPerMinute events each,
// with burn * (1 - objective) of them bad in the minutes a Burn covers and none bad elsewhere.
inline void feed(pxpd::slo::EventCounter &counter, double objective, std::int64_t spanMs,
                 std::initializer_list<Burn> burns, std::int64_t nowMs = kNowMs,
                 double eventsPerMinute = kEventsPerMinute) {
  for (std::int64_t agoMs = spanMs - kMinuteMs; agoMs >= 0; agoMs -= kMinuteMs) {
    double burn = 0;
    for (const Burn &b : burns) {
      if (agoMs < b.fromAgoMs && agoMs >= b.toAgoMs)
        burn = b.burn;
    }
    const double bad = burn * (1.0 - objective) * eventsPerMinute;
    counter.add(nowMs - agoMs, eventsPerMinute - bad, eventsPerMinute);
  }
}

// Equal within a relative 1e-9 (absolute near zero): the engine's numbers are exact up to the
// rounding of decimal objectives such as 0.999.
inline bool near(double actual, double expected, double relative = 1e-9) {
  if (std::isnan(expected))
    return std::isnan(actual);
  if (std::isinf(expected))
    return actual == expected;
  return std::abs(actual - expected) <= relative * std::max({1.0, std::abs(actual), std::abs(expected)});
}

} // namespace slotest

#define SLO_COMPARE_NEAR(actual, expected)                                                                             \
  QVERIFY2(slotest::near((actual), (expected)), qPrintable(QStringLiteral("%1 = %2, expected %3")                      \
                                                               .arg(QLatin1String(#actual))                            \
                                                               .arg((actual), 0, 'g', 17)                              \
                                                               .arg((expected), 0, 'g', 17)))
