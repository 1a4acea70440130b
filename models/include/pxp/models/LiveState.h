#pragma once
// LiveState: the console's copy of the daemon's world, fed by the Watch stream: a
// WorldSnapshot, then WorldDelta batches. Owns the table models the dashboards show and
// keeps what has no table (policies, overrides, the kill switch). A snapshot after a
// reconnect resets a model only when its set of ids changed; otherwise the changed rows get
// dataChanged, so selections and scroll positions survive a reconnect.
// Thread affinity: GUI thread (the backend connection delivers values by queued signals).

#include "pxp/client/Values.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace pxp::models {

class AlertTableModel;
class AuditTableModel;
class DecisionTableModel;
class DeploymentTableModel;
class FlagTableModel;
class ProductAreaSummaryModel;
class SloTableModel;

class LiveState : public QObject {
  Q_OBJECT
public:
  explicit LiveState(QObject *parent = nullptr);
  ~LiveState() override;

  // Owned by this object; valid for its lifetime.
  SloTableModel *slos() const { return m_slos; }
  AlertTableModel *alerts() const { return m_alerts; }
  DeploymentTableModel *deployments() const { return m_deployments; }
  FlagTableModel *flags() const { return m_flags; }
  DecisionTableModel *decisions() const { return m_decisions; }
  AuditTableModel *audit() const { return m_audit; }
  ProductAreaSummaryModel *productAreas() const { return m_productAreas; }

  bool hasSnapshot() const { return m_hasSnapshot; }
  // Revision of the last applied delta; 0 before the first. A snapshot leaves it alone.
  qint64 lastRevision() const { return m_lastRevision; }
  qint64 serverTimeMs() const { return m_serverTimeMs; } // the daemon's clock, epoch ms
  QString world() const { return m_world; }
  double timeScale() const { return m_timeScale; } // simulated seconds per wall second

  const client::KillSwitchValue &killSwitch() const { return m_killSwitch; }
  const QList<client::OverrideValue> &overrides() const { return m_overrides; }
  QList<client::OverrideValue> overridesForPolicy(const QString &policyId) const;
  const QList<client::PolicyValue> &policies() const { return m_policies; }

  std::optional<client::SloValue> slo(const QString &id) const;
  std::optional<client::DeploymentValue> deployment(const QString &id) const;
  std::optional<client::FlagValue> flag(const QString &key) const;
  std::optional<client::PolicyValue> policy(const QString &id) const;
  // Firing alerts of a service ("" = every service), pages first.
  QList<client::AlertValue> activeAlerts(const QString &service = QString()) const;

public slots:
  void applySnapshot(const pxp::client::WorldSnapshot &snapshot);
  void applyDelta(const pxp::client::WorldDelta &delta);

signals:
  void killSwitchChanged();
  void overridesChanged();
  void policiesChanged();
  // Once per applied snapshot or delta, after every model has been updated.
  void changed();

private:
  bool setPolicies(const QList<client::PolicyValue> &policies);
  bool upsertPolicies(const QList<client::PolicyValue> &policies);
  bool setOverrides(const QList<client::OverrideValue> &overrides);
  bool upsertOverrides(const QList<client::OverrideValue> &overrides, const QStringList &clearedIds);
  void setKillSwitch(const client::KillSwitchValue &killSwitch);
  void setServerTime(qint64 serverTimeMs);

  SloTableModel *m_slos;
  AlertTableModel *m_alerts;
  DeploymentTableModel *m_deployments;
  FlagTableModel *m_flags;
  DecisionTableModel *m_decisions;
  AuditTableModel *m_audit;
  ProductAreaSummaryModel *m_productAreas;

  bool m_hasSnapshot = false;
  qint64 m_lastRevision = 0;
  qint64 m_serverTimeMs = 0;
  QString m_world;
  double m_timeScale = 1;
  client::KillSwitchValue m_killSwitch;
  QList<client::OverrideValue> m_overrides; // in arrival order
  QList<client::PolicyValue> m_policies;    // in arrival order
};

} // namespace pxp::models
