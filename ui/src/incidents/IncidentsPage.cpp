#include "pxp/ui/IncidentsPage.h"

#include "AutomaticEntryFeed.h"
#include "IncidentChartPanel.h"
#include "IncidentDialog.h"
#include "IncidentListPanel.h"
#include "TimelinePanel.h"

#include "pxp/models/AlertTableModel.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/ServerClock.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/models/timeline/IncidentListModel.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineStore.h"
#include "pxp/models/timeline/TimelineWriter.h"
#include "pxp/ui/Theme.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace pxp::ui {
namespace {

constexpr int kListRefreshMs = 2000; // other consoles' incidents; a quiet file costs one PRAGMA

QList<client::SloValue> knownSlos(const models::LiveState *state) {
  QList<client::SloValue> slos;
  for (int r = 0; r < state->slos()->rowCount(); ++r)
    slos << state->slos()->at(r);
  return slos;
}

} // namespace

IncidentsPage::IncidentsPage(models::SessionStatus *session, models::LiveState *state, client::BackendQueries *queries,
                             QWidget *parent)
    : QWidget(parent), m_session(session), m_state(state), m_incidents(new models::IncidentListModel(this)),
      m_feed(new AutomaticEntryFeed(m_incidents, state, this)) {
  setObjectName(QStringLiteral("incidentsPage"));
  auto *layout = new QVBoxLayout(this);
  m_error = new QLabel(this);
  m_error->setObjectName(QStringLiteral("timelineError"));
  m_error->setWordWrap(true);
  m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_error->setStyleSheet(QStringLiteral("background:%1;color:white;padding:4px;").arg(Theme::stateColor(3).name()));
  m_error->hide();
  layout->addWidget(m_error);
  m_notice = new QLabel(this);
  m_notice->setObjectName(QStringLiteral("timelineNotice"));
  m_notice->setWordWrap(true);
  m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_notice->hide();
  layout->addWidget(m_notice);

  auto *split = new QSplitter(Qt::Horizontal, this);
  m_list = new IncidentListPanel(m_incidents, state, split);
  split->addWidget(m_list);
  auto *right = new QWidget(split);
  auto *rv = new QVBoxLayout(right);
  rv->setContentsMargins(0, 0, 0, 0);
  rv->addWidget(buildHeader());
  auto *work = new QSplitter(Qt::Horizontal, right);
  m_timeline = new TimelinePanel([this] { return author(); }, work);
  m_chart = new IncidentChartPanel(state, queries, m_timeline->model(), work);
  work->addWidget(m_timeline);
  work->addWidget(m_chart);
  work->setStretchFactor(0, 3);
  work->setStretchFactor(1, 2);
  work->setSizes({780, 380});
  rv->addWidget(work, 1);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 3);
  split->setSizes({340, 1100}); // the list shows opened, severity, status and title
  layout->addWidget(split, 1);

  connect(m_list, &IncidentListPanel::incidentSelected, this, &IncidentsPage::selectIncident);
  connect(m_list, &IncidentListPanel::newIncidentRequested, this, &IncidentsPage::newIncident);
  connect(m_list, &IncidentListPanel::openFromAlertRequested, this, &IncidentsPage::openFromAlert);
  connect(m_list, &IncidentListPanel::entryRequested, this, [this](const QString &incidentId, const QString &entryId) {
    selectIncident(incidentId);
    auto select = [this, entryId] { m_timeline->selectEntry(entryId); };
    if (!m_timeline->selectEntry(entryId)) // not loaded yet: once it is
      connect(m_timeline->model(), &models::TimelineModel::incidentLoaded, this, select, Qt::SingleShotConnection);
  });
  connect(m_timeline, &TimelinePanel::linkActivated, this, &IncidentsPage::followLink);
  connect(m_incidents, &QAbstractItemModel::dataChanged, this, &IncidentsPage::refreshHeader);
  connect(m_incidents, &QAbstractItemModel::modelReset, this, &IncidentsPage::refreshHeader);
  connect(m_incidents, &QAbstractItemModel::rowsInserted, this, &IncidentsPage::refreshHeader);
  connect(m_state, &models::LiveState::changed, this, &IncidentsPage::observeServerTime);

  m_listRefresh = new QTimer(this);
  m_listRefresh->setInterval(kListRefreshMs);
  connect(m_listRefresh, &QTimer::timeout, this, [this] {
    if (auto r = m_incidents->refresh(); !r)
      showError(r.error());
  });
  refreshHeader();
}

IncidentsPage::~IncidentsPage() {
  // The models hold a pointer to the reader: detach them before it goes.
  m_timeline->setReader(nullptr);
  m_incidents->setReader(nullptr);
}

QWidget *IncidentsPage::buildHeader() {
  auto *header = new QWidget(this);
  auto *h = new QHBoxLayout(header);
  h->setContentsMargins(0, 0, 0, 0);
  auto *text = new QVBoxLayout;
  m_title = new QLabel(header);
  m_title->setObjectName(QStringLiteral("pageTitle"));
  m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_title->setWordWrap(true); // a long incident title wraps instead of widening the window
  m_title->setMinimumWidth(200);
  text->addWidget(m_title);
  m_people = new QLabel(header);
  m_people->setObjectName(QStringLiteral("incidentPeople"));
  m_people->setTextInteractionFlags(Qt::TextSelectableByMouse);
  text->addWidget(m_people);
  h->addLayout(text, 1);
  m_status = new QComboBox(header);
  m_status->setObjectName(QStringLiteral("incidentStatusSelector"));
  m_status->setToolTip(tr("Change the status: the change is recorded on the timeline"));
  for (int s = 0; s < models::kIncidentStatusCount; ++s)
    m_status->addItem(models::statusTitle(static_cast<models::IncidentStatus>(s)), s);
  connect(m_status, &QComboBox::activated, this, [this] {
    auto incident = currentIncident();
    if (!incident || !m_writer)
      return;
    incident->status = static_cast<models::IncidentStatus>(m_status->currentData().toInt());
    m_writer->updateIncident(*incident, author());
  });
  h->addWidget(m_status);
  auto button = [&](const QString &label, const QString &name, void (IncidentsPage::*slot)()) {
    auto *b = new QPushButton(label, header);
    b->setObjectName(name);
    connect(b, &QPushButton::clicked, this, slot);
    h->addWidget(b);
    return b;
  };
  m_change = button(tr("Change incident…"), QStringLiteral("changeIncident"), &IncidentsPage::changeIncident);
  m_change->setToolTip(tr("Title, severity, commander and other roles, affected services and SLOs"));
  m_exportMarkdown = button(tr("Export Markdown…"), QStringLiteral("exportMarkdown"), &IncidentsPage::exportMarkdown);
  m_exportMarkdown->setToolTip(
      tr("A postmortem draft: summary, impact, timeline in UTC, actions, SLO budget consumed"));
  m_exportJson = button(tr("Export JSON…"), QStringLiteral("exportJson"), &IncidentsPage::exportJson);
  button(tr("Import JSON…"), QStringLiteral("importJson"), &IncidentsPage::importJson)
      ->setToolTip(tr("A colleague's export; entries already here are skipped"));
  return header;
}

void IncidentsPage::attach(models::TimelineWriter *writer, models::ServerClock *clock) {
  if (m_writer)
    disconnect(m_writer, nullptr, this, nullptr);
  m_writer = writer;
  m_clock = clock;
  m_incidents->attach(writer);
  m_timeline->attach(writer);
  m_list->attach(writer);
  m_feed->attach(writer);
  if (!writer)
    return;
  connect(writer, &models::TimelineWriter::opened, this,
          [this](quint64, const models::OpenReport &report) { opened(report); });
  connect(writer, &models::TimelineWriter::failed, this, [this](quint64 requestId, const models::TimelineError &error) {
    m_selectOnSave.remove(requestId);
    const QString exportPath = m_exports.take(requestId);
    if (!exportPath.isEmpty())
      emit exportFinished(exportPath, error.message);
    if (!m_imports.take(requestId).isEmpty())
      emit importFinished({});
    showError(error);
  });
  connect(writer, &models::TimelineWriter::incidentSaved, this,
          [this](quint64 requestId, const models::IncidentChange &change) {
            m_error->hide();
            if (m_selectOnSave.remove(requestId)) {
              m_list->selectIncident(change.incident.id);
              selectIncident(change.incident.id);
            }
            refreshHeader();
          });
  connect(writer, &models::TimelineWriter::saved, m_error, &QWidget::hide);
  connect(writer, &models::TimelineWriter::exported, this, [this](quint64 requestId, const QByteArray &bytes) {
    if (const QString path = m_exports.take(requestId); !path.isEmpty())
      writeExport(path, bytes);
  });
  connect(writer, &models::TimelineWriter::imported, this,
          [this](quint64 requestId, const models::ImportCounts &counts) {
            if (m_imports.take(requestId).isEmpty())
              return;
            importDone(counts);
          });
  if (writer->isOpen())
    opened({writer->path(), models::TimelineStore::kSchemaVersion, models::TimelineStore::kSchemaVersion, {}, {}, {}});
}

void IncidentsPage::installAlertTableActions(QTableView *alertTable) {
  auto *action = new QAction(tr("Open incident from this alert"), alertTable);
  action->setObjectName(QStringLiteral("openIncidentFromAlert"));
  action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
  action->setShortcutContext(Qt::WidgetShortcut);
  action->setToolTip(
      tr("One action: an incident with this alert's title, severity, service and SLO, commanded by you"));
  connect(action, &QAction::triggered, this, [this, alertTable] {
    const QModelIndex current = alertTable->currentIndex();
    if (current.isValid())
      openFromAlert(current.data(models::AlertTableModel::AlertIdRole).toString());
  });
  alertTable->addAction(action);
  alertTable->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(alertTable, &QWidget::customContextMenuRequested, this, [this, alertTable, action](const QPoint &pos) {
    const QModelIndex index = alertTable->indexAt(pos);
    if (!index.isValid())
      return;
    alertTable->setCurrentIndex(index);
    action->setEnabled(m_writer && m_writer->isOpen());
    QMenu menu(alertTable);
    menu.addAction(action);
    menu.exec(alertTable->viewport()->mapToGlobal(pos));
  });
}

void IncidentsPage::opened(const models::OpenReport &report) {
  if (const QString notice = report.notice(); !notice.isEmpty()) {
    showNotice(notice);
    // Told once, where it happened: the damaged file is not lost, and where it is.
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Incident timeline file was damaged"), notice, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("timelineDamagedNotice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  }
  models::TimelineStore::Options options;
  options.access = models::TimelineStore::Access::ReadOnly;
  auto reader = std::make_unique<models::TimelineStore>(options);
  if (auto r = reader->open(report.path); !r) {
    showError(r.error()); // the writer still works; other consoles' changes show on reload
    return;
  }
  m_timeline->setReader(nullptr);
  m_incidents->setReader(nullptr);
  m_reader = std::move(reader);
  m_incidents->setReader(m_reader.get());
  m_timeline->setReader(m_reader.get());
  if (auto r = m_incidents->refresh(); !r)
    showError(r.error());
  m_listRefresh->start();
  refreshHeader(); // "no incident selected", not "not open", before the first incident exists
}

models::TimelineWriter *IncidentsPage::writer() const {
  return m_writer;
}

QString IncidentsPage::author() const {
  if (const QString actor = m_session ? m_session->identity().actor : QString(); !actor.isEmpty())
    return actor;
  const QString user = qEnvironmentVariable("USER");
  return user.isEmpty() ? tr("console user") : user;
}

std::optional<models::Incident> IncidentsPage::currentIncident() const {
  const int row = m_incidents->rowOf(m_incidentId);
  if (row < 0)
    return std::nullopt;
  return m_incidents->at(row);
}

QList<models::Incident> IncidentsPage::openIncidents() const {
  QList<models::Incident> open;
  for (const auto &i : m_incidents->incidents())
    if (!i.isResolved())
      open << i;
  return open;
}

void IncidentsPage::selectIncident(const QString &incidentId) {
  if (incidentId == m_incidentId)
    return;
  m_incidentId = incidentId;
  m_list->selectIncident(incidentId);
  m_timeline->showIncident(incidentId);
  refreshHeader();
}

void IncidentsPage::openFromAlert(const QString &alertId) {
  const auto *alert = m_state->alerts()->find(alertId);
  if (!alert || !m_writer)
    return;
  observeServerTime(); // "opened" is the daemon's now
  m_selectOnSave.insert(m_writer->openFromAlert(*alert, author()));
  emit showRequested();
}

void IncidentsPage::newIncident() {
  if (!m_writer)
    return;
  models::Incident blank;
  blank.commander = author();
  auto *dialog = new IncidentDialog(blank, knownSlos(m_state), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    if (m_writer)
      m_selectOnSave.insert(m_writer->createIncident(dialog->incident(), author()));
  });
  dialog->open();
}

void IncidentsPage::changeIncident() {
  const auto incident = currentIncident();
  if (!incident || !m_writer)
    return;
  auto *dialog = new IncidentDialog(*incident, knownSlos(m_state), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    if (m_writer)
      m_writer->updateIncident(dialog->incident(), author());
  });
  dialog->open();
}

void IncidentsPage::recordSnapshot(const client::WorldSnapshot &snapshot) {
  if (m_clock)
    m_clock->observe(snapshot.serverTimeMs);
  m_feed->recordSnapshot(snapshot);
}

void IncidentsPage::recordDelta(const client::WorldDelta &delta) {
  if (m_clock)
    m_clock->observe(delta.serverTimeMs);
  m_feed->recordDelta(delta);
}

void IncidentsPage::observeServerTime() {
  if (m_clock)
    m_clock->observe(m_state->serverTimeMs());
  m_timeline->setNowMs(m_clock ? m_clock->nowMs() : m_state->serverTimeMs());
}

void IncidentsPage::refreshHeader() {
  const auto incident = currentIncident();
  for (auto *w : std::initializer_list<QWidget *>{m_status, m_change, m_exportMarkdown, m_exportJson})
    w->setEnabled(incident.has_value() && m_writer);
  m_chart->showIncident(incident);
  if (!incident) {
    m_title->setText(m_reader   ? tr("No incident selected: pick one, open one from an alert, or start a new one")
                     : m_writer ? tr("Opening the incident timeline file…")
                                : tr("The incident timeline file is not open"));
    m_people->clear();
    return;
  }
  m_title->setText(
      tr("%1 · %2 · %3")
          .arg(models::severityName(incident->severity), incident->title, models::statusTitle(incident->status)));
  QStringList people{tr("Commander: %1").arg(incident->commander)};
  for (auto it = incident->roles.cbegin(); it != incident->roles.cend(); ++it)
    people << tr("%1: %2").arg(it.key(), it.value());
  if (!incident->services.isEmpty())
    people << tr("Services: %1").arg(incident->services.join(QStringLiteral(", ")));
  people << tr("Opened %1 UTC").arg(models::TimelineModel::utcText(incident->openedAtMs));
  if (incident->isResolved())
    people << tr("resolved %1 UTC").arg(models::TimelineModel::utcText(incident->resolvedAtMs));
  m_people->setText(people.join(QStringLiteral(" · ")));
  const QSignalBlocker block(m_status);
  m_status->setCurrentIndex(m_status->findData(int(incident->status)));
}

void IncidentsPage::followLink(const QString &link) {
  // pxp://<kind>/<id>; SLO ids contain a slash ("payments/checkout-availability").
  const QUrl url(link);
  const QString kind = url.host();
  const QString id = QUrl::fromPercentEncoding(url.path().mid(1).toUtf8());
  if (url.scheme() != QLatin1String("pxp") || id.isEmpty())
    return;
  const auto incident = currentIncident();
  const QString incidentSlo = incident && !incident->sloIds.isEmpty() ? incident->sloIds.first() : QString();
  if (kind == QLatin1String("slo")) {
    emit sloRequested(id);
  } else if (kind == QLatin1String("flag")) {
    const auto flag = m_state->flag(id);
    emit serviceDebugRequested(flag && !flag->service.isEmpty()            ? flag->service
                               : incident && !incident->services.isEmpty() ? incident->services.first()
                                                                           : QString());
  } else if (kind == QLatin1String("alert")) {
    const auto *alert = m_state->alerts()->find(id);
    showSloOrOnCall(alert ? alert->sloId : incidentSlo);
  } else if (kind == QLatin1String("decision")) {
    QString slo = incidentSlo;
    const auto *decisions = m_state->decisions();
    for (int r = 0; r < decisions->rowCount(); ++r)
      if (decisions->at(r).id == id && !decisions->at(r).sloId.isEmpty())
        slo = decisions->at(r).sloId;
    showSloOrOnCall(slo);
  } else { // deploy, audit: the on-call view shows deploys and the decision feed
    showSloOrOnCall(incidentSlo);
  }
}

void IncidentsPage::showSloOrOnCall(const QString &sloId) {
  if (sloId.isEmpty())
    emit onCallRequested();
  else
    emit sloRequested(sloId);
}

void IncidentsPage::showError(const models::TimelineError &error) {
  m_error->setText(error.message);
  m_error->setToolTip(error.file);
  m_error->show();
}

void IncidentsPage::showNotice(const QString &text) {
  m_notice->setText(text);
  m_notice->setVisible(!text.isEmpty());
}

} // namespace pxp::ui
