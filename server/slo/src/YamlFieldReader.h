#pragma once
// YamlFieldReader: reads typed fields out of YAML nodes, keeping the first error with its line.
// Thread affinity: none (one per load, used by the thread doing the load).

#include "pxpd/slo/OpenSloLoader.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace pxpd::slo {

enum class Need { Optional, Required };

class YamlFieldReader {
public:
  explicit YamlFieldReader(std::string file) : m_file(std::move(file)) {}

  const std::string &file() const { return m_file; }
  bool failed() const { return m_error.has_value(); }
  const LoadError &error() const { return *m_error; }
  // Records an error; only the first one counts, so later reads after a failure are harmless.
  void fail(int line, std::string message);
  void fail(const YAML::Node &at, std::string message) { fail(lineOf(at), std::move(message)); }
  static int lineOf(const YAML::Node &node); // 1-based (yaml-cpp counts from 0); 0 if unknown
  // Line of `key` itself in a mapping (a block value's own mark is its first nested line), or of
  // the mapping when the key is absent: where an editor should jump for that field.
  static int keyLine(const YAML::Node &map, const char *key);

  // Each reader takes the parent map, the key, the field's path for messages
  // ("spec.objectives[0].target") and, for a required field, what to write when it is missing.
  // A missing optional field gives an empty/null result and no error.
  YAML::Node child(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                   std::string_view hint = {});
  YAML::Node map(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                 std::string_view hint = {});
  YAML::Node sequence(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                      std::string_view hint = {});
  std::string string(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                     std::string_view hint = {});
  std::optional<double> number(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                               std::string_view hint = {});
  std::optional<bool> boolean(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                              std::string_view hint = {});

  // A key of `map` that is neither read by pxp (`read`) nor defined by OpenSLO v1 and harmless to
  // leave unread (`ignored`, such as metadata.labels) is an error at its line, naming the keys of
  // that place and the closest one when it looks like a typo. Not a mapping: nothing to check.
  void onlyKeys(const YAML::Node &map, const std::string &path, std::initializer_list<std::string_view> read,
                std::initializer_list<std::string_view> ignored = {});

private:
  static std::string describeType(const YAML::Node &node);

  std::string m_file;
  std::optional<LoadError> m_error;
};

} // namespace pxpd::slo
