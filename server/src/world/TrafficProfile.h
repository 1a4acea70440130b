#pragma once
// TrafficProfile: how much traffic the simulated world makes for one simulated SLO, and how
// much of it is bad in normal operation. The demo world's SLOs have hand-set profiles (by SLO
// id); any other simulated SLO gets a default keyed by its service, so an SLO file can add
// simulated SLOs without code.
// Thread affinity: none (pure functions).

#include "pxpd/slo/SloSpec.h"

namespace pxpd::world {

struct TrafficProfile {
  double ratePerSecond = 100; // mean events per second at the daily peak
  double badRatio = 0.0005;   // share of bad events in normal operation

  static TrafficProfile forSlo(const slo::SloSpec &spec);
};

} // namespace pxpd::world
