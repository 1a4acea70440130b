#include "pxp/words/Words.h"

namespace pxp::words {

std::string_view action(int kind) {
  switch (kind) {
  case pxp::v1::ACTION_KIND_NOTIFY: return "notify";
  case pxp::v1::ACTION_KIND_PAGE: return "page";
  case pxp::v1::ACTION_KIND_THROTTLE: return "throttle";
  case pxp::v1::ACTION_KIND_ROLLBACK: return "rollback";
  case pxp::v1::ACTION_KIND_ABORT_CANARY: return "abort canary";
  case pxp::v1::ACTION_KIND_DISABLE_FLAG: return "disable flag";
  default: return "none";
  }
}

std::string_view outcome(int outcome) {
  switch (outcome) {
  case pxp::v1::DECISION_OUTCOME_EXECUTED: return "executed";
  case pxp::v1::DECISION_OUTCOME_FAILED: return "failed";
  case pxp::v1::DECISION_OUTCOME_DRY_RUN: return "dry-run";
  case pxp::v1::DECISION_OUTCOME_SUPPRESSED_COOLDOWN: return "suppressed: cooldown";
  case pxp::v1::DECISION_OUTCOME_SUPPRESSED_RATE_LIMIT: return "suppressed: rate limit";
  case pxp::v1::DECISION_OUTCOME_SUPPRESSED_OVERRIDE: return "suppressed: override";
  case pxp::v1::DECISION_OUTCOME_SUPPRESSED_KILL_SWITCH: return "suppressed: kill switch";
  case pxp::v1::DECISION_OUTCOME_SUPPRESSED_LOW_TRAFFIC: return "suppressed: low traffic";
  case pxp::v1::DECISION_OUTCOME_SUPPRESSED_NO_DATA: return "suppressed: no data";
  case pxp::v1::DECISION_OUTCOME_FORCED: return "forced";
  default: return "unknown";
  }
}

std::string_view tier(int tier) {
  switch (tier) {
  case pxp::v1::ALERT_TIER_PAGE: return "page";
  case pxp::v1::ALERT_TIER_PAGE_SLOW: return "slow page";
  case pxp::v1::ALERT_TIER_TICKET: return "ticket";
  case pxp::v1::ALERT_TIER_TICKET_SLOW: return "slow ticket";
  default: return "none";
  }
}

} // namespace pxp::words
