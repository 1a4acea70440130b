#pragma once
// OtlpTraceService: OTLP/gRPC trace ingest (opentelemetry.proto.collector.trace.v1.
// TraceService/Export), served on pxpd's listen port next to pxp.v1.ControlPlane. It admits a
// call through OtlpIngestGate (shared with the logs ingest), maps the spans (OtlpSpanMapping) and hands them to the
// sink (the engine: trace store, RED metrics, span-based SLIs). Malformed spans are rejected
// per span and reported in partial_success, as the OTLP spec asks.
// Thread affinity: Export runs on gRPC's sync-server threads, concurrently; the config is
// immutable and the sink must be thread-safe.

#include "traces/OtlpIngestGate.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "pxp/v1/debug.pb.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace pxpd {

class OtlpTraceService final : public opentelemetry::proto::collector::trace::v1::TraceService::Service {
public:
  using Sink = std::function<void(std::vector<pxp::v1::Span>)>;
  OtlpTraceService(OtlpIngestConfig config, Sink sink) : m_gate(std::move(config)), m_sink(std::move(sink)) {}

  grpc::Status Export(grpc::ServerContext *ctx,
                      const opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest *req,
                      opentelemetry::proto::collector::trace::v1::ExportTraceServiceResponse *resp) override;

  // Spans accepted and rejected since start (both monotonic).
  std::int64_t spansAccepted() const { return m_accepted.load(); }
  std::int64_t spansRejected() const { return m_rejected.load(); }

private:
  const OtlpIngestGate m_gate;
  const Sink m_sink;
  std::atomic<std::int64_t> m_accepted{0}, m_rejected{0};
};

} // namespace pxpd
