#include "debug/PromQlPanel.h"

#include "charts/TimeSeriesChart.h"
#include "pxp/ui/Theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pxp::ui {
namespace {

constexpr qint64 kMinStepSeconds = 15;

struct Choice {
  const char *label;
  qint64 seconds;
};
constexpr Choice kRanges[] = {{QT_TR_NOOP("15 minutes"), 900},   {QT_TR_NOOP("1 hour"), 3600},
                              {QT_TR_NOOP("6 hours"), 21600},    {QT_TR_NOOP("1 day"), 86400},
                              {QT_TR_NOOP("7 days"), 7 * 86400}, {QT_TR_NOOP("30 days"), 30 * 86400}};
constexpr Choice kSteps[] = {{QT_TR_NOOP("auto"), 0},
                             {QT_TR_NOOP("15s"), 15},
                             {QT_TR_NOOP("1m"), 60},
                             {QT_TR_NOOP("5m"), 300},
                             {QT_TR_NOOP("1h"), 3600}};

} // namespace

PromQlPanel::PromQlPanel(QWidget *parent)
    : QWidget(parent), m_client(new client::PromQlClient(this)), m_query(new QLineEdit(this)),
      m_range(new QComboBox(this)), m_step(new QComboBox(this)), m_mode(new QComboBox(this)),
      m_run(new QPushButton(tr("Run"), this)), m_error(new QLabel(this)), m_summary(new QLabel(this)),
      m_results(new QStackedWidget(this)), m_table(new QTableView(this)), m_tableModel(new QStandardItemModel(this)) {
  setObjectName(QStringLiteral("promqlPanel"));
  m_query->setObjectName(QStringLiteral("promqlQuery"));
  m_query->setPlaceholderText(tr("PromQL, e.g. sum by (code) (rate(http_requests_total[5m]))"));
  m_range->setObjectName(QStringLiteral("promqlRange"));
  for (const Choice &c : kRanges)
    m_range->addItem(tr(c.label), static_cast<int>(c.seconds));
  m_range->setCurrentIndex(1);
  m_step->setObjectName(QStringLiteral("promqlStep"));
  for (const Choice &c : kSteps)
    m_step->addItem(tr(c.label), static_cast<int>(c.seconds));
  m_mode->setObjectName(QStringLiteral("promqlMode"));
  m_mode->addItem(tr("Range: chart"), QStringLiteral("range"));
  m_mode->addItem(tr("Instant: table"), QStringLiteral("instant"));
  m_run->setObjectName(QStringLiteral("promqlRun"));
  m_error->setObjectName(QStringLiteral("promqlError"));
  m_error->setWordWrap(true);
  m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QPalette errorPalette = m_error->palette();
  errorPalette.setColor(QPalette::WindowText, Theme::stateColor(3));
  m_error->setPalette(errorPalette);
  m_error->hide();
  m_summary->setObjectName(QStringLiteral("promqlSummary"));
  m_summary->setWordWrap(true); // a long query's summary wraps; it never widens the window

  m_table->setObjectName(QStringLiteral("promqlTable"));
  m_table->setModel(m_tableModel);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->verticalHeader()->hide();
  m_tableModel->setHorizontalHeaderLabels({tr("Series"), tr("Value")});
  m_chart = new TimeSeriesChart(tr("PromQL"), m_results);
  m_chart->setObjectName(QStringLiteral("promqlChart"));
  m_results->addWidget(m_chart);
  m_results->addWidget(m_table);
  m_results->setMinimumHeight(kMinResultHeightPx); // below this the time axis labels are elided
  m_results->hide(); // an empty chart would take the debug view's room until a query answers

  auto *controls = new QHBoxLayout;
  controls->addWidget(m_query, 1);
  controls->addWidget(m_range);
  controls->addWidget(new QLabel(tr("step"), this));
  controls->addWidget(m_step);
  controls->addWidget(m_mode);
  controls->addWidget(m_run);
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(m_error);
  layout->addWidget(m_summary);
  layout->addWidget(m_results, 1);

  connect(m_run, &QPushButton::clicked, this, &PromQlPanel::run);
  connect(m_query, &QLineEdit::returnPressed, this, &PromQlPanel::run);
  connect(m_client, &client::PromQlClient::finished, this, &PromQlPanel::showResult);
  setPrometheusUrl(QString());
}

void PromQlPanel::setPrometheusUrl(const QString &url) {
  m_client->setBaseUrl(url);
  const bool have = !url.trimmed().isEmpty();
  m_run->setEnabled(have);
  m_summary->setText(have ? tr("Prometheus: %1").arg(url)
                          : tr("No Prometheus URL in this connection profile: set one in the profile "
                               "(File > Connection profiles) or start with --prometheus http://host:9090"));
}

QString PromQlPanel::prometheusUrl() const {
  return m_client->baseUrl();
}

qint64 PromQlPanel::autoStepSeconds(qint64 rangeSeconds) {
  return std::max(kMinStepSeconds, (rangeSeconds + kTargetPoints - 1) / kTargetPoints);
}

void PromQlPanel::run() {
  const QString promql = m_query->text().trimmed();
  if (promql.isEmpty()) {
    showError(tr("Type a PromQL expression first."));
    emit resultShown();
    return;
  }
  const qint64 now = QDateTime::currentSecsSinceEpoch();
  m_summary->setText(tr("Running…"));
  if (m_mode->currentData().toString() == QLatin1String("instant")) {
    m_client->queryInstant(promql, now);
    return;
  }
  const qint64 range = m_range->currentData().toLongLong();
  const qint64 chosen = m_step->currentData().toLongLong();
  m_client->queryRange(promql, now - range, now, chosen > 0 ? chosen : autoStepSeconds(range));
}

void PromQlPanel::showError(const QString &text) {
  m_error->setText(text);
  m_error->setVisible(!text.isEmpty());
}

void PromQlPanel::showResult(const client::PromQlResult &result) {
  if (!result.ok()) {
    showError(result.error);
    m_summary->setText(tr("Query failed: %1").arg(result.promql));
  } else {
    showError(QString());
    if (result.resultType == QLatin1String("matrix"))
      showChart(result);
    else
      showTable(result);
    m_results->show();
  }
  emit resultShown();
}

void PromQlPanel::showChart(const client::PromQlResult &result) {
  // A new chart per result: its legend holds exactly this result's series.
  auto *chart = new TimeSeriesChart(result.promql, m_results);
  chart->setObjectName(QStringLiteral("promqlChart"));
  qsizetype points = 0;
  const int shown = std::min<int>(static_cast<int>(result.series.size()), kMaxChartSeries);
  for (int i = 0; i < shown; ++i) {
    std::vector<QPointF> finite;
    for (const QPointF &p : result.series[i].points)
      if (std::isfinite(p.y()))
        finite.push_back(p);
    points += static_cast<qsizetype>(finite.size());
    chart->setSeries(i, result.series[i].labels, std::move(finite), Theme::chartSeries(i));
  }
  m_results->removeWidget(m_chart);
  m_chart->deleteLater();
  m_chart = chart;
  m_results->insertWidget(0, m_chart);
  m_results->setCurrentWidget(m_chart);
  m_summary->setText(
      result.series.size() > static_cast<qsizetype>(shown)
          ? tr("%1 series (first %2 plotted), %3 points").arg(result.series.size()).arg(shown).arg(points)
          : tr("%1 series, %2 points").arg(result.series.size()).arg(points));
}

void PromQlPanel::showTable(const client::PromQlResult &result) {
  m_tableModel->removeRows(0, m_tableModel->rowCount());
  for (const auto &s : result.series) {
    const double value = s.points.empty() ? std::nan("") : s.points.back().y();
    auto *labels = new QStandardItem(s.labels);
    auto *cell = new QStandardItem(QString::number(value, 'g', 10));
    cell->setData(value, Qt::UserRole);
    m_tableModel->appendRow({labels, cell});
  }
  m_results->setCurrentWidget(m_table);
  m_summary->setText(tr("%1 series (%2)").arg(result.series.size()).arg(result.resultType));
}

} // namespace pxp::ui
