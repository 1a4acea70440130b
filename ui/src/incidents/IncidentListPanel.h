#pragma once
// IncidentListPanel: the incidents in the timeline file: search across incidents (titles,
// people, services, and every entry's text), a status filter, "New incident" and "From
// alert" (one action per firing alert). Selecting a row or a search hit shows that incident.
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineValues.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QToolButton;

namespace pxp::models {
class IncidentListModel;
class LiveState;
class TimelineWriter;
} // namespace pxp::models

namespace pxp::ui {

class IncidentListPanel : public QWidget {
  Q_OBJECT
public:
  enum class StatusFilter { Open, All, Resolved };

  IncidentListPanel(models::IncidentListModel *incidents, models::LiveState *state, QWidget *parent = nullptr);

  void attach(models::TimelineWriter *writer);
  QString selectedIncident() const;
  void selectIncident(const QString &incidentId);

  QTableView *table() const { return m_table; }
  QLineEdit *search() const { return m_search; }
  QComboBox *statusFilter() const { return m_status; }
  QListWidget *hits() const { return m_hits; }
  QPushButton *newButton() const { return m_new; }
  QToolButton *fromAlertButton() const { return m_fromAlert; }

signals:
  void incidentSelected(const QString &incidentId);
  // A search hit was activated: show the incident and that entry.
  void entryRequested(const QString &incidentId, const QString &entryId);
  void newIncidentRequested();
  void openFromAlertRequested(const QString &alertId);

private:
  void runSearch();
  void fillAlertMenu();

  models::IncidentListModel *m_incidents;
  models::LiveState *m_state;
  QPointer<models::TimelineWriter> m_writer;
  QSortFilterProxyModel *m_proxy;
  QLineEdit *m_search = nullptr;
  QComboBox *m_status = nullptr;
  QPushButton *m_new = nullptr;
  QToolButton *m_fromAlert = nullptr;
  QTableView *m_table = nullptr;
  QLabel *m_hitsLabel = nullptr;
  QListWidget *m_hits = nullptr;
  QTimer *m_searchTimer = nullptr;
  quint64 m_searchRequest = 0;
};

} // namespace pxp::ui
