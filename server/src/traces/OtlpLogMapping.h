#pragma once
// OtlpLogMapping: turns an OTLP ExportLogsServiceRequest into pxp.v1 log records, the form the
// log store and the console's debug view use:
//   time_unix_nano (else observed_time_unix_nano, else the receive time) -> time_ms;
//   resource service.name -> service; severity_number ranges (TRACE and DEBUG -> DEBUG, INFO,
//   WARN, ERROR and FATAL -> ERROR), or severity_text when the number is unset -> severity;
//   body -> message; trace_id/span_id -> lowercase hex; attributes -> labels; the request-id
//   attributes the span mapping uses (OtlpAttributes) -> correlation_id; event_name (field 12)
//   or the `event.name` attribute -> event_name, making the record a product event.
// A record is never refused for its ids: the OTLP spec says a receiver treats an invalid
// trace_id/span_id as "not in a trace", so the ids are dropped and the sender is told in a
// partial_success warning. Attribute counts and text lengths are capped.
// Thread affinity: none (a pure function).

#include "pxp/v1/debug.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace opentelemetry::proto::collector::logs::v1 {
class ExportLogsServiceRequest;
}

namespace pxpd {

struct OtlpLogs {
  std::vector<pxp::v1::LogRecord> records;
  std::int64_t invalidIds = 0; // records whose trace/span id was malformed and dropped
  std::string firstInvalidId;  // which record, for the sender's logs
};

OtlpLogs mapOtlpLogs(const opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest &request,
                     std::int64_t receivedMs);

} // namespace pxpd
