// libFuzzer target: pxpd's daemon config (pxpd.yaml). Relative token and TLS paths resolve
// under a folder that does not exist, so inputs read no files of this machine by accident.
#include "pxpd/DaemonConfig.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxpd::parseDaemonConfig(std::string(reinterpret_cast<const char *>(data), size), "/nonexistent-pxp-fuzz/pxpd.yaml");
  return 0;
}
