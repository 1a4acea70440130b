#pragma once
// LogTableModel: log records and product events (time, service, kind, event name, severity,
// message, trace id), oldest first as the daemon returns them. A product event (a record with
// an event name, e.g. "checkout.completed") shows kind "event", a plain log line "log".
// Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QAbstractTableModel>
#include <QList>

namespace pxp::models {

class LogTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    TimeColumn,
    ServiceColumn,
    KindColumn,  // "event" or "log"
    EventColumn, // the product event's name; empty for a log line
    SeverityColumn,
    MessageColumn,
    TraceIdColumn,
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    TimeMsRole = Qt::UserRole + 1, // qint64 epoch ms
    SeverityRole,                  // QString: DEBUG, INFO, WARN, ERROR
    IsErrorRole,                   // bool: severity ERROR
    TraceIdRole,                   // QString
    SpanIdRole,                    // QString
    SortRole,                      // the column's raw value (time as double)
    IsEventRole,                   // bool: a product event, not a plain log line
    EventNameRole,                 // QString: the event's name, "" for a log line
    CorrelationIdRole,             // QString: the request id that links it to spans
  };
  Q_ENUM(Role)

  explicit LogTableModel(QObject *parent = nullptr);

  // The same records change nothing; the old records followed by new ones append rows;
  // anything else (another trace) replaces the set with a reset.
  void setLogs(const QList<client::LogValue> &logs);
  void clear();

  const client::LogValue &at(int row) const { return m_logs.at(row); }

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  QVariant displayData(const client::LogValue &log, int column) const;

  QList<client::LogValue> m_logs;
};

} // namespace pxp::models
