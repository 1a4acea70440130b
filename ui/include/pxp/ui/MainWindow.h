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
class CommandClient;
} // namespace pxp::client
namespace pxp::models {
class LiveState;
class ServerClock;
class SessionStatus;
class TimelineWriter;
} // namespace pxp::models

namespace pxp::ui {

class CommandPalette;
class DebugDashboard;
class ExecutiveDashboard;
class IncidentsPage;
class ManualControl;
class OnCallDashboard;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  enum class Page { Executive = 0, OnCall = 1, Debug = 2, Incidents = 3 };

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

  // Incident timelines (issue 5): the Incidents page (Ctrl+4) stores through `writer`, not
  // owned; attach before writer->open() so a damaged file is reported. `clock` (optional)
  // follows the daemon's time for the writer's "now". Adds "Open incident" to the alert table.
  void attachTimeline(models::TimelineWriter *writer, models::ServerClock *clock = nullptr);
  IncidentsPage *incidents() const { return m_incidents; }

  // Manual control (issue 6): commands go through `commands` (not owned; it must outlive the
  // window). Installs the command buttons, docks and palette entries; call once.
  void setCommandClient(client::CommandClient *commands);
  ManualControl *manualControl() const { return m_manual; } // null until setCommandClient
  // The connection profile's Prometheus, for the debug page's PromQL panel ("" = none).
  void setPrometheusUrl(const QString &url);
  // A standing warning in the status bar about the connection itself (plaintext to another
  // host); "" removes it.
  void setSecurityWarning(const QString &warning);

  // The executive page, for --export-executive: complete once its histories and costs arrived.
  bool isExecutiveComplete() const;
  QString exportExecutiveTo(const QString &path); // "" or the error

signals:
  void executiveCompleted();
  // The user picked a connection profile (Connection menu or the profile dialog).
  void profileRequested(const QString &name);
  // Connection > Reconnect: connect again now, reading the token afresh.
  void reconnectRequested();

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
  IncidentsPage *m_incidents = nullptr;
  ManualControl *m_manual = nullptr;
  QLabel *m_staleBanner = nullptr;
  QLabel *m_connection = nullptr;
  QLabel *m_freshness = nullptr;
  QLabel *m_securityWarning = nullptr;
  QLabel *m_world = nullptr;
  QAction *m_reconnect = nullptr; // "Simulated world" while the daemon serves one
  QTimer *m_ageTimer = nullptr;
};

} // namespace pxp::ui
