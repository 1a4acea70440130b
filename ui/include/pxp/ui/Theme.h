#pragma once
// Theme: the one place colours and styles live (light and dark). Widgets ask it for state
// colours instead of calling setStyleSheet themselves.
// Thread affinity: GUI thread.

#include <QColor>
#include <QString>

class QApplication;
class QChart;

namespace pxp::ui {

class Theme {
public:
  enum class Mode { Light, Dark };

  static void apply(QApplication &app, Mode mode);
  static Mode mode();

  // Colours by meaning. `state` follows pxp::client::SloState (1 ok .. 5 error).
  static QColor stateColor(int state);
  static QColor tierColor(int tier); // pxp::client::AlertTier
  static QColor accent();
  static QColor muted();
  static QColor staleBanner();
  static QColor chartSeries(int index);
  // A chart in the current mode's colours (dark cards in dark mode, not white ones). Call it
  // when the chart is made, before axes and series are added: they take their colours from it.
  static void styleChart(QChart *chart);
};

} // namespace pxp::ui
