#pragma once
// TraceGenerator: samples representative traces and correlated logs of the simulated world's
// user journeys (checkout, login, search), failing as often as the world currently fails,
// so the debug view has a real waterfall to show for a real regression. Finished checkout and
// login journeys also report a product event (checkout.completed, payment.failed,
// signup.completed, login.completed) carrying only the request id, as a product analytics
// pipeline would; the requests without an id make unlinked events.
// Thread affinity: the engine's tick thread.

#include "SimulatedWorld.h"

#include "pxp/v1/debug.pb.h"

#include <random>
#include <vector>

namespace pxpd::world {

struct TraceSample {
  std::vector<pxp::v1::Span> spans;
  std::vector<pxp::v1::LogRecord> logs;
};

class TraceGenerator {
public:
  explicit TraceGenerator(std::uint64_t seed) : m_rng(seed ^ 0x5eedULL) {}

  // Traces for the journeys at simulated time `nowMs`: `perJourney` each.
  TraceSample sample(const SimulatedWorld &world, std::int64_t nowMs, int perJourney = 2);

private:
  std::string hex(int chars);
  std::mt19937_64 m_rng;
};

} // namespace pxpd::world
