#include "traces/OtlpAttributes.h"

#include "opentelemetry/proto/common/v1/common.pb.h"
#include "opentelemetry/proto/resource/v1/resource.pb.h"

#include <algorithm>
#include <array>

namespace pxpd::otlp {
namespace {

constexpr std::array<std::string_view, 6> kCorrelationKeys{"request.id",     "correlation.id",  "request_id",
                                                           "correlation_id", "http.request_id", "x-request-id"};

} // namespace

std::string hexId(const std::string &raw, std::size_t bytes) {
  if (raw.size() != bytes || std::all_of(raw.begin(), raw.end(), [](char c) { return c == 0; }))
    return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

std::string text(const opentelemetry::proto::common::v1::AnyValue &v) {
  using V = opentelemetry::proto::common::v1::AnyValue;
  std::string out;
  switch (v.value_case()) {
  case V::kStringValue: out = v.string_value(); break;
  case V::kBoolValue: out = v.bool_value() ? "true" : "false"; break;
  case V::kIntValue: out = std::to_string(v.int_value()); break;
  case V::kDoubleValue: out = std::to_string(v.double_value()); break;
  case V::kArrayValue:
    out = "[";
    for (const auto &item : v.array_value().values())
      out += (out.size() > 1 ? "," : "") + text(item);
    out += "]";
    break;
  case V::kKvlistValue:
    out = "{";
    for (const auto &kv : v.kvlist_value().values())
      out += (out.size() > 1 ? "," : "") + kv.key() + "=" + text(kv.value());
    out += "}";
    break;
  case V::kBytesValue: out = "<" + std::to_string(v.bytes_value().size()) + " bytes>"; break;
  case V::VALUE_NOT_SET: break;
  }
  if (out.size() > kMaxValueChars)
    out.resize(kMaxValueChars);
  return out;
}

std::string serviceName(const opentelemetry::proto::resource::v1::Resource &resource) {
  for (const auto &kv : resource.attributes())
    if (kv.key() == "service.name" && !kv.value().string_value().empty())
      return kv.value().string_value();
  return "unknown_service"; // the OpenTelemetry SDK default when service.name is not set
}

bool isCorrelationKey(std::string_view key) {
  return std::find(kCorrelationKeys.begin(), kCorrelationKeys.end(), key) != kCorrelationKeys.end();
}

} // namespace pxpd::otlp
