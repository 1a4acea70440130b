#pragma once
// DebugDashboard: the debug page: sampled traces (failing ones first), the waterfall and
// attributes of the selected trace, its logs and product events, RED metrics per endpoint
// and the feature flags. Asks BackendQueries every 5 s while visible; shows query errors
// inline. Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QTimer>
#include <QWidget>

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTableView;

namespace pxp::client {
class BackendQueries;
}

namespace pxp::models {
class LiveState;
class LogTableModel;
class RedTableModel;
class TraceListModel;
} // namespace pxp::models

namespace pxp::ui {

class PromQlPanel;
class SpanDetailsTable;
class TraceFilterBar;
class TraceWaterfall;

class DebugDashboard : public QWidget {
  Q_OBJECT
public:
  // Neither `state` nor `queries` is owned; both must outlive this widget.
  DebugDashboard(models::LiveState *state, client::BackendQueries *queries, QWidget *parent = nullptr);
  ~DebugDashboard() override;

  static constexpr int kRefreshIntervalMs = 5000;
  static constexpr int kTraceLimit = 100;
  static constexpr int kLogLimit = 200; // a trace's newest records, whatever their age
  static constexpr qint64 kRedWindowSeconds = 300;

  QString service() const; // the filter; "" = all services
  bool errorsOnly() const;
  QString selectedTraceId() const { return m_selectedTraceId; }
  models::TraceListModel *traces() const { return m_traces; }
  TraceWaterfall *waterfall() const { return m_waterfall; }
  QTableView *flagTable() const { return m_flagTable; }
  // Room for the flag commands (ui/src/commands), under the flag table.
  void addFlagControls(QWidget *widget);
  // Ad-hoc PromQL against the connection profile's Prometheus ("" = none configured).
  PromQlPanel *promQlPanel() const { return m_promQl; }
  void setPrometheusUrl(const QString &url);

  // "12,340 spans stored, 0 dropped, unlinked 3.1 %"
  static QString storeStatsText(const client::TraceStoreStatsValue &stats);

public slots:
  // Drill-down from another view: filter to `service` ("" = all) and refresh.
  void focusService(const QString &service);
  void refresh();
  // Selects a listed trace; "" clears the selection.
  void selectTrace(const QString &traceId);

protected:
  void showEvent(QShowEvent *event) override;
  void hideEvent(QHideEvent *event) override;

private:
  QWidget *buildTracePane();
  QWidget *buildDetailPane();
  QWidget *buildMetricsPane();
  QTableView *addTable(const QString &objectName, QAbstractItemModel *model, int sortRole, QWidget *parent);
  bool matchesFilter(const client::TraceValue &trace) const;
  void showTraces();
  void showRed();
  void updateServiceChoices();
  void onFilterChanged();
  void onTraces(const QString &service, bool errorsOnly, const QList<client::TraceValue> &traces,
                const client::TraceStoreStatsValue &stats);
  void onLogs(const QString &traceId, const QList<client::LogValue> &logs);
  void onRed(const QList<client::RedValue> &endpoints);
  void onQueryFailed(const QString &what, const QString &error);
  void onTraceSelectionChanged();
  void onSpanSelected(const QString &spanId);
  void autoSelectTrace();

  models::LiveState *m_state;
  client::BackendQueries *m_queries;
  models::TraceListModel *m_traces;
  models::LogTableModel *m_logs;
  models::RedTableModel *m_red;
  QList<client::TraceValue> m_lastTraces; // the last answer, before the local filter
  QList<client::RedValue> m_lastRed;
  QString m_selectedTraceId;
  QTimer m_refreshTimer;

  TraceFilterBar *m_filterBar = nullptr;
  QTableView *m_traceTable = nullptr;
  QTableView *m_flagTable = nullptr;
  QSortFilterProxyModel *m_traceProxy = nullptr;
  TraceWaterfall *m_waterfall = nullptr;
  SpanDetailsTable *m_spanDetails = nullptr;
  PromQlPanel *m_promQl = nullptr;
};

} // namespace pxp::ui
