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

#include <cmath>

namespace pxp::ui {
namespace {

constexpr int kMarkerCoalesceMs = 200;
constexpr int kHistoryRefreshMs = 15000;
constexpr qint64 kTargetPoints = 360;        // per chart: enough for a smooth line, cheap to fetch
constexpr qint64 kMinStepSeconds = 10;       // the engine's tick
constexpr qint64 kMinWindowMs = 3600 * 1000; // a fresh incident still shows an hour of context

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
  return m_incident ? m_incident->openedAtMs - models::AutomaticEntryMapper::kLeadInMs : 0;
}

qint64 IncidentChartPanel::windowEndMs() const {
  if (!m_incident)
    return 0;
  qint64 end = m_incident->isResolved() ? m_incident->resolvedAtMs + models::AutomaticEntryMapper::kTailMs
                                        : std::max(m_state->serverTimeMs(), m_incident->openedAtMs);
  end = std::max(end, windowStartMs() + kMinWindowMs);
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
  const qint64 endMs = m_incident->isResolved() ? m_incident->resolvedAtMs : history.endMs;
  const double share = consumedShare(history.budgetRemaining, m_incident->openedAtMs, endMs);
  if (std::isnan(share))
    m_consumed.remove(history.sloId);
  else
    m_consumed.insert(history.sloId, share);
  if (history.sloId == selectedSlo())
    sloChosen();
  emit budgetUpdated();
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
  m_budget->setText(
      m_consumed.contains(id)
          ? tr("Error budget consumed during the incident: %1").arg(models::format::percent(m_consumed.value(id)))
          : tr("No budget data for the incident window yet"));
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
}

double IncidentChartPanel::consumedShare(const std::vector<QPointF> &budgetRemaining, qint64 startMs, qint64 endMs) {
  // At the start: the latest sample at or before it (what was left when the incident
  // opened), else the first one after it.
  double atStart = NAN, atEnd = NAN;
  for (const auto &p : budgetRemaining) {
    if (std::isnan(p.y()) || p.x() > double(endMs))
      continue;
    if (p.x() <= double(startMs) || std::isnan(atStart))
      atStart = p.y();
    if (p.x() > double(startMs))
      atEnd = p.y();
  }
  if (std::isnan(atStart))
    return NAN;
  return std::isnan(atEnd) ? 0.0 : std::max(0.0, atStart - atEnd);
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
