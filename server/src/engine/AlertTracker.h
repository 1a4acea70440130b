#pragma once
// AlertTracker: the live alert set. Opens an alert when an SLO's firing tier rises, resolves
// it when the tier changes or the SLO is removed, and forgets resolved alerts after a day.
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

  void update(SloRuntime &rt, const slo::Evaluation &ev, std::int64_t nowMs);
  // The SLO went away (reload): its alert, if any, resolves now.
  void resolve(SloRuntime &rt, std::int64_t nowMs);
  // Firing alerts plus those resolved in the last day, by id.
  const std::map<std::string, pxp::v1::Alert> &alerts() const { return m_alerts; }

private:
  void prune(std::int64_t nowMs);

  Publish m_publish;
  std::map<std::string, pxp::v1::Alert> m_alerts;
  std::uint64_t m_counter = 0;
};

} // namespace pxpd
