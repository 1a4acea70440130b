// Hermetic OTLP ingest: the in-process daemon on a ManualClock receives OTLP spans through its
// TraceService, maps them (ids, service.name, status, attributes, correlation ids), and counts
// them as events of span-based SLOs (threshold and ratio selectors); a span selector pxpd
// cannot read fails the load with file:line. Its LogsService takes log records and product events
// (OpenTelemetry events) under the same token rules, maps them (severity, ids, caps, event
// names) and links them to OTLP spans by request id, counting events without one as unlinked.

#include "DaemonFixture.h"
#include "traces/OtlpLogMapping.h"
#include "traces/OtlpSpanMapping.h"
#include "traces/SpanSelector.h"
#include "traces/TraceStore.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.grpc.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"

#include <QTest>

namespace otlp = opentelemetry::proto;
using testing::DaemonFixture;
using testing::kStartMs;

namespace {

constexpr char kIngestToken[] = "hermetic-ingest-token-0123456789";

// Two span SLOs of service api: a-fast (threshold, selector given, good when not ERROR and
// <= 100 ms) and gold-ok (ratio over spans with attribute tier=gold, good unless ERROR).
// (Plain strings: Qt 6.4's moc misreads raw string literals.)
std::string spanSlos(const std::string &thresholdSelector) {
  const std::string head = "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ";
  const std::string tail = "  timeWindow: [{duration: 30d, isRolling: true}]\n  budgetingMethod: Occurrences\n";
  return head + "a-fast\n  annotations: {pxp.dev/source: spans}\nspec:\n  service: api\n  indicator:\n    spec:\n" +
         "      thresholdMetric:\n        metricSource: {type: OTLP, spec: {selector: '" + thresholdSelector + "'}}\n" +
         tail + "  objectives: [{target: 0.99, op: lte, value: 100}]\n" + head +
         "gold-ok\n  annotations: {pxp.dev/source: spans}\nspec:\n  service: api\n  indicator:\n    spec:\n" +
         "      ratioMetric:\n" +
         "        good: {metricSource: {type: OTLP, spec: {selector: 'service=api, tier=gold, status!=error'}}}\n" +
         "        total: {metricSource: {type: OTLP, spec: {selector: 'service=api, tier=gold'}}}\n" + tail +
         "  objectives: [{target: 0.99}]\n";
}

struct SpanArgs {
  std::string name;
  std::int64_t endMs, durationMs;
  otlp::trace::v1::Status::StatusCode code = otlp::trace::v1::Status::STATUS_CODE_UNSET;
  std::string tier;
};

otlp::collector::trace::v1::ExportTraceServiceRequest request(const std::string &service,
                                                              const std::vector<SpanArgs> &spans) {
  otlp::collector::trace::v1::ExportTraceServiceRequest req;
  auto *rs = req.add_resource_spans();
  if (!service.empty()) {
    auto *a = rs->mutable_resource()->add_attributes();
    a->set_key("service.name");
    a->mutable_value()->set_string_value(service);
  }
  auto *ss = rs->add_scope_spans();
  int n = 0;
  for (const auto &args : spans) {
    auto *s = ss->add_spans();
    ++n;
    s->set_trace_id(std::string(15, '\x01') + static_cast<char>(n));
    s->set_span_id(std::string(7, '\x02') + static_cast<char>(n));
    s->set_name(args.name);
    s->set_end_time_unix_nano(static_cast<std::uint64_t>(args.endMs) * 1'000'000);
    s->set_start_time_unix_nano(static_cast<std::uint64_t>(args.endMs - args.durationMs) * 1'000'000);
    s->mutable_status()->set_code(args.code);
    if (!args.tier.empty()) {
      auto *a = s->add_attributes();
      a->set_key("tier");
      a->mutable_value()->set_string_value(args.tier);
    }
  }
  return req;
}

// An OTLP logs request of service `service` with one record per body; callers add ids and
// attributes to the records.
otlp::collector::logs::v1::ExportLogsServiceRequest
logRequest(const std::string &service, const std::vector<std::string> &bodies, std::int64_t timeMs) {
  otlp::collector::logs::v1::ExportLogsServiceRequest req;
  auto *rl = req.add_resource_logs();
  auto *a = rl->mutable_resource()->add_attributes();
  a->set_key("service.name");
  a->mutable_value()->set_string_value(service);
  auto *sl = rl->add_scope_logs();
  for (const auto &body : bodies) {
    auto *r = sl->add_log_records();
    r->set_time_unix_nano(static_cast<std::uint64_t>(timeMs) * 1'000'000);
    r->set_severity_number(otlp::logs::v1::SEVERITY_NUMBER_INFO);
    r->mutable_body()->set_string_value(body);
  }
  return req;
}

void addAttribute(otlp::logs::v1::LogRecord &r, const std::string &key, const std::string &value) {
  auto *a = r.add_attributes();
  a->set_key(key);
  a->mutable_value()->set_string_value(value);
}

} // namespace

class TestOtlpIngest : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  std::unique_ptr<DaemonFixture> daemonWith(const std::string &slos) {
    const auto file = testing::writeFile(m_dir, "spans.yaml", slos);
    return std::make_unique<DaemonFixture>([&](pxpd::DaemonConfig &c) {
      c.simulate = false;
      c.sloFiles = {file};
      c.otlp.token = kIngestToken; // an in-process channel has no address to trust
    });
  }

  static grpc::Status exportSpans(DaemonFixture &f, const otlp::collector::trace::v1::ExportTraceServiceRequest &req,
                                  otlp::collector::trace::v1::ExportTraceServiceResponse *resp = nullptr) {
    auto stub = otlp::collector::trace::v1::TraceService::NewStub(f.daemon->inProcessChannel());
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", std::string("Bearer ") + kIngestToken);
    otlp::collector::trace::v1::ExportTraceServiceResponse ignored;
    return stub->Export(&ctx, req, resp ? resp : &ignored);
  }

  static grpc::Status exportLogs(DaemonFixture &f, const otlp::collector::logs::v1::ExportLogsServiceRequest &req,
                                 otlp::collector::logs::v1::ExportLogsServiceResponse *resp = nullptr,
                                 const std::string &token = kIngestToken) {
    auto stub = otlp::collector::logs::v1::LogsService::NewStub(f.daemon->inProcessChannel());
    grpc::ClientContext ctx;
    if (!token.empty())
      ctx.AddMetadata("authorization", "Bearer " + token);
    otlp::collector::logs::v1::ExportLogsServiceResponse ignored;
    return stub->Export(&ctx, req, resp ? resp : &ignored);
  }

private slots:
  void thresholdAndRatioSpanSlosCountEvents() {
    auto f = daemonWith(spanSlos("service=api, operation=\"GET /a\""));
    QVERIFY2(f->started(), f->startError.c_str());
    const std::int64_t end = kStartMs - 5000;
    using S = otlp::trace::v1::Status;
    const auto status = exportSpans(*f, request("api", {{"GET /a", end, 100, S::STATUS_CODE_OK, "gold"},
                                                        {"GET /a", end, 101, S::STATUS_CODE_OK, "gold"},
                                                        {"GET /a", end, 50, S::STATUS_CODE_ERROR, "gold"},
                                                        {"GET /b", end, 10, S::STATUS_CODE_UNSET, "silver"}}));
    QVERIFY2(status.ok(), status.error_message().c_str());
    f->advance(testing::kTickMs);
    const auto snap = f->snapshot();
    const auto *fast = DaemonFixture::status(snap, "api/a-fast");
    QVERIFY(fast);
    QCOMPARE(fast->total_events_period(), 3.0); // GET /b is not selected
    QCOMPARE(fast->good_events_period(), 1.0);  // 100 ms OK; 101 ms and ERROR are bad
    QVERIFY(fast->error().empty());
    const auto *gold = DaemonFixture::status(snap, "api/gold-ok");
    QCOMPARE(gold->total_events_period(), 3.0);
    QCOMPARE(gold->good_events_period(), 2.0);

    // A span from a clock a day ahead counts now, and does not age the counted ones out.
    QVERIFY(exportSpans(*f, request("api", {{"GET /a", kStartMs + 86'400'000, 20, S::STATUS_CODE_OK, ""}})).ok());
    f->advance(testing::kTickMs);
    const auto laterSnap = f->snapshot(); // status() points into it: it must outlive `later`
    const auto *later = DaemonFixture::status(laterSnap, "api/a-fast");
    QCOMPARE(later->total_events_period(), 4.0);
    QCOMPARE(later->good_events_period(), 2.0);
    QVERIFY(later->last_data_ms() <= f->clock.nowMs());
  }

  void requestIdLinksAnOtlpSpanToLogRecords() {
    // The simulated world writes log records carrying request ids; an OTLP span of another
    // trace that carries one of those ids shows them as its logs.
    auto f = std::make_unique<DaemonFixture>([](pxpd::DaemonConfig &c) { c.otlp.token = kIngestToken; });
    QVERIFY2(f->started(), f->startError.c_str());
    f->advance(6 * testing::kTickMs);
    pxp::v1::QueryLogsRequest q;
    q.set_limit(2000);
    pxp::v1::QueryLogsResponse all;
    QVERIFY(f->stub->QueryLogs(f->context("viewer").get(), q, &all).ok());
    std::string requestId;
    for (const auto &r : all.records())
      if (!r.correlation_id().empty()) {
        requestId = r.correlation_id();
        break;
      }
    QVERIFY2(!requestId.empty(), "the simulated world wrote no log with a request id");

    auto req = request("edge", {{"GET /edge", f->clock.nowMs() - 1000, 5, {}, ""}});
    auto *attr = req.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(0)->add_attributes();
    attr->set_key("request.id");
    attr->mutable_value()->set_string_value(requestId);
    QVERIFY(exportSpans(*f, req).ok());
    q.set_trace_id("01010101010101010101010101010101");
    pxp::v1::QueryLogsResponse linked;
    QVERIFY(f->stub->QueryLogs(f->context("viewer").get(), q, &linked).ok());
    QVERIFY(linked.records_size() > 0);
    for (const auto &r : linked.records())
      QCOMPARE(r.correlation_id(), requestId);
  }

  void unreadableSelectorFailsTheLoadWithFileAndLine() {
    auto f = daemonWith(spanSlos("service=api, status=broken"));
    QVERIFY(!f->started());
    QVERIFY2(f->startError.find("spans.yaml:") != std::string::npos, f->startError.c_str());
    QVERIFY2(f->startError.find("status 'broken' is not a span status") != std::string::npos, f->startError.c_str());
  }

  void selectorGrammar_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("matches"); // the span: checkout "POST /pay", ERROR, tenant=a
    QTest::newRow("service") << "service=checkout" << true << true;
    QTest::newRow("braces and quotes") << "{service=\"checkout\", operation=\"POST /pay\"}" << true << true;
    QTest::newRow("not error") << "service=checkout, status!=error" << true << false;
    QTest::newRow("status case") << "status=ERROR" << true << true;
    QTest::newRow("attribute") << "tenant=a" << true << true;
    QTest::newRow("missing attribute") << "region!=eu" << true << true;
    QTest::newRow("other service") << "service=search" << true << false;
    QTest::newRow("empty") << "" << false << false;
    QTest::newRow("no operator") << "service checkout" << false << false;
    QTest::newRow("open quote") << "operation=\"POST /pay" << false << false;
    QTest::newRow("no comma") << "service=a tenant=b" << false << false;
    QTest::newRow("no value") << "service=" << false << false;
  }
  void selectorGrammar() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, matches);
    pxp::v1::Span span;
    span.set_service("checkout");
    span.set_operation("POST /pay");
    span.set_status(pxp::v1::SPAN_STATUS_ERROR);
    auto *l = span.add_attributes();
    l->set_key("tenant");
    l->set_value("a");
    const auto sel = pxpd::SpanSelector::parse(text.toStdString());
    QCOMPARE(sel.ok(), valid);
    if (sel.ok())
      QCOMPARE(sel.value().matches(span), matches);
    else // the error shows how to write a selector, or names the unclosed quote
      QVERIFY2(sel.error().find("service=checkout") != std::string::npos ||
                   sel.error().find("quote") != std::string::npos,
               sel.error().c_str());
  }

  void mappingRejectsBadIdsAndReadsAttributes() {
    auto req = request("", {{"op", kStartMs, 5, {}, ""}, {"bad parent", kStartMs, 5, {}, ""}});
    auto *spans = req.mutable_resource_spans(0)->mutable_scope_spans(0);
    auto *first = spans->mutable_spans(0);
    auto addAttr = [&](const char *key) {
      auto *a = first->add_attributes();
      a->set_key(key);
      return a->mutable_value();
    };
    addAttr("correlation.id")->set_string_value("corr-7");
    addAttr("retries")->set_int_value(3);
    addAttr("cached")->set_bool_value(true);
    auto *arr = addAttr("tags")->mutable_array_value();
    arr->add_values()->set_string_value("x");
    arr->add_values()->set_int_value(2);
    spans->mutable_spans(1)->set_parent_span_id("short");
    const auto mapped = pxpd::mapOtlpSpans(req);
    QCOMPARE(mapped.rejected, 1);
    QVERIFY(mapped.firstRejection.find("parent_span_id") != std::string::npos);
    QCOMPARE(mapped.spans.size(), std::size_t(1));
    const auto &s = mapped.spans[0];
    QCOMPARE(s.service(), std::string("unknown_service"));
    QCOMPARE(s.trace_id(), std::string("01010101010101010101010101010101"));
    QCOMPARE(s.span_id(), std::string("0202020202020201"));
    QCOMPARE(s.correlation_id(), std::string("corr-7"));
    QCOMPARE(s.duration_us(), std::int64_t(5000));
    QCOMPARE(s.attributes(1).value(), std::string("3"));
    QCOMPARE(s.attributes(2).value(), std::string("true"));
    QCOMPARE(s.attributes(3).value(), std::string("[x,2]"));
  }

  void otlpEventsAndLogsLinkToASpanByRequestId() {
    auto f = daemonWith(spanSlos("service=api"));
    QVERIFY2(f->started(), f->startError.c_str());
    const std::int64_t at = kStartMs - 5000;
    auto spans = request("checkout", {{"POST /checkout", at, 40, {}, ""}});
    auto *attr = spans.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(0)->add_attributes();
    attr->set_key("request.id");
    attr->mutable_value()->set_string_value("req-42");
    QVERIFY(exportSpans(*f, spans).ok());

    // A product event linked by request id only, a log line by trace id, an event with no id,
    // and a line of another request that must not show up.
    auto logs = logRequest("checkout", {"", "cart saved", "", "other request"}, at);
    auto *records = logs.mutable_resource_logs(0)->mutable_scope_logs(0);
    records->mutable_log_records(0)->set_event_name("checkout.completed");
    addAttribute(*records->mutable_log_records(0), "request.id", "req-42");
    records->mutable_log_records(1)->set_trace_id(std::string(15, '\x01') + '\x01');
    records->mutable_log_records(1)->set_span_id(std::string(7, '\x02') + '\x01');
    addAttribute(*records->mutable_log_records(2), "event.name", "signup.started");
    addAttribute(*records->mutable_log_records(3), "request.id", "req-43");

    // The logs ingest keeps the trace ingest's rules: a wrong token is refused.
    QCOMPARE(exportLogs(*f, logs, nullptr, "wrong-token-wrong-token").error_code(), grpc::StatusCode::UNAUTHENTICATED);
    QCOMPARE(exportLogs(*f, logs, nullptr, "").error_code(),
             grpc::StatusCode::UNAUTHENTICATED); // in-process: no address
    otlp::collector::logs::v1::ExportLogsServiceResponse resp;
    const auto status = exportLogs(*f, logs, &resp);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QVERIFY(!resp.has_partial_success());

    pxp::v1::QueryLogsRequest q;
    q.set_trace_id("01010101010101010101010101010101");
    pxp::v1::QueryLogsResponse linked;
    QVERIFY(f->stub->QueryLogs(f->context("viewer").get(), q, &linked).ok());
    QCOMPARE(linked.records_size(), 2);
    const auto &event = linked.records(0);
    QCOMPARE(event.event_name(), std::string("checkout.completed"));
    QCOMPARE(event.message(), std::string("checkout.completed")); // no body: the event's name
    QCOMPARE(event.correlation_id(), std::string("req-42"));
    QCOMPARE(event.service(), std::string("checkout"));
    QCOMPARE(event.time_ms(), at);
    const auto &line = linked.records(1);
    QCOMPARE(line.event_name(), std::string());
    QCOMPARE(line.message(), std::string("cart saved"));
    QCOMPARE(line.span_id(), std::string("0202020202020201"));

    pxp::v1::ListTracesResponse list;
    QVERIFY(f->stub->ListTraces(f->context("viewer").get(), pxp::v1::ListTracesRequest(), &list).ok());
    QCOMPARE(list.stats().events_received(), 2);
    QCOMPARE(list.stats().events_unlinked(), 1); // signup.started carried no request id
  }

  void logSeverityMapping_data() {
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    QTest::newRow("TRACE2 -> debug") << 2 << "" << int(pxp::v1::LOG_SEVERITY_DEBUG);
    QTest::newRow("DEBUG") << 5 << "" << int(pxp::v1::LOG_SEVERITY_DEBUG);
    QTest::newRow("INFO4") << 12 << "" << int(pxp::v1::LOG_SEVERITY_INFO);
    QTest::newRow("WARN") << 13 << "" << int(pxp::v1::LOG_SEVERITY_WARN);
    QTest::newRow("ERROR3") << 19 << "" << int(pxp::v1::LOG_SEVERITY_ERROR);
    QTest::newRow("FATAL -> error") << 21 << "" << int(pxp::v1::LOG_SEVERITY_ERROR);
    QTest::newRow("number beats text") << 9 << "ERROR" << int(pxp::v1::LOG_SEVERITY_INFO);
    QTest::newRow("text warning") << 0 << "Warning" << int(pxp::v1::LOG_SEVERITY_WARN);
    QTest::newRow("text fatal") << 0 << "FATAL" << int(pxp::v1::LOG_SEVERITY_ERROR);
    QTest::newRow("text unknown") << 0 << "loud" << int(pxp::v1::LOG_SEVERITY_UNSPECIFIED);
    QTest::newRow("out of range") << 30 << "" << int(pxp::v1::LOG_SEVERITY_UNSPECIFIED);
  }
  void logSeverityMapping() {
    QFETCH(int, number);
    QFETCH(QString, text);
    QFETCH(int, expected);
    auto req = logRequest("svc", {"x"}, kStartMs);
    auto *r = req.mutable_resource_logs(0)->mutable_scope_logs(0)->mutable_log_records(0);
    r->set_severity_number(static_cast<otlp::logs::v1::SeverityNumber>(number));
    r->set_severity_text(text.toStdString());
    const auto mapped = pxpd::mapOtlpLogs(req, kStartMs);
    QCOMPARE(mapped.records.size(), std::size_t(1));
    QCOMPARE(int(mapped.records[0].severity()), expected);
  }

  void logMappingKeepsRecordsWithBadIdsWithoutTheirLink() {
    auto req = logRequest("svc", {"short trace", "zero trace", "bad span", "no ids"}, kStartMs);
    auto *records = req.mutable_resource_logs(0)->mutable_scope_logs(0);
    records->mutable_log_records(0)->set_trace_id("short");
    records->mutable_log_records(0)->set_span_id(std::string(8, '\x03'));
    records->mutable_log_records(1)->set_trace_id(std::string(16, '\0'));
    records->mutable_log_records(2)->set_trace_id(std::string(16, '\x01'));
    records->mutable_log_records(2)->set_span_id(std::string(9, '\x02'));
    const auto mapped = pxpd::mapOtlpLogs(req, kStartMs);
    QCOMPARE(mapped.records.size(), std::size_t(4)); // never refused for its ids (OTLP spec)
    QCOMPARE(mapped.invalidIds, 3);
    QVERIFY2(mapped.firstInvalidId.find("'short trace'") != std::string::npos, mapped.firstInvalidId.c_str());
    QCOMPARE(mapped.records[0].trace_id(), std::string());
    QCOMPARE(mapped.records[0].span_id(), std::string()); // a span id means nothing without its trace
    QCOMPARE(mapped.records[1].trace_id(), std::string());
    QCOMPARE(mapped.records[2].trace_id(), std::string("01010101010101010101010101010101"));
    QCOMPARE(mapped.records[2].span_id(), std::string());
    QCOMPARE(mapped.records[3].trace_id(), std::string());
  }

  void logMappingCapsAttributesAndReadsEvents() {
    auto req = logRequest("svc", {std::string(10'000, 'b'), "", ""}, 0);
    auto *records = req.mutable_resource_logs(0)->mutable_scope_logs(0);
    auto *big = records->mutable_log_records(0);
    big->set_time_unix_nano(0);
    big->set_observed_time_unix_nano(static_cast<std::uint64_t>(kStartMs - 7) * 1'000'000);
    for (int i = 0; i < 100; ++i)
      addAttribute(*big, "k" + std::to_string(i), i == 0 ? std::string(2000, 'v') : "v");
    addAttribute(*big, "x-request-id", "late-id"); // past the attribute cap, still read
    auto *both = records->mutable_log_records(1);
    both->set_time_unix_nano(0);
    both->set_event_name("checkout.completed");
    addAttribute(*both, "event.name", "ignored.name");
    both->mutable_body()->mutable_kvlist_value()->add_values()->set_key("amount");
    records->mutable_log_records(2)->set_time_unix_nano(0);
    addAttribute(*records->mutable_log_records(2), "event.name", "payment.failed");

    const auto mapped = pxpd::mapOtlpLogs(req, kStartMs);
    QCOMPARE(mapped.records.size(), std::size_t(3));
    const auto &r = mapped.records[0];
    QCOMPARE(r.attributes_size(), 64);
    QCOMPARE(r.attributes(0).value().size(), std::size_t(512));
    QCOMPARE(r.message().size(), std::size_t(4096));
    QCOMPARE(r.time_ms(), kStartMs - 7); // no event time: the observed time
    QCOMPARE(r.correlation_id(), std::string("late-id"));
    QCOMPARE(r.event_name(), std::string());
    QCOMPARE(mapped.records[1].event_name(), std::string("checkout.completed")); // the field wins
    QCOMPARE(mapped.records[1].message(), std::string("{amount=}"));
    QCOMPARE(mapped.records[1].time_ms(), kStartMs); // no time at all: when pxpd received it
    QCOMPARE(mapped.records[2].event_name(), std::string("payment.failed"));
  }

  // OTLP senders write log records too: they are held to the store's byte cap, oldest first.
  void logRecordsKeepTheByteCap() {
    constexpr std::int64_t kCapBytes = 16 * 1024;
    pxpd::TraceStore store(kCapBytes);
    std::vector<pxp::v1::LogRecord> records(100);
    for (std::size_t i = 0; i < records.size(); ++i) {
      records[i].set_time_ms(kStartMs + static_cast<std::int64_t>(i));
      records[i].set_message(std::to_string(i) + std::string(1000, 'x'));
    }
    store.addLogs(std::move(records));
    pxp::v1::QueryLogsRequest q;
    q.set_limit(2000);
    q.mutable_range()->set_start_ms(kStartMs);
    const auto kept = store.logs(q, kStartMs);
    QVERIFY2(kept.records_size() > 5 && kept.records_size() < 16, std::to_string(kept.records_size()).c_str());
    QCOMPARE(kept.records(kept.records_size() - 1).time_ms(), kStartMs + 99); // the newest stays
    QVERIFY(kept.records(0).time_ms() > kStartMs);
    QCOMPARE(store.stats().logs_dropped(), std::int64_t(100 - kept.records_size())); // every eviction is counted
  }

  // One trace id for 300,000 spans (a runaway loop, or an attacker): the byte cap holds, the
  // trace keeps what fits and says how many spans it did not keep.
  void oneHugeTraceKeepsTheByteCap() {
    constexpr std::int64_t kCapBytes = 1024 * 1024;
    constexpr int kSpans = 300'000;
    pxpd::TraceStore store(kCapBytes);
    std::vector<pxp::v1::Span> spans(kSpans);
    for (int i = 0; i < kSpans; ++i) {
      spans[static_cast<std::size_t>(i)].set_trace_id("0af7651916cd43dd8448eb211c80319c");
      spans[static_cast<std::size_t>(i)].set_span_id("b7ad6b71" + std::to_string(10'000'000 + i));
      spans[static_cast<std::size_t>(i)].set_service("checkout");
      spans[static_cast<std::size_t>(i)].set_operation("loop");
      spans[static_cast<std::size_t>(i)].set_start_us(kStartMs * 1000 + i);
    }
    store.addSpans(std::move(spans));
    const auto stats = store.stats();
    QVERIFY2(stats.bytes_used() <= kCapBytes, std::to_string(stats.bytes_used()).c_str());
    QVERIFY(stats.spans_stored() > 1000);
    QCOMPARE(stats.spans_stored() + stats.spans_truncated(), std::int64_t(kSpans));
    QCOMPARE(stats.spans_dropped(), stats.spans_truncated());
    pxp::v1::Trace trace;
    QVERIFY(store.get("0af7651916cd43dd8448eb211c80319c", trace));
    QCOMPARE(std::int64_t(trace.spans_size()), stats.spans_stored());
    QCOMPARE(trace.spans_truncated(), stats.spans_truncated());
    // The first spans are the ones kept: the trace's start is still its start.
    QCOMPARE(trace.start_us(), kStartMs * 1000);
  }

  void aTracePastItsSpanLimitIsTruncated() {
    pxpd::TraceStore store(64LL * 1024 * 1024, 50'000, /*maxSpansPerTrace=*/1000);
    std::vector<pxp::v1::Span> spans(1500);
    for (std::size_t i = 0; i < spans.size(); ++i) {
      spans[i].set_trace_id("4bf92f3577b34da6a3ce929d0e0e4736");
      spans[i].set_span_id(std::to_string(1'000'000 + i));
      spans[i].set_start_us(static_cast<std::int64_t>(i));
    }
    store.addSpans(std::move(spans));
    pxp::v1::Trace trace;
    QVERIFY(store.get("4bf92f3577b34da6a3ce929d0e0e4736", trace));
    QCOMPARE(trace.spans_size(), 1000);
    QCOMPARE(trace.spans_truncated(), std::int64_t(500));
    QCOMPARE(store.stats().max_spans_per_trace(), std::int64_t(1000));
  }
};

QTEST_GUILESS_MAIN(TestOtlpIngest)
#include "tst_otlp_ingest.moc"
