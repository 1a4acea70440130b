#include "pxp/ui/MainWindow.h"

#include "DashboardPage.h"

#include "pxp/models/SessionStatus.h"

#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace pxp::ui {

MainWindow::MainWindow(models::SessionStatus *session, QWidget *parent)
    : QMainWindow(parent), m_session(session) {
  setWindowTitle(tr("PXP Console"));
  setObjectName(QStringLiteral("mainWindow"));
  resize(1440, 900);

  m_pages = new QTabWidget(this);
  m_pages->setObjectName(QStringLiteral("dashboards"));
  m_pages->setDocumentMode(true);
  m_pages->addTab(new DashboardPage(DashboardPage::Kind::Executive, m_pages), tr("Executive"));
  m_pages->addTab(new DashboardPage(DashboardPage::Kind::OnCall, m_pages), tr("On-call"));
  m_pages->addTab(new DashboardPage(DashboardPage::Kind::Debug, m_pages), tr("Debug"));
  setCentralWidget(m_pages);

  m_connection = new QLabel(this);
  m_connection->setObjectName(QStringLiteral("connectionLabel"));
  m_freshness = new QLabel(this);
  m_freshness->setObjectName(QStringLiteral("freshnessLabel"));
  statusBar()->addWidget(m_connection, 1);
  statusBar()->addPermanentWidget(m_freshness);

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
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

  auto *view = menuBar()->addMenu(tr("&View"));
  const struct {
    QString name;
    Page page;
    QKeySequence key;
  } entries[] = {
      {tr("&Executive"), Page::Executive, QKeySequence(Qt::CTRL | Qt::Key_1)},
      {tr("&On-call"), Page::OnCall, QKeySequence(Qt::CTRL | Qt::Key_2)},
      {tr("&Debug"), Page::Debug, QKeySequence(Qt::CTRL | Qt::Key_3)},
  };
  for (const auto &e : entries) {
    auto *action = view->addAction(e.name, this, [this, page = e.page] { showPage(page); });
    action->setShortcut(e.key);
  }
}

void MainWindow::showPage(Page page) { m_pages->setCurrentIndex(static_cast<int>(page)); }

MainWindow::Page MainWindow::currentPage() const { return static_cast<Page>(m_pages->currentIndex()); }

void MainWindow::refreshStatus() {
  m_connection->setText(m_session->summary());
  m_freshness->setText(m_session->freshnessText());
  m_freshness->setProperty("stale", m_session->isStale());
}

} // namespace pxp::ui
