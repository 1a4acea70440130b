#pragma once
// SpanSelector: which spans a span-based SLI counts, parsed from the selector text of an SLO
// file (`service=checkout, operation="POST /checkout"`).
//   term     := key ('=' | '!=') value      terms separated by ',' (all must hold)
//   key      := service | operation | status | any span attribute name (e.g. http.route)
//   value    := bare word (no ',', '"', spaces) | "double-quoted text" (\" and \\ escaped)
//   status   := ok | error | unset (case-insensitive)
// An optional pair of braces around the whole text is accepted ({service="a"}), as in PromQL.
// An attribute key that a span does not carry compares as "" (so `tenant!=x` holds for it).
// Thread affinity: none (immutable after parse; match() may run on any thread).

#include "pxpd/Result.h"

#include "pxp/v1/debug.pb.h"

#include <string>
#include <string_view>
#include <vector>

namespace pxpd {

class SpanSelector {
public:
  // Errors say which term is wrong and how to write it.
  static Result<SpanSelector> parse(std::string_view text);

  bool matches(const pxp::v1::Span &span) const;
  const std::string &text() const { return m_text; }

private:
  enum class Field { Service, Operation, Status, Attribute };
  struct Term {
    Field field = Field::Attribute;
    std::string key;   // the attribute name for Field::Attribute
    std::string value; // status terms hold the canonical lower-case name
    bool negate = false;
  };
  static Result<Term> makeTerm(std::string key, std::string value, bool negate);
  static std::string_view valueOf(const Term &term, const pxp::v1::Span &span);

  std::vector<Term> m_terms;
  std::string m_text;
};

} // namespace pxpd
