#pragma once
// Builders for the client value types the models consume, and the model tester every model
// test attaches. Times are fixed epoch ms, never the wall clock.

#include "pxp/client/Values.h"

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>

#include <initializer_list>

namespace pxp::testing {

using namespace pxp::client;

// 2024-11-26 13:00:00 UTC.
constexpr qint64 kT0Ms = 1732626000000;

// Every model under test gets a Fatal tester: a broken model contract aborts the test.
inline void attachTesters(std::initializer_list<QAbstractItemModel *> models) {
  for (QAbstractItemModel *model : models)
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal, model);
}

// A definition only: "payments/checkout-availability" -> service "payments".
inline SloValue sloDefinition(const QString &id, const QString &productArea, double objective = 0.999,
                              const QString &owner = QStringLiteral("team-a")) {
  SloValue slo;
  slo.id = id;
  slo.service = id.section(QLatin1Char('/'), 0, 0);
  slo.name = id.section(QLatin1Char('/'), 1);
  slo.productArea = productArea;
  slo.owner = owner;
  slo.objective = objective;
  slo.periodSeconds = 30 * 86400;
  return slo;
}

// A status only, as a delta carries it: empty name and service.
inline SloValue sloStatus(const QString &id, SloState state, double attainment, double budgetRemaining,
                          AlertTier tier = AlertTier::None, double burnRate = 1.0) {
  SloValue slo;
  slo.id = id;
  slo.hasStatus = true;
  slo.evaluatedAtMs = kT0Ms;
  slo.state = state;
  slo.tier = tier;
  slo.attainment = attainment;
  slo.budgetRemainingRatio = budgetRemaining;
  slo.lastDataMs = kT0Ms;
  for (int w = 0; w < kWindowCount; ++w) {
    WindowValue &window = slo.windows[std::size_t(w)];
    window.noData = false;
    window.good = 990;
    window.total = 1000;
    window.sli = 0.99;
    window.burnRate = burnRate;
  }
  return slo;
}

inline SloValue slo(const QString &id, const QString &productArea, SloState state = SloState::Ok,
                    double attainment = 0.9995, double budgetRemaining = 0.5, AlertTier tier = AlertTier::None,
                    double objective = 0.999) {
  SloValue value = sloStatus(id, state, attainment, budgetRemaining, tier);
  const SloValue definition = sloDefinition(id, productArea, objective);
  value.service = definition.service;
  value.name = definition.name;
  value.productArea = definition.productArea;
  value.owner = definition.owner;
  value.objective = definition.objective;
  value.periodSeconds = definition.periodSeconds;
  return value;
}

inline AlertValue alert(const QString &id, bool firing, bool page, qint64 firedAtMs, qint64 resolvedAtMs = 0,
                        const QString &service = QStringLiteral("payments")) {
  AlertValue a;
  a.id = id;
  a.sloId = service + QStringLiteral("/availability");
  a.service = service;
  a.owner = QStringLiteral("team-a");
  a.summary = QStringLiteral("availability burning");
  a.page = page;
  a.tier = page ? AlertTier::Page : AlertTier::Ticket;
  a.firing = firing;
  a.firedAtMs = firedAtMs;
  a.resolvedAtMs = resolvedAtMs;
  return a;
}

inline DeploymentValue deployment(const QString &id, const QString &status, qint64 startedAtMs, int weightPercent = 0) {
  DeploymentValue d;
  d.id = id;
  d.service = id.section(QLatin1Char('-'), 0, 0);
  d.version = id.section(QLatin1Char('-'), 1);
  d.previousVersion = QStringLiteral("v1.0.0");
  d.strategy = QStringLiteral("canary");
  d.status = status;
  d.author = QStringLiteral("alice");
  d.weightPercent = weightPercent;
  d.startedAtMs = startedAtMs;
  d.updatedAtMs = startedAtMs;
  return d;
}

inline FlagValue flag(const QString &key, bool enabled, int rolloutPercent) {
  FlagValue f;
  f.key = key;
  f.kind = QStringLiteral("release");
  f.enabled = enabled;
  f.rolloutPercent = rolloutPercent;
  f.service = QStringLiteral("payments");
  f.owner = QStringLiteral("team-a");
  f.updatedBy = QStringLiteral("bob");
  f.updatedAtMs = kT0Ms;
  return f;
}

inline DecisionValue decision(const QString &id, qint64 timeMs, const QString &outcome = QStringLiteral("executed")) {
  DecisionValue d;
  d.id = id;
  d.policyId = QStringLiteral("rollback-on-page");
  d.sloId = QStringLiteral("payments/availability");
  d.action = QStringLiteral("rollback");
  d.target = QStringLiteral("payments v2.3.1");
  d.explanation = QStringLiteral("burn 16.2x over 1h");
  d.outcome = outcome;
  d.timeMs = timeMs;
  return d;
}

inline AuditValue auditRecord(qint64 seq, qint64 timeMs, bool ok = true, const QString &result = QString()) {
  AuditValue a;
  a.seq = seq;
  a.timeMs = timeMs;
  a.kind = QStringLiteral("command");
  a.actor = QStringLiteral("alice");
  a.command = QStringLiteral("Rollback");
  a.target = QStringLiteral("payments v2.3.1");
  a.reason = QStringLiteral("canary failing");
  a.ok = ok;
  a.result = result;
  return a;
}

} // namespace pxp::testing
