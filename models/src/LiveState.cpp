#include "pxp/models/LiveState.h"

#include "ValueEquality.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/AuditTableModel.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/FlagTableModel.h"
#include "pxp/models/ProductAreaSummaryModel.h"
#include "pxp/models/SloTableModel.h"

namespace pxp::models {

namespace {

// Upserts `value` into a small list by id; true when the list changed.
template <typename T> bool upsertById(QList<T> &list, const T &value) {
  for (T &existing : list) {
    if (existing.id != value.id)
      continue;
    if (detail::sameValue(existing, value))
      return false;
    existing = value;
    return true;
  }
  list.append(value);
  return true;
}

template <typename T> bool sameList(const QList<T> &a, const QList<T> &b) {
  if (a.size() != b.size())
    return false;
  for (qsizetype i = 0; i < a.size(); ++i)
    if (!detail::sameValue(a.at(i), b.at(i)))
      return false;
  return true;
}

} // namespace

LiveState::LiveState(QObject *parent)
    : QObject(parent), m_slos(new SloTableModel(this)), m_alerts(new AlertTableModel(this)),
      m_deployments(new DeploymentTableModel(this)), m_flags(new FlagTableModel(this)),
      m_decisions(new DecisionTableModel(this)), m_audit(new AuditTableModel(this)),
      m_productAreas(new ProductAreaSummaryModel(this)) {
  m_productAreas->setSourceModel(m_slos);
}

LiveState::~LiveState() = default;

void LiveState::applySnapshot(const client::WorldSnapshot &snapshot) {
  // Decisions and audit records are history, and a snapshot carries only the latest ones:
  // after a reconnect to the same world they are merged, so the console keeps what it saw.
  const bool newWorld = !m_hasSnapshot || snapshot.world != m_world;
  m_hasSnapshot = true;
  m_world = snapshot.world;
  m_timeScale = snapshot.timeScale;

  setServerTime(snapshot.serverTimeMs);
  m_slos->setSlos(snapshot.slos);
  m_alerts->setAlerts(snapshot.alerts);
  m_deployments->setDeployments(snapshot.deployments);
  m_flags->setFlags(snapshot.flags);
  if (newWorld) {
    m_decisions->resetDecisions(snapshot.decisions);
    m_audit->resetRecords(snapshot.audit);
  } else {
    m_decisions->appendDecisions(snapshot.decisions);
    m_audit->appendRecords(snapshot.audit);
  }
  if (setPolicies(snapshot.policies))
    emit policiesChanged();
  if (setOverrides(snapshot.overrides))
    emit overridesChanged();
  setKillSwitch(snapshot.killSwitch);
  emit changed();
}

void LiveState::applyDelta(const client::WorldDelta &delta) {
  m_lastRevision = delta.revision;
  if (delta.serverTimeMs > 0)
    setServerTime(delta.serverTimeMs);
  m_slos->mergeSlos(delta.slos);
  m_slos->removeSlos(delta.removedSlos);
  m_alerts->upsertAlerts(delta.alerts);
  m_deployments->upsertDeployments(delta.deployments);
  m_flags->upsertFlags(delta.flags);
  m_decisions->appendDecisions(delta.decisions);
  m_audit->appendRecords(delta.audit);
  if (upsertPolicies(delta.policies))
    emit policiesChanged();
  if (upsertOverrides(delta.overridesSet, delta.overridesCleared))
    emit overridesChanged();
  if (delta.killSwitchChanged)
    setKillSwitch(delta.killSwitch);
  emit changed();
}

void LiveState::setServerTime(qint64 serverTimeMs) {
  m_serverTimeMs = serverTimeMs;
  m_alerts->setNowMs(serverTimeMs);
}

bool LiveState::setPolicies(const QList<client::PolicyValue> &policies) {
  if (sameList(m_policies, policies))
    return false;
  m_policies = policies;
  return true;
}

bool LiveState::upsertPolicies(const QList<client::PolicyValue> &policies) {
  bool changed = false;
  for (const client::PolicyValue &policy : policies)
    changed = upsertById(m_policies, policy) || changed;
  return changed;
}

bool LiveState::setOverrides(const QList<client::OverrideValue> &overrides) {
  if (sameList(m_overrides, overrides))
    return false;
  m_overrides = overrides;
  return true;
}

bool LiveState::upsertOverrides(const QList<client::OverrideValue> &overrides, const QStringList &clearedIds) {
  bool changed = false;
  for (const client::OverrideValue &override_ : overrides)
    changed = upsertById(m_overrides, override_) || changed;
  for (const QString &id : clearedIds)
    changed = m_overrides.removeIf([&id](const client::OverrideValue &o) { return o.id == id; }) > 0 || changed;
  return changed;
}

void LiveState::setKillSwitch(const client::KillSwitchValue &killSwitch) {
  if (detail::sameValue(m_killSwitch, killSwitch))
    return;
  m_killSwitch = killSwitch;
  emit killSwitchChanged();
}

QList<client::OverrideValue> LiveState::overridesForPolicy(const QString &policyId) const {
  QList<client::OverrideValue> result;
  for (const client::OverrideValue &o : m_overrides)
    if (o.policyId == policyId)
      result.append(o);
  return result;
}

std::optional<client::SloValue> LiveState::slo(const QString &id) const {
  const client::SloValue *value = m_slos->find(id);
  return value ? std::optional(*value) : std::nullopt;
}

std::optional<client::DeploymentValue> LiveState::deployment(const QString &id) const {
  const client::DeploymentValue *value = m_deployments->find(id);
  return value ? std::optional(*value) : std::nullopt;
}

std::optional<client::FlagValue> LiveState::flag(const QString &key) const {
  const client::FlagValue *value = m_flags->find(key);
  return value ? std::optional(*value) : std::nullopt;
}

std::optional<client::PolicyValue> LiveState::policy(const QString &id) const {
  for (const client::PolicyValue &p : m_policies)
    if (p.id == id)
      return p;
  return std::nullopt;
}

QList<client::AlertValue> LiveState::activeAlerts(const QString &service) const {
  return m_alerts->firing(service);
}

} // namespace pxp::models
