#include "prometheus/PromQlWindow.h"

namespace pxpd::prom {
namespace {

constexpr std::string_view kWindowPlaceholder = "{{.window}}";

} // namespace

std::string promDuration(std::int64_t seconds) {
  if (seconds > 0 && seconds % 86400 == 0)
    return std::to_string(seconds / 86400) + "d";
  if (seconds > 0 && seconds % 3600 == 0)
    return std::to_string(seconds / 3600) + "h";
  if (seconds > 0 && seconds % 60 == 0)
    return std::to_string(seconds / 60) + "m";
  return std::to_string(seconds) + "s";
}

std::string eventsInWindow(const std::string &query, std::int64_t windowSeconds) {
  const std::string window = promDuration(windowSeconds);
  if (query.find(kWindowPlaceholder) == std::string::npos) // the loader allows this for counters only
    return "increase(" + query + "[" + window + "])";
  std::string out = query;
  for (auto at = out.find(kWindowPlaceholder); at != std::string::npos; at = out.find(kWindowPlaceholder, at))
    out.replace(at, kWindowPlaceholder.size(), window);
  return out;
}

} // namespace pxpd::prom
