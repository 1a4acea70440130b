#pragma once
// OtlpSpanMapping: turns an OTLP ExportTraceServiceRequest into pxp.v1 spans, the form the
// trace store, the RED metrics and the console's debug view already use:
//   trace/span/parent ids -> lowercase hex; resource service.name -> service (OTel's
//   "unknown_service" when missing); span name -> operation; start/end nanoseconds -> start_us,
//   duration_us; status code and message; attributes -> labels (values as text); events ->
//   labels "event.<name>" = "+<ms after start> ms"; the first request/correlation id attribute
//   (request.id, correlation.id, request_id, correlation_id, http.request_id, x-request-id)
//   -> correlation_id ("" = unlinked).
// Spans with invalid ids (wrong length or all zero) are rejected and counted, per the OTLP
// spec. Attribute counts and value lengths are capped so a sender cannot blow the store.
// Thread affinity: none (a pure function).

#include "pxp/v1/debug.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace opentelemetry::proto::collector::trace::v1 {
class ExportTraceServiceRequest;
}

namespace pxpd {

struct OtlpSpans {
  std::vector<pxp::v1::Span> spans;
  std::int64_t rejected = 0;
  std::string firstRejection; // why the first rejected span was refused
};

OtlpSpans mapOtlpSpans(const opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest &request);

} // namespace pxpd
