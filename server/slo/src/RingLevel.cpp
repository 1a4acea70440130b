#include "pxpd/slo/detail/RingLevel.h"

#include <algorithm>
#include <limits>

namespace pxpd::slo::detail {
namespace {

// Floor division, so bucket indices stay consistent for times before the epoch too.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

} // namespace

RingLevel::RingLevel(std::int64_t resolutionMs, std::int64_t capacity)
    : m_slots(static_cast<std::size_t>(std::max<std::int64_t>(capacity, 2))),
      m_resolutionMs(std::max<std::int64_t>(resolutionMs, 1)) {}

std::int64_t RingLevel::indexOf(std::int64_t timeMs) const { return floorDiv(timeMs - 1, m_resolutionMs); }

std::int64_t RingLevel::firstIndexAfter(std::int64_t timeMs) const {
  return floorDiv(timeMs + m_resolutionMs / 2, m_resolutionMs);
}

std::int64_t RingLevel::oldestKnownIndex() const {
  if (m_empty || m_head - m_first < capacity())
    return std::numeric_limits<std::int64_t>::min();
  return oldestRetainedIndex();
}

std::size_t RingLevel::slotOf(std::int64_t index) const {
  const std::int64_t cap = capacity();
  return static_cast<std::size_t>(((index % cap) + cap) % cap);
}

void RingLevel::add(std::int64_t index, Counts counts) {
  if (m_empty) {
    m_empty = false;
    m_head = m_first = index;
  } else if (index > m_head) {
    advanceTo(index);
  } else if (index < oldestRetainedIndex()) {
    return; // the caller checks this; dropping keeps the ring consistent if it did not
  }
  m_first = std::min(m_first, index);
  Counts &slot = m_slots[slotOf(index)];
  slot.good += counts.good;
  slot.total += counts.total;
  m_retained.good += counts.good;
  m_retained.total += counts.total;
}

void RingLevel::advanceTo(std::int64_t index) {
  if (index - m_head >= capacity()) {
    std::fill(m_slots.begin(), m_slots.end(), Counts{});
    m_retained = {};
  } else {
    for (std::int64_t i = m_head + 1; i <= index; ++i) {
      Counts &slot = m_slots[slotOf(i)];
      m_retained.good -= slot.good;
      m_retained.total -= slot.total;
      slot = {};
    }
  }
  m_head = index;
}

RingLevel::Counts RingLevel::at(std::int64_t index) const {
  if (m_empty || index > m_head || index < oldestRetainedIndex())
    return {};
  return m_slots[slotOf(index)];
}

RingLevel::Counts RingLevel::sum(std::int64_t first, std::int64_t last) const {
  if (m_empty)
    return {};
  first = std::max(first, oldestRetainedIndex());
  last = std::min(last, m_head);
  if (first > last)
    return {};
  // A long window ending at the head is everything held minus the few oldest buckets:
  // exact in fixed point, and it turns the 1h, 6h, 3d and period windows into a handful of reads.
  if (last == m_head && last - first + 1 > capacity() / 2) {
    const Counts older = sumDirect(oldestRetainedIndex(), first - 1);
    return {m_retained.good - older.good, m_retained.total - older.total};
  }
  return sumDirect(first, last);
}

RingLevel::Counts RingLevel::sumDirect(std::int64_t first, std::int64_t last) const {
  Counts c;
  if (first > last)
    return c;
  const auto count = static_cast<std::size_t>(last - first + 1);
  const std::size_t start = slotOf(first);
  const std::size_t firstRun = std::min(count, m_slots.size() - start);
  // Two contiguous runs instead of a modulo per bucket, so the loops vectorize.
  for (std::size_t i = start; i < start + firstRun; ++i) {
    c.good += m_slots[i].good;
    c.total += m_slots[i].total;
  }
  for (std::size_t i = 0; i < count - firstRun; ++i) {
    c.good += m_slots[i].good;
    c.total += m_slots[i].total;
  }
  return c;
}

} // namespace pxpd::slo::detail
