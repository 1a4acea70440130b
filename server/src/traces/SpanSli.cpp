#include "traces/SpanSli.h"

namespace pxpd {
namespace {

Result<SpanSelector> selectorOf(const slo::SloSpec &spec, const std::string &text, const char *which) {
  auto sel = SpanSelector::parse(text);
  if (!sel)
    return Error{spec.sourceFile + ":" + std::to_string(spec.sourceLine) + ": SLO '" + spec.id + "' " + which +
                 " span selector: " + sel.error()};
  return sel;
}

} // namespace

Result<SpanSli> SpanSli::compile(const slo::SloSpec &spec) {
  if (!spec.thresholdOp.empty()) {
    auto total = selectorOf(spec, spec.thresholdQuery, "thresholdMetric");
    if (!total)
      return Error{total.error()};
    SpanSli sli(std::move(total).value());
    sli.m_op = spec.thresholdOp;
    sli.m_thresholdMs = spec.thresholdValue;
    return sli;
  }
  auto total = selectorOf(spec, spec.totalQuery, "ratioMetric.total");
  if (!total)
    return Error{total.error()};
  SpanSli sli(std::move(total).value());
  const bool good = !spec.goodQuery.empty();
  auto numerator =
      selectorOf(spec, good ? spec.goodQuery : spec.badQuery, good ? "ratioMetric.good" : "ratioMetric.bad");
  if (!numerator)
    return Error{numerator.error()};
  (good ? sli.m_good : sli.m_bad) = std::move(numerator).value();
  return sli;
}

SpanSli::Verdict SpanSli::classify(const pxp::v1::Span &span) const {
  if (!m_total.matches(span))
    return Verdict::NotCounted;
  bool good = false;
  if (m_good) {
    good = m_good->matches(span);
  } else if (m_bad) {
    good = !m_bad->matches(span);
  } else {
    const double ms = static_cast<double>(span.duration_us()) / 1000.0;
    const bool fast = m_op == "lt"    ? ms < m_thresholdMs
                      : m_op == "lte" ? ms <= m_thresholdMs
                      : m_op == "gt"  ? ms > m_thresholdMs
                                      : ms >= m_thresholdMs;
    good = span.status() != pxp::v1::SPAN_STATUS_ERROR && fast;
  }
  return good ? Verdict::Good : Verdict::Bad;
}

} // namespace pxpd
