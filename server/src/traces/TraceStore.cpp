#include "TraceStore.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace pxpd {
namespace {

// Per stored trace beyond its spans: the hash-map node with its id, the arrival-order entry
// and the span vector's header (an estimate for libstdc++ on 64-bit, rounded up).
constexpr std::int64_t kTraceOverheadBytes = 256;

double percentile(std::vector<double> &v, double p) {
  if (v.empty())
    return NAN;
  const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(k, v.size() - 1)), v.end());
  return v[std::min(k, v.size() - 1)];
}

} // namespace

TraceStore::TraceStore(std::int64_t bytesCap, std::size_t maxLogs, std::size_t maxSpansPerTrace)
    : m_bytesCap(bytesCap), m_maxLogs(maxLogs), m_maxSpansPerTrace(maxSpansPerTrace) {}

void TraceStore::addSpan(pxp::v1::Span span) {
  std::lock_guard lock(m_mutex);
  addLocked(std::move(span));
}

void TraceStore::addSpans(std::vector<pxp::v1::Span> spans) {
  std::lock_guard lock(m_mutex);
  for (auto &span : spans)
    addLocked(std::move(span));
}

void TraceStore::setBytesCap(std::int64_t bytesCap) {
  std::lock_guard lock(m_mutex);
  m_bytesCap = bytesCap;
  evictLocked();
  evictLogsLocked();
}

void TraceStore::addLocked(pxp::v1::Span span) {
  ++m_spansReceived;
  if (span.correlation_id().empty())
    ++m_unlinked;
  // What the span takes in memory (the message, its strings and labels), not its wire size:
  // decoded spans are several times larger, and the cap is about this process's memory.
  auto bytes = static_cast<std::int64_t>(span.SpaceUsedLong());
  auto [it, inserted] = m_traces.try_emplace(span.trace_id());
  StoredTrace &trace = it->second;
  if (inserted) {
    trace.firstSeenUs = span.start_us();
    m_order.push_back(span.trace_id());
    bytes += kTraceOverheadBytes;
  } else if (trace.spans.size() >= m_maxSpansPerTrace) {
    ++trace.truncated; // at its span limit: counted, not kept
    ++m_spansTruncated;
    ++m_spansDropped;
    return;
  }
  trace.bytes += bytes;
  trace.spans.push_back(std::move(span));
  m_bytes += bytes;
  ++m_spansStored;
  evictLocked();
  // Older traces are gone and this one alone is still over the cap: it keeps what it has.
  if (m_bytes > m_bytesCap && m_order.size() == 1 && m_order.front() == it->first && trace.spans.size() > 1) {
    const auto last = static_cast<std::int64_t>(trace.spans.back().SpaceUsedLong());
    trace.spans.pop_back();
    trace.bytes -= last;
    m_bytes -= last;
    --m_spansStored;
    ++trace.truncated;
    ++m_spansTruncated;
    ++m_spansDropped;
  }
}

void TraceStore::evictLocked() {
  while (m_bytes > m_bytesCap && m_order.size() > 1) {
    const auto it = m_traces.find(m_order.front());
    m_order.pop_front();
    if (it == m_traces.end())
      continue;
    m_bytes -= it->second.bytes;
    m_spansStored -= static_cast<std::int64_t>(it->second.spans.size());
    m_spansDropped += static_cast<std::int64_t>(it->second.spans.size());
    m_traces.erase(it);
  }
}

void TraceStore::addLog(pxp::v1::LogRecord record) {
  std::lock_guard lock(m_mutex);
  addLogLocked(std::move(record));
}

void TraceStore::addLogs(std::vector<pxp::v1::LogRecord> records) {
  std::lock_guard lock(m_mutex);
  for (auto &record : records)
    addLogLocked(std::move(record));
}

void TraceStore::addLogLocked(pxp::v1::LogRecord record) {
  if (!record.event_name().empty()) {
    ++m_eventsReceived;
    if (record.correlation_id().empty())
      ++m_eventsUnlinked;
  }
  m_logBytes += static_cast<std::int64_t>(record.SpaceUsedLong());
  m_logs.push_back(std::move(record));
  evictLogsLocked();
}

void TraceStore::evictLogsLocked() {
  while (m_logs.size() > m_maxLogs || (m_logBytes > m_bytesCap && m_logs.size() > 1)) {
    m_logBytes -= static_cast<std::int64_t>(m_logs.front().SpaceUsedLong());
    m_logs.pop_front();
    ++m_logsDropped;
  }
}

pxp::v1::Trace TraceStore::assemble(const std::string &id, const StoredTrace &t) const {
  pxp::v1::Trace out;
  out.set_trace_id(id);
  std::vector<const pxp::v1::Span *> spans;
  for (const auto &s : t.spans)
    spans.push_back(&s);
  std::sort(spans.begin(), spans.end(), [](auto *a, auto *b) { return a->start_us() < b->start_us(); });
  std::int64_t start = INT64_MAX, end = 0;
  for (const auto *s : spans) {
    *out.add_spans() = *s;
    start = std::min(start, s->start_us());
    end = std::max(end, s->start_us() + s->duration_us());
    if (s->parent_span_id().empty()) {
      out.set_root_service(s->service());
      out.set_root_operation(s->operation());
    }
    if (s->status() == pxp::v1::SPAN_STATUS_ERROR)
      out.set_has_error(true);
  }
  out.set_start_us(spans.empty() ? 0 : start);
  out.set_duration_us(spans.empty() ? 0 : end - start);
  out.set_spans_truncated(t.truncated);
  return out;
}

pxp::v1::ListTracesResponse TraceStore::list(const pxp::v1::ListTracesRequest &req) const {
  std::lock_guard lock(m_mutex);
  pxp::v1::ListTracesResponse resp;
  const int limit = req.limit() <= 0 ? 50 : std::min(req.limit(), 500);
  for (auto it = m_order.rbegin(); it != m_order.rend() && resp.traces_size() < limit; ++it) {
    const auto found = m_traces.find(*it);
    if (found == m_traces.end())
      continue;
    const auto trace = assemble(*it, found->second);
    if (req.errors_only() && !trace.has_error())
      continue;
    if (!req.service().empty() && std::none_of(trace.spans().begin(), trace.spans().end(),
                                               [&](const auto &s) { return s.service() == req.service(); }))
      continue;
    const std::int64_t startMs = trace.start_us() / 1000;
    if ((req.range().start_ms() && startMs < req.range().start_ms()) ||
        (req.range().end_ms() && startMs >= req.range().end_ms()))
      continue;
    *resp.add_traces() = trace;
  }
  *resp.mutable_stats() = statsLocked();
  return resp;
}

bool TraceStore::get(const std::string &traceId, pxp::v1::Trace &out) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_traces.find(traceId);
  if (it == m_traces.end())
    return false;
  out = assemble(traceId, it->second);
  return true;
}

pxp::v1::QueryLogsResponse TraceStore::logs(const pxp::v1::QueryLogsRequest &req, std::int64_t nowMs) const {
  std::lock_guard lock(m_mutex);
  pxp::v1::QueryLogsResponse resp;
  const int limit = req.limit() <= 0 ? 200 : std::min(req.limit(), 2000);
  // A trace's own records are wanted whatever their age; a bare query looks back 15 minutes.
  const std::int64_t defaultStart = req.trace_id().empty() ? nowMs - 15 * 60'000 : INT64_MIN;
  const std::int64_t start = req.range().start_ms() ? req.range().start_ms() : defaultStart;
  const std::int64_t end = req.range().end_ms() ? req.range().end_ms() : INT64_MAX;
  std::vector<const pxp::v1::LogRecord *> hits;
  std::set<std::string> correlationIds; // of the requested trace's spans
  if (const auto t = m_traces.find(req.trace_id()); !req.trace_id().empty() && t != m_traces.end())
    for (const auto &s : t->second.spans)
      if (!s.correlation_id().empty())
        correlationIds.insert(s.correlation_id());
  for (auto it = m_logs.rbegin(); it != m_logs.rend() && static_cast<int>(hits.size()) < limit; ++it) {
    // OTLP senders' records arrive out of time order: skip, do not stop at, an older one.
    if (it->time_ms() < start || it->time_ms() >= end || it->severity() < req.min_severity())
      continue;
    const bool linked = it->trace_id() == req.trace_id() || correlationIds.count(it->correlation_id()) > 0;
    if ((!req.trace_id().empty() && !linked) || (!req.service().empty() && it->service() != req.service()))
      continue;
    hits.push_back(&*it);
  }
  for (auto it = hits.rbegin(); it != hits.rend(); ++it)
    *resp.add_records() = **it; // oldest first
  return resp;
}

std::vector<pxp::v1::RedMetrics> TraceStore::red(const std::string &service, std::int64_t windowSeconds,
                                                 std::int64_t nowMs) const {
  std::lock_guard lock(m_mutex);
  struct Acc {
    std::int64_t count = 0, errors = 0;
    std::vector<double> latenciesMs;
  };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  const std::int64_t fromUs = (nowMs - windowSeconds * 1000) * 1000, toUs = nowMs * 1000;
  for (const auto &[id, t] : m_traces)
    for (const auto &s : t.spans) {
      const std::int64_t endUs = s.start_us() + s.duration_us();
      if (endUs <= fromUs || endUs > toUs || (!service.empty() && s.service() != service))
        continue;
      auto &a = acc[{s.service(), s.operation()}];
      ++a.count;
      a.errors += s.status() == pxp::v1::SPAN_STATUS_ERROR;
      a.latenciesMs.push_back(s.duration_us() / 1000.0);
    }
  std::vector<pxp::v1::RedMetrics> out;
  for (auto &[key, a] : acc) {
    pxp::v1::RedMetrics m;
    m.set_service(key.first);
    m.set_endpoint(key.second);
    m.set_window_seconds(windowSeconds);
    m.set_requests_per_second(static_cast<double>(a.count) / static_cast<double>(windowSeconds));
    m.set_error_ratio(static_cast<double>(a.errors) / static_cast<double>(a.count));
    m.set_p50_latency_ms(percentile(a.latenciesMs, 0.50));
    m.set_p95_latency_ms(percentile(a.latenciesMs, 0.95));
    m.set_p99_latency_ms(percentile(a.latenciesMs, 0.99));
    out.push_back(std::move(m));
  }
  return out;
}

pxp::v1::TraceStoreStats TraceStore::stats() const {
  std::lock_guard lock(m_mutex);
  return statsLocked();
}

pxp::v1::TraceStoreStats TraceStore::statsLocked() const {
  pxp::v1::TraceStoreStats s;
  s.set_spans_stored(m_spansStored);
  s.set_spans_dropped(m_spansDropped);
  s.set_bytes_used(m_bytes);
  s.set_bytes_cap(m_bytesCap);
  s.set_spans_unlinked(m_unlinked);
  s.set_unlinked_ratio(m_spansReceived ? static_cast<double>(m_unlinked) / static_cast<double>(m_spansReceived) : 0);
  s.set_events_received(m_eventsReceived);
  s.set_events_unlinked(m_eventsUnlinked);
  s.set_logs_dropped(m_logsDropped);
  s.set_spans_truncated(m_spansTruncated);
  s.set_max_spans_per_trace(static_cast<std::int64_t>(m_maxSpansPerTrace));
  return s;
}

} // namespace pxpd
