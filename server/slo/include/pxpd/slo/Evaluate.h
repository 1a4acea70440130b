#pragma once
// evaluate(): turns one SLO's event counts into burn rates, budget, alert tier and state.
// Thread affinity: none (pure functions of their arguments).

#include "pxpd/slo/AlertPolicy.h"
#include "pxpd/slo/Evaluation.h"
#include "pxpd/slo/EventCounter.h"
#include "pxpd/slo/SloSpec.h"

#include <cstdint>

namespace pxpd::slo {

// How many times faster than "exactly on objective" the budget is being spent:
// (1 - good/total) / (1 - objective). NaN when total is 0 (no data is not a burn of 0).
double burnRate(double good, double total, double objective);

// A tier fires when both its long and short window burn at least its threshold and neither
// window is empty or under spec.minEventsPerWindow. Evaluation::tier is the most urgent tier
// that fires; slower ones are suppressed (one page, not three) but kept in tierConditions.
// State: Critical if a page fires or the budget is spent; Warning if a ticket fires or less than
// a quarter of the budget is left; NoData if the 5m and 1h windows have no events; else Ok.
// A spec whose objective is not strictly between 0 and 1 yields State::Error and no tier.
Evaluation evaluate(const SloSpec &spec, const EventCounter &counter, std::int64_t nowMs);
Evaluation evaluate(const SloSpec &spec, const EventCounter &counter, std::int64_t nowMs, const AlertPolicy &policy);

} // namespace pxpd::slo
