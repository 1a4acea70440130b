#include "OnCallDashboard.h"

#include "charts/TimeSeriesChart.h"
#include "common/ColumnChooser.h"
#include "common/StateDelegate.h"

#include "pxp/client/BackendQueries.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/SloFilterProxy.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/ui/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>

#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace pxp::ui {
namespace {

constexpr int kHistoryRefreshMs = 15000;

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent) {
  auto *t = new QTableView(parent);
  t->setObjectName(name);
  t->setModel(model);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->setSortingEnabled(true);
  t->setAlternatingRowColors(true);
  t->verticalHeader()->hide();
  t->horizontalHeader()->setStretchLastSection(true);
  t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  return t;
}

QLabel *heading(const QString &text, QWidget *parent) {
  auto *l = new QLabel(text, parent);
  l->setObjectName(QStringLiteral("pageTitle"));
  return l;
}

// Workbook burn thresholds scaled to the SLO's period: burn = budget_fraction * period / long_window.
QList<TimeSeriesChart::Threshold> burnThresholds(qint64 periodSeconds) {
  const double p = periodSeconds > 0 ? static_cast<double>(periodSeconds) : 30 * 86400.0;
  return {{0.02 * p / 3600, QStringLiteral("page (1h/5m)"), Theme::tierColor(5)},
          {0.05 * p / 21600, QStringLiteral("page (6h/30m)"), Theme::tierColor(4)},
          {0.10 * p / 86400, QStringLiteral("ticket (1d/2h)"), Theme::tierColor(3)},
          {0.10 * p / 259200, QStringLiteral("ticket (3d/6h)"), Theme::tierColor(2)}};
}

} // namespace

OnCallDashboard::OnCallDashboard(models::LiveState *state, client::BackendQueries *queries, QWidget *parent)
    : QWidget(parent), m_state(state), m_queries(queries) {
  setObjectName(QStringLiteral("onCallDashboard"));
  auto *layout = new QVBoxLayout(this);
  auto *banners = new QHBoxLayout;
  m_bannerRow = banners;
  m_killSwitch = new QLabel(this);
  m_killSwitch->setObjectName(QStringLiteral("killSwitchBanner"));
  m_overrides = new QLabel(this);
  m_overrides->setObjectName(QStringLiteral("overridesLabel"));
  banners->addWidget(m_killSwitch);
  banners->addWidget(m_overrides, 1);
  layout->addLayout(banners);

  auto *split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(buildSloPanel());
  split->addWidget(buildRightPanel());
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  m_historyTimer = new QTimer(this);
  m_historyTimer->setInterval(kHistoryRefreshMs);
  connect(m_historyTimer, &QTimer::timeout, this, &OnCallDashboard::requestHistory);
  connect(m_queries, &client::BackendQueries::historyReceived, this, &OnCallDashboard::onHistory);
  connect(m_state, &models::LiveState::killSwitchChanged, this, &OnCallDashboard::refreshBanner);
  connect(m_state, &models::LiveState::overridesChanged, this, &OnCallDashboard::refreshBanner);
  connect(m_state, &models::LiveState::changed, this, [this] {
    if (m_selectedSlo.isEmpty() && m_sloProxy->rowCount() > 0)
      selectSlo(m_sloProxy->index(0, 0).data(models::SloTableModel::SloIdRole).toString());
  });
  refreshBanner();
}

QWidget *OnCallDashboard::buildSloPanel() {
  auto *panel = new QWidget(this);
  auto *v = new QVBoxLayout(panel);
  v->setContentsMargins(0, 0, 0, 0);
  auto *top = new QHBoxLayout;
  top->addWidget(heading(tr("SLOs and burn rates"), panel));
  auto *filter = new QLineEdit(panel);
  filter->setObjectName(QStringLiteral("sloFilter"));
  filter->setPlaceholderText(tr("Filter by SLO, service, owner…"));
  filter->setClearButtonEnabled(true);
  top->addWidget(filter, 1);
  v->addLayout(top);

  m_sloProxy = new models::SloFilterProxy(this);
  m_sloProxy->setSourceModel(m_state->slos());
  connect(filter, &QLineEdit::textChanged, m_sloProxy, &models::SloFilterProxy::setFilterText);
  m_sloTable = makeTable(m_sloProxy, QStringLiteral("onCallSloTable"), panel);
  m_sloTable->sortByColumn(models::SloTableModel::StateColumn, Qt::DescendingOrder);
  {
    // Why a page fires, without scrolling at 1366x768: each window's burn, the firing tier and
    // the state. The rest (objective, attainment, 30m/1d/3d, owner ...) a right-click away.
    using M = models::SloTableModel;
    installColumnChooser(m_sloTable, {M::SloColumn, M::ServiceColumn, M::BudgetRemainingColumn, M::Burn5mColumn,
                                      M::Burn1hColumn, M::Burn6hColumn, M::TierColumn, M::StateColumn});
    m_sloTable->horizontalHeader()->setSectionResizeMode(M::SloColumn, QHeaderView::Stretch);
    m_sloTable->horizontalHeader()->setStretchLastSection(false);
  }
  m_sloTable->setItemDelegateForColumn(
      models::SloTableModel::TierColumn,
      new StateDelegate(StateDelegate::Source::Tier, models::SloTableModel::TierRole, this));
  m_sloTable->setItemDelegateForColumn(
      models::SloTableModel::StateColumn,
      new StateDelegate(StateDelegate::Source::State, models::SloTableModel::StateRole, this));
  connect(m_sloTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
    if (cur.isValid())
      selectSlo(cur.data(models::SloTableModel::SloIdRole).toString());
  });
  connect(m_sloTable, &QTableView::doubleClicked, this, [this](const QModelIndex &idx) {
    emit debugRequested(idx.data(models::SloTableModel::ServiceRole).toString());
  });
  v->addWidget(m_sloTable, 3);

  auto *alertHeader = new QHBoxLayout;
  alertHeader->addWidget(heading(tr("Active alerts by service and owner"), panel), 1);
  auto *showResolved = new QCheckBox(tr("Include resolved (30 days)"), panel);
  showResolved->setObjectName(QStringLiteral("showResolvedAlerts"));
  showResolved->setToolTip(tr("Also list the alerts that fired and resolved in the last 30 days"));
  alertHeader->addWidget(showResolved);
  v->addLayout(alertHeader);
  m_alertProxy = new QSortFilterProxyModel(this);
  m_alertProxy->setSourceModel(m_state->alerts());
  m_alertProxy->setSortRole(models::AlertTableModel::SortRole);
  // Firing only, unless asked: a resolved alert is history, not something to act on.
  m_alertProxy->setFilterRole(models::AlertTableModel::FiringRole);
  m_alertProxy->setFilterFixedString(QStringLiteral("true"));
  connect(showResolved, &QCheckBox::toggled, this,
          [this](bool on) { m_alertProxy->setFilterFixedString(on ? QString() : QStringLiteral("true")); });
  m_alertTable = makeTable(m_alertProxy, QStringLiteral("alertTable"), panel);
  m_alertTable->sortByColumn(models::AlertTableModel::ServiceColumn, Qt::AscendingOrder);
  {
    // What fires, where, for how long and why (the summary says the burn).
    using A = models::AlertTableModel;
    installColumnChooser(m_alertTable,
                         {A::SeverityColumn, A::SloColumn, A::OwnerColumn, A::DurationColumn, A::SummaryColumn});
    m_alertTable->setWordWrap(true);
  }
  m_alertTable->setItemDelegateForColumn(
      models::AlertTableModel::SeverityColumn,
      new StateDelegate(StateDelegate::Source::Tier, models::AlertTableModel::TierRole, this));
  connect(m_alertTable, &QTableView::doubleClicked, this,
          [this](const QModelIndex &idx) { selectSlo(idx.data(models::AlertTableModel::SloIdRole).toString()); });
  v->addWidget(m_alertTable, 2);
  return panel;
}

QWidget *OnCallDashboard::buildRightPanel() {
  auto *panel = new QWidget(this);
  auto *v = new QVBoxLayout(panel);
  m_rightColumn = v;
  v->setContentsMargins(0, 0, 0, 0);
  auto *top = new QHBoxLayout;
  m_chartTitle = heading(tr("Burn rate"), panel);
  top->addWidget(m_chartTitle, 1);
  // Zoom: the last minutes of a page, or the day around it.
  m_span = new QComboBox(panel);
  m_span->setObjectName(QStringLiteral("burnSpan"));
  m_span->setToolTip(tr("How far back the burn chart reaches"));
  for (const auto &[label, minutes] : {std::pair{tr("last 30 min"), 30}, std::pair{tr("last 1 h"), 60},
                                       std::pair{tr("last 6 h"), 360}, std::pair{tr("last 24 h"), 1440}})
    m_span->addItem(label, qint64(minutes) * 60'000);
  m_span->setCurrentIndex(2);
  connect(m_span, &QComboBox::currentIndexChanged, this, [this] {
    m_burnChart->chart()->setTitle(tr("1h burn rate (× budget pace), %1").arg(m_span->currentText()));
    m_burnChart->clearSeries();
    requestHistory();
  });
  top->addWidget(m_span);
  auto *debug = new QPushButton(tr("Debug this service"), panel);
  debug->setObjectName(QStringLiteral("debugButton"));
  debug->setToolTip(tr("Traces, logs and RED metrics of the selected SLO's service"));
  connect(debug, &QPushButton::clicked, this, [this] {
    if (const auto slo = m_state->slo(m_selectedSlo))
      emit debugRequested(slo->service);
  });
  top->addWidget(debug);
  v->addLayout(top);
  m_burnChart = new TimeSeriesChart(tr("1h burn rate (× budget pace), last 6 h"), panel);
  m_burnChart->setObjectName(QStringLiteral("burnChart"));
  m_burnChart->setMinimumHeight(220); // docks below take room from the tables, not from the chart
  m_burnChart->setValueFormat(QStringLiteral("%.1f"));
  v->addWidget(m_burnChart, 3);

  v->addWidget(heading(tr("Deploys and canaries"), panel));
  auto *deployProxy = new QSortFilterProxyModel(this);
  deployProxy->setSourceModel(m_state->deployments());
  deployProxy->setSortRole(models::DeploymentTableModel::SortRole);
  m_deployTable = makeTable(deployProxy, QStringLiteral("deploymentTable"), panel);
  m_deployTable->sortByColumn(models::DeploymentTableModel::StartedColumn, Qt::DescendingOrder);
  {
    using D = models::DeploymentTableModel;
    installColumnChooser(m_deployTable,
                         {D::ServiceColumn, D::VersionColumn, D::WeightColumn, D::StatusColumn, D::CanaryColumn});
  }
  v->addWidget(m_deployTable, 1);

  v->addWidget(heading(tr("Automation: policy decisions"), panel));
  m_decisionTable = makeTable(m_state->decisions(), QStringLiteral("decisionTable"), panel);
  m_decisionTable->setSortingEnabled(false);
  m_decisionTable->setWordWrap(true);
  {
    using D = models::DecisionTableModel;
    installColumnChooser(m_decisionTable, {D::TimeColumn, D::PolicyColumn, D::OutcomeColumn, D::ExplanationColumn});
  }
  v->addWidget(m_decisionTable, 2);
  return panel;
}

void OnCallDashboard::addBannerWidget(QWidget *widget) {
  m_bannerRow->addWidget(widget);
}

void OnCallDashboard::addDeploymentControls(QWidget *widget) {
  m_rightColumn->insertWidget(m_rightColumn->indexOf(m_deployTable) + 1, widget);
}

void OnCallDashboard::refreshBanner() {
  const auto &k = m_state->killSwitch();
  if (!k.scopes.isEmpty()) {
    QStringList scopes;
    for (const auto &s : k.scopes)
      scopes << tr("for %1 by %2 at %3: %4")
                    .arg(s.service.isEmpty() ? tr("all services") : s.service, s.actor,
                         models::format::timeLocal(s.engagedAtMs), s.reason);
    m_killSwitch->setText(tr("KILL SWITCH ENGAGED %1 — automation takes no action there").arg(scopes.join("; ")));
    m_killSwitch->setStyleSheet(QStringLiteral("background:%1;color:white;").arg(Theme::stateColor(3).name()));
  } else {
    m_killSwitch->setText(tr("Automation active (kill switch released)"));
    m_killSwitch->setStyleSheet(QStringLiteral("background:%1;color:white;").arg(Theme::stateColor(1).name()));
  }
  QStringList parts;
  for (const auto &o : m_state->overrides())
    parts << (o.pause
                  ? tr("%1 paused by %2 until %3").arg(o.policyId, o.actor, models::format::timeLocal(o.expiresAtMs))
                  : tr("%1 forced once by %2").arg(o.policyId, o.actor));
  m_overrides->setText(parts.isEmpty() ? tr("No manual overrides")
                                       : tr("Overrides: %1").arg(parts.join(QStringLiteral("; "))));
}

void OnCallDashboard::selectSlo(const QString &sloId) {
  if (sloId.isEmpty())
    return;
  const bool changed = sloId != m_selectedSlo;
  m_selectedSlo = sloId;
  const int sourceRow = m_state->slos()->rowOf(sloId);
  if (sourceRow >= 0) {
    const auto proxyIndex = m_sloProxy->mapFromSource(m_state->slos()->index(sourceRow, 0));
    if (proxyIndex.isValid() && m_sloTable->currentIndex().row() != proxyIndex.row())
      m_sloTable->setCurrentIndex(proxyIndex);
  }
  if (!changed)
    return;
  const auto slo = m_state->slo(sloId);
  m_chartTitle->setText(slo ? tr("Burn rate: %1 (%2)").arg(slo->name, slo->service) : sloId);
  m_burnChart->setThresholds(burnThresholds(slo ? slo->periodSeconds : 0));
  m_burnChart->clearSeries();
  requestHistory();
  emit sloSelected(sloId);
}

qint64 OnCallDashboard::chartSpanMs() const {
  return m_span->currentData().toLongLong();
}

void OnCallDashboard::requestHistory() {
  if (m_selectedSlo.isEmpty())
    return;
  const qint64 end = m_state->serverTimeMs();
  if (end == 0)
    return;
  const qint64 span = chartSpanMs();
  // ~360 points whatever the span: 10 s steps for 30 minutes, 4 minutes for a day.
  m_queries->fetchHistory(m_selectedSlo, end - span, end, std::max<qint64>(10, span / 1000 / 360));
}

void OnCallDashboard::onHistory(const client::SloHistoryValue &history) {
  if (history.sloId != m_selectedSlo || history.endMs - history.startMs != chartSpanMs())
    return; // another view's request, or an older selection
  m_burnChart->setTimeRange(history.startMs, history.endMs);
  m_burnChart->setSeries(0, tr("1h burn rate"), history.burnRate1h, Theme::accent());
  updateMarkers();
}

void OnCallDashboard::updateMarkers() {
  const auto slo = m_state->slo(m_selectedSlo);
  if (!slo)
    return;
  QList<TimeSeriesChart::Marker> markers;
  auto *deps = m_state->deployments();
  for (int r = 0; r < deps->rowCount(); ++r) {
    const auto &d = deps->at(r);
    if (d.service != slo->service)
      continue;
    markers.push_back({d.startedAtMs, tr("deploy %1").arg(d.version), Theme::muted()});
    if (d.status == QLatin1String("rolled back") || d.status == QLatin1String("aborted"))
      markers.push_back({d.updatedAtMs, tr("%1 %2").arg(d.status, d.version), Theme::stateColor(2)});
  }
  m_burnChart->setMarkers(markers);
}

void OnCallDashboard::showEvent(QShowEvent *event) {
  QWidget::showEvent(event);
  requestHistory();
  m_historyTimer->start();
}

void OnCallDashboard::hideEvent(QHideEvent *event) {
  QWidget::hideEvent(event);
  m_historyTimer->stop();
}

} // namespace pxp::ui
