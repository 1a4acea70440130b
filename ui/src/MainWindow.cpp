#include "pxp/ui/MainWindow.h"

#include "CommandPalette.h"
#include "ProfileDialog.h"
#include "commands/CommandLauncher.h"
#include "commands/ManualControl.h"
#include "debug/DebugDashboard.h"
#include "executive/ExecutiveDashboard.h"
#include "oncall/OnCallDashboard.h"

#include "pxp/models/ConnectionProfiles.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/ui/IncidentsPage.h"
#include "pxp/ui/Theme.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pxp::ui {

MainWindow::MainWindow(models::SessionStatus *session, models::LiveState *state, client::BackendQueries *queries,
                       QWidget *parent)
    : QMainWindow(parent), m_session(session), m_state(state) {
  setWindowTitle(tr("PXP Console"));
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(QIcon(QStringLiteral(":/pxp/icons/pxp-console.svg")));
  resize(1500, 950);

  auto *central = new QWidget(this);
  auto *v = new QVBoxLayout(central);
  v->setContentsMargins(4, 4, 4, 0);
  m_staleBanner = new QLabel(central);
  m_staleBanner->setObjectName(QStringLiteral("staleBanner"));
  // Wraps instead of widening the window; asks for no width of its own.
  m_staleBanner->setWordWrap(true);
  m_staleBanner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
  m_staleBanner->setMargin(4);
  m_staleBanner->setStyleSheet(QStringLiteral("background:%1;color:black;").arg(Theme::staleBanner().name()));
  m_staleBanner->hide();
  v->addWidget(m_staleBanner);

  m_pages = new QTabWidget(central);
  m_pages->setObjectName(QStringLiteral("dashboards"));
  m_pages->setDocumentMode(true);
  m_executive = new ExecutiveDashboard(state, queries, m_pages);
  m_onCall = new OnCallDashboard(state, queries, m_pages);
  m_debug = new DebugDashboard(state, queries, m_pages);
  m_pages->addTab(m_executive, tr("Executive"));
  m_pages->addTab(m_onCall, tr("On-call"));
  m_pages->addTab(m_debug, tr("Debug"));
  m_incidents = new IncidentsPage(session, state, queries, m_pages);
  m_pages->addTab(m_incidents, tr("Incidents"));
  connect(m_incidents, &IncidentsPage::showRequested, this, [this] { showPage(Page::Incidents); });
  connect(m_incidents, &IncidentsPage::sloRequested, this, &MainWindow::showSloOnCall);
  connect(m_incidents, &IncidentsPage::onCallRequested, this, [this] { showPage(Page::OnCall); });
  connect(m_incidents, &IncidentsPage::serviceDebugRequested, this, &MainWindow::showServiceDebug);
  v->addWidget(m_pages, 1);
  setCentralWidget(central);

  connect(m_executive, &ExecutiveDashboard::sloActivated, this, &MainWindow::showSloOnCall);
  connect(m_executive, &ExecutiveDashboard::completed, this, &MainWindow::executiveCompleted);
  connect(m_onCall, &OnCallDashboard::debugRequested, this, &MainWindow::showServiceDebug);

  m_connection = new QLabel(this);
  m_connection->setObjectName(QStringLiteral("connectionLabel"));
  // A long transport error must not widen the window: the label takes the room it is given.
  m_connection->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_freshness = new QLabel(this);
  m_freshness->setObjectName(QStringLiteral("freshnessLabel"));
  m_world = new QLabel(tr("Simulated world"), this);
  m_world->setObjectName(QStringLiteral("worldLabel"));
  m_world->setProperty("stale", true); // the theme's warning colours: these figures are not real
  m_world->setToolTip(tr("pxpd serves its built-in simulated world (--simulate): every figure, alert and "
                         "deployment here is made up for practice, not measured on real systems."));
  m_world->hide();
  statusBar()->addWidget(m_connection, 1);
  statusBar()->addPermanentWidget(m_world);
  statusBar()->addPermanentWidget(m_freshness);
  connect(m_state, &models::LiveState::changed, this,
          [this] { m_world->setVisible(m_state->world() == QLatin1String("simulated")); });

  m_palette = new CommandPalette(this);
  buildMenus();
  connect(m_session, &models::SessionStatus::changed, this, &MainWindow::refreshStatus);
  // The age in "last update 42 s ago" moves even when nothing arrives.
  m_ageTimer = new QTimer(this);
  m_ageTimer->setInterval(1000);
  connect(m_ageTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
  m_ageTimer->start();
  refreshStatus();
}

void MainWindow::buildMenus() {
  auto *file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Export executive summary…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                  &MainWindow::exportExecutive);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

  auto *connection = menuBar()->addMenu(tr("&Connection"));
  m_reconnect = new QAction(tr("&Reconnect"), this);
  m_reconnect->setObjectName(QStringLiteral("reconnectAction"));
  m_reconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  m_reconnect->setToolTip(tr("Connect again now, reading the token afresh (after pxpd restarted with new tokens)"));
  connect(m_reconnect, &QAction::triggered, this, &MainWindow::reconnectRequested);
  addAction(m_reconnect); // the shortcut works while the menu is closed
  connect(connection, &QMenu::aboutToShow, this, [this, connection] {
    connection->clear();
    connection->addAction(m_reconnect);
    connection->addSeparator();
    models::ConnectionProfiles profiles;
    for (const auto &p : profiles.all())
      connection->addAction(p.embedded ? tr("%1 (simulated world, in-process)").arg(p.name)
                                       : tr("%1 (%2)").arg(p.name, p.address),
                            this, [this, name = p.name] { emit profileRequested(name); });
    connection->addSeparator();
    connection->addAction(tr("Profiles…"), this, &MainWindow::editProfiles);
  });
  connection->addAction(m_reconnect);
  connection->addAction(tr("Profiles…"), this, &MainWindow::editProfiles);

  auto *view = menuBar()->addMenu(tr("&View"));
  const struct {
    QString name;
    Page page;
    QKeySequence key;
  } entries[] = {
      {tr("&Executive"), Page::Executive, QKeySequence(Qt::CTRL | Qt::Key_1)},
      {tr("&On-call"), Page::OnCall, QKeySequence(Qt::CTRL | Qt::Key_2)},
      {tr("&Debug"), Page::Debug, QKeySequence(Qt::CTRL | Qt::Key_3)},
      {tr("&Incidents"), Page::Incidents, QKeySequence(Qt::CTRL | Qt::Key_4)},
  };
  for (const auto &e : entries) {
    auto *action = view->addAction(e.name, this, [this, page = e.page] { showPage(page); });
    action->setShortcut(e.key);
  }
  view->addSeparator();
  view->addAction(tr("Go to… (command palette)"), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::openPalette);
  auto *dark = view->addAction(tr("Dark theme"));
  dark->setCheckable(true);
  dark->setChecked(Theme::mode() == Theme::Mode::Dark);
  connect(dark, &QAction::toggled, this,
          [](bool on) { Theme::apply(*qApp, on ? Theme::Mode::Dark : Theme::Mode::Light); });
}

bool MainWindow::isExecutiveComplete() const {
  return m_executive->isComplete();
}

QString MainWindow::exportExecutiveTo(const QString &path) {
  return m_executive->exportTo(path);
}

void MainWindow::showPage(Page page) {
  m_pages->setCurrentIndex(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const {
  return static_cast<Page>(m_pages->currentIndex());
}

void MainWindow::showSloOnCall(const QString &sloId) {
  showPage(Page::OnCall);
  m_onCall->selectSlo(sloId);
}

void MainWindow::showServiceDebug(const QString &service) {
  showPage(Page::Debug);
  m_debug->focusService(service);
}

void MainWindow::openPalette() {
  QList<CommandPalette::Entry> entries;
  entries.push_back({tr("View"), tr("Executive"), tr("Ctrl+1"), [this] { showPage(Page::Executive); }});
  entries.push_back({tr("View"), tr("On-call"), tr("Ctrl+2"), [this] { showPage(Page::OnCall); }});
  entries.push_back({tr("View"), tr("Debug"), tr("Ctrl+3"), [this] { showPage(Page::Debug); }});
  entries.push_back({tr("View"), tr("Incidents"), tr("Ctrl+4"), [this] { showPage(Page::Incidents); }});
  entries.push_back({tr("Command"), tr("Export executive summary"), tr("PDF or PNG"), [this] { exportExecutive(); }});
  QSet<QString> services;
  auto *slos = m_state->slos();
  for (int r = 0; r < slos->rowCount(); ++r) {
    const auto &s = slos->at(r);
    entries.push_back({tr("SLO"), s.name, s.id, [this, id = s.id] { showSloOnCall(id); }});
    services.insert(s.service);
  }
  for (const auto &incident : m_executive->incidents())
    entries.push_back(
        {tr("Incident"), incident.title, incident.sloId, [this, id = incident.sloId] { showSloOnCall(id); }});
  for (const auto &svc : services)
    entries.push_back({tr("Service"), svc, tr("debug view"), [this, svc] { showServiceDebug(svc); }});
  // Incident timelines: the open incidents, and one action per firing alert.
  for (const auto &incident : m_incidents->openIncidents())
    entries.push_back({tr("Incident"), incident.title, tr("%1 timeline").arg(models::severityName(incident.severity)),
                       [this, id = incident.id] {
                         showPage(Page::Incidents);
                         m_incidents->selectIncident(id);
                       }});
  if (m_incidents->writer())
    for (const auto &alert : m_state->activeAlerts())
      entries.push_back({tr("Command"), tr("Open incident from alert: %1").arg(alert.summary), alert.sloId,
                         [this, id = alert.id] { m_incidents->openFromAlert(id); }});
  if (m_manual)
    entries += m_manual->paletteEntries();
  m_palette->setEntries(entries);
  m_palette->show();
  m_palette->raise();
  m_palette->input()->setFocus();
}

void MainWindow::setCommandClient(client::CommandClient *commands) {
  if (!m_manual) {
    m_manual = new ManualControl(this, m_session, m_state, commands);
    // A command on a service with an open incident belongs to that incident.
    m_manual->launcher()->setIncidentLookup([this](const QString &service) {
      for (const auto &incident : m_incidents->openIncidents())
        if (incident.services.contains(service))
          return CommandLauncher::IncidentRef{incident.id, incident.title};
      return CommandLauncher::IncidentRef{};
    });
  }
}

void MainWindow::exportExecutive() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export executive summary"), QStringLiteral("pxp-executive.pdf"), tr("PDF (*.pdf);;PNG image (*.png)"));
  if (path.isEmpty())
    return;
  if (const QString error = m_executive->exportTo(path); !error.isEmpty())
    QMessageBox::warning(this, tr("Export failed"), error);
  else
    statusBar()->showMessage(tr("Exported to %1").arg(path), 5000);
}

void MainWindow::editProfiles() {
  models::ConnectionProfiles profiles;
  ProfileDialog dialog(&profiles, this);
  if (dialog.exec() == QDialog::Accepted && !dialog.chosen().isEmpty())
    emit profileRequested(dialog.chosen());
}

void MainWindow::showConnectionError(const QString &error) {
  statusBar()->showMessage(error, 15000);
  QMessageBox::warning(this, tr("Cannot connect"), error);
}

void MainWindow::refreshStatus() {
  m_connection->setText(m_session->summary());
  m_connection->setToolTip(m_session->summary());
  m_freshness->setText(m_session->freshnessText());
  const bool stale = m_session->isStale();
  if (m_freshness->property("stale").toBool() != stale) {
    m_freshness->setProperty("stale", stale);
    m_freshness->style()->unpolish(m_freshness);
    m_freshness->style()->polish(m_freshness);
  }
  if (stale) {
    m_staleBanner->setText(m_session->staleText());
    m_staleBanner->setToolTip(m_session->stateDetail()); // the transport's own words, for the curious
  }
  m_staleBanner->setVisible(stale);
}

// Incident timelines (issue 5).
void MainWindow::attachTimeline(models::TimelineWriter *writer, models::ServerClock *clock) {
  m_incidents->attach(writer, clock);
  m_incidents->installAlertTableActions(m_onCall->alertTable());
}

void MainWindow::setSecurityWarning(const QString &warning) {
  if (!m_securityWarning) {
    if (warning.isEmpty())
      return; // nothing to warn about: no label at all
    m_securityWarning = new QLabel(this);
    m_securityWarning->setObjectName(QStringLiteral("securityWarning"));
    m_securityWarning->setProperty("stale", true); // the theme's warning colours
    statusBar()->addPermanentWidget(m_securityWarning);
  }
  m_securityWarning->setText(warning);
  m_securityWarning->setVisible(!warning.isEmpty());
}

void MainWindow::setPrometheusUrl(const QString &url) {
  m_debug->setPrometheusUrl(url);
}

} // namespace pxp::ui
