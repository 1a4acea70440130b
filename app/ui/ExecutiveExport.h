#pragma once
// Runs the console headless until the executive page has its data, then writes it to a file.
// Thread affinity: GUI thread (runs a local event loop).

#include <QString>

namespace pxp::ui {
class MainWindow;
}

namespace pxp::app {

// Returns the process exit code: 0 written, 1 failed (the reason is printed on stderr).
int exportExecutive(pxp::ui::MainWindow &window, const QString &path, int timeoutMs = 30000);

} // namespace pxp::app
