#include "TimelinePanel.h"

#include "AnnotationBar.h"
#include "EntryEditDialog.h"
#include "EntryHistoryDialog.h"
#include "EntryKindStyle.h"
#include "TimelinePresentationProxy.h"

#include "pxp/models/timeline/TimelineFilterProxy.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineWriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace pxp::ui {
namespace {

constexpr int kAuthorsRefreshMs = 300; // the author filter's list follows new entries, coalesced

} // namespace

TimelinePanel::TimelinePanel(std::function<QString()> author, QWidget *parent)
    : QWidget(parent), m_whoAmI(std::move(author)), m_model(new models::TimelineModel(this)),
      m_filter(new models::TimelineFilterProxy(this)), m_presentation(new TimelinePresentationProxy(this)) {
  setObjectName(QStringLiteral("timelinePanel"));
  m_filter->setSourceModel(m_model);
  m_presentation->setSourceModel(m_filter);

  auto *v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  v->addWidget(buildFilterBar());

  m_table = new QTableView(this);
  m_table->setObjectName(QStringLiteral("timelineTable"));
  m_table->setModel(m_presentation);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setAlternatingRowColors(true);
  m_table->setWordWrap(false);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setStretchLastSection(false);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(models::TimelineModel::TextColumn, QHeaderView::Stretch);
  // Flags the icons and fonts already show; the tombstone column matters only when shown.
  m_table->hideColumn(models::TimelineModel::AutomaticColumn);
  m_table->hideColumn(models::TimelineModel::EditedColumn);
  m_table->hideColumn(models::TimelineModel::DeletedColumn);
  m_table->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_table, &QTableView::doubleClicked, this, &TimelinePanel::activated);
  connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
    if (!currentEntry())
      return;
    QMenu menu(this);
    for (auto *b : {m_open, m_edit, m_history, m_delete, m_restore})
      if (b->isEnabled())
        menu.addAction(b->text(), b, &QPushButton::click);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
  });
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TimelinePanel::updateActions);
  v->addWidget(m_table, 1);
  v->addWidget(buildActionBar());

  m_annotation = new AnnotationBar(this);
  connect(m_annotation, &AnnotationBar::annotate, this, &TimelinePanel::annotate);
  v->addWidget(m_annotation);

  m_authorsTimer = new QTimer(this);
  m_authorsTimer->setSingleShot(true);
  m_authorsTimer->setInterval(kAuthorsRefreshMs);
  connect(m_authorsTimer, &QTimer::timeout, this, &TimelinePanel::refreshAuthors);
  connect(m_model, &QAbstractItemModel::modelReset, m_authorsTimer, qOverload<>(&QTimer::start));
  connect(m_model, &QAbstractItemModel::rowsInserted, m_authorsTimer, qOverload<>(&QTimer::start));
  connect(m_model, &QAbstractItemModel::dataChanged, this, &TimelinePanel::updateActions);
  // New entries land at their time: keep the newest in view while following the end.
  connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
    if (last == m_filter->rowCount() - 1)
      m_table->scrollToBottom();
  });
  connect(m_model, &models::TimelineModel::incidentLoaded, this, [this] {
    m_table->scrollToBottom();
    updateActions();
  });
  setEnabled(false);
  updateActions();
}

QWidget *TimelinePanel::buildFilterBar() {
  auto *bar = new QWidget(this);
  auto *h = new QHBoxLayout(bar);
  h->setContentsMargins(0, 0, 0, 0);
  m_kinds = new QToolButton(bar);
  m_kinds->setObjectName(QStringLiteral("kindFilter"));
  m_kinds->setText(tr("All kinds"));
  m_kinds->setPopupMode(QToolButton::InstantPopup);
  auto *menu = new QMenu(m_kinds);
  for (auto kind : models::allEntryKinds()) {
    auto *action = menu->addAction(EntryKindStyle::icon(kind), models::kindTitle(kind));
    action->setCheckable(true);
    action->setData(int(kind));
    connect(action, &QAction::toggled, this, &TimelinePanel::applyKindFilter);
  }
  m_kinds->setMenu(menu);
  h->addWidget(m_kinds);

  m_author = new QComboBox(bar);
  m_author->setObjectName(QStringLiteral("authorFilter"));
  m_author->addItem(tr("Everyone"), QString());
  connect(m_author, &QComboBox::currentIndexChanged, this,
          [this] { m_filter->setAuthor(m_author->currentData().toString()); });
  h->addWidget(m_author);

  m_text = new QLineEdit(bar);
  m_text->setObjectName(QStringLiteral("timelineTextFilter"));
  m_text->setPlaceholderText(tr("Filter this timeline…"));
  m_text->setClearButtonEnabled(true);
  connect(m_text, &QLineEdit::textChanged, m_filter, &models::TimelineFilterProxy::setText);
  h->addWidget(m_text, 1);

  m_showAutomatic = new QCheckBox(tr("Automatic"), bar);
  m_showAutomatic->setObjectName(QStringLiteral("showAutomatic"));
  m_showAutomatic->setToolTip(tr("Alerts, decisions, deploys, flags and commands from the live stream"));
  m_showAutomatic->setChecked(true);
  connect(m_showAutomatic, &QCheckBox::toggled, m_filter, &models::TimelineFilterProxy::setShowAutomatic);
  h->addWidget(m_showAutomatic);
  m_showDeleted = new QCheckBox(tr("Deleted"), bar);
  m_showDeleted->setObjectName(QStringLiteral("showDeleted"));
  m_showDeleted->setToolTip(tr("Show deleted entries (tombstones), struck through"));
  connect(m_showDeleted, &QCheckBox::toggled, this, [this](bool on) {
    m_filter->setShowDeleted(on);
    m_table->setColumnHidden(models::TimelineModel::DeletedColumn, !on);
  });
  h->addWidget(m_showDeleted);
  return bar;
}

QWidget *TimelinePanel::buildActionBar() {
  auto *bar = new QWidget(this);
  auto *h = new QHBoxLayout(bar);
  h->setContentsMargins(0, 0, 0, 0);
  auto button = [&](const QString &text, const QString &name, void (TimelinePanel::*slot)()) {
    auto *b = new QPushButton(text, bar);
    b->setObjectName(name);
    connect(b, &QPushButton::clicked, this, slot);
    h->addWidget(b);
    return b;
  };
  m_open = new QPushButton(tr("Open in dashboard"), bar);
  m_open->setObjectName(QStringLiteral("openEntryLink"));
  connect(m_open, &QPushButton::clicked, this, [this] {
    if (const auto e = currentEntry(); e && !e->link.isEmpty())
      emit linkActivated(e->link);
  });
  h->addWidget(m_open);
  m_edit = button(tr("Edit…"), QStringLiteral("editEntry"), &TimelinePanel::editCurrent);
  m_history = button(tr("History…"), QStringLiteral("entryHistory"), &TimelinePanel::showHistoryOfCurrent);
  m_delete = button(tr("Delete"), QStringLiteral("deleteEntry"), &TimelinePanel::deleteCurrent);
  m_restore = button(tr("Restore"), QStringLiteral("restoreEntry"), &TimelinePanel::restoreCurrent);
  h->addStretch(1);
  return bar;
}

void TimelinePanel::attach(models::TimelineWriter *writer) {
  if (m_writer)
    disconnect(m_writer, nullptr, this, nullptr);
  m_writer = writer;
  m_model->attach(writer);
  if (!writer)
    return;
  m_annotation->setPendingCount(writer->pendingCount());
  connect(writer, &models::TimelineWriter::pendingCountChanged, m_annotation, &AnnotationBar::setPendingCount);
  connect(writer, &models::TimelineWriter::historyLoaded, this,
          [this](quint64 requestId, const QString &entryId, const QList<models::EntryRevision> &history) {
            if (!m_historyRequests.remove(requestId))
              return;
            const int row = m_model->rowOf(entryId);
            if (row < 0)
              return; // another incident is shown now
            auto *dialog = new EntryHistoryDialog(m_model->at(row), history, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
          });
  connect(writer, &models::TimelineWriter::failed, this,
          [this](quint64 requestId, const models::TimelineError &) { m_historyRequests.remove(requestId); });
}

void TimelinePanel::setReader(const models::TimelineStore *reader) {
  m_model->setReader(reader);
  // Other consoles' annotations and edits arrive within a second; a quiet file costs one
  // PRAGMA data_version per tick.
  m_model->setAutoRefreshIntervalMs(reader ? 1000 : 0);
}

void TimelinePanel::showIncident(const QString &incidentId) {
  m_incidentId = incidentId;
  setEnabled(!incidentId.isEmpty());
  if (incidentId.isEmpty()) {
    m_model->clear();
    return;
  }
  if (incidentId == m_model->incidentId())
    return;
  m_model->requestIncident(incidentId);
}

QString TimelinePanel::incidentId() const {
  return m_incidentId;
}

std::optional<models::TimelineEntry> TimelinePanel::currentEntry() const {
  const QModelIndex current = m_table->currentIndex();
  if (!current.isValid())
    return std::nullopt;
  return m_filter->entryAt(current.row());
}

bool TimelinePanel::selectEntry(const QString &entryId) {
  const int sourceRow = m_model->rowOf(entryId);
  if (sourceRow < 0)
    return false;
  const QModelIndex proxy = m_filter->mapFromSource(m_model->index(sourceRow, models::TimelineModel::TextColumn));
  if (!proxy.isValid())
    return false;
  m_table->setCurrentIndex(m_presentation->mapFromSource(proxy));
  m_table->scrollTo(m_table->currentIndex());
  return true;
}

void TimelinePanel::setNowMs(qint64 nowMs) {
  m_annotation->setNowMs(nowMs);
}

void TimelinePanel::annotate(models::EntryKind kind, const QString &text, qint64 eventTimeMs) {
  // The shown incident, even while its entries are still loading: nothing typed is lost.
  if (!m_writer || m_incidentId.isEmpty())
    return;
  models::TimelineEntry entry;
  entry.incidentId = m_incidentId;
  entry.kind = kind;
  entry.text = text;
  entry.eventTimeMs = eventTimeMs; // 0: the store's now (the daemon's clock)
  entry.author = m_whoAmI();
  m_writer->addEntry(entry);
}

void TimelinePanel::editCurrent() {
  const auto entry = currentEntry();
  if (!entry || !m_writer)
    return;
  auto *dialog = new EntryEditDialog(*entry, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    if (m_writer)
      m_writer->editEntry(dialog->edited(), m_whoAmI());
  });
  dialog->open();
}

void TimelinePanel::deleteCurrent() {
  if (const auto entry = currentEntry(); entry && m_writer && !entry->deleted)
    m_writer->deleteEntry(entry->id, m_whoAmI());
}

void TimelinePanel::restoreCurrent() {
  if (const auto entry = currentEntry(); entry && m_writer && entry->deleted)
    m_writer->restoreEntry(entry->id, m_whoAmI());
}

void TimelinePanel::showHistoryOfCurrent() {
  if (const auto entry = currentEntry(); entry && m_writer)
    m_historyRequests.insert(m_writer->history(entry->id));
}

void TimelinePanel::applyKindFilter() {
  QList<models::EntryKind> kinds;
  QStringList titles;
  for (auto *action : m_kinds->menu()->actions())
    if (action->isChecked()) {
      kinds << static_cast<models::EntryKind>(action->data().toInt());
      titles << action->text();
    }
  m_filter->setKinds(kinds);
  m_kinds->setText(kinds.isEmpty()      ? tr("All kinds")
                   : titles.size() <= 2 ? titles.join(QStringLiteral(", "))
                                        : tr("%n kinds", nullptr, int(kinds.size())));
}

void TimelinePanel::refreshAuthors() {
  QSet<QString> seen;
  QStringList authors;
  for (const auto &e : m_model->entries())
    if (!seen.contains(e.author)) {
      seen.insert(e.author);
      authors << e.author;
    }
  authors.sort(Qt::CaseInsensitive);
  const QString chosen = m_author->currentData().toString();
  QStringList shown;
  for (int i = 1; i < m_author->count(); ++i)
    shown << m_author->itemData(i).toString();
  if (shown == authors)
    return;
  const QSignalBlocker block(m_author);
  m_author->clear();
  m_author->addItem(tr("Everyone"), QString());
  for (const auto &a : authors)
    m_author->addItem(a, a);
  const int index = m_author->findData(chosen);
  m_author->setCurrentIndex(index < 0 ? 0 : index);
  if (index < 0 && !chosen.isEmpty())
    m_filter->setAuthor({});
}

void TimelinePanel::updateActions() {
  const auto entry = currentEntry();
  const bool any = entry.has_value() && m_writer;
  m_open->setEnabled(any && !entry->link.isEmpty());
  m_edit->setEnabled(any && !entry->deleted);
  m_history->setEnabled(any);
  m_delete->setEnabled(any && !entry->deleted);
  m_restore->setEnabled(any && entry->deleted);
}

void TimelinePanel::activated(const QModelIndex &index) {
  const auto entry = m_filter->entryAt(index.row());
  if (entry.automatic && !entry.link.isEmpty())
    emit linkActivated(entry.link);
  else if (!entry.deleted)
    editCurrent();
}

} // namespace pxp::ui
