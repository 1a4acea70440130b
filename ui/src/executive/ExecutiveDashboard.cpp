#include "ExecutiveDashboard.h"

#include "AreaTile.h"
#include "IncidentFinder.h"
#include "SparklineDelegate.h"
#include "charts/TimeSeriesChart.h"
#include "common/ColumnChooser.h"
#include "common/StateDelegate.h"

#include "pxp/client/BackendQueries.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/ProductAreaSummaryModel.h"
#include "pxp/models/SloFilterProxy.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/ui/Theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace pxp::ui {
namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kPeriodMs = 30 * kDayMs;
constexpr int kRefreshMs = 60'000;

QLabel *heading(const QString &text, QWidget *parent) {
  auto *l = new QLabel(text, parent);
  l->setObjectName(QStringLiteral("pageTitle"));
  return l;
}

QChartView *chartView(const QString &title, const QString &name, QWidget *parent) {
  auto *chart = new QChart;
  Theme::styleChart(chart);
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  auto *view = new QChartView(chart, parent);
  view->setObjectName(name);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumHeight(220);
  return view;
}

void clearChart(QChart *chart) {
  chart->removeAllSeries();
  for (auto *axis : chart->axes())
    chart->removeAxis(axis), delete axis;
}

} // namespace

ExecutiveDashboard::ExecutiveDashboard(models::LiveState *state, client::BackendQueries *queries, QWidget *parent)
    : QWidget(parent), m_state(state), m_queries(queries) {
  setObjectName(QStringLiteral("executiveDashboard"));
  auto *outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto *scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto *content = new QWidget(scroll);
  auto *v = new QVBoxLayout(content);
  scroll->setWidget(content);
  outer->addWidget(scroll);

  v->addWidget(heading(tr("SLO attainment by product area"), content));
  m_tileGrid = new QGridLayout;
  v->addLayout(m_tileGrid);

  auto *row1 = new QSplitter(Qt::Horizontal, content);
  m_sloProxy = new models::SloFilterProxy(this);
  m_sloProxy->setSourceModel(m_state->slos());
  m_sloTable = new QTableView(row1);
  m_sloTable->setObjectName(QStringLiteral("executiveSloTable"));
  m_sloTable->setModel(m_sloProxy);
  m_sloTable->setSortingEnabled(true);
  m_sloTable->sortByColumn(models::SloTableModel::BudgetRemainingColumn, Qt::AscendingOrder);
  m_sloTable->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_sloTable->verticalHeader()->hide();
  m_sloTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  {
    // The tiles above already group by product area: the table says how each SLO stands.
    using M = models::SloTableModel;
    installColumnChooser(
        m_sloTable, {M::SloColumn, M::ObjectiveColumn, M::AttainmentColumn, M::BudgetRemainingColumn, M::StateColumn});
    m_sloTable->horizontalHeader()->setSectionResizeMode(M::SloColumn, QHeaderView::Stretch);
    m_sloTable->horizontalHeader()->setStretchLastSection(false);
  }
  m_sparklines = new SparklineDelegate(models::SloTableModel::SloIdRole, this);
  m_sloTable->setItemDelegateForColumn(models::SloTableModel::BudgetRemainingColumn, m_sparklines);
  m_sloTable->setItemDelegateForColumn(
      models::SloTableModel::StateColumn,
      new StateDelegate(StateDelegate::Source::State, models::SloTableModel::StateRole, this));
  connect(m_sloTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
    if (cur.isValid())
      showBurnDown(cur.data(models::SloTableModel::SloIdRole).toString());
  });
  connect(m_sloTable, &QTableView::doubleClicked, this,
          [this](const QModelIndex &idx) { emit sloActivated(idx.data(models::SloTableModel::SloIdRole).toString()); });
  row1->addWidget(m_sloTable);
  m_burnDown = new TimeSeriesChart(tr("Error budget remaining (%), last 30 days"), row1);
  m_burnDown->setObjectName(QStringLiteral("burnDownChart"));
  m_burnDown->setValueFormat(QStringLiteral("%.0f"));
  row1->addWidget(m_burnDown);
  row1->setMinimumHeight(300);
  row1->setSizes({700, 700});
  v->addWidget(row1);

  auto *row2 = new QSplitter(Qt::Horizontal, content);
  auto *incidentBox = new QWidget(row2);
  auto *ib = new QVBoxLayout(incidentBox);
  ib->setContentsMargins(0, 0, 0, 0);
  ib->addWidget(heading(tr("Top incidents, last 30 days"), incidentBox));
  m_incidents = new QTableWidget(0, 5, incidentBox);
  m_incidents->setObjectName(QStringLiteral("incidentTable"));
  m_incidents->setHorizontalHeaderLabels(
      {tr("SLO"), tr("Started"), tr("Duration"), tr("Peak burn"), tr("Budget spent")});
  m_incidents->verticalHeader()->hide();
  m_incidents->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_incidents->horizontalHeader()->setStretchLastSection(true);
  ib->addWidget(m_incidents);
  connect(m_incidents, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    if (const auto *item = m_incidents->item(row, 0))
      emit sloActivated(item->data(Qt::UserRole).toString());
  });
  row2->addWidget(incidentBox);
  m_costChart = chartView(tr("Cost per 1k transactions vs p95 latency"), QStringLiteral("costChart"), row2);
  m_costChart->chart()->legend()->setAlignment(Qt::AlignRight); // a column of whole service names
  m_costEmpty = new QLabel(m_costChart);
  m_costEmpty->setObjectName(QStringLiteral("costEmpty"));
  m_costEmpty->setWordWrap(true);
  m_costEmpty->setAlignment(Qt::AlignCenter);
  m_costEmpty->hide();
  auto *emptyLayout = new QVBoxLayout(m_costChart);
  emptyLayout->setContentsMargins(40, 50, 40, 40);
  emptyLayout->addWidget(m_costEmpty);
  row2->addWidget(m_costChart);
  m_velocityChart =
      chartView(tr("Error budget consumed and deployments, by service"), QStringLiteral("velocityChart"), row2);
  m_velocityChart->chart()->legend()->setAlignment(Qt::AlignRight); // whole names with their deploy counts
  row2->addWidget(m_velocityChart);
  row2->setMinimumHeight(280);
  row2->setSizes({560, 420, 420}); // the incidents' five columns whole at 1366 px
  v->addWidget(row2);
  v->addStretch(1);

  connect(m_state->productAreas(), &QAbstractItemModel::rowsInserted, this, &ExecutiveDashboard::rebuildTiles);
  connect(m_state->productAreas(), &QAbstractItemModel::rowsRemoved, this, &ExecutiveDashboard::rebuildTiles);
  connect(m_state->productAreas(), &QAbstractItemModel::modelReset, this, &ExecutiveDashboard::rebuildTiles);
  connect(m_state->productAreas(), &QAbstractItemModel::dataChanged, this, &ExecutiveDashboard::updateTiles);
  connect(m_state->deployments(), &QAbstractItemModel::rowsInserted, this, &ExecutiveDashboard::updateVelocity);
  connect(m_queries, &client::BackendQueries::historyReceived, this, &ExecutiveDashboard::onHistory);
  // Incidents come from the alert history: any change to it may change them.
  const auto *alerts = m_state->alerts();
  connect(alerts, &QAbstractItemModel::modelReset, this, &ExecutiveDashboard::updateIncidents);
  connect(alerts, &QAbstractItemModel::rowsInserted, this, &ExecutiveDashboard::updateIncidents);
  connect(alerts, &QAbstractItemModel::rowsRemoved, this, &ExecutiveDashboard::updateIncidents);
  connect(alerts, &QAbstractItemModel::rowsMoved, this, &ExecutiveDashboard::updateIncidents);
  connect(alerts, &QAbstractItemModel::dataChanged, this, &ExecutiveDashboard::updateIncidents);
  connect(m_queries, &client::BackendQueries::redReceived, this,
          [this](const QList<client::RedValue> &, const QList<client::CostValue> &costs) { onCosts(costs); });
  connect(m_state->slos(), &QAbstractItemModel::rowsInserted, this, &ExecutiveDashboard::refresh);
  connect(m_state->slos(), &QAbstractItemModel::modelReset, this, &ExecutiveDashboard::refresh);
  connect(m_state, &models::LiveState::changed, this, [this] {
    if (!m_refreshed) // the first state to arrive, even one without SLOs
      refresh();
  });
  m_refreshTimer = new QTimer(this);
  m_refreshTimer->setInterval(kRefreshMs);
  connect(m_refreshTimer, &QTimer::timeout, this, &ExecutiveDashboard::refresh);
  m_refreshTimer->start();
  rebuildTiles();
}

void ExecutiveDashboard::refresh() {
  const qint64 end = m_state->serverTimeMs();
  if (end == 0)
    return;
  m_refreshed = true;
  auto *slos = m_state->slos();
  for (int r = 0; r < slos->rowCount(); ++r)
    m_queries->fetchHistory(slos->at(r).id, end - kPeriodMs, end, 3600);
  m_queries->fetchRed(QString(), 300);
}

void ExecutiveDashboard::rebuildTiles() {
  for (auto *t : m_tiles)
    delete t;
  m_tiles.clear();
  auto *areas = m_state->productAreas();
  for (int r = 0; r < areas->rowCount(); ++r) {
    auto *tile = new AreaTile(this);
    connect(tile, &AreaTile::activated, this, &ExecutiveDashboard::sloActivated);
    m_tileGrid->addWidget(tile, r / 4, r % 4);
    m_tiles.push_back(tile);
  }
  updateTiles();
}

void ExecutiveDashboard::updateTiles() {
  auto *areas = m_state->productAreas();
  for (int r = 0; r < areas->rowCount() && r < m_tiles.size(); ++r) {
    const auto &a = areas->at(r);
    m_tiles[r]->setContent({a.area, a.worstSloId, a.worstSloName, a.sloCount, static_cast<int>(a.worstState),
                            a.firingCount, a.worstAttainment, a.worstObjective, a.worstBudgetRemainingRatio,
                            static_cast<int>(a.worstTier), a.worstBurnLong, a.worstBurnShort, a.worstLongWindow,
                            a.worstShortWindow});
  }
}

void ExecutiveDashboard::onHistory(const client::SloHistoryValue &history) {
  if (history.endMs - history.startMs != kPeriodMs)
    return; // a shorter range belongs to another view
  m_histories[history.sloId] = history;
  // 30 days of hourly budget: thin it to ~60 points for an 80-pixel sparkline.
  std::vector<QPointF> spark;
  const std::size_t stride = std::max<std::size_t>(1, history.budgetRemaining.size() / 60);
  for (std::size_t i = 0; i < history.budgetRemaining.size(); i += stride)
    spark.push_back(history.budgetRemaining[i]);
  m_sparklines->setSeries(history.sloId, std::move(spark));
  m_sloTable->viewport()->update();
  if (m_burnDownSlo.isEmpty() || m_burnDownSlo == history.sloId) {
    if (m_burnDownSlo.isEmpty() && m_sloProxy->rowCount() > 0)
      m_burnDownSlo = m_sloProxy->index(0, 0).data(models::SloTableModel::SloIdRole).toString();
    if (m_burnDownSlo == history.sloId)
      showBurnDown(history.sloId);
  }
  updateIncidents();
  updateVelocity();
  checkComplete();
}

void ExecutiveDashboard::showBurnDown(const QString &sloId) {
  m_burnDownSlo = sloId;
  const auto it = m_histories.constFind(sloId);
  if (it == m_histories.constEnd())
    return;
  const auto slo = m_state->slo(sloId);
  std::vector<QPointF> pct;
  pct.reserve(it->budgetRemaining.size());
  double lowest = 0;
  for (const auto &p : it->budgetRemaining) {
    pct.emplace_back(p.x(), p.y() * 100);
    if (std::isfinite(p.y()))
      lowest = std::min(lowest, p.y() * 100);
  }
  // 100 % at the top (a budget cannot be more than whole); below 0 only when overspent, in
  // steps of 25 so the ticks stay round.
  m_burnDown->setValueRange(std::floor(lowest / 25) * 25, 100);
  m_burnDown->setTimeRange(it->startMs, it->endMs);
  m_burnDown->setSeries(0, slo ? slo->name : sloId, std::move(pct), Theme::accent());
  // Spending at exactly burn 1 reaches 0 % at the end of the period.
  m_burnDown->setSeries(1, tr("even spend"), {QPointF(it->startMs, 100), QPointF(it->endMs, 0)}, Theme::muted());
  m_burnDown->setThresholds({{0, tr("budget exhausted"), Theme::stateColor(3)}});
}

void ExecutiveDashboard::updateIncidents() {
  const auto *alerts = m_state->alerts();
  QList<client::AlertValue> all;
  for (int r = 0; r < alerts->rowCount(); ++r)
    all.push_back(alerts->at(r));
  const qint64 now = m_state->serverTimeMs();
  auto found = findIncidents(all, now - kPeriodMs);
  if (found.size() > 10)
    found.resize(10);
  m_incidents->setRowCount(static_cast<int>(found.size()));
  m_incidentRefs.clear();
  namespace f = models::format;
  for (int r = 0; r < found.size(); ++r) {
    const auto &i = found[r];
    const auto slo = m_state->slo(i.sloId);
    const QString started = (i.reconstructed ? QStringLiteral("≈ ") : QString()) + f::dayTimeLocal(i.startMs);
    const QString duration =
        i.ongoing()
            ? tr("ongoing, %1").arg(f::duration(static_cast<double>(std::max<qint64>(0, now - i.startMs)) / 1000))
            : f::duration(static_cast<double>(i.endMs - i.startMs) / 1000);
    const QStringList cells = {slo ? slo->name : i.sloId, started, duration, f::burnRate(i.peakBurn),
                               f::percent(i.budgetSpentRatio, i.budgetSpentRatio < 0.01 ? 2 : 1)};
    m_incidentRefs.push_back({i.sloId, cells[0] + QStringLiteral(" at ") + f::dateTimeLocal(i.startMs)});
    const QString tip = i.reconstructed ? tr("Reconstructed when pxpd started from the SLO's stored history: its "
                                             "times are only as fine as that history (10 minutes within 3 days, "
                                             "1 hour before).")
                                        : tr("From pxpd's alert history: fired at %1%2.")
                                              .arg(f::dateTimeLocal(i.startMs),
                                                   i.ongoing() ? tr(", still firing")
                                                               : tr(", resolved at %1").arg(f::dateTimeLocal(i.endMs)));
    for (int c = 0; c < cells.size(); ++c) {
      auto *item = m_incidents->item(r, c);
      if (!item)
        m_incidents->setItem(r, c, item = new QTableWidgetItem);
      item->setText(cells[c]);
      item->setData(Qt::UserRole, i.sloId);
      item->setToolTip(tip);
    }
  }
  m_incidents->resizeColumnsToContents();
}

void ExecutiveDashboard::onCosts(const QList<client::CostValue> &costs) {
  auto *chart = m_costChart->chart();
  clearChart(chart);
  auto *x = new QValueAxis;
  x->setTitleText(tr("p95 latency (ms)"));
  x->setLabelFormat(QStringLiteral("%d"));
  auto *y = new QValueAxis;
  y->setTitleText(tr("USD / 1k tx"));
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  double maxX = 0, maxY = 0;
  int i = 0;
  for (const auto &c : costs) {
    // A point needs both figures measured: no source, no point.
    if (!std::isfinite(c.costPer1kTransactionsUsd) || !std::isfinite(c.p95LatencyMs))
      continue;
    auto *s = new QScatterSeries;
    s->setName(c.service);
    s->setColor(serviceColor(c.service));
    ++i;
    s->setMarkerSize(12);
    s->append(c.p95LatencyMs, c.costPer1kTransactionsUsd);
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
    maxX = std::max(maxX, c.p95LatencyMs);
    maxY = std::max(maxY, c.costPer1kTransactionsUsd);
  }
  x->setRange(0, maxX > 0 ? maxX * 1.1 : 1);
  y->setRange(0, maxY > 0 ? maxY * 1.1 : 1);
  x->applyNiceNumbers(); // round ticks: 0, 200, 400 ... not 222.8
  y->applyNiceNumbers();
  const bool empty = i == 0;
  m_costEmpty->setText(tr("No cost figures: pxpd has cost per service only for its simulated world, and reads no "
                          "cost from real systems yet. Nothing is plotted rather than a made-up number."));
  m_costEmpty->setVisible(empty);
  x->setVisible(!empty);
  y->setVisible(!empty);
  m_haveCosts = true;
  checkComplete();
}

void ExecutiveDashboard::updateVelocity() {
  auto *chart = m_velocityChart->chart();
  clearChart(chart);
  QMap<QString, int> deploys;
  QMap<QString, double> consumed;
  auto *d = m_state->deployments();
  const qint64 since = m_state->serverTimeMs() - kPeriodMs;
  for (int r = 0; r < d->rowCount(); ++r)
    if (d->at(r).startedAtMs >= since)
      deploys[d->at(r).service] += 1;
  auto *slos = m_state->slos();
  for (int r = 0; r < slos->rowCount(); ++r) {
    const auto &s = slos->at(r);
    if (!std::isnan(s.budgetRemainingRatio))
      consumed[s.service] = std::max(consumed.value(s.service), (1 - s.budgetRemainingRatio) * 100);
  }
  const QStringList services = consumed.keys();
  // One bar per service in its own colour (the same as in the cost chart), named in the legend
  // with its deployment count: whole names, and one unit (budget consumed, %) on the axis.
  auto *bars = new QHorizontalBarSeries;
  double maxBudget = 0;
  for (const auto &service : services) {
    const int n = deploys.value(service);
    auto *set = new QBarSet(n == 1 ? tr("%1 · 1 deploy").arg(service) : tr("%1 · %2 deploys").arg(service).arg(n));
    set->setColor(serviceColor(service));
    set->append(consumed.value(service));
    bars->append(set);
    maxBudget = std::max(maxBudget, consumed.value(service));
  }
  bars->setBarWidth(0.9);
  chart->addSeries(bars);
  auto *y = new QBarCategoryAxis;
  y->append(tr("services"));
  y->setVisible(false);
  auto *x = new QValueAxis;
  x->setTitleText(tr("budget consumed (%), worst SLO"));
  // Up to 100 % while no service overspent (an axis past 100 % reads as overspending).
  x->setRange(0, maxBudget <= 100 ? std::min(100.0, std::max(10.0, maxBudget * 1.1)) : maxBudget * 1.05);
  x->applyNiceNumbers();
  x->setLabelFormat(QStringLiteral("%d"));
  chart->addAxis(y, Qt::AlignLeft);
  chart->addAxis(x, Qt::AlignBottom);
  bars->attachAxis(y);
  bars->attachAxis(x);
}

QColor ExecutiveDashboard::serviceColor(const QString &service) const {
  QStringList all;
  auto *slos = m_state->slos();
  for (int r = 0; r < slos->rowCount(); ++r)
    all.push_back(slos->at(r).service);
  all.removeDuplicates();
  all.sort();
  return Theme::chartSeries(int(std::max<qsizetype>(0, all.indexOf(service))));
}

bool ExecutiveDashboard::isComplete() const {
  return m_haveCosts && m_state->slos()->rowCount() > 0 && m_histories.size() >= m_state->slos()->rowCount();
}

void ExecutiveDashboard::checkComplete() {
  if (!m_completeSignalled && isComplete()) {
    m_completeSignalled = true;
    emit completed();
  }
}

QString ExecutiveDashboard::exportHeading() const {
  QString text = tr("PXP executive summary, as of %1").arg(models::format::dateTimeLocal(m_state->serverTimeMs()));
  if (m_state->world() == QLatin1String("simulated"))
    text += tr(" · simulated world: every figure is made up for practice, not measured");
  return text;
}

QString ExecutiveDashboard::exportTo(const QString &path) {
  const bool pdf = QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
  auto *content = findChild<QScrollArea *>()->widget();
  const QString heading = exportHeading();
  QFont headingFont = font();
  headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
  headingFont.setBold(true);
  const int headingHeight = QFontMetrics(headingFont).height() * 2;
  // The title, the "as of" time and whether the world is simulated head every export.
  auto paint = [&](QPainter &painter, int width) {
    painter.setFont(headingFont);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, width, headingHeight), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, heading);
    painter.translate(0, headingHeight);
    content->render(&painter);
  };
  if (!pdf) {
    QImage image(content->width(), content->height() + headingHeight, QImage::Format_ARGB32);
    image.fill(palette().color(QPalette::Window));
    QPainter painter(&image);
    paint(painter, content->width());
    painter.end();
    if (!image.save(path))
      return tr("cannot write %1: check the folder exists and is writable").arg(path);
    return {};
  }
  QPdfWriter writer(path);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageOrientation(QPageLayout::Landscape);
  writer.setResolution(150);
  writer.setTitle(heading);
  writer.setCreator(QStringLiteral("pxp-console"));
  QPainter painter;
  if (!painter.begin(&writer))
    return tr("cannot write %1: check the folder exists and is writable").arg(path);
  const QRect page = painter.viewport();
  const double scale =
      std::min(double(page.width()) / content->width(), double(page.height()) / (content->height() + headingHeight));
  painter.scale(scale, scale);
  paint(painter, content->width());
  painter.end();
  return {};
}

} // namespace pxp::ui
