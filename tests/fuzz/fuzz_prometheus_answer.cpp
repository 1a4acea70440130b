// libFuzzer target: a Prometheus HTTP API answer (JSON) as pxpd parses it.
#include "prometheus/PrometheusApi.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxpd::prom::PrometheusApi::parse(std::string(reinterpret_cast<const char *>(data), size), 200,
                                   "sum(rate(http_requests_total[5m]))");
  return 0;
}
