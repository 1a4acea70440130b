#pragma once
// YamlPreflight: walks a YAML stream once, building nothing, to stop yaml-cpp 0.7 from looping.
// Thread affinity: none (a function of its input).

#include <optional>
#include <string_view>

namespace pxpd::slo {

// yaml-cpp 0.7.0 (Debian 12) never finishes YAML::LoadAll on a document that starts with a stray
// token such as ',': the parser does not consume it and yields empty documents, allocating until
// the process is killed (jbeder/yaml-cpp#1040, fixed upstream by PR #1319 in 2024). An SLO file
// with a typo must not take pxpd down, so loads first run this pass over the same text and
// stop at the first document that starts where the previous one did.
// Returns the 1-based line of such a document, or nullopt when LoadAll is safe.
// Malformed YAML throws YAML::Exception here just as LoadAll would.
std::optional<int> findEndlessDocument(std::string_view text);

} // namespace pxpd::slo
