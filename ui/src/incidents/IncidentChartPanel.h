#pragma once
// IncidentChartPanel: the SLO chart of the incident window (from 30 minutes before it was
// opened to its resolution, or now) with the timeline's entries as markers, so cause and
// effect line up. Shows the incident's first SLO, with a selector when it has several, and
// computes from the same histories the share of each SLO's error budget the incident consumed
// (what the postmortem export reports).
// Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QMap>
#include <QSet>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QTimer;

namespace pxp::client {
class BackendQueries;
}
namespace pxp::models {
class LiveState;
class TimelineModel;
} // namespace pxp::models

namespace pxp::ui {

class TimeSeriesChart;

class IncidentChartPanel : public QWidget {
  Q_OBJECT
public:
  static constexpr int kMaxMarkers = 200; // the most recent entries; more are unreadable anyway

  IncidentChartPanel(models::LiveState *state, client::BackendQueries *queries, const models::TimelineModel *timeline,
                     QWidget *parent = nullptr);

  void showIncident(const std::optional<models::Incident> &incident);
  QString selectedSlo() const;
  TimeSeriesChart *chart() const { return m_chart; }
  QComboBox *sloSelector() const { return m_slo; }
  QLabel *budgetLabel() const { return m_budget; }
  // SLO id -> share of its error budget consumed from impactStartMs() to the resolution (or
  // now), for the SLOs whose history has arrived; can exceed 1 when more than the whole
  // period's budget was spent.
  QMap<QString, double> budgetConsumed() const { return m_consumed; }
  int markerCount() const { return m_markerCount; }

  // When the incident's budget spend is counted from: the earliest of its opening and its first
  // alert or customer-impact entry (an incident is often opened minutes after the impact began).
  qint64 impactStartMs() const;

  // Share of the SLO's error budget spent from fromMs to toMs: the bad events of the steps in
  // that span over the allowed bad events of the whole period as of toMs (the latest
  // budgetEvents point at or before it). A 1 h burn at 14.4x on a 30-day SLO is 14.4 / 720 =
  // 2.0 %. NaN without a budget (no events in the period yet).
  static double consumedShare(const client::SloHistoryValue &history, qint64 fromMs, qint64 toMs);

signals:
  // A history for the incident arrived: budgetConsumed() changed.
  void budgetUpdated();

protected:
  void showEvent(QShowEvent *event) override;
  void hideEvent(QHideEvent *event) override;

private:
  void requestHistories();
  void onHistory(const client::SloHistoryValue &history);
  void updateMarkers();
  void recomputeBudget(); // from the histories and the impact start
  void sloChosen();
  qint64 windowStartMs() const;
  qint64 firstImpactEntryMs() const; // the earliest alert or customer-impact entry; max() if none
  qint64 windowEndMs() const;

  models::LiveState *m_state;
  client::BackendQueries *m_queries;
  const models::TimelineModel *m_timeline;
  std::optional<models::Incident> m_incident;
  QComboBox *m_slo;
  QLabel *m_title;
  QLabel *m_budget;
  TimeSeriesChart *m_chart;
  QTimer *m_markerTimer;
  QTimer *m_historyTimer;
  QMap<QString, client::SloHistoryValue> m_histories; // by SLO id, for the current incident
  QMap<QString, double> m_consumed;
  QSet<QString> m_requested; // "slo|start|end" of requests in flight
  int m_markerCount = 0;
};

} // namespace pxp::ui
