#pragma once
// EventCounter: good/total event counts of one SLO in multi-resolution ring buffers; bounded memory.
// Thread affinity: not thread-safe; owned by the engine thread that feeds and evaluates it.

#include "pxpd/slo/detail/RingLevel.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pxpd::slo {

// Four levels of fixed rings, each updated by every add():
//   10 s buckets covering 1 h, 1 min covering 6 h, 10 min covering 3 d, 1 h covering the period,
// each with one extra bucket so a window that starts mid-bucket is still retained.
// A bucket holds events with time in (k*res, (k+1)*res]. A window (now - w, now] starts on the
// finest level that still holds its start, so its start edge is exact to that level's
// resolution: 5m, 30m and 1h to 10 s, 2h and 6h to 1 min, 1d and 3d to 10 min, the period to
// 1 h. Its end edge is exact: every level holds every event up to now. Between the two, sum()
// moves to coarser levels at their bucket boundaries whenever that reads fewer buckets (a 1d
// window is a few 10-minute buckets and then hours), which gives the same total as reading the
// whole window on the first level. (For a `now` earlier than the newest data, the whole window
// is read on the first level and its end is rounded up to that level's bucket.)
//
// Memory, as memoryBytes() reports it (each bucket is two int64 = 16 bytes, plus ~330 bytes of
// bookkeeping), the same whatever the traffic and however long it runs:
//   30-day period: 361 + 361 + 433 + 721 = 1,876 buckets, 30,344 bytes (29.6 KiB) per SLO;
//   28-day period: 1,828 buckets, 29,576 bytes (28.9 KiB);  7-day: 1,324 buckets, 21,512 bytes (21.0 KiB).
//
// Counts are stored as fixed point (1/65536 of an event) so that long windows can be read as
// "everything retained minus the oldest few buckets" without floating-point drift. With the move
// to coarser levels above, evaluating all eight windows reads a few dozen buckets instead of
// the ~2,300 a per-window scan would. Fractional counts (such as
// Prometheus increase()) are kept to 1.5e-5 events; a level holds at most ~7e13 events, which
// is ~27 million events per second sustained over 30 days. add() rejects what would overflow.
class EventCounter {
public:
  explicit EventCounter(std::int64_t periodSeconds); // clamped to at least one hour

  // Adds events observed at timeMs. Out of order is fine within the finest level's hour;
  // older events are dropped and counted (droppedTooOld), as are negative or non-finite inputs
  // and counts that would overflow (droppedInvalid). Good above total is clamped to total. An
  // add of (0, 0) is a valid observation of "no events": it moves lastDataMs and ages the rings.
  // Times come from the injected clock; one far in the future ages out everything before it.
  void add(std::int64_t timeMs, double good, double total);

  struct Sums {
    double good = 0, total = 0;
  };
  // Events with time in (nowMs - windowSeconds, nowMs], at the resolution described above.
  // A window longer than what is retained is clipped to what is retained.
  Sums sum(std::int64_t nowMs, std::int64_t windowSeconds) const;

  std::int64_t periodSeconds() const { return m_periodSeconds; }
  std::int64_t lastDataMs() const { return m_lastDataMs; } // newest accepted time; 0 = none
  std::uint64_t droppedTooOld() const { return m_droppedTooOld; }
  std::uint64_t droppedInvalid() const { return m_droppedInvalid; }
  std::size_t memoryBytes() const; // the object and its rings

  // History for charts: buckets of stepSeconds tiling [startMs, endMs); bucket i starts at
  // startMs + i*step and holds the events with time in (start_i, start_i + step]. The data come
  // from the finest level that still holds startMs; a level bucket goes wholly to the step its
  // start falls in, so a step finer than resolutionSecondsAt(startMs) leaves some steps empty.
  // Returns nothing for an empty range, a step <= 0 or more than kMaxHistoryBuckets steps.
  struct Bucket {
    std::int64_t startMs;
    double good, total;
  };
  static constexpr std::int64_t kMaxHistoryBuckets = 100'000;
  std::vector<Bucket> history(std::int64_t startMs, std::int64_t endMs, std::int64_t stepSeconds) const;
  std::int64_t resolutionSecondsAt(std::int64_t startMs) const; // bucket width history() would use

  static constexpr std::size_t kLevelCount = 4;

private:
  std::size_t levelIndexFor(std::int64_t startMs) const; // finest level that knows startMs
  detail::RingLevel::Counts sumToNewest(std::size_t level, std::int64_t firstBucket) const;

  std::int64_t m_periodSeconds;
  std::array<detail::RingLevel, kLevelCount> m_levels; // finest first
  std::int64_t m_lastDataMs = 0;
  bool m_hasData = false;
  std::uint64_t m_droppedTooOld = 0;
  std::uint64_t m_droppedInvalid = 0;
};

} // namespace pxpd::slo
