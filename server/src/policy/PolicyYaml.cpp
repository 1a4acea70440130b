#include "policy/PolicyYaml.h"

#include <cmath>

namespace pxpd {

int PolicyYaml::line(const YAML::Node &at) const {
  if (!at.IsDefined()) // a missing key has no place of its own; callers pass the parent instead
    return 1;
  const auto mark = at.Mark();
  return mark.line >= 0 ? mark.line + 1 : 1;
}

void PolicyYaml::fail(const YAML::Node &at, const std::string &message) const {
  throw Failure{m_file + ":" + std::to_string(line(at)) + ": " + message};
}

void PolicyYaml::onlyKeys(const YAML::Node &map, const std::string &path,
                          std::initializer_list<const char *> known) const {
  for (const auto &kv : map) {
    const std::string key = kv.first.Scalar();
    bool ok = false;
    for (const char *k : known)
      ok |= key == k;
    if (ok)
      continue;
    std::string list;
    for (const char *k : known)
      list += (list.empty() ? "" : ", ") + std::string(k);
    fail(kv.first, "unknown key '" + key + "' in " + path + ": the keys here are " + list + " (check the spelling)");
  }
}

YAML::Node PolicyYaml::required(const YAML::Node &map, const char *key, const std::string &path,
                                const std::string &example) const {
  const YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull())
    fail(map, path + " is missing: add " + example);
  return node;
}

void PolicyYaml::requireMap(const YAML::Node &node, const std::string &path, const std::string &example) const {
  if (!node.IsMap())
    fail(node, path + " must be a mapping, such as " + example);
}

std::string PolicyYaml::text(const YAML::Node &node, const std::string &path) const {
  if (!node.IsScalar() || node.Scalar().empty())
    fail(node, path + " must be a non-empty text value");
  return node.Scalar();
}

double PolicyYaml::number(const YAML::Node &node, const std::string &path) const {
  double v = 0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, v) || !std::isfinite(v))
    fail(node, path + " must be a number, got '" +
                   (node.IsScalar() ? node.Scalar() : std::string("a list or mapping")) + "'");
  return v;
}

std::int64_t PolicyYaml::integer(const YAML::Node &node, const std::string &path, std::int64_t min,
                                 std::int64_t max) const {
  std::int64_t v = 0;
  if (!node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, v))
    fail(node, path + " must be a whole number, got '" +
                   (node.IsScalar() ? node.Scalar() : std::string("a list or mapping")) + "'");
  if (v < min || v > max)
    fail(node, path + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                   std::to_string(v));
  return v;
}

bool PolicyYaml::boolean(const YAML::Node &node, const std::string &path) const {
  bool v = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, v))
    fail(node, path + " must be true or false");
  return v;
}

std::vector<std::string> PolicyYaml::texts(const YAML::Node &node, const std::string &path) const {
  if (!node.IsSequence())
    fail(node, path + " must be a list, such as [a, b]");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node.size(); ++i)
    out.push_back(text(node[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

} // namespace pxpd
