#include "IncidentChartPanel.h"

#include "EntryKindStyle.h"
#include "charts/TimeSeriesChart.h"

#include "pxp/client/BackendQueries.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/timeline/AutomaticEntryMapper.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/ui/Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pxp::ui {
namespace {

constexpr int kMarkerCoalesceMs = 200;
constexpr int kHistoryRefreshMs = 15000;
constexpr qint64 kTargetPoints = 360;        // per chart: enough for a smooth line, cheap to fetch
constexpr qint64 kMinStepSeconds = 10;       // the engine's tick
constexpr qint64 kMinWindowMs = 3600 * 1000; // a fresh incident still shows an hour of context

// One decimal is enough for a share that matters; a small one keeps two so it does not read 0.0 %.
QString budgetShareText(double share) {
  return models::format::percent(share, share < 0.01 ? 2 : 1);
}

QString requestKey(const QString &slo, qint64 startMs, qint64 endMs) {
  return QStringLiteral("%1|%2|%3").arg(slo).arg(startMs).arg(endMs);
}

} // namespace

IncidentChartPanel::IncidentChartPanel(models::LiveState *state, client::BackendQueries *queries,
                                       const models::TimelineModel *timeline, QWidget *parent)
    : QWidget(parent), m_state(state), m_queries(queries), m_timeline(timeline) {
  setObjectName(QStringLiteral("incidentChartPanel"));
  auto *v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  auto *top = new QHBoxLayout;
  m_title = new QLabel(tr("SLO during the incident"), this);
  m_title->setObjectName(QStringLiteral("pageTitle"));
  top->addWidget(m_title, 1);
  m_slo = new QComboBox(this);
  m_slo->setObjectName(QStringLiteral("incidentSloSelector"));
  m_slo->setToolTip(tr("The incident's SLO the chart shows"));
  connect(m_slo, &QComboBox::currentIndexChanged, this, &IncidentChartPanel::sloChosen);
  top->addWidget(m_slo);
  v->addLayout(top);
  m_chart = new TimeSeriesChart(tr("1h burn rate (× budget pace); entries as markers"), this);
  m_chart->setObjectName(QStringLiteral("incidentChart"));
  m_chart->setValueFormat(QStringLiteral("%.1f"));
  v->addWidget(m_chart, 1);
  m_budget = new QLabel(this);
  m_budget->setObjectName(QStringLiteral("incidentBudget"));
  m_budget->setWordWrap(true); // a long sentence must not widen the window
  v->addWidget(m_budget);

  m_markerTimer = new QTimer(this);
  m_markerTimer->setSingleShot(true);
  m_markerTimer->setInterval(kMarkerCoalesceMs);
  connect(m_markerTimer, &QTimer::timeout, this, &IncidentChartPanel::updateMarkers);
  connect(m_timeline, &QAbstractItemModel::modelReset, m_markerTimer, qOverload<>(&QTimer::start));
  connect(m_timeline, &QAbstractItemModel::layoutChanged, m_markerTimer, qOverload<>(&QTimer::start));
  connect(m_timeline, &QAbstractItemModel::rowsInserted, m_markerTimer, qOverload<>(&QTimer::start));
  connect(m_timeline, &QAbstractItemModel::rowsRemoved, m_markerTimer, qOverload<>(&QTimer::start));
  connect(m_timeline, &QAbstractItemModel::rowsMoved, m_markerTimer, qOverload<>(&QTimer::start));
  connect(m_timeline, &QAbstractItemModel::dataChanged, m_markerTimer, qOverload<>(&QTimer::start));

  m_historyTimer = new QTimer(this);
  m_historyTimer->setInterval(kHistoryRefreshMs);
  connect(m_historyTimer, &QTimer::timeout, this, [this] {
    if (m_incident && !m_incident->isResolved())
      requestHistories(); // the window grows while the incident is open
  });
  connect(m_queries, &client::BackendQueries::historyReceived, this, &IncidentChartPanel::onHistory);
  showIncident(std::nullopt);
}

void IncidentChartPanel::showIncident(const std::optional<models::Incident> &incident) {
  const bool same = incident && m_incident && incident->id == m_incident->id &&
                    incident->sloIds == m_incident->sloIds && incident->resolvedAtMs == m_incident->resolvedAtMs;
  m_incident = incident;
  if (same)
    return;
  m_histories.clear();
  m_consumed.clear();
  m_requested.clear();
  m_chart->clearSeries();
  {
    const QSignalBlocker block(m_slo);
    m_slo->clear();
    if (incident)
      for (const auto &id : incident->sloIds) {
        const auto slo = m_state->slo(id);
        m_slo->addItem(slo ? tr("%1 (%2)").arg(slo->name, id) : id, id);
      }
  }
  m_slo->setVisible(m_slo->count() > 1);
  if (!incident) {
    m_title->setText(tr("SLO during the incident"));
    m_budget->setText(tr("Select an incident to see its SLO."));
  } else if (incident->sloIds.isEmpty()) {
    m_title->setText(tr("No SLO affected"));
    m_budget->setText(tr("Add an affected SLO (Change incident…) to see its chart here."));
  } else {
    sloChosen();
    requestHistories();
  }
  m_markerTimer->start();
}

QString IncidentChartPanel::selectedSlo() const {
  return m_slo->currentData().toString();
}

qint64 IncidentChartPanel::windowStartMs() const {
  if (!m_incident)
    return 0;
  // A fresh incident still shows an hour of context: the window grows backwards, never past now;
  // and it reaches back to the first alert, however long before the opening it fired.
  return std::min({m_incident->openedAtMs - models::AutomaticEntryMapper::kLeadInMs, windowEndMs() - kMinWindowMs,
                   firstImpactEntryMs()});
}

qint64 IncidentChartPanel::windowEndMs() const {
  if (!m_incident)
    return 0;
  const qint64 now = m_state->serverTimeMs();
  qint64 end = m_incident->isResolved() ? m_incident->resolvedAtMs + models::AutomaticEntryMapper::kTailMs : now;
  if (now > 0)
    end = std::min(end, now); // the daemon has nothing after its now
  end = std::max(end, m_incident->openedAtMs);
  // Whole minutes, so a refresh that finds nothing new repeats the same request.
  return (end / 60000 + 1) * 60000;
}

void IncidentChartPanel::requestHistories() {
  if (!m_incident || !isVisible())
    return;
  const qint64 start = windowStartMs(), end = windowEndMs();
  const qint64 step = std::max(kMinStepSeconds, (end - start) / 1000 / kTargetPoints);
  for (const auto &id : m_incident->sloIds) {
    const QString key = requestKey(id, start, end);
    if (m_requested.contains(key))
      continue;
    m_requested.insert(key);
    m_queries->fetchHistory(id, start, end, step);
  }
}

void IncidentChartPanel::onHistory(const client::SloHistoryValue &history) {
  if (!m_incident || !m_requested.remove(requestKey(history.sloId, history.startMs, history.endMs)))
    return; // another view's request, or an earlier incident's
  m_histories.insert(history.sloId, history);
  recomputeBudget();
  if (history.sloId == selectedSlo())
    sloChosen();
}

void IncidentChartPanel::recomputeBudget() {
  if (!m_incident)
    return;
  const qint64 from = impactStartMs();
  QMap<QString, double> consumed;
  for (auto it = m_histories.cbegin(); it != m_histories.cend(); ++it) {
    const qint64 to = m_incident->isResolved() ? m_incident->resolvedAtMs : it->endMs;
    if (const double share = consumedShare(*it, from, to); !std::isnan(share))
      consumed.insert(it.key(), share);
  }
  if (consumed == m_consumed)
    return;
  m_consumed = consumed;
  emit budgetUpdated();
}

qint64 IncidentChartPanel::firstImpactEntryMs() const {
  qint64 first = std::numeric_limits<qint64>::max();
  if (!m_incident)
    return first;
  for (const auto &e : m_timeline->entries())
    if (!e.deleted && e.incidentId == m_incident->id &&
        (e.kind == models::EntryKind::Alert || e.kind == models::EntryKind::CustomerImpact))
      first = std::min(first, e.eventTimeMs);
  return first;
}

qint64 IncidentChartPanel::impactStartMs() const {
  return m_incident ? std::min(m_incident->openedAtMs, firstImpactEntryMs()) : 0;
}

void IncidentChartPanel::sloChosen() {
  const QString id = selectedSlo();
  const auto slo = m_state->slo(id);
  m_title->setText(slo ? tr("%1 (%2) during the incident").arg(slo->name, slo->service) : id);
  const auto it = m_histories.constFind(id);
  if (it == m_histories.cend()) {
    m_chart->clearSeries();
    m_chart->setTimeRange(windowStartMs(), windowEndMs());
    m_budget->setText(tr("Loading the SLO's history…"));
    requestHistories();
    return;
  }
  m_chart->setTimeRange(it->startMs, it->endMs);
  m_chart->setSeries(0, tr("1h burn rate"), it->burnRate1h, Theme::accent());
  if (!m_consumed.contains(id)) {
    m_budget->setText(tr("No budget data for the incident window yet"));
    return;
  }
  const qint64 from = impactStartMs();
  const QString since = from < m_incident->openedAtMs
                            ? tr("since the first alert at %1 UTC").arg(models::TimelineModel::utcText(from))
                            : tr("since it was opened at %1 UTC").arg(models::TimelineModel::utcText(from));
  const QString period = slo ? tr("the %1-day budget").arg(slo->periodSeconds / 86400) : tr("the period's budget");
  m_budget->setText(tr("Error budget consumed during the incident (%1): %2 of %3")
                        .arg(since, budgetShareText(m_consumed.value(id)), period));
}

void IncidentChartPanel::updateMarkers() {
  QList<TimeSeriesChart::Marker> markers;
  const auto &entries = m_timeline->entries(); // timeline order: the newest are at the end
  for (auto it = entries.crbegin(); it != entries.crend() && markers.size() < kMaxMarkers; ++it) {
    if (it->deleted)
      continue;
    markers.push_front({it->eventTimeMs,
                        tr("%1 UTC %2 (%3): %4")
                            .arg(models::TimelineModel::utcText(it->eventTimeMs), models::kindTitle(it->kind),
                                 it->author, it->text.left(120)),
                        EntryKindStyle::color(it->kind)});
  }
  m_markerCount = int(markers.size());
  m_chart->setMarkers(markers);
  recomputeBudget();  // a new alert entry can move the impact start
  requestHistories(); // ... and the window's start with it (an unchanged window asks nothing)
  if (m_histories.contains(selectedSlo()))
    sloChosen();
}

double IncidentChartPanel::consumedShare(const client::SloHistoryValue &history, qint64 fromMs, qint64 toMs) {
  double allowed = NAN;
  for (const auto &p : history.budgetEvents)
    if (p.x() <= double(toMs) && !std::isnan(p.y()))
      allowed = p.y();
  if (!(allowed > 0))
    return NAN;
  const double stepMs = double(history.stepSeconds) * 1000;
  double bad = 0;
  for (const auto &p : history.badEvents) // a step counts when it overlaps [fromMs, toMs)
    if (p.x() + stepMs > double(fromMs) && p.x() < double(toMs) && !std::isnan(p.y()))
      bad += p.y();
  return bad / allowed;
}

void IncidentChartPanel::showEvent(QShowEvent *event) {
  QWidget::showEvent(event);
  requestHistories();
  m_historyTimer->start();
}

void IncidentChartPanel::hideEvent(QHideEvent *event) {
  QWidget::hideEvent(event);
  m_historyTimer->stop();
}

} // namespace pxp::ui
