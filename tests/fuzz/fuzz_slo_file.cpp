// libFuzzer target: an SLO file (OpenSLO YAML, several documents) as pxpd reads it.
#include "pxpd/slo/OpenSloLoader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxpd::slo::loadOpenSloText(std::string_view(reinterpret_cast<const char *>(data), size), "fuzz.yaml");
  return 0;
}
