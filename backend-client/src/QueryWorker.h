#pragma once
// QueryWorker: performs BackendQueries' blocking unary calls on its own QThread.
// Thread affinity: the BackendQueries worker thread.

#include "pxp/client/ConnectionTarget.h"
#include "pxp/client/QueryValues.h"

#include <QObject>

#include <memory>

namespace pxp::v1 {
class ControlPlane;
}

namespace pxp::client {

class QueryWorker : public QObject {
  Q_OBJECT
public:
  QueryWorker();
  ~QueryWorker() override;

public slots:
  void setTarget(const pxp::client::ConnectionTarget &target);
  void history(const QString &sloId, qint64 startMs, qint64 endMs, qint64 stepSeconds);
  void traces(const QString &service, bool errorsOnly, int limit);
  void trace(const QString &traceId);
  void logs(const QString &traceId, const QString &service, int limit);
  void red(const QString &service, qint64 windowSeconds);

signals:
  void historyReceived(const pxp::client::SloHistoryValue &history);
  void tracesReceived(const QString &service, bool errorsOnly, const QList<pxp::client::TraceValue> &traces,
                      const pxp::client::TraceStoreStatsValue &stats);
  void traceReceived(const pxp::client::TraceValue &trace);
  void logsReceived(const QString &traceId, const QList<pxp::client::LogValue> &logs);
  void redReceived(const QList<pxp::client::RedValue> &endpoints, const QList<pxp::client::CostValue> &costs);
  void queryFailed(const QString &what, const QString &error);

private:
  struct Stub;
  std::unique_ptr<Stub> m_stub;
  ConnectionTarget m_target;
};

} // namespace pxp::client
