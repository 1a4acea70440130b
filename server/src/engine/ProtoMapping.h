#pragma once
// ProtoMapping: pxp_slo's value types and the simulated world's objects as pxp.v1 messages.
// Thread affinity: none (pure functions).

#include "pxpd/slo/Evaluation.h"
#include "pxpd/slo/SloSpec.h"
#include "world/SimulatedWorld.h"

#include "pxp/v1/control_plane.pb.h"

namespace pxpd {

pxp::v1::AlertTier toProto(slo::Tier t);
pxp::v1::SloState toProto(slo::State s);
pxp::v1::SloDefinition toProto(const slo::SloSpec &s);
// Fills `st` (reusing its window messages) with an evaluation at `nowMs`.
void fillStatus(const slo::Evaluation &ev, std::int64_t nowMs, pxp::v1::SloStatus &st);
pxp::v1::Deployment toProto(const world::SimDeployment &d);
pxp::v1::FeatureFlag toProto(const world::SimFlag &f);

} // namespace pxpd
