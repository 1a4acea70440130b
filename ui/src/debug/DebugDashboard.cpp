#include "debug/DebugDashboard.h"
#include "common/ColumnChooser.h"

#include "debug/ErrorRowDelegate.h"
#include "debug/PromQlPanel.h"
#include "debug/SpanDetailsTable.h"
#include "debug/TraceFilterBar.h"
#include "debug/TraceWaterfall.h"

#include "pxp/client/BackendQueries.h"
#include "pxp/models/FlagTableModel.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/models/debug/LogTableModel.h"
#include "pxp/models/debug/RedTableModel.h"
#include "pxp/models/debug/TraceListModel.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLocale>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace pxp::ui {

using client::TraceValue;
using models::LogTableModel;
using models::TraceListModel;

namespace {

QGroupBox *boxed(const QString &title, QWidget *content, QWidget *parent) {
  auto *box = new QGroupBox(title, parent);
  auto *layout = new QVBoxLayout(box);
  layout->setContentsMargins(4, 4, 4, 4);
  content->setParent(box);
  layout->addWidget(content);
  return box;
}

// The queries this page asks (QueryWorker's names); other pages' failures are theirs to show.
bool isOurQuery(const QString &what) {
  for (const char *prefix : {"traces", "trace ", "logs", "RED metrics"})
    if (what.startsWith(QLatin1String(prefix)))
      return true;
  return false;
}

} // namespace

DebugDashboard::DebugDashboard(models::LiveState *state, client::BackendQueries *queries, QWidget *parent)
    : QWidget(parent), m_state(state), m_queries(queries), m_traces(new TraceListModel(this)),
      m_logs(new LogTableModel(this)), m_red(new models::RedTableModel(this)) {
  setObjectName(QStringLiteral("debugDashboard"));
  m_filterBar = new TraceFilterBar(this);
  auto *main = new QSplitter(Qt::Vertical, this);
  auto *top = new QSplitter(Qt::Horizontal, main);
  top->addWidget(buildTracePane());
  top->addWidget(buildDetailPane());
  top->setSizes({420, 980});
  main->addWidget(top);
  main->addWidget(buildMetricsPane());
  m_promQl = new PromQlPanel(this);
  main->addWidget(boxed(tr("PromQL (the connection profile's Prometheus)"), m_promQl, main));
  main->setStretchFactor(0, 3);
  main->setStretchFactor(1, 2); // endpoints and flags: several rows, not one, at 768 px
  main->setStretchFactor(2, 0); // the PromQL box grows (its minimum) once a query answers
  auto *layout = new QVBoxLayout(this);
  layout->addWidget(m_filterBar);
  layout->addWidget(main, 1);

  connect(m_filterBar, &TraceFilterBar::filterChanged, this, &DebugDashboard::onFilterChanged);
  connect(m_filterBar, &TraceFilterBar::refreshRequested, this, &DebugDashboard::refresh);
  connect(m_queries, &client::BackendQueries::tracesReceived, this, &DebugDashboard::onTraces);
  connect(m_queries, &client::BackendQueries::logsReceived, this, &DebugDashboard::onLogs);
  connect(m_queries, &client::BackendQueries::redReceived, this,
          [this](const QList<client::RedValue> &endpoints, const QList<client::CostValue> &) { onRed(endpoints); });
  connect(m_queries, &client::BackendQueries::queryFailed, this, &DebugDashboard::onQueryFailed);
  connect(m_state, &models::LiveState::changed, this, &DebugDashboard::updateServiceChoices);
  m_refreshTimer.setInterval(kRefreshIntervalMs);
  connect(&m_refreshTimer, &QTimer::timeout, this, &DebugDashboard::refresh);
  updateServiceChoices();
}

DebugDashboard::~DebugDashboard() = default;

QWidget *DebugDashboard::buildTracePane() {
  m_traceTable = addTable(QStringLiteral("traceTable"), m_traces, TraceListModel::SortRole, this);
  m_traceProxy = qobject_cast<QSortFilterProxyModel *>(m_traceTable->model());
  m_traceTable->setItemDelegate(new ErrorRowDelegate(TraceListModel::HasErrorRole, m_traceTable));
  m_traceTable->sortByColumn(TraceListModel::StartColumn, Qt::DescendingOrder);
  m_traceTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  // Errors show as red rows; the span count is in the waterfall: four columns fit the pane.
  installColumnChooser(m_traceTable, {TraceListModel::StartColumn, TraceListModel::ServiceColumn,
                                      TraceListModel::OperationColumn, TraceListModel::DurationColumn});
  m_traceTable->horizontalHeader()->setSectionResizeMode(TraceListModel::OperationColumn, QHeaderView::Stretch);
  m_traceTable->horizontalHeader()->setStretchLastSection(false);
  connect(m_traceTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &DebugDashboard::onTraceSelectionChanged);
  return boxed(tr("Sampled traces"), m_traceTable, this);
}

QWidget *DebugDashboard::buildDetailPane() {
  auto *detail = new QSplitter(Qt::Vertical, this);
  m_waterfall = new TraceWaterfall;
  m_waterfall->setObjectName(QStringLiteral("waterfall"));
  auto *scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setWidget(m_waterfall);
  detail->addWidget(boxed(tr("Waterfall of the selected trace"), scroll, detail));
  connect(m_waterfall, &TraceWaterfall::spanSelected, this, &DebugDashboard::onSpanSelected);

  auto *bottom = new QSplitter(Qt::Horizontal, detail);
  m_spanDetails = new SpanDetailsTable;
  m_spanDetails->setObjectName(QStringLiteral("spanAttributes"));
  bottom->addWidget(boxed(tr("Span"), m_spanDetails, bottom));
  QTableView *logTable = addTable(QStringLiteral("logTable"), m_logs, LogTableModel::SortRole, this);
  logTable->setItemDelegate(new ErrorRowDelegate(LogTableModel::IsErrorRole, logTable));
  logTable->horizontalHeader()->setStretchLastSection(false);
  logTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  logTable->horizontalHeader()->setSectionResizeMode(LogTableModel::MessageColumn, QHeaderView::Stretch);
  installColumnChooser(logTable, {LogTableModel::TimeColumn, LogTableModel::ServiceColumn, LogTableModel::EventColumn,
                                  LogTableModel::SeverityColumn, LogTableModel::MessageColumn});
  connect(logTable, &QTableView::clicked, this, [this](const QModelIndex &index) {
    // A product event linked by request id only has no span to select.
    if (const QString spanId = index.data(LogTableModel::SpanIdRole).toString(); !spanId.isEmpty())
      m_waterfall->selectSpan(spanId);
  });
  bottom->addWidget(boxed(tr("Logs and product events of the selected trace"), logTable, bottom));
  bottom->setStretchFactor(1, 2);
  detail->addWidget(bottom);
  detail->setStretchFactor(0, 3);
  detail->setStretchFactor(1, 2);
  return detail;
}

QWidget *DebugDashboard::buildMetricsPane() {
  auto *metrics = new QSplitter(Qt::Horizontal, this);
  QTableView *red = addTable(QStringLiteral("redTable"), m_red, models::RedTableModel::SortRole, this);
  {
    using R = models::RedTableModel;
    installColumnChooser(
        red, {R::ServiceColumn, R::EndpointColumn, R::RequestsPerSecondColumn, R::ErrorRatioColumn, R::P95Column});
    red->horizontalHeader()->setSectionResizeMode(R::EndpointColumn, QHeaderView::Stretch);
    red->horizontalHeader()->setStretchLastSection(false);
  }
  metrics->addWidget(boxed(tr("Endpoints: rate, errors, duration (last 5 minutes)"), red, metrics));
  QTableView *flags = addTable(QStringLiteral("flagTable"), m_state->flags(), models::FlagTableModel::SortRole, this);
  {
    using F = models::FlagTableModel;
    installColumnChooser(flags, {F::KeyColumn, F::EnabledColumn, F::RolloutColumn, F::ServiceColumn});
    flags->horizontalHeader()->setSectionResizeMode(F::KeyColumn, QHeaderView::Stretch);
    flags->horizontalHeader()->setStretchLastSection(false);
  }
  metrics->addWidget(boxed(tr("Feature flags"), flags, metrics));
  m_flagTable = flags;
  return metrics;
}

void DebugDashboard::addFlagControls(QWidget *widget) {
  m_flagTable->parentWidget()->layout()->addWidget(widget);
}

void DebugDashboard::setPrometheusUrl(const QString &url) {
  m_promQl->setPrometheusUrl(url);
}

QTableView *DebugDashboard::addTable(const QString &objectName, QAbstractItemModel *model, int sortRole,
                                     QWidget *parent) {
  auto *view = new QTableView(parent);
  view->setObjectName(objectName);
  auto *proxy = new QSortFilterProxyModel(view);
  proxy->setSourceModel(model);
  proxy->setSortRole(sortRole);
  view->setModel(proxy);
  view->setSortingEnabled(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setSelectionMode(QAbstractItemView::SingleSelection);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->setAlternatingRowColors(true);
  view->setWordWrap(false);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  return view;
}

QString DebugDashboard::service() const {
  return m_filterBar->service();
}

bool DebugDashboard::errorsOnly() const {
  return m_filterBar->errorsOnly();
}

QString DebugDashboard::storeStatsText(const client::TraceStoreStatsValue &stats) {
  QLocale grouped(QLocale::C);
  grouped.setNumberOptions(QLocale::DefaultNumberOptions); // "12,340" whatever the user's locale
  QString spans = tr("%1 spans stored, %2 dropped, unlinked %3")
                      .arg(grouped.toString(stats.spansStored), grouped.toString(stats.spansDropped),
                           models::format::percent(stats.unlinkedRatio, 1));
  if (stats.spansTruncated > 0) // a trace too long for the store: it shows what was kept
    spans += tr(" (%1 of them from truncated traces)").arg(grouped.toString(stats.spansTruncated));
  // Dropped log records are said only when there are some: the store's cap is rarely reached.
  const QString logsDropped =
      stats.logsDropped > 0 ? tr(" · %1 log records dropped").arg(grouped.toString(stats.logsDropped)) : QString();
  if (stats.eventsReceived <= 0)
    return tr("%1 · no product events%2").arg(spans, logsDropped);
  const double eventsUnlinkedRatio = double(stats.eventsUnlinked) / double(stats.eventsReceived);
  return tr("%1 · %2 product events, unlinked %3%4")
      .arg(spans, grouped.toString(stats.eventsReceived), models::format::percent(eventsUnlinkedRatio, 1), logsDropped);
}

void DebugDashboard::focusService(const QString &service) {
  m_filterBar->setService(service);
  onFilterChanged();
}

void DebugDashboard::refresh() {
  const QString filter = service();
  m_queries->fetchTraces(filter, errorsOnly(), kTraceLimit);
  m_queries->fetchRed(filter, kRedWindowSeconds);
  if (!m_selectedTraceId.isEmpty())
    m_queries->fetchLogs(m_selectedTraceId, QString(), kLogLimit);
}

void DebugDashboard::selectTrace(const QString &traceId) {
  const int row = traceId.isEmpty() ? -1 : m_traces->rowOf(traceId);
  if (row < 0) {
    m_traceTable->selectionModel()->clearSelection();
    return;
  }
  const QModelIndex index = m_traceProxy->mapFromSource(m_traces->index(row, 0));
  m_traceTable->selectionModel()->setCurrentIndex(index,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  m_traceTable->scrollTo(index);
}

void DebugDashboard::showEvent(QShowEvent *event) {
  QWidget::showEvent(event);
  refresh();
  m_refreshTimer.start();
}

void DebugDashboard::hideEvent(QHideEvent *event) {
  QWidget::hideEvent(event);
  m_refreshTimer.stop();
}

bool DebugDashboard::matchesFilter(const TraceValue &trace) const {
  if (errorsOnly() && !trace.hasError)
    return false;
  const QString filter = service();
  return filter.isEmpty() ||
         std::any_of(trace.spans.begin(), trace.spans.end(), [&](const auto &span) { return span.service == filter; });
}

// Shows the last answers through the current filter at once; an answer to an older filter
// (still in flight when the filter changed) cannot show what the filter excludes.
void DebugDashboard::showTraces() {
  QList<TraceValue> shown;
  for (const TraceValue &trace : std::as_const(m_lastTraces))
    if (matchesFilter(trace))
      shown.append(trace);
  m_traces->setTraces(shown);
  if (!m_selectedTraceId.isEmpty() && m_traces->rowOf(m_selectedTraceId) < 0)
    onTraceSelectionChanged(); // its row went with the update
  if (const TraceValue *selected = m_traces->find(m_selectedTraceId))
    m_waterfall->setTrace(*selected);
  else
    autoSelectTrace();
}

void DebugDashboard::showRed() {
  const QString filter = service();
  QList<client::RedValue> shown;
  for (const client::RedValue &endpoint : std::as_const(m_lastRed))
    if (filter.isEmpty() || endpoint.service == filter)
      shown.append(endpoint);
  m_red->setEndpoints(shown);
}

void DebugDashboard::updateServiceChoices() {
  QStringList services;
  const models::SloTableModel *slos = m_state->slos();
  for (int row = 0; row < slos->rowCount(); ++row) {
    const QString name = slos->index(row, 0).data(models::SloTableModel::ServiceRole).toString();
    if (!name.isEmpty() && !services.contains(name))
      services.append(name);
  }
  services.sort();
  m_filterBar->setServices(services);
}

void DebugDashboard::onFilterChanged() {
  showTraces();
  showRed();
  refresh();
}

void DebugDashboard::onTraces(const QString &service, bool errorsOnly, const QList<TraceValue> &traces,
                              const client::TraceStoreStatsValue &stats) {
  // An answer to a filter the user has since changed would replace the list (and the selected
  // trace) with the wrong traces; the answer to the current filter is on its way.
  if (service != this->service() || errorsOnly != this->errorsOnly())
    return;
  m_filterBar->showError(QString());
  m_filterBar->setStats(storeStatsText(stats));
  m_lastTraces = traces;
  showTraces();
}

void DebugDashboard::onLogs(const QString &traceId, const QList<client::LogValue> &logs) {
  if (traceId == m_selectedTraceId) // older answers, or another page's, are not ours
    m_logs->setLogs(logs);
}

void DebugDashboard::onRed(const QList<client::RedValue> &endpoints) {
  m_lastRed = endpoints;
  showRed();
}

void DebugDashboard::onQueryFailed(const QString &what, const QString &error) {
  if (isOurQuery(what))
    m_filterBar->showError(tr("Could not load %1: %2").arg(what, error));
}

void DebugDashboard::onTraceSelectionChanged() {
  const QModelIndexList rows = m_traceTable->selectionModel()->selectedRows();
  const QString id = rows.isEmpty() ? QString() : rows.first().data(TraceListModel::TraceIdRole).toString();
  if (id == m_selectedTraceId)
    return;
  m_selectedTraceId = id;
  m_logs->clear();
  const TraceValue *trace = m_traces->find(id);
  if (!trace) {
    m_waterfall->clear();
    return;
  }
  m_waterfall->setTrace(*trace);
  // Show the root cause first: the first span that failed with a message, else the root.
  QString focus = m_waterfall->rowCount() > 0 ? m_waterfall->spanAt(0).spanId : QString();
  for (int row = m_waterfall->rowCount() - 1; row >= 0; --row)
    if (m_waterfall->spanAt(row).error && !m_waterfall->spanAt(row).statusMessage.isEmpty())
      focus = m_waterfall->spanAt(row).spanId;
  m_waterfall->selectSpan(focus);
  onSpanSelected(focus);
  m_queries->fetchLogs(id, QString(), kLogLimit);
}

void DebugDashboard::onSpanSelected(const QString &) {
  m_spanDetails->showSpan(m_waterfall->selectedSpan(), m_waterfall->trace().startUs);
}

void DebugDashboard::autoSelectTrace() {
  if (!m_selectedTraceId.isEmpty())
    return;
  int row = m_traces->newestRow(true);
  if (row < 0)
    row = m_traces->newestRow();
  if (row >= 0)
    selectTrace(m_traces->at(row).traceId);
}

} // namespace pxp::ui
