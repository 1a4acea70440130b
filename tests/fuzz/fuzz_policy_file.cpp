// libFuzzer target: a policy file as pxpd reads it.
#include "policy/PolicyLoader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxpd::PolicyLoader::loadText(std::string_view(reinterpret_cast<const char *>(data), size), "fuzz-policies.yaml");
  return 0;
}
