#include "ExecutiveExport.h"

#include "pxp/ui/MainWindow.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

namespace pxp::app {

int exportExecutive(pxp::ui::MainWindow &window, const QString &path, int timeoutMs) {
  window.resize(1600, 1100);
  window.showPage(pxp::ui::MainWindow::Page::Executive);
  window.setAttribute(Qt::WA_DontShowOnScreen); // laid out and rendered, never shown
  window.show();
  if (!window.isExecutiveComplete()) {
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&window, &pxp::ui::MainWindow::executiveCompleted, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    loop.exec();
    if (!window.isExecutiveComplete()) {
      QTextStream(stderr) << "pxp-console: the executive data did not arrive within " << timeoutMs / 1000
                          << " s; is the backend reachable? Nothing was written.\n";
      return 1;
    }
  }
  // Let the charts lay out their last data (their redraw timers are 40 ms).
  QEventLoop settle;
  QTimer::singleShot(300, &settle, &QEventLoop::quit);
  settle.exec();
  if (const QString error = window.exportExecutiveTo(path); !error.isEmpty()) {
    QTextStream(stderr) << "pxp-console: " << error << "\n";
    return 1;
  }
  QTextStream(stdout) << "pxp-console: wrote " << QFileInfo(path).absoluteFilePath() << "\n";
  return 0;
}

} // namespace pxp::app
