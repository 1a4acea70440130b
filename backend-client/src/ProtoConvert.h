#pragma once
// Converts pxp.v1 messages into the client's value types. The only place (with the worker)
// where generated protobuf types meet Qt types.
// Thread affinity: none (pure functions).

#include "pxp/client/Values.h"

#include "pxp/v1/control_plane.pb.h"

namespace pxp::client {

SloValue toValue(const pxp::v1::SloDefinition &d);
void mergeStatus(SloValue &v, const pxp::v1::SloStatus &s);
AlertValue toValue(const pxp::v1::Alert &a);
DeploymentValue toValue(const pxp::v1::Deployment &d);
FlagValue toValue(const pxp::v1::FeatureFlag &f);
PolicyValue toValue(const pxp::v1::Policy &p);
DecisionValue toValue(const pxp::v1::PolicyDecision &d);
OverrideValue toValue(const pxp::v1::Override &o);
KillSwitchValue toValue(const pxp::v1::KillSwitchState &k);
AuditValue toValue(const pxp::v1::AuditEntry &a);

WorldSnapshot toSnapshot(const pxp::v1::Snapshot &s);
// Appends the events of one Watch message to `delta` (latest state per object wins later,
// in the models).
void appendEvents(const pxp::v1::WatchResponse &resp, WorldDelta &delta);
// Folds `next` into `into` so a GUI that drains late sees one batch.
void mergeDelta(WorldDelta &into, WorldDelta &&next);

QString outcomeText(int outcome);
QString actionText(int action);

} // namespace pxp::client
