#pragma once
// Evaluation: one SLO's state at one moment: per-window SLI and burn, budget, alert tier.
// Thread affinity: none (a value type; the engine builds it, models and the API copy it).

#include "pxpd/slo/Window.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

namespace pxpd::slo {

// Alert tiers, ordered by urgency so that a larger value is more urgent.
enum class Tier { None, TicketSlow, Ticket, PageSlow, Page };
constexpr int kTierCount = 5;
constexpr int tierIndex(Tier t) {
  return static_cast<int>(t);
}
constexpr bool isPage(Tier t) {
  return t == Tier::Page || t == Tier::PageSlow;
}
constexpr bool isTicket(Tier t) {
  return t == Tier::Ticket || t == Tier::TicketSlow;
}

// Error is never set by evaluate(): the caller sets it when the SLI source fails.
enum class State { Ok, Warning, Critical, NoData, Error };

std::string_view tierName(Tier t);   // "none", "ticket-slow", "ticket", "page-slow", "page"
std::string_view stateName(State s); // "ok", "warning", "critical", "no-data", "error"

struct WindowResult {
  Window window = Window::M5;
  std::int64_t seconds = 0;
  double good = 0, total = 0;                                 // events in (now - seconds, now]
  double sli = std::numeric_limits<double>::quiet_NaN();      // good / total; NaN if total == 0
  double burnRate = std::numeric_limits<double>::quiet_NaN(); // (1 - sli) / (1 - objective)
  bool noData = true;      // total == 0: no events at all, which is neither good nor bad
  bool lowTraffic = false; // 0 < total < minEventsPerWindow: too few events to alert on
};

struct Evaluation {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  std::array<WindowResult, kWindowCount> windows{};
  double attainment = kNaN;          // SLI over the period; NaN if no data
  double budgetTotalEvents = 0;      // (1 - objective) * total events in the period
  double budgetRemainingEvents = 0;  // budgetTotalEvents - bad events in the period
  double budgetRemainingRatio = 1.0; // 1 - bad / budgetTotal; 1 with no events; may go < 0
  Tier tier = Tier::None;            // the single most urgent tier that fires
  State state = State::NoData;
  double timeToExhaustionSeconds = kInf;         // at the current 1h burn; +inf when not burning
  std::int64_t lastDataMs = 0;                   // newest event time seen; 0 = never
  std::array<bool, kTierCount> tierConditions{}; // raw condition per tier before suppression

  const WindowResult &at(Window w) const { return windows[static_cast<std::size_t>(windowIndex(w))]; }
  bool condition(Tier t) const { return tierConditions[static_cast<std::size_t>(tierIndex(t))]; }
};

} // namespace pxpd::slo
