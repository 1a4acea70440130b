#pragma once
// SloOutageData: 30 days (and 2 hours of lead-in) of request counters for one service, one
// sample a minute, with known incidents planted, as OpenMetrics text for promtool, plus the
// SLO figures computed directly from the same per-minute counts (the ground truth that pxpd,
// reading the data back through Prometheus, must match).
//   series      http_requests_total{job="checkout",code="200"|"500"}, timestamps on whole minutes
//   traffic     6,000 +- 3,000 requests a minute (a daily sine), errors 0.05 % of them
//   outage      2 hours at 5 % errors, 62 to 60 hours before the end (inside the 3d window)
//   fast burn   the last 50 minutes at 2 % errors (pages: 14.4x over 1h and 5m)
//   scrape gap  optional (withScrapeGap): minutes with no sample at all while the counters go
//               on counting, as after a Prometheus restart; the ground truth still holds them
// Thread affinity: none (a value type).

#include <QByteArray>

#include <cmath>
#include <cstdint>
#include <vector>

namespace testing {

struct SloOutageData {
  static constexpr std::int64_t kMinute = 60;
  static constexpr std::int64_t kLeadInMinutes = 120;
  static constexpr std::int64_t kMinutes = 30 * 1440 + kLeadInMinutes;

  std::int64_t endSeconds = 0;          // the last sample's time, a whole minute
  std::vector<std::int64_t> total, bad; // minute i covers (start + i*60, start + (i+1)*60]

  explicit SloOutageData(std::int64_t endSec) : endSeconds(endSec / kMinute * kMinute) {
    total.resize(kMinutes);
    bad.resize(kMinutes);
    for (std::int64_t i = 0; i < kMinutes; ++i) {
      const std::int64_t endOfMinute = startSeconds() + (i + 1) * kMinute;
      const double phase = 2 * M_PI * static_cast<double>(endOfMinute % 86400) / 86400.0;
      total[static_cast<std::size_t>(i)] = 6000 + static_cast<std::int64_t>(std::lround(3000 * std::sin(phase)));
      const std::int64_t ago = endSeconds - endOfMinute; // seconds before the end
      double errorRatio = 0.0005;
      if (ago >= 60 * 3600 && ago < 62 * 3600)
        errorRatio = 0.05;
      else if (ago < 50 * 60)
        errorRatio = 0.02;
      bad[static_cast<std::size_t>(i)] =
          std::llround(static_cast<double>(total[static_cast<std::size_t>(i)]) * errorRatio);
    }
  }

  std::int64_t startSeconds() const { return endSeconds - kMinutes * kMinute; }

  QByteArray job = "checkout";
  std::int64_t gapEndSeconds = 0, gapMinutes = 0; // no samples in (gapEnd - minutes, gapEnd]
  // The same counts under `jobName`, with no sample for `minutes` minutes ending `endAgoSeconds`
  // before the end.
  SloOutageData &withScrapeGap(const QByteArray &jobName, std::int64_t endAgoSeconds, std::int64_t minutes) {
    job = jobName;
    gapEndSeconds = endSeconds - endAgoSeconds;
    gapMinutes = minutes;
    return *this;
  }

  // The counters as OpenMetrics: one sample per series at every whole minute from the start
  // (but in the scrape gap). `also`: more data sets in the same family (another job).
  QByteArray openMetrics(const std::vector<const SloOutageData *> &also = {}) const {
    QByteArray out = "# HELP http_requests Requests served.\n# TYPE http_requests counter\n" + seriesLines();
    for (const auto *other : also)
      out += other->seriesLines();
    return out + "# EOF\n";
  }

  QByteArray seriesLines() const {
    QByteArray out;
    for (const bool errors : {false, true}) {
      std::int64_t value = 0;
      for (std::int64_t i = 0; i <= kMinutes; ++i) {
        const std::int64_t t = startSeconds() + i * kMinute;
        if (!(t > gapEndSeconds - gapMinutes * kMinute && t <= gapEndSeconds))
          out += "http_requests_total{code=\"" + QByteArray(errors ? "500" : "200") + "\",job=\"" + job + "\"} " +
                 QByteArray::number(static_cast<qint64>(value)) + " " + QByteArray::number(static_cast<qint64>(t)) +
                 "\n";
        if (i < kMinutes) {
          const auto k = static_cast<std::size_t>(i);
          value += errors ? bad[k] : total[k] - bad[k];
        }
      }
    }
    return out;
  }

  struct Sums {
    double good = 0, total = 0;
  };
  // Events in (endSeconds - windowSeconds, endSeconds].
  Sums window(std::int64_t windowSeconds) const {
    Sums s;
    for (std::int64_t i = 0; i < kMinutes; ++i) {
      const std::int64_t endOfMinute = startSeconds() + (i + 1) * kMinute;
      if (endOfMinute > endSeconds - windowSeconds) {
        const auto k = static_cast<std::size_t>(i);
        s.total += static_cast<double>(total[k]);
        s.good += static_cast<double>(total[k] - bad[k]);
      }
    }
    return s;
  }
  double burnRate(std::int64_t windowSeconds, double objective) const {
    const Sums s = window(windowSeconds);
    return ((s.total - s.good) / s.total) / (1 - objective);
  }
  double budgetRemaining(std::int64_t periodSeconds, double objective) const {
    const Sums s = window(periodSeconds);
    return 1 - (s.total - s.good) / ((1 - objective) * s.total);
  }
};

} // namespace testing
