#pragma once
// RingLevel: one resolution of an EventCounter, a fixed ring of fixed-point (good, total) buckets.
// Thread affinity: that of the EventCounter that owns it. Not meant to be used on its own.

#include <cstdint>
#include <vector>

namespace pxpd::slo::detail {

// Buckets are numbered by an absolute index (the EventCounter maps time to index); the ring holds
// the newest `capacity` of them. Indices past the head are empty until an add() reaches them.
class RingLevel {
public:
  // Fixed-point counts: 1/65536 of an event, so sums subtract exactly (see EventCounter.h).
  static constexpr double kScale = 65536.0;
  struct Counts {
    std::int64_t good = 0, total = 0;
  };

  explicit RingLevel(std::int64_t capacity);

  std::int64_t capacity() const { return static_cast<std::int64_t>(m_slots.size()); }
  bool empty() const { return m_empty; }
  std::int64_t headIndex() const { return m_head; }
  std::int64_t oldestRetainedIndex() const { return m_head - capacity() + 1; }
  // Lowest index whose count this level knows: the oldest retained one once the ring has
  // wrapped; before that, everything (buckets older than the first add are known to be empty).
  std::int64_t oldestKnownIndex() const;

  // Adds to bucket `index`, advancing (and clearing) the ring when index is past the head;
  // an index older than the ring is ignored (the caller drops those first and counts them).
  void add(std::int64_t index, Counts counts);

  // Sum of buckets first..last (inclusive), clipped to what is held.
  Counts sum(std::int64_t first, std::int64_t last) const;
  // Buckets sum(first, <head>) reads: the range itself or, when shorter, its complement.
  std::int64_t readCostToHead(std::int64_t first) const;
  Counts at(std::int64_t index) const;           // one bucket; zero outside what is held
  Counts retained() const { return m_retained; } // sum of every bucket held

  std::size_t memoryBytes() const { return m_slots.capacity() * sizeof(Counts); }

private:
  void advanceTo(std::int64_t index);
  std::int64_t slotOf(std::int64_t index) const; // index within (head - capacity, head]
  std::int64_t wrap(std::int64_t slot) const { return slot >= capacity() ? slot - capacity() : slot; }
  Counts sumSlots(std::int64_t startSlot, std::int64_t count) const;
  void clearSlots(std::int64_t startSlot, std::int64_t count);

  std::vector<Counts> m_slots;
  std::int64_t m_head = 0;     // newest bucket index written
  std::int64_t m_headSlot = 0; // where it lives in m_slots; tracked so no access needs a modulo
  std::int64_t m_first = 0;    // first bucket index ever written
  bool m_empty = true;
  Counts m_retained; // running sum of all slots, exact thanks to fixed point
};

} // namespace pxpd::slo::detail
