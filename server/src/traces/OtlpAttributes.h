#pragma once
// OtlpAttributes: the parts of OTLP decoding that spans and log records share, so both map
// ids, values, service names and request ids the same way: ids -> lowercase hex (invalid ->
// ""), AnyValue -> capped text, resource service.name, and the request/correlation id
// attribute keys (request.id, correlation.id, request_id, correlation_id, http.request_id,
// x-request-id) that link a span to logs and product events.
// Thread affinity: none (pure functions).

#include <cstddef>
#include <string>
#include <string_view>

namespace opentelemetry::proto::common::v1 {
class AnyValue;
}
namespace opentelemetry::proto::resource::v1 {
class Resource;
}

namespace pxpd::otlp {

// Longest attribute key or value text kept; longer text is cut.
inline constexpr std::size_t kMaxValueChars = 512;

// "" when the id is invalid: not `bytes` long, or all zero.
std::string hexId(const std::string &raw, std::size_t bytes);
// The value as text, capped at kMaxValueChars ("" when unset).
std::string text(const opentelemetry::proto::common::v1::AnyValue &value);
// The resource's service.name; OTel's "unknown_service" when missing.
std::string serviceName(const opentelemetry::proto::resource::v1::Resource &resource);
// True for an attribute key that carries a request/correlation id.
bool isCorrelationKey(std::string_view key);

} // namespace pxpd::otlp
