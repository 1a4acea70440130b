#pragma once
// MainWindow: the console's frame: the three dashboards (executive, on-call, debug), the
// stale-data banner, menus, keyboard shortcuts, the command palette (Ctrl+K), drill-down
// between views, and the always-visible connection / role / staleness status.
// Thread affinity: GUI thread.

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTimer;

namespace pxp::client {
class BackendQueries;
}
namespace pxp::models {
class LiveState;
class SessionStatus;
} // namespace pxp::models

namespace pxp::ui {

class CommandPalette;
class DebugDashboard;
class ExecutiveDashboard;
class OnCallDashboard;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  enum class Page { Executive = 0, OnCall = 1, Debug = 2 };

  MainWindow(models::SessionStatus *session, models::LiveState *state, client::BackendQueries *queries,
             QWidget *parent = nullptr);

  void showPage(Page page);
  Page currentPage() const;
  QTabWidget *pages() const { return m_pages; }
  QLabel *connectionLabel() const { return m_connection; }
  QLabel *freshnessLabel() const { return m_freshness; }
  QLabel *staleBanner() const { return m_staleBanner; }
  ExecutiveDashboard *executive() const { return m_executive; }
  OnCallDashboard *onCall() const { return m_onCall; }
  DebugDashboard *debug() const { return m_debug; }
  CommandPalette *palette() const { return m_palette; }

  // The executive page, for --export-executive: complete once its histories and costs arrived.
  bool isExecutiveComplete() const;
  QString exportExecutiveTo(const QString &path); // "" or the error

signals:
  void executiveCompleted();
  // The user picked a connection profile (Connection menu or the profile dialog).
  void profileRequested(const QString &name);

public slots:
  void openPalette();
  // Drill-down targets.
  void showSloOnCall(const QString &sloId);
  void showServiceDebug(const QString &service);
  void exportExecutive();
  void editProfiles();
  // Shows an error about the connection (from the app, e.g. an unreadable token file).
  void showConnectionError(const QString &error);

private:
  void buildMenus();
  void refreshStatus();

  models::SessionStatus *m_session;
  models::LiveState *m_state;
  QTabWidget *m_pages = nullptr;
  ExecutiveDashboard *m_executive = nullptr;
  OnCallDashboard *m_onCall = nullptr;
  DebugDashboard *m_debug = nullptr;
  CommandPalette *m_palette = nullptr;
  QLabel *m_staleBanner = nullptr;
  QLabel *m_connection = nullptr;
  QLabel *m_freshness = nullptr;
  QTimer *m_ageTimer = nullptr;
};

} // namespace pxp::ui
