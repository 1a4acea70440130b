#pragma once
// AlertTracker: the alert set and its history. Opens an alert when an SLO's firing tier
// changes, keeps its peak 1h burn and the budget it spent up to date while it fires, resolves
// it when the tier changes or the SLO is removed, and keeps resolved alerts for 30 days (at most
// kMaxResolved, the oldest dropped first): the executive's incidents of the last 30 days.
// Thread affinity: owned by the Engine, used with its lock held.

#include "engine/SloRuntime.h"

#include "pxp/v1/control_plane.pb.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace pxpd {

class AlertTracker {
public:
  using Publish = std::function<void(pxp::v1::Event)>;

  explicit AlertTracker(Publish publish) : m_publish(std::move(publish)) {}

  static constexpr std::size_t kMaxResolved = 500;

  // `reconstructed`: the evaluation is of stored history being replayed (in time order, before
  // the live ticks), and the alerts it raises say so.
  void update(SloRuntime &rt, const slo::Evaluation &ev, std::int64_t nowMs, bool reconstructed = false);
  // The SLO went away (reload): its alert, if any, resolves now.
  void resolve(SloRuntime &rt, std::int64_t nowMs);
  // Firing alerts plus those resolved in the last 30 days, by id.
  const std::map<std::string, pxp::v1::Alert> &alerts() const { return m_alerts; }

private:
  void prune(std::int64_t nowMs);
  // Refreshes the firing alert's peak burn and budget spent; true when either moved enough to
  // be worth an event.
  static bool refresh(pxp::v1::Alert &alert, const SloRuntime &rt, const slo::Evaluation *ev, std::int64_t nowMs);

  Publish m_publish;
  std::map<std::string, pxp::v1::Alert> m_alerts;
  std::uint64_t m_counter = 0;
  std::int64_t m_lastPruneMs = 0;
};

} // namespace pxpd
