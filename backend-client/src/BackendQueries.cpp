#include "pxp/client/BackendQueries.h"

#include "QueryWorker.h"

namespace pxp::client {

BackendQueries::BackendQueries(QObject *parent) : QObject(parent) {
  qRegisterMetaType<ConnectionTarget>();
  qRegisterMetaType<SloHistoryValue>();
  qRegisterMetaType<TraceValue>();
  qRegisterMetaType<TraceStoreStatsValue>();
  qRegisterMetaType<QList<TraceValue>>();
  qRegisterMetaType<QList<LogValue>>();
  qRegisterMetaType<QList<RedValue>>();
  qRegisterMetaType<QList<CostValue>>();
  m_worker = new QueryWorker; // owned by the thread: deleteLater on finished
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &QueryWorker::historyReceived, this, &BackendQueries::historyReceived);
  connect(m_worker, &QueryWorker::tracesReceived, this, &BackendQueries::tracesReceived);
  connect(m_worker, &QueryWorker::traceReceived, this, &BackendQueries::traceReceived);
  connect(m_worker, &QueryWorker::logsReceived, this, &BackendQueries::logsReceived);
  connect(m_worker, &QueryWorker::redReceived, this, &BackendQueries::redReceived);
  connect(m_worker, &QueryWorker::queryFailed, this, &BackendQueries::queryFailed);
  m_thread.setObjectName(QStringLiteral("pxp-queries"));
  m_thread.start();
}

BackendQueries::~BackendQueries() {
  m_thread.quit();
  m_thread.wait();
}

void BackendQueries::setTarget(const ConnectionTarget &target) {
  QMetaObject::invokeMethod(
      m_worker, [w = m_worker, target] { w->setTarget(target); }, Qt::QueuedConnection);
}

void BackendQueries::fetchHistory(const QString &sloId, qint64 startMs, qint64 endMs, qint64 stepSeconds) {
  QMetaObject::invokeMethod(
      m_worker, [=, w = m_worker] { w->history(sloId, startMs, endMs, stepSeconds); }, Qt::QueuedConnection);
}

void BackendQueries::fetchTraces(const QString &service, bool errorsOnly, int limit) {
  QMetaObject::invokeMethod(
      m_worker, [=, w = m_worker] { w->traces(service, errorsOnly, limit); }, Qt::QueuedConnection);
}

void BackendQueries::fetchTrace(const QString &traceId) {
  QMetaObject::invokeMethod(
      m_worker, [=, w = m_worker] { w->trace(traceId); }, Qt::QueuedConnection);
}

void BackendQueries::fetchLogs(const QString &traceId, const QString &service, int limit) {
  QMetaObject::invokeMethod(
      m_worker, [=, w = m_worker] { w->logs(traceId, service, limit); }, Qt::QueuedConnection);
}

void BackendQueries::fetchRed(const QString &service, qint64 windowSeconds) {
  QMetaObject::invokeMethod(
      m_worker, [=, w = m_worker] { w->red(service, windowSeconds); }, Qt::QueuedConnection);
}

} // namespace pxp::client
