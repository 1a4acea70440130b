#pragma once
// PolicyYaml: typed reads from a policy file's YAML nodes that fail with "file:line: what is
// wrong: what to do". Failures are thrown as PolicyYaml::Failure and caught by PolicyLoader,
// which turns them into a Result; nothing leaves the loader as an exception.
// Thread affinity: none (one instance per file being read).

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace pxpd {

class PolicyYaml {
public:
  struct Failure {
    std::string message; // "file:line: ..."
  };

  explicit PolicyYaml(std::string file) : m_file(std::move(file)) {}
  const std::string &file() const { return m_file; }

  [[noreturn]] void fail(const YAML::Node &at, const std::string &message) const;
  int line(const YAML::Node &at) const; // 1-based

  // Rejects keys of `map` not in `known`, naming the known ones.
  void onlyKeys(const YAML::Node &map, const std::string &path, std::initializer_list<const char *> known) const;
  // map[key], or a failure at the map's line saying what to add.
  YAML::Node required(const YAML::Node &map, const char *key, const std::string &path,
                      const std::string &example) const;
  void requireMap(const YAML::Node &node, const std::string &path, const std::string &example) const;

  std::string text(const YAML::Node &node, const std::string &path) const;
  double number(const YAML::Node &node, const std::string &path) const;
  std::int64_t integer(const YAML::Node &node, const std::string &path, std::int64_t min, std::int64_t max) const;
  bool boolean(const YAML::Node &node, const std::string &path) const;
  std::vector<std::string> texts(const YAML::Node &node, const std::string &path) const;

private:
  std::string m_file;
};

} // namespace pxpd
