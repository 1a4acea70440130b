#pragma once
// PolicyFacts: what a policy condition is evaluated against, for one SLO at one tick.
// Thread affinity: none (pointers into the engine's state, valid while its lock is held).

#include "pxp/v1/control_plane.pb.h"

#include <vector>

namespace pxpd {

struct PolicyFacts {
  const pxp::v1::SloDefinition *slo = nullptr;
  const pxp::v1::SloStatus *status = nullptr;
  const pxp::v1::Deployment *canary = nullptr;                      // the service's live canary, if any
  const std::vector<const pxp::v1::FeatureFlag *> *flags = nullptr; // the service's flags, if any
  bool lowTraffic = false;
  bool noData = false;
};

} // namespace pxpd
