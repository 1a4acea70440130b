#include "policy/PolicyReader.h"

#include "policy/ActuatorReader.h"
#include "policy/ConditionCheck.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace pxpd {
namespace {

template <typename T, std::size_t N> using Table = std::array<std::pair<const char *, T>, N>;

constexpr Table<int, 4> kTiers{{{"page", pxp::v1::ALERT_TIER_PAGE},
                                {"page-slow", pxp::v1::ALERT_TIER_PAGE_SLOW},
                                {"ticket", pxp::v1::ALERT_TIER_TICKET},
                                {"ticket-slow", pxp::v1::ALERT_TIER_TICKET_SLOW}}};

constexpr Table<int, 8> kWindows{{{"5m", pxp::v1::WINDOW_5M},
                                  {"30m", pxp::v1::WINDOW_30M},
                                  {"1h", pxp::v1::WINDOW_1H},
                                  {"2h", pxp::v1::WINDOW_2H},
                                  {"6h", pxp::v1::WINDOW_6H},
                                  {"1d", pxp::v1::WINDOW_1D},
                                  {"3d", pxp::v1::WINDOW_3D},
                                  {"period", pxp::v1::WINDOW_PERIOD}}};

constexpr Table<pxp::v1::ActionKind, 6> kActions{{{"notify", pxp::v1::ACTION_KIND_NOTIFY},
                                                  {"page", pxp::v1::ACTION_KIND_PAGE},
                                                  {"throttle", pxp::v1::ACTION_KIND_THROTTLE},
                                                  {"rollback", pxp::v1::ACTION_KIND_ROLLBACK},
                                                  {"abort-canary", pxp::v1::ACTION_KIND_ABORT_CANARY},
                                                  {"disable-flag", pxp::v1::ACTION_KIND_DISABLE_FLAG}}};

template <typename T, std::size_t N>
T lookup(const PolicyYaml &yaml, const Table<T, N> &table, const YAML::Node &node, const std::string &path) {
  const std::string value = yaml.text(node, path);
  for (const auto &[name, v] : table)
    if (value == name)
      return v;
  std::string names;
  for (const auto &[name, v] : table)
    names += (names.empty() ? "" : ", ") + std::string(name);
  yaml.fail(node, path + " '" + value + "' is not one of " + names);
}

bool validId(const std::string &id) {
  return std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

constexpr const char *kConditionExample = "{budget_below: 0.1}";

} // namespace

PolicyRule PolicyReader::read(const YAML::Node &entry, const std::string &path) const {
  m_yaml.requireMap(entry, path, "{id: my-policy, mode: enforce, condition: ..., action: notify}");
  m_yaml.onlyKeys(entry, path,
                  {"id", "description", "mode", "scope", "condition", "action", "cooldown_seconds",
                   "max_actions_per_hour", "actuator"});
  PolicyRule rule;
  rule.sourceFile = m_yaml.file();
  rule.sourceLine = m_yaml.line(entry);
  const YAML::Node id = m_yaml.required(entry, "id", path + ".id", "id: my-policy");
  rule.policy.set_id(m_yaml.text(id, path + ".id"));
  if (!validId(rule.policy.id()))
    m_yaml.fail(id, path + ".id '" + rule.policy.id() + "' may only use letters, digits, '-', '_' and '.'");
  const std::string at = "policy '" + rule.policy.id() + "'";
  if (const YAML::Node d = entry["description"]; d.IsDefined())
    rule.policy.set_description(m_yaml.text(d, at + ".description"));

  const YAML::Node mode = m_yaml.required(entry, "mode", at + ".mode", "mode: enforce (or dry-run)");
  const std::string modeText = m_yaml.text(mode, at + ".mode");
  if (modeText != "enforce" && modeText != "dry-run")
    m_yaml.fail(mode, at + ".mode '" + modeText + "' is not a mode: write enforce or dry-run");
  rule.policy.set_mode(modeText == "enforce" ? pxp::v1::POLICY_MODE_ENFORCE : pxp::v1::POLICY_MODE_DRY_RUN);

  if (const YAML::Node scope = entry["scope"]; scope.IsDefined())
    readScope(scope, at + ".scope", rule);
  readCondition(m_yaml.required(entry, "condition", at + ".condition", "condition: " + std::string(kConditionExample)),
                at + ".condition", rule);
  readAction(m_yaml.required(entry, "action", at + ".action", "action: notify"), at + ".action", rule);
  if (const YAML::Node c = entry["cooldown_seconds"]; c.IsDefined())
    rule.policy.set_cooldown_seconds(m_yaml.integer(c, at + ".cooldown_seconds", 0, std::int64_t{7} * 86400));
  if (const YAML::Node m = entry["max_actions_per_hour"]; m.IsDefined())
    rule.policy.set_max_actions_per_hour(static_cast<int>(m_yaml.integer(m, at + ".max_actions_per_hour", 0, 3600)));
  if (const YAML::Node a = entry["actuator"]; a.IsDefined())
    rule.actuator = ActuatorReader(m_yaml).read(a, at + ".actuator");
  rule.policy.set_condition(conditionText(rule));
  return rule;
}

void PolicyReader::readScope(const YAML::Node &scope, const std::string &path, PolicyRule &rule) const {
  m_yaml.requireMap(scope, path, "{services: [payments], slos: [payments/checkout-availability]}");
  m_yaml.onlyKeys(scope, path, {"services", "slos"});
  if (const YAML::Node s = scope["services"]; s.IsDefined())
    for (auto &svc : m_yaml.texts(s, path + ".services"))
      rule.policy.add_scope_services(std::move(svc));
  if (const YAML::Node s = scope["slos"]; s.IsDefined())
    for (auto &slo : m_yaml.texts(s, path + ".slos"))
      rule.policy.add_scope_slos(std::move(slo));
}

void PolicyReader::readCondition(const YAML::Node &c, const std::string &path, PolicyRule &rule) const {
  m_yaml.requireMap(c, path, kConditionExample);
  m_yaml.onlyKeys(
      c, path,
      {"tier_firing", "require_active_canary", "burn_rate_over", "budget_below", "canary_worse", "data_stale_seconds"});
  int kinds = 0;
  for (const char *k : {"tier_firing", "burn_rate_over", "budget_below", "canary_worse", "data_stale_seconds"})
    kinds += c[k].IsDefined() ? 1 : 0;
  if (kinds != 1)
    m_yaml.fail(c, path +
                       " must have exactly one of tier_firing, burn_rate_over, budget_below, canary_worse or "
                       "data_stale_seconds (it has " +
                       std::to_string(kinds) + "); write one policy per condition");
  if (const YAML::Node r = c["require_active_canary"]; r.IsDefined()) {
    if (!c["tier_firing"].IsDefined())
      m_yaml.fail(r, path + ".require_active_canary goes with tier_firing only");
    rule.requireActiveCanary = m_yaml.boolean(r, path + ".require_active_canary");
  }
  if (const YAML::Node t = c["tier_firing"]; t.IsDefined()) {
    rule.condition = ConditionKind::TierFiring;
    rule.tier = lookup(m_yaml, kTiers, t, path + ".tier_firing");
  } else if (const YAML::Node b = c["burn_rate_over"]; b.IsDefined()) {
    rule.condition = ConditionKind::BurnRateOver;
    m_yaml.requireMap(b, path + ".burn_rate_over", "{window: 1h, threshold: 6}");
    m_yaml.onlyKeys(b, path + ".burn_rate_over", {"window", "threshold"});
    rule.window = lookup(m_yaml, kWindows, m_yaml.required(b, "window", path + ".burn_rate_over.window", "window: 1h"),
                         path + ".burn_rate_over.window");
    const YAML::Node th = m_yaml.required(b, "threshold", path + ".burn_rate_over.threshold", "threshold: 6");
    rule.threshold = m_yaml.number(th, path + ".burn_rate_over.threshold");
    if (!(rule.threshold > 0))
      m_yaml.fail(th, path + ".burn_rate_over.threshold must be above 0 (1 spends the budget exactly over the period)");
  } else if (const YAML::Node bb = c["budget_below"]; bb.IsDefined()) {
    rule.condition = ConditionKind::BudgetBelow;
    rule.threshold = m_yaml.number(bb, path + ".budget_below");
    if (rule.threshold > 1 || rule.threshold < -10)
      m_yaml.fail(bb, path + ".budget_below is a ratio of the budget: write 0.1 for 10 % (at most 1)");
  } else if (const YAML::Node cw = c["canary_worse"]; cw.IsDefined()) {
    rule.condition = ConditionKind::CanaryWorse;
    m_yaml.requireMap(cw, path + ".canary_worse", "{by: 0.005, checks: 3}");
    m_yaml.onlyKeys(cw, path + ".canary_worse", {"by", "checks"});
    const YAML::Node by = m_yaml.required(cw, "by", path + ".canary_worse.by", "by: 0.005");
    rule.threshold = m_yaml.number(by, path + ".canary_worse.by");
    if (rule.threshold < 0 || rule.threshold >= 1)
      m_yaml.fail(by, path + ".canary_worse.by is a success-ratio difference: write 0.005 for half a point");
    if (const YAML::Node n = cw["checks"]; n.IsDefined())
      rule.checks = static_cast<int>(m_yaml.integer(n, path + ".canary_worse.checks", 1, 100));
  } else {
    const YAML::Node s = c["data_stale_seconds"];
    rule.condition = ConditionKind::DataStale;
    rule.threshold = m_yaml.number(s, path + ".data_stale_seconds");
    if (!(rule.threshold > 0))
      m_yaml.fail(s, path + ".data_stale_seconds must be above 0 seconds");
  }
}

void PolicyReader::readAction(const YAML::Node &a, const std::string &path, PolicyRule &rule) const {
  if (a.IsScalar()) {
    rule.policy.set_action(lookup(m_yaml, kActions, a, path));
    return;
  }
  m_yaml.requireMap(a, path, "rollback, or {kind: throttle, rate_per_second: 1000}");
  m_yaml.onlyKeys(a, path, {"kind", "target", "rate_per_second"});
  rule.policy.set_action(
      lookup(m_yaml, kActions, m_yaml.required(a, "kind", path + ".kind", "kind: notify"), path + ".kind"));
  if (const YAML::Node t = a["target"]; t.IsDefined())
    rule.policy.set_action_target(m_yaml.text(t, path + ".target"));
  if (const YAML::Node r = a["rate_per_second"]; r.IsDefined()) {
    if (rule.policy.action() != pxp::v1::ACTION_KIND_THROTTLE)
      m_yaml.fail(r, path + ".rate_per_second goes with kind: throttle only");
    rule.throttleRatePerSecond = m_yaml.number(r, path + ".rate_per_second");
    if (!(rule.throttleRatePerSecond > 0))
      m_yaml.fail(r, path + ".rate_per_second must be above 0");
  }
}

} // namespace pxpd
