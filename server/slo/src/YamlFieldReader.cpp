#include "YamlFieldReader.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace pxpd::slo {
namespace {

// Edits (insert, delete, replace) from one key to another; keys are short, so the table is too.
std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

} // namespace

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

void YamlFieldReader::onlyKeys(const YAML::Node &map, const std::string &path,
                               std::initializer_list<std::string_view> read,
                               std::initializer_list<std::string_view> ignored) {
  if (!map.IsMap() || failed())
    return;
  for (const auto &kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const auto known = [&](std::string_view k) { return k == key; };
    if (std::any_of(read.begin(), read.end(), known) || std::any_of(ignored.begin(), ignored.end(), known))
      continue;
    std::string list;
    std::string_view closest;
    std::size_t best = std::max<std::size_t>(2, key.size() / 3) + 1; // a typo, not another word
    for (const std::string_view k : read) {
      list += (list.empty() ? "" : ", ") + std::string(k);
      if (const std::size_t d = editDistance(key, k); d < best) {
        best = d;
        closest = k;
      }
    }
    const std::string where = path.empty() ? std::string("at the top of the document") : "in " + path;
    fail(kv.first,
         "unknown key '" + key + "' " + where +
             (closest.empty() ? ": pxp reads " + list + " here (check the spelling)"
                              : ": did you mean '" + std::string(closest) + "'? pxp reads " + list + " here"));
    return;
  }
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
