#pragma once
// sloHistory(): the chart series of one SLO (SLI, budget burn-down, 1h burn, traffic) read
// from its event counter at the finest resolution the counter still holds.
// Thread affinity: none (reads the runtime it is given; the Engine holds its lock).

#include "engine/SloRuntime.h"

#include "pxp/v1/control_plane.pb.h"

namespace pxpd {

pxp::v1::SloHistory sloHistory(const SloRuntime &rt, const pxp::v1::GetSloHistoryRequest &req, std::int64_t nowMs);

} // namespace pxpd
