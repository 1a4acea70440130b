#pragma once
// sameValue: field-by-field equality of the client value types, NaN equal to NaN, so a model
// emits dataChanged only for rows whose value really changed. Private to models/.
// Thread affinity: none.

#include "pxp/client/Values.h"

namespace pxp::models::detail {

bool sameValue(const client::SloValue &a, const client::SloValue &b);
bool sameValue(const client::AlertValue &a, const client::AlertValue &b);
bool sameValue(const client::DeploymentValue &a, const client::DeploymentValue &b);
bool sameValue(const client::FlagValue &a, const client::FlagValue &b);
bool sameValue(const client::PolicyValue &a, const client::PolicyValue &b);
bool sameValue(const client::DecisionValue &a, const client::DecisionValue &b);
bool sameValue(const client::OverrideValue &a, const client::OverrideValue &b);
bool sameValue(const client::KillSwitchValue &a, const client::KillSwitchValue &b);
bool sameValue(const client::AuditValue &a, const client::AuditValue &b);

} // namespace pxp::models::detail
