// Engine, part: OTLP spans in. Every span goes to the trace store (debug view, RED metrics,
// unlinked count); each one a span-based SLO's selector matches is one event of that SLO,
// good or bad by its SLI (SpanSli), counted at the span's end time.
#include "Engine.h"

#include <algorithm>

namespace pxpd {

void Engine::rebuildSpanSlis() {
  m_spanSlis.clear();
  for (auto &rt : m_slos) {
    if (rt->spec().source != slo::SourceKind::Spans || !rt->measured())
      continue;
    auto sli = SpanSli::compile(rt->spec());
    if (sli)
      m_spanSlis.push_back({rt.get(), std::move(sli).value()});
  }
}

void Engine::ingestSpans(std::vector<pxp::v1::Span> spans) {
  {
    std::lock_guard lock(m_mutex);
    // A span from a clock ahead of ours counts now: a far-future time would age out the
    // counter's rings (EventCounter::add), so one bad clock cannot wipe an SLO's history.
    const std::int64_t nowMs = simNowMs();
    for (const auto &span : spans)
      for (auto &feed : m_spanSlis) {
        const auto verdict = feed.sli.classify(span);
        if (verdict == SpanSli::Verdict::NotCounted)
          continue;
        const std::int64_t endMs = std::min((span.start_us() + span.duration_us()) / 1000, nowMs);
        feed.runtime->counter().add(endMs, verdict == SpanSli::Verdict::Good ? 1.0 : 0.0, 1.0);
      }
  }
  m_traces.addSpans(std::move(spans));
}

} // namespace pxpd
