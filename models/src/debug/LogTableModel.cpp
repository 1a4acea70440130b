#include "pxp/models/debug/LogTableModel.h"

#include "pxp/models/Format.h"

namespace pxp::models {

using client::LogValue;

namespace {

bool sameLog(const LogValue &a, const LogValue &b) {
  return a.timeMs == b.timeMs && a.service == b.service && a.severity == b.severity && a.message == b.message &&
         a.traceId == b.traceId && a.spanId == b.spanId && a.correlationId == b.correlationId &&
         a.eventName == b.eventName;
}

// True when `logs` starts with every record of `prefix`, in order.
bool startsWith(const QList<LogValue> &logs, const QList<LogValue> &prefix) {
  if (prefix.size() > logs.size())
    return false;
  for (qsizetype i = 0; i < prefix.size(); ++i)
    if (!sameLog(logs.at(i), prefix.at(i)))
      return false;
  return true;
}

bool isError(const LogValue &log) {
  return log.severity == QLatin1String("ERROR");
}

bool isEvent(const LogValue &log) {
  return !log.eventName.isEmpty();
}

} // namespace

LogTableModel::LogTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void LogTableModel::setLogs(const QList<LogValue> &logs) {
  if (!m_logs.isEmpty() && startsWith(logs, m_logs)) {
    if (logs.size() == m_logs.size())
      return;
    beginInsertRows(QModelIndex(), int(m_logs.size()), int(logs.size()) - 1);
    m_logs = logs;
    endInsertRows();
    return;
  }
  if (m_logs.isEmpty() && logs.isEmpty())
    return;
  beginResetModel();
  m_logs = logs;
  endResetModel();
}

void LogTableModel::clear() {
  setLogs({});
}

int LogTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_logs.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const LogValue &log = m_logs.at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(log, index.column());
  case Qt::ToolTipRole:
    if (index.column() == TimeColumn)
      return format::dateTimeLocal(log.timeMs);
    if (index.column() == MessageColumn)
      return log.message;
    if (index.column() == KindColumn || index.column() == EventColumn)
      return log.correlationId.isEmpty() ? tr("No request id: not linked to a trace by request")
                                         : tr("Request id %1").arg(log.correlationId);
    return {};
  case TimeMsRole: return log.timeMs;
  case SeverityRole: return log.severity;
  case IsErrorRole: return isError(log);
  case TraceIdRole: return log.traceId;
  case SpanIdRole: return log.spanId;
  case SortRole: return index.column() == TimeColumn ? QVariant(double(log.timeMs)) : displayData(log, index.column());
  case IsEventRole: return isEvent(log);
  case EventNameRole: return log.eventName;
  case CorrelationIdRole: return log.correlationId;
  default: return {};
  }
}

QVariant LogTableModel::displayData(const LogValue &log, int column) const {
  switch (column) {
  case TimeColumn: return format::timeLocal(log.timeMs);
  case ServiceColumn: return log.service;
  case KindColumn: return isEvent(log) ? tr("event") : tr("log");
  case EventColumn: return log.eventName;
  case SeverityColumn: return log.severity;
  case MessageColumn: return log.message;
  case TraceIdColumn: return log.traceId;
  default: return {};
  }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Time"),  QT_TR_NOOP("Service"),  QT_TR_NOOP("Kind"),
                                                   QT_TR_NOOP("Event"), QT_TR_NOOP("Severity"), QT_TR_NOOP("Message"),
                                                   QT_TR_NOOP("Trace")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> LogTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{TimeMsRole, "timeMs"},
                {SeverityRole, "severity"},
                {IsErrorRole, "isError"},
                {TraceIdRole, "traceId"},
                {SpanIdRole, "spanId"},
                {SortRole, "sort"},
                {IsEventRole, "isEvent"},
                {EventNameRole, "eventName"},
                {CorrelationIdRole, "correlationId"}});
  return names;
}

} // namespace pxp::models
