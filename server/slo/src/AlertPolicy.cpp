#include "pxpd/slo/AlertPolicy.h"

namespace pxpd::slo {
namespace {

struct RuleShape {
  Tier tier;
  Window longWindow, shortWindow;
  double budgetFraction; // share of the period's budget spent over longWindow (SRE Workbook ch. 5)
};

// Most urgent first; evaluate() relies on this order to suppress slower tiers.
constexpr RuleShape kShapes[] = {
    {Tier::Page, Window::H1, Window::M5, 0.02},
    {Tier::PageSlow, Window::H6, Window::M30, 0.05},
    {Tier::Ticket, Window::D1, Window::H2, 0.10},
    {Tier::TicketSlow, Window::D3, Window::H6, 0.10},
};

} // namespace

AlertPolicy AlertPolicy::forPeriod(std::int64_t periodSeconds) {
  AlertPolicy policy;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const RuleShape &s = kShapes[i];
    // Spending `fraction` of the budget within longWindow means burning fraction * period /
    // longWindow times faster than the pace that spends exactly the budget in one period.
    const double periodsPerWindow =
        static_cast<double>(periodSeconds) / static_cast<double>(windowSeconds(s.longWindow, periodSeconds));
    policy.rules[i] = {s.tier, s.longWindow, s.shortWindow, s.budgetFraction * periodsPerWindow, s.budgetFraction};
  }
  return policy;
}

AlertPolicy::Rule AlertPolicy::rule(Tier tier) const {
  for (const Rule &r : rules) {
    if (r.tier == tier)
      return r;
  }
  return {}; // Tier::None: a rule with tier None that never fires on its own
}

} // namespace pxpd::slo
