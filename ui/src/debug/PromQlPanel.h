#pragma once
// PromQlPanel: ad-hoc PromQL on the debug page against the connection profile's Prometheus:
// a query, a range and step, Run. A range query is plotted (one line per series, the legend
// names each by its labels); an instant query fills a table. Prometheus's error text shows
// inline under the query. The HTTP runs in PromQlClient (asynchronous), never on this thread's
// critical path. Thread affinity: GUI thread.

#include "pxp/client/PromQlClient.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace pxp::ui {

class TimeSeriesChart;

class PromQlPanel : public QWidget {
  Q_OBJECT
public:
  static constexpr int kMaxChartSeries = 20; // more lines than this is not a readable chart
  static constexpr int kTargetPoints = 300;  // the automatic step gives about this many per series
  static constexpr int kMinResultHeightPx = 260;

  explicit PromQlPanel(QWidget *parent = nullptr);

  void setPrometheusUrl(const QString &url); // "" = none: the panel says how to set one
  QString prometheusUrl() const;

  // Parts, for tests and the page around it.
  QLineEdit *queryEdit() const { return m_query; }
  QComboBox *rangeBox() const { return m_range; }
  QComboBox *stepBox() const { return m_step; }
  QComboBox *modeBox() const { return m_mode; }
  QPushButton *runButton() const { return m_run; }
  QLabel *errorLabel() const { return m_error; }
  QLabel *summaryLabel() const { return m_summary; }
  TimeSeriesChart *chart() const { return m_chart; }
  QTableView *table() const { return m_table; }

  // "auto" -> about kTargetPoints steps over the range, at least 15 s.
  static qint64 autoStepSeconds(qint64 rangeSeconds);

public slots:
  void run();

signals:
  void resultShown(); // a result or an error is on screen

private:
  void showResult(const client::PromQlResult &result);
  void showChart(const client::PromQlResult &result);
  void showTable(const client::PromQlResult &result);
  void showError(const QString &text);

  client::PromQlClient *m_client;
  QLineEdit *m_query;
  QComboBox *m_range, *m_step, *m_mode;
  QPushButton *m_run;
  QLabel *m_error, *m_summary;
  QStackedWidget *m_results;
  TimeSeriesChart *m_chart = nullptr; // replaced per result: a fresh legend each time
  QTableView *m_table;
  QStandardItemModel *m_tableModel;
};

} // namespace pxp::ui
