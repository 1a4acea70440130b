#pragma once
// testModelsUnder: puts every item model that lives under a widget tree (the dashboards'
// tables, the command list, the timeline's proxies, the incident filter) under a fatal
// QAbstractItemModelTester, so each insert, move, reset and dataChanged the GUI tests cause
// is checked against the model contract for as long as the window lives.
// Thread affinity: GUI thread.

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QObject>

namespace testing {

// Returns the models now watched; models created later (a dialog's) are not. Ours are the
// pxp:: classes and the sort/filter and identity proxies the views put over them; the private
// models of Qt's own widgets (QListWidget, QComboBox, QCompleter) are Qt's to test, and a
// tester on them trips over their widget's destructor.
inline QList<QAbstractItemModel *> testModelsUnder(QObject *root) {
  QList<QAbstractItemModel *> tested;
  for (auto *model : root->findChildren<QAbstractItemModel *>()) {
    const QLatin1String cls(model->metaObject()->className());
    if (!cls.startsWith(QLatin1String("pxp::")) && cls != QLatin1String("QSortFilterProxyModel") &&
        cls != QLatin1String("QIdentityProxyModel"))
      continue;
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal, model);
    tested.push_back(model);
  }
  return tested;
}

} // namespace testing
