#include "pxp/models/timeline/IncidentListModel.h"

#include "SortedRows.h"

#include "pxp/models/Format.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineStore.h"
#include "pxp/models/timeline/TimelineWriter.h"

#include <QSet>

#include <array>
#include <tuple>

namespace pxp::models {
namespace {

// Newest opened first; the id keeps incidents opened in the same millisecond in one order.
struct NewestFirst {
  struct Pos {
    qint64 openedAtMs = 0;
    friend bool operator==(const Pos &, const Pos &) = default;
  };
  static Pos pos(const Incident &incident) { return {incident.openedAtMs}; }
  static const QString &id(const Incident &incident) { return incident.id; }
  static bool less(const Incident &incident, const Pos &pos, const QString &id) {
    return std::tie(pos.openedAtMs, incident.id) < std::tie(incident.openedAtMs, id);
  }
  static bool before(const Incident &a, const Incident &b) {
    return std::tie(b.openedAtMs, a.id) < std::tie(a.openedAtMs, b.id);
  }
};

} // namespace

struct IncidentListModel::Rows : timeline::SortedRows<Incident, NewestFirst> {};

struct IncidentListModel::Notify {
  IncidentListModel *model;
  void beginInsert(int first, int last) { model->beginInsertRows(QModelIndex(), first, last); }
  void endInsert() { model->endInsertRows(); }
  void beginRemove(int first, int last) { model->beginRemoveRows(QModelIndex(), first, last); }
  void endRemove() { model->endRemoveRows(); }
  void beginMove(int row, int destination) {
    model->beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination);
  }
  void endMove() { model->endMoveRows(); }
  void changed(int row) {
    emit model->dataChanged(model->index(row, 0), model->index(row, IncidentListModel::ColumnCount - 1));
  }
};

IncidentListModel::IncidentListModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

IncidentListModel::~IncidentListModel() = default;

void IncidentListModel::setIncidents(const QList<Incident> &incidents) {
  QSet<QString> keep;
  for (const Incident &incident : incidents)
    keep.insert(incident.id);
  QStringList gone;
  for (const Incident &row : m_rows->rows())
    if (!keep.contains(row.id))
      gone.append(row.id);
  Notify notify{this};
  for (const QString &id : gone)
    m_rows->remove(id, notify);
  for (const Incident &incident : incidents)
    m_rows->upsert(incident, notify);
}

void IncidentListModel::applyIncident(const Incident &incident) {
  Notify notify{this};
  m_rows->upsert(incident, notify);
}

void IncidentListModel::setReader(const TimelineStore *reader) {
  m_reader = reader;
  m_lastDataVersion = -1;
}

TimelineResult<int> IncidentListModel::refresh() {
  if (!m_reader)
    return 0;
  auto version = m_reader->dataVersion();
  if (!version)
    return version.error();
  if (version.value() == m_lastDataVersion)
    return 0;
  auto incidents = m_reader->incidents(kMaxIncidents);
  if (!incidents)
    return incidents.error();
  setIncidents(incidents.value());
  m_lastDataVersion = version.value();
  return int(incidents.value().size());
}

void IncidentListModel::attach(TimelineWriter *writer) {
  if (m_writer)
    disconnect(m_writer, nullptr, this, nullptr);
  m_writer = writer;
  if (!writer)
    return;
  connect(writer, &TimelineWriter::incidentSaved, this,
          [this](quint64, const IncidentChange &change) { applyIncident(change.incident); });
  connect(writer, &TimelineWriter::imported, this, [this](quint64, const ImportCounts &) {
    m_lastDataVersion = -1;
    (void)refresh();
  });
}

const Incident &IncidentListModel::at(int row) const {
  return m_rows->at(row);
}

int IncidentListModel::rowOf(const QString &incidentId) const {
  return m_rows->rowOf(incidentId);
}

const QList<Incident> &IncidentListModel::incidents() const {
  return m_rows->rows();
}

int IncidentListModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int IncidentListModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const Incident &incident = m_rows->at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(incident, index.column());
  case Qt::ToolTipRole:
    if (index.column() == OpenedColumn)
      return incident.resolvedAtMs > 0
                 ? tr("%1\nresolved %2")
                       .arg(format::dateTimeLocal(incident.openedAtMs), format::dateTimeLocal(incident.resolvedAtMs))
                 : format::dateTimeLocal(incident.openedAtMs);
    if (index.column() == CommanderColumn && !incident.roles.isEmpty()) {
      QStringList roles;
      for (auto it = incident.roles.cbegin(); it != incident.roles.cend(); ++it)
        roles.append(QStringLiteral("%1: %2").arg(it.key(), it.value()));
      return roles.join(QLatin1Char('\n'));
    }
    return {};
  case IncidentIdRole: return incident.id;
  case SeverityRole: return incident.severity;
  case StatusRole: return int(incident.status);
  case StatusNameRole: return statusName(incident.status);
  case OpenedAtRole: return incident.openedAtMs;
  case ResolvedAtRole: return incident.resolvedAtMs;
  case CommanderRole: return incident.commander;
  case ServicesRole: return incident.services;
  case SloIdsRole: return incident.sloIds;
  case ResolvedRole: return incident.isResolved();
  case IncidentRole: return QVariant::fromValue(incident);
  case SortRole:
    switch (index.column()) {
    case OpenedColumn: return double(incident.openedAtMs);
    case SeverityColumn: return incident.severity;
    case StatusColumn: return int(incident.status);
    default: return displayData(incident, index.column());
    }
  default: return {};
  }
}

QVariant IncidentListModel::displayData(const Incident &incident, int column) const {
  switch (column) {
  case OpenedColumn: return TimelineModel::utcText(incident.openedAtMs);
  case SeverityColumn: return severityName(incident.severity);
  case StatusColumn: return statusTitle(incident.status);
  case TitleColumn: return incident.title;
  case CommanderColumn: return incident.commander;
  case ServicesColumn: return incident.services.join(QStringLiteral(", "));
  default: return {};
  }
}

QVariant IncidentListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static constexpr std::array<const char *, ColumnCount> kTitles = {QT_TR_NOOP("Opened (UTC)"), QT_TR_NOOP("Severity"),
                                                                    QT_TR_NOOP("Status"),       QT_TR_NOOP("Title"),
                                                                    QT_TR_NOOP("Commander"),    QT_TR_NOOP("Services")};
  return tr(kTitles.at(std::size_t(section)));
}

QHash<int, QByteArray> IncidentListModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{IncidentIdRole, "incidentId"},
                {SeverityRole, "severity"},
                {StatusRole, "status"},
                {StatusNameRole, "statusName"},
                {OpenedAtRole, "openedAt"},
                {ResolvedAtRole, "resolvedAt"},
                {CommanderRole, "commander"},
                {ServicesRole, "services"},
                {SloIdsRole, "sloIds"},
                {ResolvedRole, "resolved"},
                {IncidentRole, "incident"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
