#include "pxpd/slo/detail/RingLevel.h"

#include <algorithm>
#include <limits>

namespace pxpd::slo::detail {

RingLevel::RingLevel(std::int64_t capacity) : m_slots(static_cast<std::size_t>(std::max<std::int64_t>(capacity, 2))) {}

std::int64_t RingLevel::oldestKnownIndex() const {
  if (m_empty || m_head - m_first < capacity())
    return std::numeric_limits<std::int64_t>::min();
  return oldestRetainedIndex();
}

std::int64_t RingLevel::slotOf(std::int64_t index) const {
  const std::int64_t slot = m_headSlot - (m_head - index);
  return slot < 0 ? slot + capacity() : slot;
}

void RingLevel::add(std::int64_t index, Counts counts) {
  if (m_empty) {
    m_empty = false;
    m_head = m_first = index;
    m_headSlot = 0;
  } else if (index > m_head) {
    advanceTo(index);
  } else if (index < oldestRetainedIndex()) {
    return;
  }
  m_first = std::min(m_first, index);
  Counts &slot = m_slots[static_cast<std::size_t>(slotOf(index))];
  slot.good += counts.good;
  slot.total += counts.total;
  m_retained.good += counts.good;
  m_retained.total += counts.total;
}

void RingLevel::advanceTo(std::int64_t index) {
  const std::int64_t steps = index - m_head;
  if (steps >= capacity()) {
    std::fill(m_slots.begin(), m_slots.end(), Counts{});
    m_retained = {};
    m_headSlot = 0;
  } else {
    // The slots that indices head+1..index reuse still hold buckets one ring older: drop them.
    const std::int64_t start = wrap(m_headSlot + 1);
    const Counts gone = sumSlots(start, steps);
    m_retained.good -= gone.good;
    m_retained.total -= gone.total;
    clearSlots(start, steps);
    m_headSlot = wrap(m_headSlot + steps);
  }
  m_head = index;
}

RingLevel::Counts RingLevel::at(std::int64_t index) const {
  if (m_empty || index > m_head || index < oldestRetainedIndex())
    return {};
  return m_slots[static_cast<std::size_t>(slotOf(index))];
}

std::int64_t RingLevel::readCostToHead(std::int64_t first) const {
  if (m_empty)
    return 0;
  const std::int64_t n = m_head - std::max(first, oldestRetainedIndex()) + 1;
  if (n <= 0)
    return 0;
  return n > capacity() / 2 ? capacity() - n : n; // the same choice sum() makes
}

RingLevel::Counts RingLevel::sum(std::int64_t first, std::int64_t last) const {
  if (m_empty)
    return {};
  first = std::max(first, oldestRetainedIndex());
  last = std::min(last, m_head);
  if (first > last)
    return {};
  const std::int64_t n = last - first + 1;
  // A long range ending at the head is everything held minus the few oldest buckets: exact in
  // fixed point, and it makes the 1h, 6h, 3d and period windows a handful of reads.
  if (last == m_head && n > capacity() / 2) {
    const Counts older = sumSlots(wrap(m_headSlot + 1), capacity() - n);
    return {m_retained.good - older.good, m_retained.total - older.total};
  }
  return sumSlots(slotOf(first), n);
}

// Two contiguous runs instead of a wrap check per bucket, so the loops stay simple and vectorize.
RingLevel::Counts RingLevel::sumSlots(std::int64_t startSlot, std::int64_t count) const {
  Counts c;
  const auto start = static_cast<std::size_t>(startSlot);
  const auto n = static_cast<std::size_t>(count);
  const std::size_t firstRun = std::min(n, m_slots.size() - start);
  for (std::size_t i = start; i < start + firstRun; ++i) {
    c.good += m_slots[i].good;
    c.total += m_slots[i].total;
  }
  for (std::size_t i = 0; i < n - firstRun; ++i) {
    c.good += m_slots[i].good;
    c.total += m_slots[i].total;
  }
  return c;
}

void RingLevel::clearSlots(std::int64_t startSlot, std::int64_t count) {
  const auto start = static_cast<std::size_t>(startSlot);
  const auto n = static_cast<std::size_t>(count);
  const std::size_t firstRun = std::min(n, m_slots.size() - start);
  std::fill_n(m_slots.begin() + static_cast<std::ptrdiff_t>(start), firstRun, Counts{});
  std::fill_n(m_slots.begin(), n - firstRun, Counts{});
}

} // namespace pxpd::slo::detail
