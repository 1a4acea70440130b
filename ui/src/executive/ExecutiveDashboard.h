#pragma once
// ExecutiveDashboard: SLO attainment per product area (tiles coloured by state), every SLO
// with target, attainment, budget left and a 30-day budget trend, the error budget burn-down
// of the selected SLO, the top incidents of the last 30 days with their impact, cost per
// transaction against p95 latency, and deployment velocity against budget consumed.
// Exports itself to PDF or PNG for people who read it in a mail.
// Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QHash>
#include <QWidget>

class QGridLayout;
class QChartView;
class QTableView;
class QLabel;
class QTableWidget;
class QTimer;

namespace pxp::client {
class BackendQueries;
}
namespace pxp::models {
class LiveState;
class SloFilterProxy;
} // namespace pxp::models

namespace pxp::ui {

class AreaTile;
class SparklineDelegate;
class TimeSeriesChart;

class ExecutiveDashboard : public QWidget {
  Q_OBJECT
public:
  ExecutiveDashboard(models::LiveState *state, client::BackendQueries *queries, QWidget *parent = nullptr);

  // Writes the page as PDF (".pdf") or PNG (anything else). Returns an error text or "".
  QString exportTo(const QString &path);
  // The line heading every export: title, "as of" time, and "simulated world" when it is one.
  QString exportHeading() const;
  // One colour per service, the same in every chart (by its place among the SLOs' services).
  QColor serviceColor(const QString &service) const;
  // True once every SLO's 30-day history and the cost figures arrived.
  bool isComplete() const;
  QList<AreaTile *> tiles() const { return m_tiles; }
  QTableWidget *incidentTable() const { return m_incidents; }
  TimeSeriesChart *burnDownChart() const { return m_burnDown; }
  // The top incidents found in the 30-day histories (for the command palette too).
  struct IncidentRef {
    QString sloId, title;
  };
  QList<IncidentRef> incidents() const { return m_incidentRefs; }

public slots:
  void refresh();

signals:
  // Drill-down: open the on-call view of this SLO.
  void sloActivated(const QString &sloId);
  void completed();

private:
  void rebuildTiles();
  void updateTiles();
  void onHistory(const client::SloHistoryValue &history);
  void onCosts(const QList<client::CostValue> &costs);
  void showBurnDown(const QString &sloId);
  void updateIncidents();
  void updateVelocity();
  void checkComplete();

  models::LiveState *m_state;
  client::BackendQueries *m_queries;
  QGridLayout *m_tileGrid = nullptr;
  QList<AreaTile *> m_tiles;
  QTableView *m_sloTable = nullptr;
  models::SloFilterProxy *m_sloProxy = nullptr;
  SparklineDelegate *m_sparklines = nullptr;
  TimeSeriesChart *m_burnDown = nullptr;
  QTableWidget *m_incidents = nullptr;
  QChartView *m_costChart = nullptr;
  QLabel *m_costEmpty = nullptr; // what to know when there is nothing to plot
  bool m_refreshed = false;      // a refresh went out (the daemon's time was known)
  QChartView *m_velocityChart = nullptr;
  QTimer *m_refreshTimer = nullptr;
  QHash<QString, client::SloHistoryValue> m_histories; // 30-day histories by SLO id
  QString m_burnDownSlo;
  QList<IncidentRef> m_incidentRefs;
  bool m_haveCosts = false;
  bool m_completeSignalled = false;
};

} // namespace pxp::ui
