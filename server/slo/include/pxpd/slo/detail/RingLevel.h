#pragma once
// RingLevel: one resolution of an EventCounter, a fixed ring of fixed-point (good, total) buckets.
// Thread affinity: that of the EventCounter that owns it. Not meant to be used on its own.

#include <cstdint>
#include <vector>

namespace pxpd::slo::detail {

class RingLevel {
public:
  // Fixed-point counts: 1/65536 of an event, so sums subtract exactly (see EventCounter.h).
  static constexpr double kScale = 65536.0;
  struct Counts {
    std::int64_t good = 0, total = 0;
  };

  RingLevel(std::int64_t resolutionMs, std::int64_t capacity);

  std::int64_t resolutionMs() const { return m_resolutionMs; }
  std::int64_t capacity() const { return static_cast<std::int64_t>(m_slots.size()); }

  // Bucket k holds events with time in (k*res, (k+1)*res], so that a window (now - w, now]
  // with aligned ends is a whole number of buckets.
  std::int64_t indexOf(std::int64_t timeMs) const;
  // The bucket whose lower edge is nearest to timeMs: the first bucket of a window starting there.
  std::int64_t firstIndexAfter(std::int64_t timeMs) const;

  bool empty() const { return m_empty; }
  std::int64_t headIndex() const { return m_head; }
  std::int64_t oldestRetainedIndex() const { return m_head - capacity() + 1; }
  // Lowest index whose count this level knows: the oldest retained one once the ring has
  // wrapped, and anything before that while everything since the first add is still held
  // (those buckets are known to be empty).
  std::int64_t oldestKnownIndex() const;

  // Adds to bucket `index`, advancing (and clearing) the ring when index is past the head.
  // The caller makes sure index >= oldestRetainedIndex().
  void add(std::int64_t index, Counts counts);

  // Sum of buckets first..last (inclusive), clipped to what is held; later than the head is zero.
  Counts sum(std::int64_t first, std::int64_t last) const;
  Counts at(std::int64_t index) const; // one bucket; zero outside what is held
  Counts retained() const { return m_retained; } // sum of every bucket held

  std::size_t memoryBytes() const { return m_slots.capacity() * sizeof(Counts); }

private:
  void advanceTo(std::int64_t index);
  std::size_t slotOf(std::int64_t index) const;
  Counts sumDirect(std::int64_t first, std::int64_t last) const;

  std::vector<Counts> m_slots;
  std::int64_t m_resolutionMs;
  std::int64_t m_head = 0;  // newest bucket index written
  std::int64_t m_first = 0; // first bucket index ever written
  bool m_empty = true;
  Counts m_retained;        // running sum of all slots, exact thanks to fixed point
};

} // namespace pxpd::slo::detail
