#pragma once
// Plain value types the backend client hands to models and views. They mirror pxp.v1
// (proto/pxp/v1/*.proto documents every field) without exposing generated protobuf types, so
// a .proto edit rebuilds only backend-client. Times are epoch ms UTC; ratios are 0..1.
// Thread affinity: none (copied across threads in queued signals).

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>
#include <cmath>
#include <limits>

namespace pxp::client {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Index = pxp.v1.Window - 1: 5m, 30m, 1h, 2h, 6h, 1d, 3d, period.
constexpr int kWindowCount = 8;
QString windowName(int index);

enum class AlertTier { Unspecified = 0, None = 1, TicketSlow = 2, Ticket = 3, PageSlow = 4, Page = 5 };
enum class SloState { Unspecified = 0, Ok = 1, Warning = 2, Critical = 3, NoData = 4, Error = 5 };
QString tierName(AlertTier tier);
QString sloStateName(SloState state);

struct WindowValue {
  qint64 seconds = 0;
  double good = 0, total = 0;
  double sli = kNaN, burnRate = kNaN;
  bool noData = true, lowTraffic = false;
};

struct SloValue {
  // definition
  QString id, name, service, productArea, owner, runbookUrl, description;
  int sliKind = 0;
  double objective = 0;
  qint64 periodSeconds = 0;
  // status
  qint64 evaluatedAtMs = 0;
  std::array<WindowValue, kWindowCount> windows{};
  double attainment = kNaN;
  double budgetRemainingRatio = kNaN;
  double budgetRemainingEvents = 0, budgetTotalEvents = 0;
  AlertTier tier = AlertTier::Unspecified;
  SloState state = SloState::Unspecified;
  double timeToExhaustionSeconds = std::numeric_limits<double>::infinity();
  QString error;
  qint64 lastDataMs = 0;
  bool hasStatus = false;
};

struct AlertValue {
  QString id, sloId, service, owner, summary, runbookUrl;
  bool page = false; // page or ticket
  AlertTier tier = AlertTier::Unspecified;
  bool firing = false;
  qint64 firedAtMs = 0, resolvedAtMs = 0;
  double burnLong = kNaN, burnShort = kNaN;
  double peakBurn1h = kNaN;       // the highest 1h burn while it fired
  double budgetSpentRatio = kNaN; // share of the period's budget spent while it fired
  bool reconstructed = false;     // replayed from stored history at start, not seen live
};

struct CanaryValue {
  double canarySuccess = kNaN, baselineSuccess = kNaN;
  double canaryP95Ms = kNaN, baselineP95Ms = kNaN;
  qint64 windowSeconds = 0;
  int failedChecks = 0;
  QString verdict;
};

struct DeploymentValue {
  QString id, service, version, previousVersion, author;
  QString strategy; // "rolling", "canary", "blue-green"
  QString status;   // "progressing", "paused", "succeeded", "rolled back", "aborted", "failed"
  int weightPercent = 0;
  QList<int> stepsPercent;
  qint64 startedAtMs = 0, updatedAtMs = 0;
  bool hasAnalysis = false;
  CanaryValue analysis;
  bool active() const { return status == QLatin1String("progressing") || status == QLatin1String("paused"); }
};

struct FlagValue {
  QString key, description, owner, service, updatedBy;
  QString kind; // "release", "experiment", "ops", "kill switch"
  bool enabled = false;
  int rolloutPercent = 0;
  qint64 updatedAtMs = 0;
};

struct PolicyValue {
  QString id, description, condition, action, actionTarget;
  bool dryRun = false, paused = false;
  qint64 cooldownSeconds = 0, lastActionMs = 0;
  int maxActionsPerHour = 0;
  QStringList scopeServices, scopeSlos;
};

struct DecisionInputValue {
  QString name, comparison;
  double value = kNaN, threshold = kNaN;
};

struct DecisionValue {
  QString id, policyId, sloId, action, target, explanation, error;
  QString outcome; // "executed", "failed", "dry-run", "suppressed: cooldown" ...
  qint64 timeMs = 0;
  QList<DecisionInputValue> inputs;
};

struct OverrideValue {
  QString id, policyId, actor, reason;
  bool pause = true; // pause or force once
  qint64 createdAtMs = 0, expiresAtMs = 0;
};

// One engaged scope of the kill switch.
struct KillSwitchScopeValue {
  QString service; // "" = every service
  QString actor, reason;
  qint64 engagedAtMs = 0;
  bool operator==(const KillSwitchScopeValue &o) const {
    return service == o.service && actor == o.actor && reason == o.reason && engagedAtMs == o.engagedAtMs;
  }
};

// The kill switch: the engaged scopes, and the last change (scopeService, actor, reason, time).
struct KillSwitchValue {
  bool engaged = false; // any scope engaged
  QString scopeService, actor, reason;
  qint64 changedAtMs = 0;
  QList<KillSwitchScopeValue> scopes; // "every service" first, then by service

  // The engaged scope named `service` ("" = every service), or nullptr.
  const KillSwitchScopeValue *scope(const QString &service) const {
    for (const auto &s : scopes)
      if (s.service == service)
        return &s;
    return nullptr;
  }
};

struct AuditValue {
  qint64 seq = 0, timeMs = 0;
  QString kind; // "decision", "command", "config", "auth denied"
  QString actor, command, target, reason, idempotencyKey, before, after, result, service;
  bool ok = true;
};

// Everything the Watch stream knows; the snapshot fills it, events update it.
struct WorldSnapshot {
  QList<SloValue> slos;
  QList<AlertValue> alerts;
  QList<DeploymentValue> deployments;
  QList<FlagValue> flags;
  QList<PolicyValue> policies;
  QList<OverrideValue> overrides;
  KillSwitchValue killSwitch;
  QList<DecisionValue> decisions;
  QList<AuditValue> audit;
  qint64 serverTimeMs = 0;
  QString world;
  double timeScale = 1;
};

// One batch of changes from the Watch stream, already converted. Objects are latest state.
struct WorldDelta {
  qint64 revision = 0;
  QList<SloValue> slos; // definitions and/or statuses (merge by id)
  QStringList removedSlos;
  QList<AlertValue> alerts;
  QList<DeploymentValue> deployments;
  QList<FlagValue> flags;
  QList<PolicyValue> policies;
  QList<OverrideValue> overridesSet;
  QStringList overridesCleared;
  bool killSwitchChanged = false;
  KillSwitchValue killSwitch;
  QList<DecisionValue> decisions;
  QList<AuditValue> audit;
  qint64 serverTimeMs = 0;
};

} // namespace pxp::client

Q_DECLARE_METATYPE(pxp::client::WorldSnapshot)
Q_DECLARE_METATYPE(pxp::client::WorldDelta)
