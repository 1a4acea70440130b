#include "traces/OtlpTraceService.h"

#include "traces/OtlpSpanMapping.h"

namespace pxpd {

grpc::Status OtlpTraceService::Export(grpc::ServerContext *ctx,
                                      const opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest *req,
                                      opentelemetry::proto::collector::trace::v1::ExportTraceServiceResponse *resp) {
  if (auto s = m_gate.admit(*ctx); !s.ok())
    return s;
  OtlpSpans mapped = mapOtlpSpans(*req);
  m_accepted += static_cast<std::int64_t>(mapped.spans.size());
  m_rejected += mapped.rejected;
  if (mapped.rejected > 0) {
    auto *partial = resp->mutable_partial_success();
    partial->set_rejected_spans(mapped.rejected);
    partial->set_error_message(mapped.firstRejection);
  }
  if (!mapped.spans.empty())
    m_sink(std::move(mapped.spans));
  return grpc::Status::OK;
}

} // namespace pxpd
