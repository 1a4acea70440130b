#pragma once
// TimelinePanel: the selected incident's timeline: entries in time order with kind icons,
// filters (kinds, author, text, tombstones, automatic), edit with history, delete as a
// tombstone, restore, and the annotation bar at the bottom. Double-clicking an automatic
// entry follows its pxp:// link to the dashboard it came from.
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineValues.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;

namespace pxp::models {
class TimelineFilterProxy;
class TimelineModel;
class TimelineStore;
class TimelineWriter;
} // namespace pxp::models

namespace pxp::ui {

class AnnotationBar;
class TimelinePresentationProxy;

class TimelinePanel : public QWidget {
  Q_OBJECT
public:
  // `author` names the person at this console (who annotations and changes are by).
  explicit TimelinePanel(std::function<QString()> author, QWidget *parent = nullptr);

  void attach(models::TimelineWriter *writer);
  // A ReadOnly store for catching up with other consoles (not owned).
  void setReader(const models::TimelineStore *reader);
  void showIncident(const QString &incidentId);
  QString incidentId() const; // the incident shown, as soon as it was asked for

  models::TimelineModel *model() const { return m_model; }
  models::TimelineFilterProxy *filter() const { return m_filter; }
  QTableView *table() const { return m_table; }
  AnnotationBar *annotationBar() const { return m_annotation; }
  QCheckBox *showDeleted() const { return m_showDeleted; }
  QComboBox *authorFilter() const { return m_author; }
  QToolButton *kindFilter() const { return m_kinds; }
  QLineEdit *textFilter() const { return m_text; }
  // The entry of the current row, if any.
  std::optional<models::TimelineEntry> currentEntry() const;
  // Selects the row of `entryId` (shown with the current filters).
  bool selectEntry(const QString &entryId);

public slots:
  void editCurrent();
  void deleteCurrent();
  void restoreCurrent();
  void showHistoryOfCurrent();
  // The daemon's clock moved: the annotation time field follows it.
  void setNowMs(qint64 nowMs);

signals:
  // An automatic entry's pxp:// link was activated (double-click or "Open in dashboard").
  void linkActivated(const QString &link);

private:
  QWidget *buildFilterBar();
  QWidget *buildActionBar();
  void annotate(models::EntryKind kind, const QString &text, qint64 eventTimeMs);
  void applyKindFilter();
  void refreshAuthors();
  void updateActions();
  void activated(const QModelIndex &index);

  std::function<QString()> m_whoAmI;
  QPointer<models::TimelineWriter> m_writer;
  models::TimelineModel *m_model;
  models::TimelineFilterProxy *m_filter;
  TimelinePresentationProxy *m_presentation;
  QTableView *m_table = nullptr;
  QToolButton *m_kinds = nullptr;
  QComboBox *m_author = nullptr;
  QLineEdit *m_text = nullptr;
  QCheckBox *m_showDeleted = nullptr;
  QCheckBox *m_showAutomatic = nullptr;
  QPushButton *m_edit = nullptr;
  QPushButton *m_delete = nullptr;
  QPushButton *m_restore = nullptr;
  QPushButton *m_history = nullptr;
  QPushButton *m_open = nullptr;
  AnnotationBar *m_annotation = nullptr;
  QTimer *m_authorsTimer = nullptr;
  QSet<quint64> m_historyRequests;
  QString m_incidentId; // the incident shown (its entries may still be loading)
};

} // namespace pxp::ui
