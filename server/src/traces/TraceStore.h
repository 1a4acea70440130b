#pragma once
// TraceStore: a bounded store of recent spans (grouped by trace) and their correlated log
// records, with per-service/endpoint RED metrics derived from the spans. The memory cap
// evicts the oldest traces first and counts what it dropped; spans without a correlation id
// are counted as unlinked rather than ignored. Product events (log records with event_name)
// live among the log records; those without a correlation id are counted as unlinked too.
// The log records have a cap of their own: at most maxLogs records and the same byte cap as the
// traces (OTLP senders write both), oldest dropped first.
// Thread affinity: internally locked; add from the engine or the OTLP ingest threads, query
// from gRPC threads.

#include "pxp/v1/control_plane.pb.h"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pxpd {

class TraceStore {
public:
  // A trace keeps at most `maxSpansPerTrace` spans; the ones past it, and the ones that would
  // take a lone trace past `bytesCap`, are not kept and are counted on the trace
  // (Trace.spans_truncated), so the cap holds for any shape of input.
  explicit TraceStore(std::int64_t bytesCap = 64LL * 1024 * 1024, std::size_t maxLogs = 50'000,
                      std::size_t maxSpansPerTrace = 100'000);

  void addSpan(pxp::v1::Span span);
  void addSpans(std::vector<pxp::v1::Span> spans); // one lock for a whole OTLP batch
  // Changes the memory cap (config traces.max_bytes); evicts at once when the store is above it.
  void setBytesCap(std::int64_t bytesCap);
  void addLog(pxp::v1::LogRecord record);
  void addLogs(std::vector<pxp::v1::LogRecord> records); // one lock for a whole OTLP batch

  pxp::v1::ListTracesResponse list(const pxp::v1::ListTracesRequest &req) const;
  bool get(const std::string &traceId, pxp::v1::Trace &out) const;
  // With a trace_id, the records of that trace and those sharing a correlation id with one of
  // its spans (a request id links an OTLP span to logs and product events that carry no trace
  // id); without a range, a trace's records are returned whatever their age.
  pxp::v1::QueryLogsResponse logs(const pxp::v1::QueryLogsRequest &req, std::int64_t nowMs) const;
  // RED per service/endpoint over the spans that ended in (nowMs - windowSeconds, nowMs].
  std::vector<pxp::v1::RedMetrics> red(const std::string &service, std::int64_t windowSeconds,
                                       std::int64_t nowMs) const;
  pxp::v1::TraceStoreStats stats() const;

private:
  struct StoredTrace {
    std::vector<pxp::v1::Span> spans;
    std::int64_t bytes = 0;
    std::int64_t firstSeenUs = 0;
    std::int64_t truncated = 0; // spans not kept
  };
  pxp::v1::Trace assemble(const std::string &id, const StoredTrace &t) const;
  void evictLocked();
  void addLocked(pxp::v1::Span span);
  pxp::v1::TraceStoreStats statsLocked() const;
  void addLogLocked(pxp::v1::LogRecord record);
  void evictLogsLocked();

  std::int64_t m_bytesCap; // guarded by m_mutex
  const std::size_t m_maxLogs;
  const std::size_t m_maxSpansPerTrace;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, StoredTrace> m_traces; // guarded by m_mutex
  std::deque<std::string> m_order;                       // guarded: arrival order of trace ids
  std::deque<pxp::v1::LogRecord> m_logs;                 // guarded: newest last
  std::int64_t m_bytes = 0, m_spansStored = 0, m_spansDropped = 0, m_spansReceived = 0, m_unlinked = 0;
  std::int64_t m_eventsReceived = 0, m_eventsUnlinked = 0; // guarded: product events since start
  std::int64_t m_logsDropped = 0;                          // guarded: records evicted by the caps
  std::int64_t m_spansTruncated = 0;                       // guarded: spans not kept by a trace's limits
  std::int64_t m_logBytes = 0;                             // guarded: what m_logs takes in memory
};

} // namespace pxpd
