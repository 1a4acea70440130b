#pragma once
// IncidentsPage: the incident commander's page: the incident list (search, filter, new, from
// alert), the selected incident's header (status, roles, export, import), its timeline with
// the annotation bar, and the SLO chart of the incident window with the entries as markers.
// Everything it stores goes through the TimelineWriter it is attached to (off the GUI
// thread); a ReadOnly store on this thread follows other consoles' changes.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QMap>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace pxp::client {
class BackendQueries;
}
namespace pxp::models {
class IncidentListModel;
class LiveState;
class ServerClock;
class SessionStatus;
class TimelineStore;
class TimelineWriter;
struct TimelineError;
} // namespace pxp::models

namespace pxp::ui {

class AutomaticEntryFeed;
class IncidentChartPanel;
class IncidentListPanel;
class TimelinePanel;

class IncidentsPage : public QWidget {
  Q_OBJECT
public:
  IncidentsPage(models::SessionStatus *session, models::LiveState *state, client::BackendQueries *queries,
                QWidget *parent = nullptr);
  ~IncidentsPage() override;

  // Stores through `writer` (attach before writer->open() so the page can tell the user
  // where a damaged file went). `clock` (optional) follows the daemon's time for the writer's
  // "now"; the page feeds it. Neither is owned.
  void attach(models::TimelineWriter *writer, models::ServerClock *clock = nullptr);
  models::TimelineWriter *writer() const;
  // The on-call alert table gets "Open incident from this alert" (context menu, Ctrl+I).
  void installAlertTableActions(QTableView *alertTable);

  // Who this console's annotations and changes are by: the connection's actor, else $USER.
  QString author() const;
  QString currentIncidentId() const { return m_incidentId; }
  std::optional<models::Incident> currentIncident() const;
  // Open incidents, newest first (the command palette lists them).
  QList<models::Incident> openIncidents() const;

  models::IncidentListModel *incidentList() const { return m_incidents; }
  IncidentListPanel *listPanel() const { return m_list; }
  TimelinePanel *timeline() const { return m_timeline; }
  IncidentChartPanel *chart() const { return m_chart; }
  AutomaticEntryFeed *feed() const { return m_feed; }
  QComboBox *statusSelector() const { return m_status; }
  QLabel *errorLabel() const { return m_error; }
  QLabel *noticeLabel() const { return m_notice; }

public slots:
  void selectIncident(const QString &incidentId);
  // One action: the firing alert becomes an incident commanded by author(), then shown.
  void openFromAlert(const QString &alertId);
  void newIncident();
  void changeIncident();
  // The live stream: automatic entries for the incidents it concerns.
  void recordSnapshot(const pxp::client::WorldSnapshot &snapshot);
  void recordDelta(const pxp::client::WorldDelta &delta);
  // Asynchronous: exportFinished / importFinished tell the outcome (and the page shows it).
  void exportMarkdownTo(const QString &path);
  void exportJsonTo(const QString &path);
  void importJsonFrom(const QString &path);
  void exportMarkdown(); // file dialogs
  void exportJson();
  void importJson();

signals:
  // The page wants to be shown (an incident was opened from elsewhere, e.g. the alert table).
  void showRequested();
  // Links of automatic entries, resolved to the dashboards.
  void sloRequested(const QString &sloId);
  void onCallRequested();
  void serviceDebugRequested(const QString &service);
  void exportFinished(const QString &path, const QString &error); // error empty on success
  // After an import; counts.incidentId is empty when it failed (errorLabel() says why).
  void importFinished(const pxp::models::ImportCounts &counts);

private:
  QWidget *buildHeader();
  void opened(const models::OpenReport &report);
  void showError(const models::TimelineError &error);
  void showNotice(const QString &text);
  void refreshHeader();
  void followLink(const QString &link);
  void showSloOrOnCall(const QString &sloId);
  void writeExport(const QString &path, const QByteArray &bytes);
  void importDone(const models::ImportCounts &counts);
  void observeServerTime();

  models::SessionStatus *m_session;
  models::LiveState *m_state;
  QPointer<models::TimelineWriter> m_writer;
  models::ServerClock *m_clock = nullptr;
  models::IncidentListModel *m_incidents;
  AutomaticEntryFeed *m_feed;
  std::unique_ptr<models::TimelineStore> m_reader;
  QString m_incidentId;
  IncidentListPanel *m_list = nullptr;
  TimelinePanel *m_timeline = nullptr;
  IncidentChartPanel *m_chart = nullptr;
  QLabel *m_title = nullptr;
  QLabel *m_people = nullptr;
  QComboBox *m_status = nullptr;
  QPushButton *m_change = nullptr;
  QPushButton *m_exportMarkdown = nullptr;
  QPushButton *m_exportJson = nullptr;
  QLabel *m_error = nullptr;
  QLabel *m_notice = nullptr;
  QTimer *m_listRefresh = nullptr;
  QSet<quint64> m_selectOnSave;     // create / open-from-alert requests to show once saved
  QMap<quint64, QString> m_exports; // request -> file
  QMap<quint64, QString> m_imports; // request -> file
};

} // namespace pxp::ui
