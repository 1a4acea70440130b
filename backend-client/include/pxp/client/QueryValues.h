#pragma once
// Value types of the daemon's query RPCs (history, traces, logs, RED, cost), for models and
// views. Times are epoch ms UTC unless the name says us (microseconds).
// Thread affinity: none (copied across threads in queued signals).

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QPointF>
#include <QString>

#include <vector>

namespace pxp::client {

struct SloHistoryValue {
  QString sloId;
  qint64 stepSeconds = 0;
  qint64 startMs = 0, endMs = 0; // the range asked for
  // Per-step series (sli, totalEvents, badEvents) are stamped with their step's start; rolling
  // ones (budgetRemaining, burnRate1h, budgetEvents) with the moment they describe. None after
  // the daemon's now (see SloHistory in slo.proto).
  std::vector<QPointF> sli;             // (time ms, ratio); NaN = no data
  std::vector<QPointF> budgetRemaining; // (time ms, ratio left over the period ending then)
  std::vector<QPointF> burnRate1h;      // (time ms, burn over the hour ending then)
  std::vector<QPointF> totalEvents;     // (time ms, events per step)
  std::vector<QPointF> badEvents;       // (time ms, bad events per step)
  std::vector<QPointF> budgetEvents;    // (time ms, allowed bad events over the period ending then)
};

struct SpanValue {
  QString traceId, spanId, parentSpanId, service, operation, statusMessage, correlationId;
  qint64 startUs = 0, durationUs = 0;
  bool error = false;
  QList<QPair<QString, QString>> attributes;
};

struct TraceValue {
  QString traceId, rootService, rootOperation;
  qint64 startUs = 0, durationUs = 0;
  bool hasError = false;
  qint64 spansTruncated = 0; // spans the daemon did not keep (the trace hit its span limit or the store's cap)
  QList<SpanValue> spans;    // start order
};

struct TraceStoreStatsValue {
  qint64 spansStored = 0, spansDropped = 0, bytesUsed = 0, bytesCap = 0, spansUnlinked = 0;
  double unlinkedRatio = 0;
  qint64 eventsReceived = 0, eventsUnlinked = 0; // product events, and those without a correlation id
  qint64 logsDropped = 0;                        // log records and events evicted by the store's caps
  qint64 spansTruncated = 0;                     // spans of over-long traces not kept (part of spansDropped)
};

struct LogValue {
  qint64 timeMs = 0;
  QString service, severity, message, traceId, spanId, correlationId;
  QString eventName; // a product event's name (e.g. "checkout.completed"); empty for a plain log line
};

struct RedValue {
  QString service, endpoint;
  qint64 windowSeconds = 0;
  double requestsPerSecond = 0, errorRatio = 0, p50Ms = 0, p95Ms = 0, p99Ms = 0;
};

struct CostValue {
  QString service;
  qint64 timeMs = 0;
  double costPerHourUsd = 0, costPer1kTransactionsUsd = 0, p95LatencyMs = 0;
};

} // namespace pxp::client

Q_DECLARE_METATYPE(pxp::client::SloHistoryValue)
Q_DECLARE_METATYPE(pxp::client::TraceValue)
Q_DECLARE_METATYPE(pxp::client::TraceStoreStatsValue)
Q_DECLARE_METATYPE(pxp::client::LogValue)
Q_DECLARE_METATYPE(pxp::client::RedValue)
Q_DECLARE_METATYPE(pxp::client::CostValue)
