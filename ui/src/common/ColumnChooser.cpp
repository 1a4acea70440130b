#include "ColumnChooser.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QTableView>

namespace pxp::ui {
namespace {

QString settingsKey(const QTableView *table) {
  return QStringLiteral("columns/%1").arg(table->objectName());
}

void save(const QTableView *table) {
  QStringList shown;
  for (int c = 0; c < table->model()->columnCount(); ++c)
    if (!table->isColumnHidden(c))
      shown << QString::number(c);
  QSettings().setValue(settingsKey(table), shown);
}

} // namespace

void installColumnChooser(QTableView *table, const QList<int> &defaults) {
  const int count = table->model()->columnCount();
  QList<int> shown = defaults;
  const QStringList saved = QSettings().value(settingsKey(table)).toStringList();
  if (!saved.isEmpty()) {
    shown.clear();
    for (const auto &c : saved)
      if (const int column = c.toInt(); column >= 0 && column < count)
        shown << column;
  }
  for (int c = 0; c < count; ++c)
    table->setColumnHidden(c, !shown.contains(c));
  auto *header = table->horizontalHeader();
  header->setContextMenuPolicy(Qt::CustomContextMenu);
  header->setToolTip(QObject::tr("Right-click to choose the columns"));
  QObject::connect(header, &QWidget::customContextMenuRequested, table, [table, header, defaults](const QPoint &pos) {
    QMenu menu(table);
    menu.setObjectName(QStringLiteral("columnChooserMenu"));
    auto *model = table->model();
    for (int c = 0; c < model->columnCount(); ++c) {
      auto *action = menu.addAction(model->headerData(c, Qt::Horizontal).toString());
      action->setCheckable(true);
      action->setChecked(!table->isColumnHidden(c));
      QObject::connect(action, &QAction::toggled, table, [table, c](bool on) {
        table->setColumnHidden(c, !on);
        save(table);
      });
    }
    menu.addSeparator();
    QObject::connect(menu.addAction(QObject::tr("Default columns")), &QAction::triggered, table, [table, defaults] {
      for (int c = 0; c < table->model()->columnCount(); ++c)
        table->setColumnHidden(c, !defaults.contains(c));
      QSettings().remove(settingsKey(table));
    });
    menu.exec(header->mapToGlobal(pos));
  });
}

} // namespace pxp::ui
