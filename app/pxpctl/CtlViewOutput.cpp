// The snapshot views of CtlOutput.h: status, slo list, slo show, override list.
#include "CtlOutput.h"

#include <QJsonArray>

#include <cmath>

namespace pxpctl {
namespace {

using namespace pxp::client;

QJsonValue number(double v) {
  return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QString percent(double ratio, int decimals) {
  return std::isfinite(ratio) ? QString::number(ratio * 100, 'f', decimals) + QLatin1Char('%') : QStringLiteral("-");
}

// A burn rate as the console writes it: "14.9x"; "-" when the window has no events.
QString burnText(double burn) {
  return std::isfinite(burn) ? QString::number(burn, 'f', 1) + QLatin1Char('x') : QStringLiteral("-");
}

QString count(double events) {
  return std::isfinite(events) ? QString::number(events, 'f', 0) : QStringLiteral("-");
}

QString snake(QString name) {
  return name.replace(QLatin1Char(' '), QLatin1Char('_'));
}

QList<AlertValue> firing(const WorldSnapshot &s) {
  QList<AlertValue> out;
  for (const auto &a : s.alerts)
    if (a.firing)
      out << a;
  return out;
}

QString killSwitchText(const KillSwitchValue &k) {
  if (k.scopes.isEmpty())
    return QStringLiteral("released");
  QStringList scopes;
  for (const auto &s : k.scopes)
    scopes << QStringLiteral("ENGAGED %1 by %2 at %3: %4")
                  .arg(s.service.isEmpty() ? QStringLiteral("for all services")
                                           : QStringLiteral("for ") + shown(s.service),
                       shown(s.actor), timeText(s.engagedAtMs), shown(s.reason));
  return scopes.join(QStringLiteral("; "));
}

QJsonArray killSwitchScopesJson(const KillSwitchValue &k) {
  QJsonArray scopes;
  for (const auto &s : k.scopes)
    scopes.append(QJsonObject{
        {"service", s.service}, {"actor", s.actor}, {"reason", s.reason}, {"engaged_at_ms", s.engagedAtMs}});
  return scopes;
}

} // namespace

QString statusText(const QString &address, const Identity &who, const WorldSnapshot &s) {
  QMap<SloState, int> byState;
  for (const auto &slo : s.slos)
    ++byState[slo.state];
  QString out = QStringLiteral("connected to %1 (pxpd %2, %3 world)\n").arg(address, who.serverVersion, s.world);
  out += QStringLiteral("you are %1, role %2; you may run: %3\n")
             .arg(who.actor, roleName(who.role),
                  who.allowedCommands.isEmpty() ? QStringLiteral("no commands") : who.allowedCommands.join(", "));
  out += QStringLiteral("kill switch: %1\n").arg(killSwitchText(s.killSwitch));
  out += QStringLiteral("SLOs: %1 (%2 ok, %3 warning, %4 critical, %5 no data, %6 error)\n")
             .arg(s.slos.size())
             .arg(byState.value(SloState::Ok))
             .arg(byState.value(SloState::Warning))
             .arg(byState.value(SloState::Critical))
             .arg(byState.value(SloState::NoData))
             .arg(byState.value(SloState::Error));
  const auto alerts = firing(s);
  out += QStringLiteral("firing alerts: %1\n").arg(alerts.size());
  for (const auto &a : alerts)
    out += QStringLiteral("  %1 %2: %3\n")
               .arg(a.page ? QStringLiteral("PAGE  ") : QStringLiteral("TICKET"), a.sloId, shown(a.summary));
  out += QStringLiteral("active overrides: %1\n").arg(s.overrides.size());
  return out;
}

QJsonObject statusJson(const QString &address, const Identity &who, const WorldSnapshot &s) {
  QJsonObject byState{{"ok", 0}, {"warning", 0}, {"critical", 0}, {"no_data", 0}, {"error", 0}};
  for (const auto &slo : s.slos) {
    const QString key = snake(sloStateName(slo.state));
    byState[key.isEmpty() ? QStringLiteral("unknown") : key] = byState.value(key).toInt() + 1;
  }
  QJsonArray alerts;
  for (const auto &a : firing(s))
    alerts.append(QJsonObject{{"id", a.id},
                              {"slo_id", a.sloId},
                              {"service", a.service},
                              {"severity", a.page ? "page" : "ticket"},
                              {"tier", tierName(a.tier)},
                              {"fired_at_ms", a.firedAtMs},
                              {"summary", a.summary}});
  const auto &k = s.killSwitch;
  return QJsonObject{{"connection", QJsonObject{{"address", address},
                                                {"state", "connected"},
                                                {"server_version", who.serverVersion},
                                                {"world", s.world},
                                                {"server_time_ms", s.serverTimeMs}}},
                     {"identity", QJsonObject{{"actor", who.actor},
                                              {"role", roleName(who.role)},
                                              {"allowed_commands", QJsonArray::fromStringList(who.allowedCommands)}}},
                     {"kill_switch", QJsonObject{{"engaged", k.engaged},
                                                 {"scope_service", k.scopeService},
                                                 {"actor", k.actor},
                                                 {"reason", k.reason},
                                                 {"changed_at_ms", k.changedAtMs},
                                                 {"scopes", killSwitchScopesJson(k)}}},
                     {"slos", QJsonObject{{"total", s.slos.size()}, {"by_state", byState}}},
                     {"firing_alerts", alerts},
                     {"active_overrides", s.overrides.size()}};
}

QString sloListText(const WorldSnapshot &s) {
  QString out = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                    .arg("ID", -36)
                    .arg("OBJECTIVE", -10)
                    .arg("BUDGET LEFT", -12)
                    .arg("BURN 5M", -8)
                    .arg("BURN 1H", -8)
                    .arg("BURN 6H", -8)
                    .arg("FIRING", -12)
                    .arg("STATE");
  for (const auto &slo : s.slos)
    out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(slo.id, -36)
               .arg(percent(slo.objective, 2), -10)
               .arg(percent(slo.budgetRemainingRatio, 1), -12)
               .arg(burnText(slo.windows[0].burnRate), -8)
               .arg(burnText(slo.windows[2].burnRate), -8)
               .arg(burnText(slo.windows[4].burnRate), -8)
               .arg(tierName(slo.tier).isEmpty() ? QStringLiteral("-") : tierName(slo.tier), -12)
               .arg(sloStateName(slo.state) + (slo.error.isEmpty() ? QString() : QStringLiteral(": ") + slo.error));
  return out;
}

QJsonObject sloJson(const SloValue &slo) {
  QJsonArray windows;
  for (int w = 0; w < kWindowCount; ++w) {
    const auto &v = slo.windows[std::size_t(w)];
    windows.append(QJsonObject{{"window", windowName(w)},
                               {"seconds", v.seconds},
                               {"good_events", v.good},
                               {"total_events", v.total},
                               {"sli_ratio", number(v.sli)},
                               {"burn_rate", number(v.burnRate)},
                               {"no_data", v.noData},
                               {"low_traffic", v.lowTraffic}});
  }
  return QJsonObject{{"id", slo.id},
                     {"name", slo.name},
                     {"service", slo.service},
                     {"objective_ratio", slo.objective},
                     {"period_seconds", slo.periodSeconds},
                     {"attainment_ratio", number(slo.attainment)},
                     {"budget_remaining_ratio", number(slo.budgetRemainingRatio)},
                     {"budget_remaining_events", number(slo.budgetRemainingEvents)},
                     {"budget_total_events", number(slo.budgetTotalEvents)},
                     {"time_to_exhaustion_seconds", number(slo.timeToExhaustionSeconds)},
                     {"windows", windows},
                     {"firing_tier", snake(tierName(slo.tier))},
                     {"state", snake(sloStateName(slo.state))},
                     {"error", slo.error},
                     {"last_data_ms", slo.lastDataMs}};
}

QJsonObject sloListJson(const WorldSnapshot &s) {
  QJsonArray slos;
  for (const auto &slo : s.slos)
    slos.append(sloJson(slo));
  return QJsonObject{{"slos", slos}};
}

const SloValue *findSlo(const WorldSnapshot &s, const QString &idOrName) {
  for (const auto &slo : s.slos)
    if (slo.id == idOrName)
      return &slo;
  const SloValue *byName = nullptr;
  for (const auto &slo : s.slos)
    if (slo.name.compare(idOrName, Qt::CaseInsensitive) == 0) {
      if (byName)
        return nullptr; // two SLOs of that name: the id says which
      byName = &slo;
    }
  return byName;
}

QString sloShowText(const SloValue &slo) {
  QString out = QStringLiteral("%1 (%2)\n").arg(slo.id, slo.name);
  out += QStringLiteral("objective %1 over %2 days; attainment %3\n")
             .arg(percent(slo.objective, 3))
             .arg(slo.periodSeconds / 86400)
             .arg(percent(slo.attainment, 3));
  out += QStringLiteral("budget: %1 left (%2 of %3 allowed bad events)\n")
             .arg(percent(slo.budgetRemainingRatio, 1), count(slo.budgetRemainingEvents), count(slo.budgetTotalEvents));
  out += QStringLiteral("state: %1; firing: %2\n")
             .arg(sloStateName(slo.state), tierName(slo.tier).isEmpty() ? QStringLiteral("none") : tierName(slo.tier));
  if (!slo.error.isEmpty())
    out += QStringLiteral("error: %1\n").arg(slo.error);
  out += QStringLiteral("%1 %2 %3 %4\n").arg("WINDOW", -8).arg("BURN", -8).arg("SLI", -10).arg("EVENTS (GOOD / TOTAL)");
  for (int w = 0; w < kWindowCount; ++w) {
    const auto &v = slo.windows[std::size_t(w)];
    out += QStringLiteral("%1 %2 %3 %4\n")
               .arg(windowName(w), -8)
               .arg(burnText(v.burnRate), -8)
               .arg(percent(v.sli, 3), -10)
               .arg(v.noData ? QStringLiteral("no data")
                             : QStringLiteral("%1 / %2%3")
                                   .arg(QString::number(v.good, 'f', 0), QString::number(v.total, 'f', 0),
                                        v.lowTraffic ? QStringLiteral(" (low traffic)") : QString()));
  }
  return out;
}

QString overrideListText(const WorldSnapshot &s) {
  if (s.overrides.isEmpty())
    return QStringLiteral("no active overrides\n");
  QString out;
  for (const auto &o : s.overrides)
    out += QStringLiteral("%1  %2 %3 %4 by %5: %6\n")
               .arg(o.id, o.pause ? QStringLiteral("pause") : QStringLiteral("force once"), o.policyId,
                    o.expiresAtMs ? QStringLiteral("until ") + timeText(o.expiresAtMs) : QString(), shown(o.actor),
                    shown(o.reason));
  return out;
}

QJsonObject overrideListJson(const WorldSnapshot &s) {
  QJsonArray list;
  for (const auto &o : s.overrides)
    list.append(QJsonObject{{"id", o.id},
                            {"policy_id", o.policyId},
                            {"kind", o.pause ? "pause" : "force_once"},
                            {"actor", o.actor},
                            {"reason", o.reason},
                            {"created_at_ms", o.createdAtMs},
                            {"expires_at_ms", o.expiresAtMs}});
  return QJsonObject{{"overrides", list}};
}

} // namespace pxpctl
