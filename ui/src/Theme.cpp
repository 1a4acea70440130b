#include "pxp/ui/Theme.h"

#include <QApplication>
#include <QChart>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace pxp::ui {
namespace {

Theme::Mode g_mode = Theme::Mode::Light;

// Shared stylesheet: only the few things a palette cannot say.
const char *kStyle = R"(
QLabel#pageTitle { font-size: 15px; font-weight: 600; padding: 4px 2px; }
QFrame#tile { border-radius: 6px; padding: 6px; }
QLabel#tileTitle { font-weight: 600; }
QLabel#tileValue { font-size: 20px; font-weight: 600; }
QLabel#staleBanner { padding: 6px; font-weight: 600; border-radius: 4px; }
QLabel#killSwitchBanner { padding: 6px; font-weight: 600; border-radius: 4px; }
QLabel#freshnessLabel[stale="true"] { color: #d9822b; font-weight: 600; }
QTableView { gridline-color: palette(mid); }
)";

} // namespace

void Theme::apply(QApplication &app, Mode mode) {
  g_mode = mode;
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QPalette p;
  if (mode == Mode::Dark) {
    p.setColor(QPalette::Window, QColor(0x1d, 0x24, 0x33));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe9, 0xef));
    p.setColor(QPalette::Base, QColor(0x15, 0x1a, 0x25));
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x2a, 0x3a));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe9, 0xef));
    p.setColor(QPalette::Button, QColor(0x2a, 0x33, 0x45));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe9, 0xef));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xdc));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x33, 0x45));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe9, 0xef));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x44, 0x58));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x93, 0xa6));
    // Disabled controls must look disabled: dimmer text, flatter buttons.
    const QColor dimText(0x6b, 0x73, 0x85);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
      p.setColor(QPalette::Disabled, role, dimText);
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x22, 0x29, 0x38));
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x1a, 0x20, 0x2c));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x44, 0x58));
  } else {
    p = app.style()->standardPalette();
  }
  app.setPalette(p);
  app.setStyleSheet(QString::fromLatin1(kStyle));
}

void Theme::styleChart(QChart *chart) {
  chart->setTheme(g_mode == Mode::Dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  chart->setBackgroundRoundness(4);
}

Theme::Mode Theme::mode() {
  return g_mode;
}

QColor Theme::stateColor(int state) {
  switch (state) {
  case 1: return QColor(0x2e, 0xa0, 0x5a);  // ok
  case 2: return QColor(0xe0, 0x9b, 0x1a);  // warning
  case 3: return QColor(0xd6, 0x3b, 0x3b);  // critical
  case 5: return QColor(0x9b, 0x4d, 0xca);  // error
  default: return QColor(0x8a, 0x93, 0xa6); // no data / unknown
  }
}

QColor Theme::tierColor(int tier) {
  switch (tier) {
  case 5: return QColor(0xd6, 0x3b, 0x3b); // page
  case 4: return QColor(0xe8, 0x6a, 0x2c); // page (slow)
  case 3: return QColor(0xe0, 0x9b, 0x1a); // ticket
  case 2: return QColor(0xc9, 0xb3, 0x2a); // ticket (slow)
  default: return muted();
  }
}

QColor Theme::accent() {
  return QColor(0x3d, 0x7e, 0xdc);
}
QColor Theme::muted() {
  return g_mode == Mode::Dark ? QColor(0x8a, 0x93, 0xa6) : QColor(0x6b, 0x72, 0x80);
}
QColor Theme::staleBanner() {
  return QColor(0xf2, 0xb1, 0x34);
}

QColor Theme::chartSeries(int index) {
  // Ten colours told apart by hue and lightness (the Tableau 10 order), so ten services never
  // share one; more than ten repeat.
  static const QColor kColors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
                                   QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                   QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f),
                                   QColor(0xba, 0xb0, 0xac)};
  constexpr int kCount = int(sizeof kColors / sizeof kColors[0]);
  return kColors[((index % kCount) + kCount) % kCount];
}

} // namespace pxp::ui
