#include "QueryWorker.h"

#include "ChannelFactory.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <chrono>

namespace pxp::client {
namespace {

QString q(const std::string &s) {
  return QString::fromStdString(s);
}

std::vector<QPointF> points(const google::protobuf::RepeatedPtrField<pxp::v1::Point> &in) {
  std::vector<QPointF> out;
  out.reserve(static_cast<std::size_t>(in.size()));
  for (const auto &p : in)
    out.emplace_back(static_cast<double>(p.time_ms()), p.value());
  return out;
}

TraceValue toValue(const pxp::v1::Trace &t) {
  TraceValue v;
  v.traceId = q(t.trace_id());
  v.rootService = q(t.root_service());
  v.rootOperation = q(t.root_operation());
  v.startUs = t.start_us();
  v.durationUs = t.duration_us();
  v.hasError = t.has_error();
  v.spansTruncated = t.spans_truncated();
  for (const auto &s : t.spans()) {
    SpanValue sv;
    sv.traceId = q(s.trace_id());
    sv.spanId = q(s.span_id());
    sv.parentSpanId = q(s.parent_span_id());
    sv.service = q(s.service());
    sv.operation = q(s.operation());
    sv.statusMessage = q(s.status_message());
    sv.correlationId = q(s.correlation_id());
    sv.startUs = s.start_us();
    sv.durationUs = s.duration_us();
    sv.error = s.status() == pxp::v1::SPAN_STATUS_ERROR;
    for (const auto &a : s.attributes())
      sv.attributes.push_back({q(a.key()), q(a.value())});
    v.spans.push_back(std::move(sv));
  }
  return v;
}

QString severityText(pxp::v1::LogSeverity s) {
  switch (s) {
  case pxp::v1::LOG_SEVERITY_DEBUG: return QStringLiteral("DEBUG");
  case pxp::v1::LOG_SEVERITY_INFO: return QStringLiteral("INFO");
  case pxp::v1::LOG_SEVERITY_WARN: return QStringLiteral("WARN");
  case pxp::v1::LOG_SEVERITY_ERROR: return QStringLiteral("ERROR");
  default: return QStringLiteral("-");
  }
}

} // namespace

struct QueryWorker::Stub {
  std::unique_ptr<pxp::v1::ControlPlane::Stub> stub;
  std::string token;

  std::unique_ptr<grpc::ClientContext> context() const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(5000));
    if (!token.empty())
      ctx->AddMetadata("authorization", "Bearer " + token);
    return ctx;
  }
};

QueryWorker::QueryWorker() = default;
QueryWorker::~QueryWorker() = default;

void QueryWorker::setTarget(const ConnectionTarget &target) {
  m_target = target;
  m_stub.reset();
  auto channel = makeChannel(target);
  if (!channel.channel) {
    emit queryFailed(tr("connection"), channel.error);
    return;
  }
  m_stub = std::make_unique<Stub>();
  m_stub->stub = pxp::v1::ControlPlane::NewStub(channel.channel);
  m_stub->token = target.token.toStdString();
}

void QueryWorker::history(const QString &sloId, qint64 startMs, qint64 endMs, qint64 stepSeconds) {
  if (!m_stub)
    return;
  pxp::v1::GetSloHistoryRequest req;
  req.set_slo_id(sloId.toStdString());
  req.mutable_range()->set_start_ms(startMs);
  req.mutable_range()->set_end_ms(endMs);
  req.set_step_seconds(stepSeconds);
  pxp::v1::SloHistory resp;
  auto ctx = m_stub->context();
  const auto status = m_stub->stub->GetSloHistory(ctx.get(), req, &resp);
  if (!status.ok()) {
    emit queryFailed(tr("history of %1").arg(sloId), q(status.error_message()));
    return;
  }
  SloHistoryValue v;
  v.sloId = sloId;
  v.stepSeconds = resp.step_seconds();
  v.startMs = startMs;
  v.endMs = endMs;
  v.sli = points(resp.sli());
  v.budgetRemaining = points(resp.budget_remaining());
  v.burnRate1h = points(resp.burn_rate_1h());
  v.totalEvents = points(resp.total_events());
  v.badEvents = points(resp.bad_events());
  v.budgetEvents = points(resp.budget_events());
  emit historyReceived(v);
}

void QueryWorker::traces(const QString &service, bool errorsOnly, int limit) {
  if (!m_stub)
    return;
  pxp::v1::ListTracesRequest req;
  req.set_service(service.toStdString());
  req.set_errors_only(errorsOnly);
  req.set_limit(limit);
  pxp::v1::ListTracesResponse resp;
  auto ctx = m_stub->context();
  const auto status = m_stub->stub->ListTraces(ctx.get(), req, &resp);
  if (!status.ok()) {
    emit queryFailed(tr("traces"), q(status.error_message()));
    return;
  }
  QList<TraceValue> out;
  for (const auto &t : resp.traces())
    out.push_back(toValue(t));
  const auto &s = resp.stats();
  emit tracesReceived(service, errorsOnly, out,
                      {s.spans_stored(), s.spans_dropped(), s.bytes_used(), s.bytes_cap(), s.spans_unlinked(),
                       s.unlinked_ratio(), s.events_received(), s.events_unlinked(), s.logs_dropped(),
                       s.spans_truncated()});
}

void QueryWorker::trace(const QString &traceId) {
  if (!m_stub)
    return;
  pxp::v1::GetTraceRequest req;
  req.set_trace_id(traceId.toStdString());
  pxp::v1::Trace resp;
  auto ctx = m_stub->context();
  const auto status = m_stub->stub->GetTrace(ctx.get(), req, &resp);
  if (!status.ok()) {
    emit queryFailed(tr("trace %1").arg(traceId), q(status.error_message()));
    return;
  }
  emit traceReceived(toValue(resp));
}

void QueryWorker::logs(const QString &traceId, const QString &service, int limit) {
  if (!m_stub)
    return;
  pxp::v1::QueryLogsRequest req;
  req.set_trace_id(traceId.toStdString());
  req.set_service(service.toStdString());
  req.set_limit(limit);
  pxp::v1::QueryLogsResponse resp;
  auto ctx = m_stub->context();
  const auto status = m_stub->stub->QueryLogs(ctx.get(), req, &resp);
  if (!status.ok()) {
    emit queryFailed(tr("logs"), q(status.error_message()));
    return;
  }
  QList<LogValue> out;
  for (const auto &r : resp.records())
    out.push_back({r.time_ms(), q(r.service()), severityText(r.severity()), q(r.message()), q(r.trace_id()),
                   q(r.span_id()), q(r.correlation_id()), q(r.event_name())});
  emit logsReceived(traceId, out);
}

void QueryWorker::red(const QString &service, qint64 windowSeconds) {
  if (!m_stub)
    return;
  pxp::v1::GetRedMetricsRequest req;
  req.set_service(service.toStdString());
  req.set_window_seconds(windowSeconds);
  pxp::v1::GetRedMetricsResponse resp;
  auto ctx = m_stub->context();
  const auto status = m_stub->stub->GetRedMetrics(ctx.get(), req, &resp);
  if (!status.ok()) {
    emit queryFailed(tr("RED metrics"), q(status.error_message()));
    return;
  }
  QList<RedValue> endpoints;
  for (const auto &m : resp.endpoints())
    endpoints.push_back({q(m.service()), q(m.endpoint()), m.window_seconds(), m.requests_per_second(), m.error_ratio(),
                         m.p50_latency_ms(), m.p95_latency_ms(), m.p99_latency_ms()});
  QList<CostValue> costs;
  for (const auto &c : resp.costs())
    costs.push_back(
        {q(c.service()), c.time_ms(), c.cost_per_hour_usd(), c.cost_per_1k_transactions_usd(), c.p95_latency_ms()});
  emit redReceived(endpoints, costs);
}

} // namespace pxp::client
