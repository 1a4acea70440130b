#pragma once
// SloRuntime: one SLO the engine serves: its definition, its event counter, its latest
// status and its active alert. An SLO whose source pxpd cannot measure yet (Prometheus,
// spans, or simulated without simulate: true) is "unmeasured": its status says ERROR with
// the reason and its budget is NaN — never a silent 100 %.
// Thread affinity: owned by the Engine, used with its lock held.

#include "pxpd/slo/AlertPolicy.h"
#include "pxpd/slo/Evaluation.h"
#include "pxpd/slo/EventCounter.h"
#include "pxpd/slo/SloSpec.h"

#include "pxp/v1/control_plane.pb.h"

#include <string>

namespace pxpd {

class SloRuntime {
public:
  // `unmeasuredReason` empty = events arrive (the simulated world feeds the counter).
  SloRuntime(slo::SloSpec spec, std::string unmeasuredReason);

  const slo::SloSpec &spec() const { return m_spec; }
  const pxp::v1::SloDefinition &definition() const { return m_definition; }
  const pxp::v1::SloStatus &status() const { return m_status; }
  slo::EventCounter &counter() { return m_counter; }
  const slo::EventCounter &counter() const { return m_counter; }
  bool measured() const { return m_unmeasuredReason.empty(); }

  // Evaluates every window at `nowMs` and refreshes status().
  slo::Evaluation evaluate(std::int64_t nowMs);

  // Same definition, field by field (where it was written does not count).
  static bool sameDefinition(const slo::SloSpec &a, const slo::SloSpec &b);
  // Same events (source, queries, kind, latency threshold, period): a changed SLO whose events
  // are the same keeps its counter, so changing an objective does not forget 30 days.
  static bool sameEventStream(const slo::SloSpec &a, const slo::SloSpec &b);
  // Takes a changed definition with the same event stream, keeping counter and alert.
  void redefine(slo::SloSpec spec);

  // What the SLI source last said (Prometheus): Ok, or NoData/Error with the reason (the PromQL
  // and the backend's text). Not Ok shows as that state with the reason in status().error and
  // unknown (NaN) figures, like an unmeasured SLO.
  void setSourceHealth(slo::State health, std::string reason);
  // The source has nothing new yet (a short gap in the scrapes): evaluate() reads the windows as
  // they stood at the newest data, so the state, the tier and any page hold; status().error
  // says it lags and since when. Cleared by the next setSourceHealth().
  void setLagging(std::string reason);
  std::uint64_t sourceGeneration = 0; // tells the Prometheus fetcher a fresh runtime from a kept one

  bool alertsReplayed = false; // its stored history has been evaluated for past alerts
  std::string activeAlertId;   // "" = no alert firing
  slo::Tier activeTier = slo::Tier::None;

private:
  slo::SloSpec m_spec;
  pxp::v1::SloDefinition m_definition;
  std::string m_unmeasuredReason;
  slo::State m_sourceHealth = slo::State::Ok;
  std::string m_sourceReason;
  std::string m_lagReason;        // "" = not lagging
  slo::AlertPolicy m_alertPolicy; // depends on the period only: computed once
  slo::EventCounter m_counter;
  pxp::v1::SloStatus m_status;
};

} // namespace pxpd
