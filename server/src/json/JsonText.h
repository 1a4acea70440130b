#pragma once
// JsonText: JSON that pxpd writes (audit details, webhook bodies), built with nlohmann::json so
// it is valid whatever the strings hold: quotes and control characters are escaped, invalid
// UTF-8 becomes U+FFFD instead of an exception. Include only in .cpp files (a heavy header).
// Thread affinity: none.

#include <nlohmann/json.hpp>

#include <string>

namespace pxpd {

using Json = nlohmann::json;

inline std::string jsonText(const Json &j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace pxpd
