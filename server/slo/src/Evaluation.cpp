#include "pxpd/slo/Evaluation.h"

namespace pxpd::slo {

std::string_view tierName(Tier t) {
  switch (t) {
  case Tier::None: return "none";
  case Tier::TicketSlow: return "ticket-slow";
  case Tier::Ticket: return "ticket";
  case Tier::PageSlow: return "page-slow";
  case Tier::Page: return "page";
  }
  return "none";
}

std::string_view stateName(State s) {
  switch (s) {
  case State::Ok: return "ok";
  case State::Warning: return "warning";
  case State::Critical: return "critical";
  case State::NoData: return "no-data";
  case State::Error: return "error";
  }
  return "error";
}

} // namespace pxpd::slo
