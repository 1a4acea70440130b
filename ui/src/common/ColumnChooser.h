#pragma once
// ColumnChooser: the columns a table shows by default, and a header menu (right-click on the
// column titles) to show or hide any other; the user's choice is kept per table (QSettings key
// "columns/<table objectName>"). A view shows what its reader needs without scrolling and
// lets them pick more, rather than every column at once behind a scrollbar.
// Thread affinity: GUI thread.

#include <QList>

class QTableView;

namespace pxp::ui {

// `defaults`: the model columns shown until the user chooses. The table needs its model and an
// objectName.
void installColumnChooser(QTableView *table, const QList<int> &defaults);

} // namespace pxp::ui
