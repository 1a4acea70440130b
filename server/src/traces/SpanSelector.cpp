#include "traces/SpanSelector.h"

#include <algorithm>
#include <cctype>

namespace pxpd {
namespace {

constexpr std::string_view kHowTo = R"(: write terms like service=checkout, operation="POST /checkout", status!=error)";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool isKeyChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

std::string_view statusName(pxp::v1::SpanStatus s) {
  switch (s) {
  case pxp::v1::SPAN_STATUS_OK: return "ok";
  case pxp::v1::SPAN_STATUS_ERROR: return "error";
  default: return "unset";
  }
}

// Reads one value at the front of `rest` (quoted or bare) and removes it.
Result<std::string> readValue(std::string_view &rest, const std::string &key) {
  rest = trim(rest);
  std::string value;
  if (!rest.empty() && rest.front() == '"') {
    std::size_t i = 1;
    for (; i < rest.size() && rest[i] != '"'; ++i) {
      if (rest[i] == '\\' && i + 1 < rest.size())
        ++i;
      value += rest[i];
    }
    if (i >= rest.size())
      return Error{"the value of '" + key + "' opens a quote that is never closed"};
    rest.remove_prefix(i + 1);
    return value;
  }
  std::size_t i = 0;
  while (i < rest.size() && rest[i] != ',' && rest[i] != '"' && !std::isspace(static_cast<unsigned char>(rest[i])))
    ++i;
  value = std::string(rest.substr(0, i));
  rest.remove_prefix(i);
  if (value.empty())
    return Error{"'" + key + "' has no value" + std::string(kHowTo)};
  return value;
}

} // namespace

Result<SpanSelector::Term> SpanSelector::makeTerm(std::string key, std::string value, bool negate) {
  Term t;
  t.negate = negate;
  t.key = key;
  t.value = std::move(value);
  if (key == "service") {
    t.field = Field::Service;
  } else if (key == "operation" || key == "name") {
    t.field = Field::Operation;
  } else if (key == "status") {
    t.field = Field::Status;
    t.value = lower(t.value);
    if (t.value != "ok" && t.value != "error" && t.value != "unset")
      return Error{"status '" + t.value + "' is not a span status: use ok, error or unset"};
  }
  return t;
}

Result<SpanSelector> SpanSelector::parse(std::string_view text) {
  SpanSelector sel;
  sel.m_text = std::string(trim(text));
  std::string_view rest = trim(text);
  if (rest.size() >= 2 && rest.front() == '{' && rest.back() == '}')
    rest = trim(rest.substr(1, rest.size() - 2));
  if (rest.empty())
    return Error{"the span selector is empty" + std::string(kHowTo)};
  while (!rest.empty()) {
    std::size_t k = 0;
    while (k < rest.size() && isKeyChar(rest[k]))
      ++k;
    const std::string key(rest.substr(0, k));
    rest = trim(rest.substr(k));
    bool negate = false;
    if (rest.rfind("!=", 0) == 0) {
      negate = true;
      rest.remove_prefix(2);
    } else if (!rest.empty() && rest.front() == '=') {
      rest.remove_prefix(rest.size() > 1 && rest[1] == '=' ? 2 : 1);
    } else {
      return Error{"'" + std::string(key.empty() ? rest.substr(0, 20) : std::string_view(key)) +
                   "' is not a term (key=value or key!=value)" + std::string(kHowTo)};
    }
    if (key.empty())
      return Error{"a term has no key before '='" + std::string(kHowTo)};
    auto value = readValue(rest, key);
    if (!value)
      return Error{value.error()};
    auto term = makeTerm(key, std::move(value).value(), negate);
    if (!term)
      return Error{term.error()};
    sel.m_terms.push_back(std::move(term).value());
    rest = trim(rest);
    if (!rest.empty()) {
      if (rest.front() != ',')
        return Error{"expected ',' between terms, got '" + std::string(rest.substr(0, 20)) + "'" + std::string(kHowTo)};
      rest = trim(rest.substr(1));
    }
  }
  return sel;
}

std::string_view SpanSelector::valueOf(const Term &term, const pxp::v1::Span &span) {
  switch (term.field) {
  case Field::Service: return span.service();
  case Field::Operation: return span.operation();
  case Field::Status: return statusName(span.status());
  case Field::Attribute: break;
  }
  for (const auto &label : span.attributes())
    if (label.key() == term.key)
      return label.value();
  return {};
}

bool SpanSelector::matches(const pxp::v1::Span &span) const {
  return std::all_of(m_terms.begin(), m_terms.end(),
                     [&](const Term &t) { return (valueOf(t, span) == t.value) != t.negate; });
}

} // namespace pxpd
