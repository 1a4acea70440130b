// The OpenTelemetry JS SDK (a client PXP did not write) exports traces, log records and product
// events over OTLP/gRPC to a real pxpd on loopback. The traces show up in the trace store with
// their parent/child links, timing, status and correlation ids; the logs and events come back
// with their trace, linked by trace id or by request id, events without an id counted as
// unlinked; the traces drive RED metrics and two span-based SLOs
// (resources/config/slos/otlp-spans.yaml) whose good/total counts reach Watch clients; and the
// ingest's token rules and memory cap hold against pxpd's own OTLP protos.

#include "InteropSupport.h"
#include "RealParts.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.grpc.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "pxp/v1/control_plane.grpc.pb.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <map>

namespace otlp = opentelemetry::proto;
using pxp::interop::Pxpd;

namespace {

constexpr char kIngestToken[] = "otlp-ingest-token-0123456789abcdef";
constexpr char kFastSlo[] = "checkout/checkout-fast-and-ok";
constexpr char kCallsSlo[] = "checkout/checkout-calls-ok";

std::unique_ptr<grpc::ClientContext> context(const std::string &token = {}) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty())
    ctx->AddMetadata("authorization", "Bearer " + token);
  return ctx;
}

const pxp::v1::Span *spanById(const pxp::v1::Trace &t, const QString &id) {
  for (const auto &s : t.spans())
    if (s.span_id() == id.toStdString())
      return &s;
  return nullptr;
}

std::string label(const pxp::v1::Span &s, const std::string &key) {
  for (const auto &l : s.attributes())
    if (l.key() == key)
      return l.value();
  return "<missing>";
}

// An OTLP request of `count` one-span traces of service `service`, ids derived from `first`.
otlp::collector::trace::v1::ExportTraceServiceRequest traces(int first, int count, const std::string &service) {
  otlp::collector::trace::v1::ExportTraceServiceRequest req;
  auto *rs = req.add_resource_spans();
  auto *attr = rs->mutable_resource()->add_attributes();
  attr->set_key("service.name");
  attr->mutable_value()->set_string_value(service);
  auto *ss = rs->add_scope_spans();
  const auto nowNs = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch()) * 1'000'000;
  for (int i = first; i < first + count; ++i) {
    auto *s = ss->add_spans();
    std::string traceId(16, '\0'), spanId(8, '\0');
    for (int b = 0; b < 4; ++b)
      traceId[12 + b] = spanId[4 + b] = static_cast<char>((static_cast<unsigned>(i + 1) >> (8 * (3 - b))) & 0xff);
    s->set_trace_id(traceId);
    s->set_span_id(spanId);
    s->set_name("GET /item");
    s->set_start_time_unix_nano(nowNs - 2'000'000'000);
    s->set_end_time_unix_nano(nowNs - 1'990'000'000);
  }
  return req;
}

QString hexTraceId(int i) {
  return QStringLiteral("%1").arg(i + 1, 32, 16, QLatin1Char('0'));
}

} // namespace

class TestOtlpInterop : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Pxpd m_pxpd;
  std::unique_ptr<pxp::v1::ControlPlane::Stub> m_api;
  std::string m_viewer;
  QJsonObject m_sent; // what export.js reported it exported

  void writeFile(const QString &name, const QByteArray &text) {
    QFile f(m_dir.filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
  }

  QString traceId(const char *name) const {
    return m_sent["traces"].toObject()[name].toObject()["root"].toObject()["traceId"].toString();
  }
  QString spanId(const char *trace, const char *span) const {
    return m_sent["traces"].toObject()[trace].toObject()[span].toObject()["spanId"].toString();
  }

  // Reads a Watch stream until both span SLOs report `fastTotal` and `callsTotal` events over
  // the period (the engine re-evaluates once a second), or the 20 s deadline passes.
  std::map<std::string, pxp::v1::SloStatus> watchSpanSlos(double fastTotal, double callsTotal) {
    std::map<std::string, pxp::v1::SloStatus> latest;
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + m_viewer);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto stream = m_api->Watch(&ctx, pxp::v1::WatchRequest());
    pxp::v1::WatchResponse resp;
    const auto done = [&] {
      return latest[kFastSlo].total_events_period() == fastTotal &&
             latest[kCallsSlo].total_events_period() == callsTotal;
    };
    while (stream->Read(&resp)) {
      for (const auto &s : resp.snapshot().statuses())
        latest[s.slo_id()] = s;
      for (const auto &e : resp.events())
        if (e.has_slo_status())
          latest[e.slo_status().slo_id()] = e.slo_status();
      if (done()) {
        ctx.TryCancel();
        break;
      }
    }
    stream->Finish();
    return latest;
  }

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    writeFile("otlp.token", kIngestToken);
    writeFile("pxpd.yaml", "slo_files:\n  - " PXP_SOURCE_DIR "/resources/config/slos/otlp-spans.yaml\n"
                           "traces:\n  max_bytes: 1048576\n"
                           "otlp:\n  token_file: otlp.token\n");
    QVERIFY2(m_pxpd.start(m_dir.filePath("state"), {"--config", m_dir.filePath("pxpd.yaml")}),
             m_pxpd.output().constData());
    m_api = pxp::v1::ControlPlane::NewStub(
        grpc::CreateChannel(m_pxpd.address().toStdString(), grpc::InsecureChannelCredentials()));
    m_viewer = m_pxpd.token("viewer");
    QVERIFY(!m_viewer.empty());

    const auto run = pxp::interop::runNode(
        "otel/export.js", {"--endpoint", "http://" + m_pxpd.address(), "--token", QString::fromLatin1(kIngestToken)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    m_sent = run.json;
    QVERIFY2(!traceId("slow-ok").isEmpty(), run.out.constData());
  }

  void sdkTraceKeepsParentChildTimingAndStatus() {
    pxp::v1::GetTraceRequest req;
    req.set_trace_id(traceId("slow-ok").toStdString());
    pxp::v1::Trace t;
    const auto status = m_api->GetTrace(context(m_viewer).get(), req, &t);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(t.spans_size(), 3);
    QCOMPARE(t.root_service(), std::string("checkout"));
    QCOMPARE(t.root_operation(), std::string("POST /checkout"));
    QCOMPARE(t.duration_us(), 250'000);
    QVERIFY(t.has_error());

    const auto *root = spanById(t, spanId("slow-ok", "root"));
    const auto *cart = spanById(t, spanId("slow-ok", "cart"));
    const auto *charge = spanById(t, spanId("slow-ok", "charge"));
    QVERIFY(root && cart && charge);
    QCOMPARE(root->parent_span_id(), std::string());
    QCOMPARE(cart->parent_span_id(), root->span_id());
    QCOMPARE(charge->parent_span_id(), root->span_id());
    QCOMPARE(charge->service(), std::string("payments"));
    QCOMPARE(cart->operation(), std::string("SELECT cart"));
    QCOMPARE(root->start_us(), static_cast<std::int64_t>(m_sent["baseMs"].toDouble()) * 1000);
    QCOMPARE(cart->start_us() - root->start_us(), 10'000);
    QCOMPARE(root->duration_us(), 250'000);
    QCOMPARE(cart->duration_us(), 50'000);
    QCOMPARE(charge->duration_us(), 170'000);
    QCOMPARE(root->status(), pxp::v1::SPAN_STATUS_OK);
    QCOMPARE(cart->status(), pxp::v1::SPAN_STATUS_UNSPECIFIED);
    QCOMPARE(charge->status(), pxp::v1::SPAN_STATUS_ERROR);
    QCOMPARE(charge->status_message(), std::string("card declined"));
    QCOMPARE(label(*root, "http.route"), std::string("/checkout"));
    QCOMPARE(label(*charge, "event.retry"), std::string("+20 ms"));
    QCOMPARE(root->correlation_id(), std::string("req-1"));
    QCOMPARE(cart->correlation_id(), std::string());
  }

  void listAndUnlinkedCountsCoverEverySdkSpan() {
    pxp::v1::ListTracesRequest req;
    req.set_service("checkout");
    pxp::v1::ListTracesResponse resp;
    QVERIFY(m_api->ListTraces(context(m_viewer).get(), req, &resp).ok());
    QStringList ids;
    for (const auto &t : resp.traces())
      ids << QString::fromStdString(t.trace_id());
    for (const char *name : {"slow-ok", "too-slow", "failed"})
      QVERIFY2(ids.contains(traceId(name)), name);
    req.set_errors_only(true);
    QVERIFY(m_api->ListTraces(context(m_viewer).get(), req, &resp).ok());
    QCOMPARE(resp.traces_size(), 2); // slow-ok (charge card) and failed
    // Two of the five spans carry no request id: the debug view shows them as unlinked.
    QCOMPARE(resp.stats().spans_stored(), 5);
    QCOMPARE(resp.stats().spans_unlinked(), 2);
    QCOMPARE(resp.stats().unlinked_ratio(), 0.4);
    QCOMPARE(resp.stats().bytes_cap(), 1048576);
    QCOMPARE(resp.stats().spans_dropped(), 0);
  }

  // The records QueryLogs returns for the trace export.js called `traceName`.
  bool logsOf(const char *traceName, pxp::v1::QueryLogsResponse &out) {
    pxp::v1::QueryLogsRequest req;
    req.set_trace_id(traceId(traceName).toStdString());
    const auto status = m_api->QueryLogs(context(m_viewer).get(), req, &out);
    if (!status.ok())
      qWarning("QueryLogs for %s: %s", traceName, status.error_message().c_str());
    return status.ok();
  }

  static const pxp::v1::LogRecord *recordWhere(const pxp::v1::QueryLogsResponse &logs, const std::string &eventName,
                                               const std::string &message) {
    for (const auto &r : logs.records())
      if (r.event_name() == eventName && r.message() == message)
        return &r;
    return nullptr;
  }

  void sdkLogsAndProductEventsComeBackWithTheirTrace() {
    pxp::v1::QueryLogsResponse slowOk, failed, tooSlow;
    QVERIFY(logsOf("slow-ok", slowOk));
    QVERIFY2(slowOk.records_size() == 2, slowOk.DebugString().c_str());
    const auto *event = recordWhere(slowOk, "checkout.completed", "checkout.completed");
    QVERIFY2(event, slowOk.DebugString().c_str());
    QCOMPARE(event->trace_id(), traceId("slow-ok").toStdString());
    QCOMPARE(event->span_id(), spanId("slow-ok", "root").toStdString());
    QCOMPARE(event->correlation_id(), std::string("req-1"));
    QCOMPARE(event->service(), std::string("checkout"));
    QCOMPARE(event->severity(), pxp::v1::LOG_SEVERITY_INFO);
    QCOMPARE(event->time_ms(), static_cast<std::int64_t>(m_sent["baseMs"].toDouble()) + 248);
    const auto *line = recordWhere(slowOk, "", "card declined by acme");
    QVERIFY2(line, slowOk.DebugString().c_str());
    QCOMPARE(line->trace_id(), traceId("slow-ok").toStdString());
    QCOMPARE(line->span_id(), spanId("slow-ok", "charge").toStdString());
    QCOMPARE(line->severity(), pxp::v1::LOG_SEVERITY_WARN);
    QCOMPARE(line->correlation_id(), std::string());

    // Sent outside any span: only its request id ties payment.failed to the failed checkout.
    QVERIFY(logsOf("failed", failed));
    QVERIFY2(failed.records_size() == 1, failed.DebugString().c_str());
    QCOMPARE(failed.records(0).event_name(), std::string("payment.failed"));
    QCOMPARE(failed.records(0).trace_id(), std::string());
    QCOMPARE(failed.records(0).correlation_id(), std::string("req-3"));
    QVERIFY(logsOf("too-slow", tooSlow));
    QCOMPARE(tooSlow.records_size(), 0);

    pxp::v1::ListTracesResponse list;
    QVERIFY(m_api->ListTraces(context(m_viewer).get(), pxp::v1::ListTracesRequest(), &list).ok());
    QCOMPARE(list.stats().events_received(), 3);
    QCOMPARE(list.stats().events_unlinked(), 1); // signup.started carried no request id
  }

  void logsIngestKeepsTheTokenRules() {
    auto ingest = otlp::collector::logs::v1::LogsService::NewStub(
        grpc::CreateChannel(m_pxpd.address().toStdString(), grpc::InsecureChannelCredentials()));
    otlp::collector::logs::v1::ExportLogsServiceRequest req;
    req.add_resource_logs()->add_scope_logs()->add_log_records()->mutable_body()->set_string_value("hello");
    otlp::collector::logs::v1::ExportLogsServiceResponse resp;
    QCOMPARE(ingest->Export(context("wrong-token-wrong-token").get(), req, &resp).error_code(),
             grpc::StatusCode::UNAUTHENTICATED);
    QCOMPARE(ingest->Export(context(m_viewer).get(), req, &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    const auto status = ingest->Export(context(kIngestToken).get(), req, &resp);
    QVERIFY2(status.ok(), status.error_message().c_str());
  }

  void redMetricsComeFromSdkSpans() {
    pxp::v1::GetRedMetricsRequest req;
    req.set_service("checkout");
    req.set_window_seconds(300);
    pxp::v1::GetRedMetricsResponse resp;
    QVERIFY(m_api->GetRedMetrics(context(m_viewer).get(), req, &resp).ok());
    const pxp::v1::RedMetrics *checkout = nullptr;
    for (const auto &m : resp.endpoints())
      if (m.endpoint() == "POST /checkout")
        checkout = &m;
    QVERIFY(checkout);
    QCOMPARE(checkout->requests_per_second(), 3.0 / 300);
    QCOMPARE(checkout->error_ratio(), 1.0 / 3);
    QCOMPARE(checkout->p50_latency_ms(), 250.0);
    QCOMPARE(checkout->p99_latency_ms(), 400.0);
  }

  void spanSlosCountGoodAndBadSpans() {
    const auto latest = watchSpanSlos(3, 4);
    const auto &fast = latest.at(kFastSlo);
    const auto &calls = latest.at(kCallsSlo);
    QVERIFY2(fast.total_events_period() == 3, fast.DebugString().c_str());
    // Good = not ERROR and under 300 ms: only the 250 ms OK root; 400 ms and ERROR are bad.
    QCOMPARE(fast.good_events_period(), 1.0);
    QVERIFY2(calls.total_events_period() == 4, calls.DebugString().c_str());
    // Every checkout span (the payments child is another service); one of them is ERROR.
    QCOMPARE(calls.good_events_period(), 3.0);
    QVERIFY(fast.error().empty());
    QVERIFY(fast.last_data_ms() > 0);
  }

  void ingestTokenRules() {
    auto ingest = otlp::collector::trace::v1::TraceService::NewStub(
        grpc::CreateChannel(m_pxpd.address().toStdString(), grpc::InsecureChannelCredentials()));
    otlp::collector::trace::v1::ExportTraceServiceResponse resp;
    auto status = ingest->Export(context("wrong-token-wrong-token").get(), traces(0, 1, "cpp-client"), &resp);
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    QVERIFY(status.error_message().find("wrong-token") == std::string::npos);
    // An API token is not an ingest token.
    status = ingest->Export(context(m_viewer).get(), traces(0, 1, "cpp-client"), &resp);
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);

    // No token from loopback is accepted (a local collector); a malformed span is rejected
    // alone and reported in partial_success.
    auto req = traces(0, 2, "cpp-client");
    req.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(1)->set_trace_id(std::string(16, '\0'));
    status = ingest->Export(context().get(), req, &resp);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(resp.partial_success().rejected_spans(), 1);
    QVERIFY(resp.partial_success().error_message().find("trace_id") != std::string::npos);
    pxp::v1::GetTraceRequest get;
    get.set_trace_id(hexTraceId(0).toStdString());
    pxp::v1::Trace t;
    QVERIFY(m_api->GetTrace(context(m_viewer).get(), get, &t).ok());
    QCOMPARE(t.root_service(), std::string("cpp-client"));
  }

  void tokenOnlyIngestAndMemoryCapDropOldest() {
    writeFile("strict.yaml", "traces:\n  max_bytes: 65536\n"
                             "otlp:\n  token_file: otlp.token\n  allow_loopback_unauthenticated: false\n");
    Pxpd strict;
    QVERIFY2(strict.start(m_dir.filePath("strict-state"), {"--config", m_dir.filePath("strict.yaml")}),
             strict.output().constData());
    auto channel = grpc::CreateChannel(strict.address().toStdString(), grpc::InsecureChannelCredentials());
    auto ingest = otlp::collector::trace::v1::TraceService::NewStub(channel);
    auto api = pxp::v1::ControlPlane::NewStub(channel);
    const std::string viewer = strict.token("viewer");
    otlp::collector::trace::v1::ExportTraceServiceResponse resp;
    auto status = ingest->Export(context().get(), traces(0, 1, "edge"), &resp);
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    QVERIFY(status.error_message().find("allow_unauthenticated") != std::string::npos);

    constexpr int kBatches = 40, kPerBatch = 100;
    QElapsedTimer timer;
    timer.start();
    for (int b = 0; b < kBatches; ++b) {
      status = ingest->Export(context(kIngestToken).get(), traces(b * kPerBatch, kPerBatch, "edge"), &resp);
      QVERIFY2(status.ok(), status.error_message().c_str());
    }
    qInfo("ingested %d spans in %lld ms over one OTLP stream (batches of %d)", kBatches * kPerBatch,
          static_cast<long long>(timer.elapsed()), kPerBatch);

    pxp::v1::ListTracesResponse list;
    QVERIFY(api->ListTraces(context(viewer).get(), pxp::v1::ListTracesRequest(), &list).ok());
    QVERIFY(list.stats().spans_dropped() > 0);
    QCOMPARE(list.stats().spans_dropped() + list.stats().spans_stored(), kBatches * kPerBatch);
    QVERIFY(list.stats().bytes_used() <= 65536);
    pxp::v1::GetTraceRequest get;
    pxp::v1::Trace t;
    get.set_trace_id(hexTraceId(0).toStdString());
    QCOMPARE(api->GetTrace(context(viewer).get(), get, &t).error_code(), grpc::StatusCode::NOT_FOUND);
    get.set_trace_id(hexTraceId(kBatches * kPerBatch - 1).toStdString());
    QVERIFY(api->GetTrace(context(viewer).get(), get, &t).ok());
  }
};

PXP_QTEST_GUILESS_MAIN_REQUIRING(
    TestOtlpInterop,
    pxp::interop::nodeUnavailable({"@opentelemetry/sdk-trace-node", "@opentelemetry/exporter-trace-otlp-grpc",
                                   "@opentelemetry/resources", "@opentelemetry/sdk-logs",
                                   "@opentelemetry/exporter-logs-otlp-grpc", "@opentelemetry/api-logs"}))
#include "tst_otlp_interop.moc"
