#include "YamlFieldReader.h"

#include <cmath>

namespace pxpd::slo {

void YamlFieldReader::fail(int line, std::string message) {
  if (!m_error)
    m_error = LoadError{m_file, line, std::move(message)};
}

int YamlFieldReader::lineOf(const YAML::Node &node) {
  if (!node.IsDefined())
    return 0;
  const int line = node.Mark().line;
  return line >= 0 ? line + 1 : 0;
}

int YamlFieldReader::keyLine(const YAML::Node &map, const char *key) {
  if (!map.IsMap())
    return lineOf(map);
  for (const auto &kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key)
      return lineOf(kv.first);
  }
  return lineOf(map);
}

std::string YamlFieldReader::describeType(const YAML::Node &node) {
  if (node.IsMap())
    return "a mapping";
  if (node.IsSequence())
    return "a list";
  if (node.IsScalar())
    return "'" + node.Scalar() + "'";
  return "nothing";
}

YAML::Node YamlFieldReader::child(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                                  std::string_view hint) {
  YAML::Node found;
  if (parent.IsMap()) {
    const YAML::Node n = parent[key];
    if (n.IsDefined())
      found = n;
  }
  if (found.IsNull() && need == Need::Required) {
    // An explicit "key: ~" points at its own line; an absent key at the map that lacks it.
    const int line = lineOf(found) > 0 ? lineOf(found) : lineOf(parent);
    fail(line, path + " is missing" + (hint.empty() ? std::string() : ": " + std::string(hint)));
  }
  return found;
}

YAML::Node YamlFieldReader::map(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                                std::string_view hint) {
  const YAML::Node n = child(parent, key, path, need, hint);
  if (!n.IsNull() && !n.IsMap()) {
    fail(n, path + " must be a mapping (key: value lines), got " + describeType(n));
    return {};
  }
  return n;
}

YAML::Node YamlFieldReader::sequence(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                                     std::string_view hint) {
  const YAML::Node n = child(parent, key, path, need, hint);
  if (!n.IsNull() && !n.IsSequence()) {
    fail(n, path + " must be a list ('- ' items), got " + describeType(n));
    return {};
  }
  return n;
}

std::string YamlFieldReader::string(const YAML::Node &parent, const char *key, const std::string &path, Need need,
                                    std::string_view hint) {
  const YAML::Node n = child(parent, key, path, need, hint);
  if (n.IsNull())
    return {};
  if (!n.IsScalar()) {
    fail(n, path + " must be a single value, got " + describeType(n));
    return {};
  }
  if (n.Scalar().empty() && need == Need::Required)
    fail(n, path + " is empty" + (hint.empty() ? std::string() : ": " + std::string(hint)));
  return n.Scalar();
}

std::optional<double> YamlFieldReader::number(const YAML::Node &parent, const char *key, const std::string &path,
                                              Need need, std::string_view hint) {
  const YAML::Node n = child(parent, key, path, need, hint);
  if (n.IsNull())
    return std::nullopt;
  double value = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, value) || !std::isfinite(value)) {
    fail(n, path + " must be a number, got " + describeType(n));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlFieldReader::boolean(const YAML::Node &parent, const char *key, const std::string &path,
                                             Need need, std::string_view hint) {
  const YAML::Node n = child(parent, key, path, need, hint);
  if (n.IsNull())
    return std::nullopt;
  bool value = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, value)) {
    fail(n, path + " must be true or false, got " + describeType(n));
    return std::nullopt;
  }
  return value;
}

} // namespace pxpd::slo
