#include "traces/OtlpLogMapping.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "traces/OtlpAttributes.h"

#include <algorithm>
#include <cctype>

namespace pxpd {
namespace {

namespace logsv1 = opentelemetry::proto::logs::v1;

constexpr int kMaxAttributesPerRecord = 64;
constexpr std::size_t kMaxMessageChars = 4096;

pxp::v1::LogSeverity severityFromText(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  if (text.rfind("trace", 0) == 0 || text.rfind("debug", 0) == 0)
    return pxp::v1::LOG_SEVERITY_DEBUG;
  if (text.rfind("info", 0) == 0 || text == "notice")
    return pxp::v1::LOG_SEVERITY_INFO;
  if (text.rfind("warn", 0) == 0)
    return pxp::v1::LOG_SEVERITY_WARN;
  if (text.rfind("err", 0) == 0 || text.rfind("fatal", 0) == 0 || text == "critical" || text == "crit")
    return pxp::v1::LOG_SEVERITY_ERROR;
  return pxp::v1::LOG_SEVERITY_UNSPECIFIED;
}

// SeverityNumber comes in ranges of four (TRACE 1-4 ... FATAL 21-24); pxp has no TRACE or FATAL.
pxp::v1::LogSeverity severityOf(const logsv1::LogRecord &in) {
  const int n = in.severity_number();
  if (n >= logsv1::SEVERITY_NUMBER_TRACE && n < logsv1::SEVERITY_NUMBER_INFO)
    return pxp::v1::LOG_SEVERITY_DEBUG;
  if (n >= logsv1::SEVERITY_NUMBER_INFO && n < logsv1::SEVERITY_NUMBER_WARN)
    return pxp::v1::LOG_SEVERITY_INFO;
  if (n >= logsv1::SEVERITY_NUMBER_WARN && n < logsv1::SEVERITY_NUMBER_ERROR)
    return pxp::v1::LOG_SEVERITY_WARN;
  if (n >= logsv1::SEVERITY_NUMBER_ERROR && n <= logsv1::SEVERITY_NUMBER_FATAL4)
    return pxp::v1::LOG_SEVERITY_ERROR;
  return severityFromText(in.severity_text());
}

std::int64_t timeMsOf(const logsv1::LogRecord &in, std::int64_t receivedMs) {
  if (in.time_unix_nano() != 0)
    return static_cast<std::int64_t>(in.time_unix_nano() / 1'000'000);
  if (in.observed_time_unix_nano() != 0)
    return static_cast<std::int64_t>(in.observed_time_unix_nano() / 1'000'000);
  return receivedMs;
}

// Sets the hex ids; false when a present id was malformed (it is then left out).
bool mapIds(const logsv1::LogRecord &in, pxp::v1::LogRecord &out) {
  bool valid = true;
  if (!in.trace_id().empty()) {
    out.set_trace_id(otlp::hexId(in.trace_id(), 16));
    valid = !out.trace_id().empty();
  }
  if (!in.span_id().empty()) {
    out.set_span_id(otlp::hexId(in.span_id(), 8));
    valid = valid && !out.span_id().empty();
  }
  if (out.trace_id().empty())
    out.clear_span_id(); // a span id means nothing without its trace
  return valid;
}

pxp::v1::LogRecord mapRecord(const logsv1::LogRecord &in, const std::string &service, std::int64_t receivedMs,
                             bool &idsValid) {
  pxp::v1::LogRecord out;
  out.set_time_ms(timeMsOf(in, receivedMs));
  out.set_service(service);
  out.set_severity(severityOf(in));
  idsValid = mapIds(in, out);
  std::string message = in.body().value_case() == opentelemetry::proto::common::v1::AnyValue::kStringValue
                            ? in.body().string_value()
                            : otlp::text(in.body());
  if (message.size() > kMaxMessageChars)
    message.resize(kMaxMessageChars);
  out.set_message(std::move(message));
  out.set_event_name(in.event_name().substr(0, otlp::kMaxValueChars));
  for (const auto &kv : in.attributes()) {
    std::string value = otlp::text(kv.value());
    if (out.correlation_id().empty() && !value.empty() && otlp::isCorrelationKey(kv.key()))
      out.set_correlation_id(value);
    if (out.event_name().empty() && kv.key() == "event.name")
      out.set_event_name(value); // events from SDKs before LogRecord.event_name existed
    if (out.attributes_size() < kMaxAttributesPerRecord) {
      auto *l = out.add_attributes();
      l->set_key(kv.key().substr(0, otlp::kMaxValueChars));
      l->set_value(std::move(value));
    }
  }
  if (out.message().empty() && !out.event_name().empty())
    out.set_message(out.event_name()); // an event often has no body: say what happened
  return out;
}

} // namespace

OtlpLogs mapOtlpLogs(const opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest &request,
                     std::int64_t receivedMs) {
  OtlpLogs result;
  for (const auto &rl : request.resource_logs()) {
    const std::string service = otlp::serviceName(rl.resource());
    for (const auto &sl : rl.scope_logs())
      for (const auto &record : sl.log_records()) {
        bool idsValid = true;
        result.records.push_back(mapRecord(record, service, receivedMs, idsValid));
        if (idsValid)
          continue;
        ++result.invalidIds;
        if (result.firstInvalidId.empty())
          result.firstInvalidId = "log record '" + result.records.back().message().substr(0, 100) +
                                  "' has an invalid trace_id (16 bytes) or span_id (8 bytes): kept without its "
                                  "trace link";
      }
  }
  return result;
}

} // namespace pxpd
