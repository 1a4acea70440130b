#pragma once
// EntryOrder: timeline order for SortedRows: event time, then recorded time, then id (so two
// entries at the same millisecond keep a stable order in every console).
// Thread affinity: none.

#include "pxp/models/timeline/TimelineValues.h"

#include <tuple>

namespace pxp::models::timeline {

struct EntryOrder {
  struct Pos {
    qint64 eventTimeMs = 0;
    qint64 recordedAtMs = 0;
    friend bool operator==(const Pos &, const Pos &) = default;
  };
  static Pos pos(const TimelineEntry &entry) { return {entry.eventTimeMs, entry.recordedAtMs}; }
  static const QString &id(const TimelineEntry &entry) { return entry.id; }
  static bool less(const TimelineEntry &entry, const Pos &pos, const QString &id) {
    return std::tie(entry.eventTimeMs, entry.recordedAtMs, entry.id) < std::tie(pos.eventTimeMs, pos.recordedAtMs, id);
  }
  static bool before(const TimelineEntry &a, const TimelineEntry &b) {
    return std::tie(a.eventTimeMs, a.recordedAtMs, a.id) < std::tie(b.eventTimeMs, b.recordedAtMs, b.id);
  }
};

} // namespace pxp::models::timeline
