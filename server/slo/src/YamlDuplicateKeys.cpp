#include "pxpd/slo/YamlDuplicateKeys.h"

#include <map>

#include <yaml-cpp/yaml.h>

namespace pxpd {

std::optional<DuplicateKey> findDuplicateKey(const YAML::Node &node) {
  if (node.IsMap()) {
    std::map<std::string, int> seen; // key -> line
    for (const auto &kv : node) {
      const int line = kv.first.Mark().line + 1;
      if (kv.first.IsScalar()) {
        const auto [it, inserted] = seen.try_emplace(kv.first.Scalar(), line);
        if (!inserted)
          return DuplicateKey{kv.first.Scalar(), line, it->second};
      }
      if (auto inner = findDuplicateKey(kv.second))
        return inner;
    }
  } else if (node.IsSequence()) {
    for (const auto &item : node)
      if (auto inner = findDuplicateKey(item))
        return inner;
  }
  return std::nullopt;
}

} // namespace pxpd
