#pragma once
// OnCallDashboard: what an on-call engineer needs while an SLO burns: the kill switch state,
// SLOs with multiwindow burn rates (firing tier stands out), a burn chart of the selected SLO
// with the alert thresholds drawn, active alerts grouped by service and owner, recent deploys
// with canary vs baseline, and policy decisions as they happen with their explanations.
// Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QWidget>

class QHBoxLayout;
class QComboBox;
class QLabel;
class QTableView;
class QVBoxLayout;
class QSortFilterProxyModel;
class QTimer;

namespace pxp::client {
class BackendQueries;
}
namespace pxp::models {
class LiveState;
class SloFilterProxy;
} // namespace pxp::models

namespace pxp::ui {

class TimeSeriesChart;

class OnCallDashboard : public QWidget {
  Q_OBJECT
public:
  OnCallDashboard(models::LiveState *state, client::BackendQueries *queries, QWidget *parent = nullptr);

  QString selectedSlo() const { return m_selectedSlo; }
  QTableView *sloTable() const { return m_sloTable; }
  QTableView *alertTable() const { return m_alertTable; }
  TimeSeriesChart *burnChart() const { return m_burnChart; }
  QComboBox *burnSpan() const { return m_span; }
  qint64 chartSpanMs() const; // what the burn chart reaches back
  QTableView *deploymentTable() const { return m_deployTable; }

  // Room for the manual-control widgets (ui/src/commands): beside the kill-switch banner, and
  // under the deployments table.
  void addBannerWidget(QWidget *widget);
  void addDeploymentControls(QWidget *widget);

public slots:
  void selectSlo(const QString &sloId);

signals:
  void sloSelected(const QString &sloId);
  // Drill-down to the debug view for a service.
  void debugRequested(const QString &service);

protected:
  void showEvent(QShowEvent *event) override;
  void hideEvent(QHideEvent *event) override;

private:
  QWidget *buildSloPanel();
  QWidget *buildRightPanel();
  void refreshBanner();
  void requestHistory();
  void onHistory(const client::SloHistoryValue &history);
  void updateMarkers();

  models::LiveState *m_state;
  client::BackendQueries *m_queries;
  QString m_selectedSlo;
  QLabel *m_killSwitch = nullptr;
  QHBoxLayout *m_bannerRow = nullptr;
  QVBoxLayout *m_rightColumn = nullptr;
  QLabel *m_overrides = nullptr;
  QLabel *m_chartTitle = nullptr;
  QTableView *m_sloTable = nullptr;
  QTableView *m_alertTable = nullptr;
  QTableView *m_deployTable = nullptr;
  QTableView *m_decisionTable = nullptr;
  models::SloFilterProxy *m_sloProxy = nullptr;
  QSortFilterProxyModel *m_alertProxy = nullptr;
  TimeSeriesChart *m_burnChart = nullptr;
  QComboBox *m_span = nullptr;
  QTimer *m_historyTimer = nullptr;
};

} // namespace pxp::ui
