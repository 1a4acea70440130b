#include "IncidentListPanel.h"

#include "common/ColumnChooser.h"

#include "EntryKindStyle.h"

#include "pxp/models/AlertTableModel.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/timeline/IncidentListModel.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineWriter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace pxp::ui {
namespace {

constexpr int kSearchDebounceMs = 250;

// The incident list by status and by the words typed (title, commander, services, SLOs).
class IncidentFilterProxy : public QSortFilterProxyModel {
public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setStatus(IncidentListPanel::StatusFilter status) {
    m_status = status;
    invalidateFilter();
  }
  void setText(const QString &text) {
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
  }

protected:
  bool filterAcceptsRow(int row, const QModelIndex &) const override {
    const auto *list = static_cast<const models::IncidentListModel *>(sourceModel());
    const models::Incident &i = list->at(row);
    if ((m_status == IncidentListPanel::StatusFilter::Open && i.isResolved()) ||
        (m_status == IncidentListPanel::StatusFilter::Resolved && !i.isResolved()))
      return false;
    const QString hay = QStringList{i.title,
                                    i.commander,
                                    i.services.join(QLatin1Char(' ')),
                                    i.sloIds.join(QLatin1Char(' ')),
                                    models::severityName(i.severity),
                                    models::statusTitle(i.status)}
                            .join(QLatin1Char(' '));
    for (const auto &w : m_words)
      if (!hay.contains(w, Qt::CaseInsensitive))
        return false;
    return true;
  }

private:
  IncidentListPanel::StatusFilter m_status = IncidentListPanel::StatusFilter::Open;
  QStringList m_words;
};

} // namespace

IncidentListPanel::IncidentListPanel(models::IncidentListModel *incidents, models::LiveState *state, QWidget *parent)
    : QWidget(parent), m_incidents(incidents), m_state(state), m_proxy(new IncidentFilterProxy(this)) {
  setObjectName(QStringLiteral("incidentListPanel"));
  m_proxy->setObjectName(QStringLiteral("incidentFilter"));
  m_proxy->setSourceModel(incidents);
  m_proxy->setSortRole(models::IncidentListModel::SortRole);
  auto *v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);

  auto *buttons = new QHBoxLayout;
  m_new = new QPushButton(tr("New incident…"), this);
  m_new->setObjectName(QStringLiteral("newIncident"));
  connect(m_new, &QPushButton::clicked, this, &IncidentListPanel::newIncidentRequested);
  buttons->addWidget(m_new);
  m_fromAlert = new QToolButton(this);
  m_fromAlert->setObjectName(QStringLiteral("incidentFromAlert"));
  m_fromAlert->setText(tr("From alert"));
  m_fromAlert->setToolTip(tr("Open an incident from a firing alert, in one action"));
  m_fromAlert->setPopupMode(QToolButton::InstantPopup);
  m_fromAlert->setMenu(new QMenu(m_fromAlert));
  connect(m_fromAlert->menu(), &QMenu::aboutToShow, this, &IncidentListPanel::fillAlertMenu);
  buttons->addWidget(m_fromAlert);
  buttons->addStretch(1);
  v->addLayout(buttons);

  auto *filters = new QHBoxLayout;
  m_search = new QLineEdit(this);
  m_search->setObjectName(QStringLiteral("incidentSearch"));
  m_search->setPlaceholderText(tr("Search incidents and their timelines…"));
  m_search->setClearButtonEnabled(true);
  filters->addWidget(m_search, 1);
  m_status = new QComboBox(this);
  m_status->setObjectName(QStringLiteral("incidentStatusFilter"));
  m_status->addItem(tr("Open"), int(StatusFilter::Open));
  m_status->addItem(tr("All"), int(StatusFilter::All));
  m_status->addItem(tr("Resolved"), int(StatusFilter::Resolved));
  connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
    static_cast<IncidentFilterProxy *>(m_proxy)->setStatus(static_cast<StatusFilter>(m_status->currentData().toInt()));
  });
  filters->addWidget(m_status);
  v->addLayout(filters);

  m_table = new QTableView(this);
  m_table->setObjectName(QStringLiteral("incidentTable"));
  m_table->setModel(m_proxy);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSortingEnabled(true);
  m_table->sortByColumn(models::IncidentListModel::OpenedColumn, Qt::DescendingOrder);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(models::IncidentListModel::TitleColumn, QHeaderView::Stretch);
  {
    // A narrow list: when, how bad, what. Status is the filter above; the rest a right-click away.
    using L = models::IncidentListModel;
    installColumnChooser(m_table, {L::OpenedColumn, L::SeverityColumn, L::TitleColumn});
  }
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
    if (current.isValid())
      emit incidentSelected(current.data(models::IncidentListModel::IncidentIdRole).toString());
  });
  v->addWidget(m_table, 3);

  m_hitsLabel = new QLabel(this);
  m_hitsLabel->setObjectName(QStringLiteral("searchHitsLabel"));
  m_hitsLabel->hide();
  v->addWidget(m_hitsLabel);
  m_hits = new QListWidget(this);
  m_hits->setObjectName(QStringLiteral("searchHits"));
  m_hits->hide();
  connect(m_hits, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
    emit entryRequested(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString());
  });
  v->addWidget(m_hits, 2);

  m_searchTimer = new QTimer(this);
  m_searchTimer->setSingleShot(true);
  m_searchTimer->setInterval(kSearchDebounceMs);
  connect(m_searchTimer, &QTimer::timeout, this, &IncidentListPanel::runSearch);
  connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
    static_cast<IncidentFilterProxy *>(m_proxy)->setText(text);
    m_searchTimer->start();
  });
}

void IncidentListPanel::attach(models::TimelineWriter *writer) {
  if (m_writer)
    disconnect(m_writer, nullptr, this, nullptr);
  m_writer = writer;
  if (!writer)
    return;
  connect(writer, &models::TimelineWriter::searchFinished, this,
          [this](quint64 requestId, const QList<models::SearchHit> &hits) {
            if (requestId != m_searchRequest)
              return; // an older pattern
            m_hits->clear();
            for (const auto &hit : hits) {
              auto *item =
                  new QListWidgetItem(EntryKindStyle::icon(hit.entry.kind),
                                      tr("%1 · %2 UTC · %3: %4")
                                          .arg(hit.incidentTitle, models::TimelineModel::utcText(hit.entry.eventTimeMs),
                                               hit.entry.author, hit.entry.text),
                                      m_hits);
              item->setData(Qt::UserRole, hit.entry.incidentId);
              item->setData(Qt::UserRole + 1, hit.entry.id);
            }
            m_hitsLabel->setText(
                hits.isEmpty() ? tr("No timeline entry matches")
                               : tr("%n timeline entries match (double-click to open)", nullptr, int(hits.size())));
          });
}

QString IncidentListPanel::selectedIncident() const {
  return m_table->currentIndex().data(models::IncidentListModel::IncidentIdRole).toString();
}

void IncidentListPanel::selectIncident(const QString &incidentId) {
  const int row = m_incidents->rowOf(incidentId);
  if (row < 0)
    return;
  QModelIndex proxy = m_proxy->mapFromSource(m_incidents->index(row, 0));
  if (!proxy.isValid()) { // filtered out (e.g. resolved while showing open ones): show all
    m_search->clear();
    m_status->setCurrentIndex(m_status->findData(int(StatusFilter::All)));
    proxy = m_proxy->mapFromSource(m_incidents->index(row, 0));
  }
  if (proxy.isValid() && m_table->currentIndex().row() != proxy.row())
    m_table->setCurrentIndex(proxy);
  m_table->scrollTo(proxy);
}

void IncidentListPanel::runSearch() {
  const QString text = m_search->text().trimmed();
  const bool searching = !text.isEmpty() && m_writer;
  m_hitsLabel->setVisible(searching);
  m_hits->setVisible(searching);
  if (!searching) {
    m_searchRequest = 0;
    m_hits->clear();
    return;
  }
  models::EntryFilter filter;
  filter.text = text;
  m_hitsLabel->setText(tr("Searching…"));
  m_searchRequest = m_writer->search(filter);
}

void IncidentListPanel::fillAlertMenu() {
  auto *menu = m_fromAlert->menu();
  menu->clear();
  const auto firing = m_state->activeAlerts();
  for (const auto &alert : firing)
    menu->addAction(tr("%1 — %2").arg(alert.sloId, alert.summary), this,
                    [this, id = alert.id] { emit openFromAlertRequested(id); });
  if (firing.isEmpty())
    menu->addAction(tr("No alert is firing"))->setEnabled(false);
}

} // namespace pxp::ui
