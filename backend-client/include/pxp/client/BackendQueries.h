#pragma once
// BackendQueries: the daemon's unary queries (SLO history, traces, logs, RED metrics and
// cost) run on a worker thread with a deadline each; answers come back as queued signals
// carrying values, errors as a signal with the daemon's words. Requests are fire-and-forget
// from the GUI thread; a newer request of the same kind does not cancel an older one, the
// caller matches answers by their content (slo id, trace id).
// Thread affinity: the object lives on the creating (GUI) thread; its worker is private.

#include "pxp/client/ConnectionTarget.h"
#include "pxp/client/QueryValues.h"

#include <QObject>
#include <QThread>

namespace pxp::client {

class QueryWorker;

class BackendQueries : public QObject {
  Q_OBJECT
public:
  explicit BackendQueries(QObject *parent = nullptr);
  ~BackendQueries() override;

  // Sets the daemon to ask (call again after a profile change).
  void setTarget(const ConnectionTarget &target);

  void fetchHistory(const QString &sloId, qint64 startMs, qint64 endMs, qint64 stepSeconds);
  void fetchTraces(const QString &service, bool errorsOnly, int limit);
  void fetchTrace(const QString &traceId);
  void fetchLogs(const QString &traceId, const QString &service, int limit);
  void fetchRed(const QString &service, qint64 windowSeconds);

  static constexpr int kDeadlineMs = 5000;

signals:
  void historyReceived(const pxp::client::SloHistoryValue &history);
  // The answer to fetchTraces(service, errorsOnly, ...), with the filter it was asked with: an
  // answer to an earlier filter can arrive after the filter changed.
  void tracesReceived(const QString &service, bool errorsOnly, const QList<pxp::client::TraceValue> &traces,
                      const pxp::client::TraceStoreStatsValue &stats);
  void traceReceived(const pxp::client::TraceValue &trace);
  void logsReceived(const QString &traceId, const QList<pxp::client::LogValue> &logs);
  void redReceived(const QList<pxp::client::RedValue> &endpoints, const QList<pxp::client::CostValue> &costs);
  // `what` names the query ("history of payments/checkout-availability").
  void queryFailed(const QString &what, const QString &error);

private:
  QThread m_thread;
  QueryWorker *m_worker = nullptr; // lives on m_thread, deleted when it finishes
};

} // namespace pxp::client
