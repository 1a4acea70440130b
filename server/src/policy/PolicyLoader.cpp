#include "policy/PolicyLoader.h"

#include "policy/PolicyReader.h"
#include "pxpd/slo/ConfigFile.h"
#include "pxpd/slo/YamlDuplicateKeys.h"

#include <fstream>
#include <map>
#include <sstream>

namespace pxpd {
namespace {

// Policy files are written by hand; anything this large is a mistake, not a catalogue.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{4} * 1024 * 1024;

using FirstSeen = std::map<std::string, std::pair<std::string, int>>; // id -> (file, line)

// Appends the text's policies to `out`; throws PolicyYaml::Failure.
void readInto(std::string_view text, const PolicyYaml &yaml, FirstSeen &seen, std::vector<PolicyRule> &out) {
  const YAML::Node root = YAML::Load(std::string(text));
  if (!root.IsDefined() || root.IsNull())
    yaml.fail(root, "the file holds no policies: write policies: [...] (see the format at the top of the demo "
                    "policies file)");
  yaml.requireMap(root, "the file", "policies: [...] (see the format at the top of the demo policies file)");
  if (const auto dup = findDuplicateKey(root))
    throw PolicyYaml::Failure{yaml.file() + ":" + std::to_string(dup->line) + ": '" + dup->key +
                              "' is given twice in the same mapping (first at line " + std::to_string(dup->firstLine) +
                              "): keep one"};
  yaml.onlyKeys(root, "the file's top level", {"policies", "allow_empty"});
  // An emptied policy file must not switch automation off by accident; saying so is explicit.
  const YAML::Node allow = root["allow_empty"];
  const bool allowEmpty = allow.IsDefined() && yaml.boolean(allow, "allow_empty");
  if (allowEmpty && !root["policies"].IsDefined())
    return;
  const YAML::Node list = yaml.required(root, "policies", "policies", "policies: [...]");
  if (!list.IsSequence())
    yaml.fail(list, "policies must be a list: start each policy with '- id: ...'");
  if (list.size() == 0 && !allowEmpty)
    yaml.fail(list, "policies is empty: a file without policies is refused so that an emptied file never removes "
                    "every policy by accident; to run it without policies on purpose, add 'allow_empty: true'");
  const PolicyReader reader(yaml);
  for (std::size_t i = 0; i < list.size(); ++i) {
    PolicyRule rule = reader.read(list[i], "policies[" + std::to_string(i) + "]");
    const auto [it, inserted] = seen.try_emplace(rule.policy.id(), rule.sourceFile, rule.sourceLine);
    if (!inserted)
      yaml.fail(list[i], "policy id '" + rule.policy.id() + "' is defined twice (first at " + it->second.first + ":" +
                             std::to_string(it->second.second) + "): rename or remove one of them");
    out.push_back(std::move(rule));
  }
}

Result<std::vector<PolicyRule>> load(const std::vector<std::pair<std::string, std::string>> &texts) {
  std::vector<PolicyRule> out;
  FirstSeen seen;
  for (const auto &[name, text] : texts) {
    const PolicyYaml yaml(name);
    try {
      readInto(text, yaml, seen, out);
    } catch (const PolicyYaml::Failure &f) {
      return Error{f.message};
    } catch (const YAML::Exception &e) {
      const int line = e.mark.line >= 0 ? e.mark.line + 1 : 1;
      return Error{name + ":" + std::to_string(line) + ": " + e.msg +
                   ": fix the YAML at or just before that line (indentation, a missing ':' or an unclosed bracket)"};
    }
  }
  return out;
}

} // namespace

Result<std::vector<PolicyRule>> PolicyLoader::loadText(std::string_view text, const std::string &nameForErrors) {
  return load({{nameForErrors, std::string(text)}});
}

Result<std::vector<PolicyRule>> PolicyLoader::loadFiles(const std::vector<std::filesystem::path> &files) {
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto &file : files) {
    auto read = readConfigFile(file, "policy file", kMaxFileBytes);
    if (!read.error.empty())
      return Error{file.string() + ": " + read.error + " (listed under policy_files)"};
    texts.emplace_back(file.string(), std::move(read.text));
  }
  return load(texts);
}

} // namespace pxpd
