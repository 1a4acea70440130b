#pragma once
// TimelineWriter: the GUI thread's door to the incident timeline file. Every write (and every
// read that may be large) runs on its own worker thread with its own TimelineStore, so the
// GUI never waits on the disk; each call returns a request id at once and its result comes
// back as a queued signal, in call order. A `saved` entry is durable (synchronous=FULL).
// pendingCount() counts the writes a person made (incidents, annotations, edits, deletes,
// imports) that are not yet durable: the UI shows "saving…" above 0 and "saved" at 0.
// Automatic entries are written the same way but not counted: they are not the user's.
// Thread affinity: GUI thread (the object); its store lives on the worker thread.

#include "pxp/client/Values.h"
#include "pxp/models/timeline/TimelineError.h"
#include "pxp/models/timeline/TimelineStore.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QThread>

#include <functional>
#include <memory>

namespace pxp::models {

namespace timeline {
class WriterWorker;
}

class TimelineWriter : public QObject {
  Q_OBJECT
public:
  explicit TimelineWriter(TimelineStore::Options options = {}, QObject *parent = nullptr);
  // Finishes every request already made (nothing the user saved is dropped), then stops the
  // worker. Results of those requests are no longer delivered.
  ~TimelineWriter() override;

  // Opens (checks, migrates, creates) the file; `opened` tells where a damaged file went.
  // Requests made before it finishes run after it.
  quint64 open(const QString &path = TimelineStore::defaultPath());
  bool isOpen() const { return m_open; }
  QString path() const { return m_path; } // once opened

  // --- writes (TimelineStore documents each) ---------------------------------------------
  quint64 createIncident(const Incident &incident, const QString &who);
  quint64 openFromAlert(const client::AlertValue &alert, const QString &commander);
  quint64 updateIncident(const Incident &incident, const QString &who);
  quint64 addEntry(const TimelineEntry &entry);
  quint64 editEntry(const TimelineEntry &edited, const QString &who);
  quint64 deleteEntry(const QString &entryId, const QString &who);
  quint64 restoreEntry(const QString &entryId, const QString &who);
  quint64 addAutomatic(const QList<TimelineEntry> &entries);
  quint64 importJson(const QByteArray &json);

  // --- reads that may be large ------------------------------------------------------------
  // Every entry of an incident, tombstones too, with the change cursor (TimelineStore::load).
  quint64 loadIncident(const QString &incidentId);
  quint64 search(const EntryFilter &filter);
  quint64 history(const QString &entryId);
  quint64 exportMarkdown(const QString &incidentId, const QMap<QString, double> &budgetConsumedBySlo,
                         const QString &dataNote = {});
  quint64 exportJson(const QString &incidentId);

  int pendingCount() const { return int(m_pendingWrites.size()); }

signals:
  void opened(quint64 requestId, const pxp::models::OpenReport &report);
  // addEntry, editEntry, deleteEntry, restoreEntry: the entry as stored now.
  void saved(quint64 requestId, const pxp::models::TimelineEntry &entry);
  // createIncident, openFromAlert, updateIncident: the incident and the entries it appended.
  void incidentSaved(quint64 requestId, const pxp::models::IncidentChange &change);
  void automaticSaved(quint64 requestId, const pxp::models::AutomaticBatch &batch);
  void imported(quint64 requestId, const pxp::models::ImportCounts &counts);
  // loadIncident: the entries and the change sequence they are current to.
  void entriesLoaded(quint64 requestId, const QString &incidentId, const pxp::models::EntryChanges &loaded);
  void searchFinished(quint64 requestId, const QList<pxp::models::SearchHit> &hits);
  void historyLoaded(quint64 requestId, const QString &entryId, const QList<pxp::models::EntryRevision> &history);
  // exportMarkdown (UTF-8 Markdown) or exportJson.
  void exported(quint64 requestId, const QByteArray &bytes);
  // Any request; the message says what failed, where, and what to do.
  void failed(quint64 requestId, const pxp::models::TimelineError &error);
  void pendingCountChanged(int pendingCount);

private:
  enum class Counted { No, Yes };
  // Runs `call` on the worker; delivers its value with `deliver` on this thread, or `failed`.
  template <typename T>
  quint64 post(Counted counted, std::function<TimelineResult<T>(TimelineStore &)> call,
               std::function<void(TimelineWriter &, quint64, const T &)> deliver);
  void finish(quint64 requestId);

  QThread m_thread;
  std::unique_ptr<timeline::WriterWorker> m_worker; // lives on m_thread
  QSet<quint64> m_pendingWrites;
  quint64 m_lastRequestId = 0;
  bool m_open = false;
  QString m_path;
};

} // namespace pxp::models
