#include "traces/OtlpLogsService.h"

#include "traces/OtlpLogMapping.h"

namespace pxpd {

grpc::Status OtlpLogsService::Export(grpc::ServerContext *ctx,
                                     const opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest *req,
                                     opentelemetry::proto::collector::logs::v1::ExportLogsServiceResponse *resp) {
  if (auto s = m_gate.admit(*ctx); !s.ok())
    return s;
  OtlpLogs mapped = mapOtlpLogs(*req, m_nowMs());
  m_accepted += static_cast<std::int64_t>(mapped.records.size());
  if (mapped.invalidIds > 0) // rejected_log_records stays 0: a warning, as the OTLP spec allows
    resp->mutable_partial_success()->set_error_message(std::to_string(mapped.invalidIds) +
                                                       " record(s): " + mapped.firstInvalidId);
  if (!mapped.records.empty())
    m_sink(std::move(mapped.records));
  return grpc::Status::OK;
}

} // namespace pxpd
