#include "pxp/models/timeline/TimelineWriter.h"

#include "WriterWorker.h"

namespace pxp::models {

TimelineWriter::TimelineWriter(TimelineStore::Options options, QObject *parent)
    : QObject(parent), m_worker(std::make_unique<timeline::WriterWorker>(std::move(options))) {
  m_thread.setObjectName(QStringLiteral("timeline-writer"));
  m_worker->moveToThread(&m_thread);
  m_thread.start();
}

TimelineWriter::~TimelineWriter() {
  // Queued after every request already made: they all finish (and are durable) first.
  m_worker->post([thread = &m_thread](TimelineStore &store) {
    store.close();
    thread->quit();
  });
  m_thread.wait();
}

template <typename T>
quint64 TimelineWriter::post(Counted counted, std::function<TimelineResult<T>(TimelineStore &)> call,
                             std::function<void(TimelineWriter &, quint64, const T &)> deliver) {
  const quint64 id = ++m_lastRequestId;
  if (counted == Counted::Yes) {
    m_pendingWrites.insert(id);
    emit pendingCountChanged(pendingCount());
  }
  // `self` is safe to post to: the destructor waits for this job, and Qt drops the posted
  // delivery if the writer is gone by the time it would run.
  TimelineWriter *self = this;
  m_worker->post([self, id, call = std::move(call), deliver = std::move(deliver)](TimelineStore &store) {
    TimelineResult<T> result = call(store);
    QMetaObject::invokeMethod(
        self,
        [self, id, deliver, result = std::move(result)] {
          if (result)
            deliver(*self, id, result.value());
          else
            emit self->failed(id, result.error());
          self->finish(id);
        },
        Qt::QueuedConnection);
  });
  return id;
}

void TimelineWriter::finish(quint64 requestId) {
  if (m_pendingWrites.remove(requestId))
    emit pendingCountChanged(pendingCount());
}

quint64 TimelineWriter::open(const QString &path) {
  return post<OpenReport>(
      Counted::No, [path](TimelineStore &store) { return store.open(path); },
      [](TimelineWriter &w, quint64 id, const OpenReport &report) {
        w.m_open = true;
        w.m_path = report.path;
        emit w.opened(id, report);
      });
}

quint64 TimelineWriter::createIncident(const Incident &incident, const QString &who) {
  return post<IncidentChange>(
      Counted::Yes, [incident, who](TimelineStore &store) { return store.createIncident(incident, who); },
      [](TimelineWriter &w, quint64 id, const IncidentChange &change) { emit w.incidentSaved(id, change); });
}

quint64 TimelineWriter::openFromAlert(const client::AlertValue &alert, const QString &commander) {
  return post<IncidentChange>(
      Counted::Yes, [alert, commander](TimelineStore &store) { return store.openFromAlert(alert, commander); },
      [](TimelineWriter &w, quint64 id, const IncidentChange &change) { emit w.incidentSaved(id, change); });
}

quint64 TimelineWriter::updateIncident(const Incident &incident, const QString &who) {
  return post<IncidentChange>(
      Counted::Yes, [incident, who](TimelineStore &store) { return store.updateIncident(incident, who); },
      [](TimelineWriter &w, quint64 id, const IncidentChange &change) { emit w.incidentSaved(id, change); });
}

quint64 TimelineWriter::addEntry(const TimelineEntry &entry) {
  return post<TimelineEntry>(
      Counted::Yes, [entry](TimelineStore &store) { return store.addEntry(entry); },
      [](TimelineWriter &w, quint64 id, const TimelineEntry &stored) { emit w.saved(id, stored); });
}

quint64 TimelineWriter::editEntry(const TimelineEntry &edited, const QString &who) {
  return post<TimelineEntry>(
      Counted::Yes, [edited, who](TimelineStore &store) { return store.editEntry(edited, who); },
      [](TimelineWriter &w, quint64 id, const TimelineEntry &stored) { emit w.saved(id, stored); });
}

quint64 TimelineWriter::deleteEntry(const QString &entryId, const QString &who) {
  return post<TimelineEntry>(
      Counted::Yes, [entryId, who](TimelineStore &store) { return store.deleteEntry(entryId, who); },
      [](TimelineWriter &w, quint64 id, const TimelineEntry &stored) { emit w.saved(id, stored); });
}

quint64 TimelineWriter::restoreEntry(const QString &entryId, const QString &who) {
  return post<TimelineEntry>(
      Counted::Yes, [entryId, who](TimelineStore &store) { return store.restoreEntry(entryId, who); },
      [](TimelineWriter &w, quint64 id, const TimelineEntry &stored) { emit w.saved(id, stored); });
}

quint64 TimelineWriter::addAutomatic(const QList<TimelineEntry> &entries) {
  return post<AutomaticBatch>(
      Counted::No, [entries](TimelineStore &store) { return store.addAutomatic(entries); },
      [](TimelineWriter &w, quint64 id, const AutomaticBatch &batch) { emit w.automaticSaved(id, batch); });
}

quint64 TimelineWriter::importJson(const QByteArray &json) {
  return post<ImportCounts>(
      Counted::Yes, [json](TimelineStore &store) { return store.importJson(json); },
      [](TimelineWriter &w, quint64 id, const ImportCounts &counts) { emit w.imported(id, counts); });
}

quint64 TimelineWriter::loadIncident(const QString &incidentId) {
  return post<EntryChanges>(
      Counted::No, [incidentId](TimelineStore &store) { return store.load(incidentId); },
      [incidentId](TimelineWriter &w, quint64 id, const EntryChanges &loaded) {
        emit w.entriesLoaded(id, incidentId, loaded);
      });
}

quint64 TimelineWriter::search(const EntryFilter &filter) {
  return post<QList<SearchHit>>(
      Counted::No, [filter](TimelineStore &store) { return store.search(filter); },
      [](TimelineWriter &w, quint64 id, const QList<SearchHit> &hits) { emit w.searchFinished(id, hits); });
}

quint64 TimelineWriter::history(const QString &entryId) {
  return post<QList<EntryRevision>>(
      Counted::No, [entryId](TimelineStore &store) { return store.history(entryId); },
      [entryId](TimelineWriter &w, quint64 id, const QList<EntryRevision> &revisions) {
        emit w.historyLoaded(id, entryId, revisions);
      });
}

quint64 TimelineWriter::exportMarkdown(const QString &incidentId, const QMap<QString, double> &budgetConsumedBySlo,
                                       const QString &dataNote) {
  return post<QByteArray>(
      Counted::No,
      [incidentId, budgetConsumedBySlo, dataNote](TimelineStore &store) -> TimelineResult<QByteArray> {
        auto markdown = store.exportMarkdown(incidentId, budgetConsumedBySlo, dataNote);
        if (!markdown)
          return markdown.error();
        return markdown.value().toUtf8();
      },
      [](TimelineWriter &w, quint64 id, const QByteArray &bytes) { emit w.exported(id, bytes); });
}

quint64 TimelineWriter::exportJson(const QString &incidentId) {
  return post<QByteArray>(
      Counted::No, [incidentId](TimelineStore &store) { return store.exportJson(incidentId); },
      [](TimelineWriter &w, quint64 id, const QByteArray &bytes) { emit w.exported(id, bytes); });
}

} // namespace pxp::models
