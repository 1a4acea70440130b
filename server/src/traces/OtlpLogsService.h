#pragma once
// OtlpLogsService: OTLP/gRPC logs ingest (opentelemetry.proto.collector.logs.v1.LogsService/
// Export), served on pxpd's listen port next to the trace ingest and under the same rules
// (OtlpIngestGate). It maps the records (OtlpLogMapping) — plain log lines and product events —
// and hands them to the sink (the engine's log store, where QueryLogs and the debug view read
// them, linked to spans by trace id or request id). Records with malformed ids are kept without
// their trace link and reported as a partial_success warning.
// Thread affinity: Export runs on gRPC's sync-server threads, concurrently; the gate and the
// clock are immutable and the sink must be thread-safe.

#include "traces/OtlpIngestGate.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.grpc.pb.h"
#include "pxp/v1/debug.pb.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace pxpd {

class OtlpLogsService final : public opentelemetry::proto::collector::logs::v1::LogsService::Service {
public:
  using Sink = std::function<void(std::vector<pxp::v1::LogRecord>)>;
  using NowMs = std::function<std::int64_t()>; // the time given to records that carry none
  OtlpLogsService(OtlpIngestConfig config, NowMs nowMs, Sink sink)
      : m_gate(std::move(config)), m_nowMs(std::move(nowMs)), m_sink(std::move(sink)) {}

  grpc::Status Export(grpc::ServerContext *ctx,
                      const opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest *req,
                      opentelemetry::proto::collector::logs::v1::ExportLogsServiceResponse *resp) override;

  // Records accepted since start (monotonic).
  std::int64_t recordsAccepted() const { return m_accepted.load(); }

private:
  const OtlpIngestGate m_gate;
  const NowMs m_nowMs;
  const Sink m_sink;
  std::atomic<std::int64_t> m_accepted{0};
};

} // namespace pxpd
