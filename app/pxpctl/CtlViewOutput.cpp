// The snapshot views of CtlOutput.h: status, slo list, override list.
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
  QString out = QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                    .arg("ID", -36)
                    .arg("OBJECTIVE", -10)
                    .arg("ATTAINMENT", -11)
                    .arg("BUDGET LEFT", -12)
                    .arg("FIRING", -14)
                    .arg("STATE");
  for (const auto &slo : s.slos)
    out += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(slo.id, -36)
               .arg(percent(slo.objective, 2), -10)
               .arg(percent(slo.attainment, 3), -11)
               .arg(percent(slo.budgetRemainingRatio, 1), -12)
               .arg(tierName(slo.tier).isEmpty() ? QStringLiteral("-") : tierName(slo.tier), -14)
               .arg(sloStateName(slo.state));
  return out;
}

QJsonObject sloListJson(const WorldSnapshot &s) {
  QJsonArray slos;
  for (const auto &slo : s.slos)
    slos.append(QJsonObject{{"id", slo.id},
                            {"name", slo.name},
                            {"service", slo.service},
                            {"objective_ratio", slo.objective},
                            {"attainment_ratio", number(slo.attainment)},
                            {"budget_remaining_ratio", number(slo.budgetRemainingRatio)},
                            {"firing_tier", snake(tierName(slo.tier))},
                            {"state", snake(sloStateName(slo.state))}});
  return QJsonObject{{"slos", slos}};
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
