#pragma once
// AutomaticEntryFeed: records what the live stream says about open incidents: every snapshot
// and delta from the backend connection is mapped (AutomaticEntryMapper) into automatic
// entries for the incidents it concerns and handed to the timeline writer, which skips what
// this or another console recorded already. A newly opened incident is back-filled from the
// live state the console already holds (the decision or deploy that preceded it), and a
// changed one with what now concerns it.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QObject>
#include <QPointer>

namespace pxp::models {
class IncidentListModel;
class LiveState;
class TimelineWriter;
} // namespace pxp::models

namespace pxp::ui {

class AutomaticEntryFeed : public QObject {
  Q_OBJECT
public:
  AutomaticEntryFeed(const models::IncidentListModel *incidents, const models::LiveState *state,
                     QObject *parent = nullptr);

  void attach(models::TimelineWriter *writer);
  // Entries handed to the writer so far (recorded or skipped as already there).
  qint64 entriesSent() const { return m_sent; }

public slots:
  void recordSnapshot(const pxp::client::WorldSnapshot &snapshot);
  void recordDelta(const pxp::client::WorldDelta &delta);
  // Maps what the live state holds now (alerts, deploys, flags, decisions, audit) for `incident`.
  void backfill(const pxp::models::Incident &incident);

private:
  void send(const QList<models::TimelineEntry> &entries);
  client::WorldSnapshot liveSnapshot() const;

  const models::IncidentListModel *m_incidents;
  const models::LiveState *m_state;
  QPointer<models::TimelineWriter> m_writer;
  qint64 m_sent = 0;
};

} // namespace pxp::ui
