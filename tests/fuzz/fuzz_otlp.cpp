// libFuzzer target: OTLP/gRPC export requests as pxpd decodes and maps them. The first byte
// picks traces (even) or logs (odd); the rest is the protobuf message as it arrives.
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "traces/OtlpLogMapping.h"
#include "traces/OtlpSpanMapping.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1)
    return 0;
  const bool logs = data[0] & 1;
  const auto *body = data + 1;
  const int length = static_cast<int>(size - 1);
  if (logs) {
    opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest request;
    if (request.ParseFromArray(body, length))
      pxpd::mapOtlpLogs(request, 1'764'000'000'000);
  } else {
    opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest request;
    if (request.ParseFromArray(body, length))
      pxpd::mapOtlpSpans(request);
  }
  return 0;
}
