// libFuzzer target: an incident timeline JSON export as the console decodes it on import.
#include "timeline/TimelineJsonCodec.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxp::models::timeline::TimelineJsonCodec::decode(
      QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)),
      QStringLiteral("fuzz.json"));
  return 0;
}
