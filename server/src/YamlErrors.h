#pragma once
// Turns yaml-cpp positions and exceptions into "file:line: what to do" messages.
// Thread affinity: none.

#include <filesystem>
#include <string>

#include <yaml-cpp/yaml.h>

namespace pxpd {

// "file:line" of a node (yaml-cpp marks are 0-based; editors count from 1).
inline std::string yamlWhere(const std::filesystem::path &file, const YAML::Node &node) {
  const auto mark = node.Mark();
  const int line = mark.line >= 0 ? mark.line + 1 : 1;
  return file.string() + ":" + std::to_string(line);
}

inline std::string yamlError(const std::filesystem::path &file, const YAML::Exception &e) {
  const int line = e.mark.line >= 0 ? e.mark.line + 1 : 1;
  return file.string() + ":" + std::to_string(line) + ": " + e.msg +
         ": fix the YAML at that line (indentation, a missing ':' or a wrong type)";
}

} // namespace pxpd
