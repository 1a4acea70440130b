#include "AutomaticEntryFeed.h"

#include "pxp/models/AlertTableModel.h"
#include "pxp/models/AuditTableModel.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/FlagTableModel.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/timeline/AutomaticEntryMapper.h"
#include "pxp/models/timeline/IncidentListModel.h"
#include "pxp/models/timeline/TimelineWriter.h"

namespace pxp::ui {

using models::AutomaticEntryMapper;

AutomaticEntryFeed::AutomaticEntryFeed(const models::IncidentListModel *incidents, const models::LiveState *state,
                                       QObject *parent)
    : QObject(parent), m_incidents(incidents), m_state(state) {}

void AutomaticEntryFeed::attach(models::TimelineWriter *writer) {
  if (m_writer)
    disconnect(m_writer, nullptr, this, nullptr);
  m_writer = writer;
  if (!writer)
    return;
  // A new incident gets its lead-in (the decision that preceded it); a changed one (new
  // services or SLOs) what now concerns it. The store skips what is there already.
  connect(writer, &models::TimelineWriter::incidentSaved, this,
          [this](quint64, const models::IncidentChange &change) { backfill(change.incident); });
}

void AutomaticEntryFeed::recordSnapshot(const client::WorldSnapshot &snapshot) {
  QList<models::TimelineEntry> entries;
  for (const auto &incident : m_incidents->incidents())
    entries += AutomaticEntryMapper::fromSnapshot(incident, snapshot);
  send(entries);
}

void AutomaticEntryFeed::recordDelta(const client::WorldDelta &delta) {
  send(AutomaticEntryMapper::fromDelta(m_incidents->incidents(), delta));
}

void AutomaticEntryFeed::backfill(const models::Incident &incident) {
  if (m_state->hasSnapshot())
    send(AutomaticEntryMapper::fromSnapshot(incident, liveSnapshot()));
}

void AutomaticEntryFeed::send(const QList<models::TimelineEntry> &entries) {
  if (entries.isEmpty() || !m_writer || !m_writer->isOpen())
    return;
  m_sent += entries.size();
  m_writer->addAutomatic(entries);
}

client::WorldSnapshot AutomaticEntryFeed::liveSnapshot() const {
  client::WorldSnapshot s;
  s.serverTimeMs = m_state->serverTimeMs();
  const auto *alerts = m_state->alerts();
  for (int r = 0; r < alerts->rowCount(); ++r)
    s.alerts << alerts->at(r);
  const auto *deployments = m_state->deployments();
  for (int r = 0; r < deployments->rowCount(); ++r)
    s.deployments << deployments->at(r);
  const auto *flags = m_state->flags();
  for (int r = 0; r < flags->rowCount(); ++r)
    s.flags << flags->at(r);
  const auto *decisions = m_state->decisions();
  for (int r = 0; r < decisions->rowCount(); ++r)
    s.decisions << decisions->at(r);
  const auto *audit = m_state->audit();
  for (int r = 0; r < audit->rowCount(); ++r)
    s.audit << audit->at(r);
  return s;
}

} // namespace pxp::ui
