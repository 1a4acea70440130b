#pragma once
// MainWindow: the console's frame: the three dashboards (executive, on-call, debug), menus,
// shortcuts, and the always-visible connection / role / staleness status.
// Thread affinity: GUI thread.

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTimer;

namespace pxp::models {
class SessionStatus;
}

namespace pxp::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  enum class Page { Executive = 0, OnCall = 1, Debug = 2 };

  explicit MainWindow(models::SessionStatus *session, QWidget *parent = nullptr);

  void showPage(Page page);
  Page currentPage() const;
  QTabWidget *pages() const { return m_pages; }
  QLabel *connectionLabel() const { return m_connection; }
  QLabel *freshnessLabel() const { return m_freshness; }

private:
  void buildMenus();
  void refreshStatus();

  models::SessionStatus *m_session;
  QTabWidget *m_pages = nullptr;
  QLabel *m_connection = nullptr;
  QLabel *m_freshness = nullptr;
  QTimer *m_ageTimer = nullptr;
};

} // namespace pxp::ui
