#include "actuators/ArgvTemplate.h"

#include <array>
#include <utility>

namespace pxpd {
namespace {

using Field = std::string (*)(const ActionRequest &);

const std::array<std::pair<const char *, Field>, 11> kPlaceholders{{
    {"policy", [](const ActionRequest &r) { return r.policyId; }},
    {"slo", [](const ActionRequest &r) { return r.sloId; }},
    {"service", [](const ActionRequest &r) { return r.service; }},
    {"action", [](const ActionRequest &r) { return actionKindName(r.kind); }},
    {"target", [](const ActionRequest &r) { return r.target; }},
    {"deployment", [](const ActionRequest &r) { return r.deploymentId; }},
    {"version", [](const ActionRequest &r) { return r.version; }},
    {"flag", [](const ActionRequest &r) { return r.flagKey; }},
    {"decision", [](const ActionRequest &r) { return r.decisionId; }},
    {"mode", [](const ActionRequest &r) { return r.mode; }},
    {"rate",
     [](const ActionRequest &r) { return r.ratePerSecond > 0 ? std::to_string(r.ratePerSecond) : std::string(); }},
}};

const Field *find(const std::string &name) {
  for (const auto &[n, f] : kPlaceholders)
    if (name == n)
      return &f;
  return nullptr;
}

} // namespace

std::optional<std::string> ArgvTemplate::unknownPlaceholder(const std::string &arg) {
  for (std::size_t open = arg.find('{'); open != std::string::npos; open = arg.find('{', open + 1)) {
    const std::size_t close = arg.find('}', open);
    if (close == std::string::npos)
      return arg.substr(open);
    const std::string name = arg.substr(open + 1, close - open - 1);
    if (!find(name))
      return "{" + name + "}";
  }
  return std::nullopt;
}

std::string ArgvTemplate::knownPlaceholders() {
  std::string out;
  for (const auto &[n, f] : kPlaceholders)
    out += (out.empty() ? "{" : " {") + std::string(n) + "}";
  return out;
}

std::vector<std::string> ArgvTemplate::expand(const std::vector<std::string> &argv, const ActionRequest &request) {
  std::vector<std::string> out;
  out.reserve(argv.size());
  for (const auto &arg : argv) {
    std::string expanded;
    std::size_t pos = 0;
    while (pos < arg.size()) {
      const std::size_t open = arg.find('{', pos);
      const std::size_t close = open == std::string::npos ? open : arg.find('}', open);
      const Field *field = close == std::string::npos ? nullptr : find(arg.substr(open + 1, close - open - 1));
      if (!field) { // the loader refused unknown placeholders; anything left is literal text
        expanded += arg.substr(pos, open == std::string::npos ? std::string::npos : open + 1 - pos);
        pos = open == std::string::npos ? arg.size() : open + 1;
        continue;
      }
      expanded += arg.substr(pos, open - pos) + (*field)(request);
      pos = close + 1;
    }
    out.push_back(std::move(expanded));
  }
  return out;
}

} // namespace pxpd
