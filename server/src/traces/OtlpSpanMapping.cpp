#include "traces/OtlpSpanMapping.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "traces/OtlpAttributes.h"

#include <algorithm>

namespace pxpd {
namespace {

namespace otlpv1 = opentelemetry::proto;

constexpr int kMaxAttributesPerSpan = 64;

using otlp::hexId;
using otlp::kMaxValueChars;
using otlp::text;

pxp::v1::SpanStatus statusOf(const otlpv1::trace::v1::Status &s) {
  switch (s.code()) {
  case otlpv1::trace::v1::Status::STATUS_CODE_OK: return pxp::v1::SPAN_STATUS_OK;
  case otlpv1::trace::v1::Status::STATUS_CODE_ERROR: return pxp::v1::SPAN_STATUS_ERROR;
  default: return pxp::v1::SPAN_STATUS_UNSPECIFIED;
  }
}

void addLabel(pxp::v1::Span &out, const std::string &key, std::string value) {
  if (out.attributes_size() >= kMaxAttributesPerSpan)
    return;
  auto *l = out.add_attributes();
  l->set_key(key.substr(0, kMaxValueChars));
  l->set_value(std::move(value));
}

// False (with `why`) when the span cannot be stored.
bool mapSpan(const otlpv1::trace::v1::Span &in, const std::string &service, pxp::v1::Span &out, std::string &why) {
  out.set_trace_id(hexId(in.trace_id(), 16));
  out.set_span_id(hexId(in.span_id(), 8));
  if (out.trace_id().empty() || out.span_id().empty()) {
    why = "span '" + in.name().substr(0, 100) +
          "' has an invalid trace_id (16 bytes) or span_id (8 bytes): all zero or the wrong length";
    return false;
  }
  if (!in.parent_span_id().empty()) {
    out.set_parent_span_id(hexId(in.parent_span_id(), 8));
    if (out.parent_span_id().empty()) {
      why = "span '" + in.name().substr(0, 100) + "' has an invalid parent_span_id (8 bytes, not all zero)";
      return false;
    }
  }
  out.set_service(service);
  out.set_operation(in.name().substr(0, kMaxValueChars));
  const auto startNs = in.start_time_unix_nano();
  const auto endNs = std::max(in.end_time_unix_nano(), startNs);
  out.set_start_us(static_cast<std::int64_t>(startNs / 1000));
  out.set_duration_us(static_cast<std::int64_t>((endNs - startNs) / 1000));
  out.set_status(statusOf(in.status()));
  out.set_status_message(in.status().message().substr(0, kMaxValueChars));
  for (const auto &kv : in.attributes()) {
    std::string value = text(kv.value());
    if (out.correlation_id().empty() && !value.empty() && otlp::isCorrelationKey(kv.key()))
      out.set_correlation_id(value);
    addLabel(out, kv.key(), std::move(value));
  }
  for (const auto &ev : in.events()) {
    const auto offsetNs = ev.time_unix_nano() > startNs ? ev.time_unix_nano() - startNs : 0;
    addLabel(out, "event." + ev.name(), "+" + std::to_string(offsetNs / 1'000'000) + " ms");
  }
  return true;
}

} // namespace

OtlpSpans mapOtlpSpans(const otlpv1::collector::trace::v1::ExportTraceServiceRequest &request) {
  OtlpSpans result;
  for (const auto &rs : request.resource_spans()) {
    const std::string service = otlp::serviceName(rs.resource());
    for (const auto &ss : rs.scope_spans())
      for (const auto &span : ss.spans()) {
        pxp::v1::Span mapped;
        std::string why;
        if (mapSpan(span, service, mapped, why)) {
          result.spans.push_back(std::move(mapped));
        } else {
          ++result.rejected;
          if (result.firstRejection.empty())
            result.firstRejection = std::move(why);
        }
      }
  }
  return result;
}

} // namespace pxpd
