#pragma once
// findDuplicateKey: yaml-cpp 0.7 accepts a mapping that names the same key twice and a reader
// then sees only one of the two values, so a safety setting written twice (or pasted twice with
// different values) silently loses one. pxpd's config, SLO and policy readers refuse such files
// with both lines.
// Thread affinity: none (a function of its input).

#include <optional>
#include <string>

namespace YAML {
class Node;
}

namespace pxpd {

struct DuplicateKey {
  std::string key;
  int line = 0;      // 1-based line of the second occurrence
  int firstLine = 0; // and of the first
};

// The first key that appears twice in one mapping, anywhere in `node`; nullopt when none does.
std::optional<DuplicateKey> findDuplicateKey(const YAML::Node &node);

} // namespace pxpd
