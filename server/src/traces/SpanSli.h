#pragma once
// SpanSli: the SLI of one span-based SLO (pxp.dev/source: spans), compiled from its
// definition: which spans are events and which of them are good.
//   thresholdMetric: selector -> the spans counted; good = status is not ERROR and the
//                    duration in milliseconds passes objectives[0] {op, value}
//                    ("spans of checkout POST /checkout, good when not ERROR and < 300 ms");
//   ratioMetric:     total selector -> the spans counted; good = also matches the good
//                    selector (or, with a bad selector, does not match it).
// Thread affinity: none (immutable after compile).

#include "pxpd/Result.h"
#include "pxpd/slo/SloSpec.h"
#include "traces/SpanSelector.h"

#include <optional>

namespace pxpd {

class SpanSli {
public:
  // Errors name the SLO's file:line and the selector problem.
  static Result<SpanSli> compile(const slo::SloSpec &spec);

  enum class Verdict { NotCounted, Good, Bad };
  Verdict classify(const pxp::v1::Span &span) const;

private:
  explicit SpanSli(SpanSelector total) : m_total(std::move(total)) {}

  SpanSelector m_total;
  std::optional<SpanSelector> m_good, m_bad; // ratioMetric
  std::string m_op;                          // thresholdMetric: lt, lte, gt, gte
  double m_thresholdMs = 0;
};

} // namespace pxpd
