#pragma once
// EntryHistoryDialog: every edit, delete and restore of one entry: who, when (UTC), what
// changed, and the before and after text, oldest first.
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineValues.h"

#include <QDialog>

class QTableWidget;

namespace pxp::ui {

class EntryHistoryDialog : public QDialog {
  Q_OBJECT
public:
  EntryHistoryDialog(const models::TimelineEntry &entry, const QList<models::EntryRevision> &history,
                     QWidget *parent = nullptr);

  QTableWidget *table() const { return m_table; }

private:
  QTableWidget *m_table;
};

} // namespace pxp::ui
