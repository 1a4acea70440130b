#pragma once
// AlertPolicy: the multiwindow, multi-burn-rate alert thresholds for one SLO period.
// Thread affinity: none (a value type).

#include "pxpd/slo/Evaluation.h"
#include "pxpd/slo/Window.h"

#include <array>
#include <cstdint>

namespace pxpd::slo {

struct AlertPolicy {
  // Defaults follow the Google SRE Workbook, chapter 5 "Alerting on SLOs", section
  // "Multiwindow, multi-burn-rate alerts", for a 30-day SLO:
  //   page   when 14.4x over 1h AND 5m   (2% of the budget spent in 1 hour)
  //   page   when  6x   over 6h AND 30m  (5% of the budget spent in 6 hours)
  //   ticket when  3x   over 1d AND 2h   (10% of the budget spent in 1 day)
  //   ticket when  1x   over 3d AND 6h   (10% of the budget spent in 3 days)
  // The Workbook's table has the two pages and the 3-day ticket; the 1-day ticket is the
  // usual fourth row (Sloth generates the same four). The short window, 1/12 of the long
  // one, makes an alert stop soon after the burn stops.
  // For other periods the budget fractions stay and the thresholds scale as
  //   burn = budgetFraction * period / longWindow
  // (for 7 days: 3.36x, 1.4x, 0.7x, 0.233x; below 1x a ticket fires on a burn that would not
  // exhaust the budget, which is what "10% of a 7-day budget in a day" means).
  static AlertPolicy forPeriod(std::int64_t periodSeconds);

  struct Rule {
    Tier tier = Tier::None;
    Window longWindow = Window::H1, shortWindow = Window::M5;
    double burnThreshold = 0;  // fires when both windows burn at least this fast
    double budgetFraction = 0; // share of the period's budget spent over longWindow at threshold
  };
  std::array<Rule, 4> rules{}; // most urgent first: Page, PageSlow, Ticket, TicketSlow

  Rule rule(Tier tier) const; // by value: policies are often temporaries; Tier::None has no rule
};

} // namespace pxpd::slo
